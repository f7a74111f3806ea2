// CronSchedule.swift: five-field cron expressions ("0 6 * * MON", "*/15 9-17 * * 1-5") and the
// @hourly, @daily, @weekly, @monthly and @yearly shorthands: parsing with errors that name the
// field, the next time after a moment in a named time zone, and the schedule in words.
//
// As in Vixie cron, when both day-of-month and day-of-week are restricted a day matches either.
// Across daylight-saving changes a local time that does not exist (the hour skipped in spring)
// runs at the first minute after the gap, and a local time that occurs twice (the hour repeated in
// autumn) runs once, the first time.
import Foundation

package struct CronSchedule: Equatable, Sendable, CustomStringConvertible {
    package let expression: String
    let minutes: Set<Int>
    let hours: Set<Int>
    let daysOfMonth: Set<Int>
    let months: Set<Int>
    /// 0 = Sunday … 6 = Saturday.
    let daysOfWeek: Set<Int>
    let dayOfMonthRestricted: Bool
    let dayOfWeekRestricted: Bool

    package var description: String { expression }

    package struct ParseError: Error, CustomStringConvertible, Equatable {
        package let message: String
        package var description: String { message }
    }

    private static let shorthands = [
        "@hourly": "0 * * * *", "@daily": "0 0 * * *", "@midnight": "0 0 * * *",
        "@weekly": "0 0 * * 0", "@monthly": "0 0 1 * *", "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *",
    ]
    private static let monthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    private static let dayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]

    package init(_ expression: String) throws {
        let trimmed = expression.trimmingCharacters(in: .whitespaces)
        self.expression = trimmed
        var text = trimmed
        if trimmed.hasPrefix("@") {
            guard let expanded = Self.shorthands[trimmed.lowercased()] else {
                throw ParseError(message: "'\(trimmed)' is not a shorthand; use @hourly, @daily, @weekly, @monthly or @yearly")
            }
            text = expanded
        }
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count == 5 else {
            throw ParseError(message: "'\(trimmed)' has \(fields.count) field\(fields.count == 1 ? "" : "s"); a cron schedule has 5: minute hour day-of-month month day-of-week")
        }
        minutes = try Self.field(fields[0], name: "minute", 0...59)
        hours = try Self.field(fields[1], name: "hour", 0...23)
        daysOfMonth = try Self.field(fields[2], name: "day-of-month", 1...31)
        months = try Self.field(fields[3], name: "month", 1...12, names: Self.monthNames, firstName: 1)
        var days = try Self.field(fields[4], name: "day-of-week", 0...7, names: Self.dayNames, firstName: 0)
        if days.remove(7) != nil { days.insert(0) }
        daysOfWeek = days
        dayOfMonthRestricted = !fields[2].hasPrefix("*")
        dayOfWeekRestricted = !fields[4].hasPrefix("*")
    }

    /// The values of one field: `*`, `n`, `a-b`, `*/s`, `a-b/s`, `a/s` and lists of them, with
    /// month and day names where the field has them.
    private static func field(_ text: String, name: String, _ range: ClosedRange<Int>, names: [String] = [], firstName: Int = 0) throws -> Set<Int> {
        func value(_ s: Substring) throws -> Int {
            if let n = Int(s) {
                guard range.contains(n) else { throw ParseError(message: "\(name) field '\(text)': \(n) is outside \(range.lowerBound)-\(range.upperBound)") }
                return n
            }
            if let i = names.firstIndex(of: s.uppercased()) { return i + firstName }
            throw ParseError(message: "\(name) field '\(text)': '\(s)' is not a number\(names.isEmpty ? "" : " or a name (\(names.joined(separator: ", ")))")")
        }
        var result = Set<Int>()
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard !part.isEmpty else { throw ParseError(message: "\(name) field '\(text)' has an empty item") }
            let pieces = part.split(separator: "/", omittingEmptySubsequences: false)
            guard pieces.count <= 2 else { throw ParseError(message: "\(name) field '\(text)': '\(part)' has more than one '/'") }
            var step = 1
            if pieces.count == 2 {
                guard let s = Int(pieces[1]), s > 0 else { throw ParseError(message: "\(name) field '\(text)': the step '\(pieces[1])' must be a positive number") }
                step = s
            }
            let base = pieces[0]
            var low = range.lowerBound, high = range.upperBound
            if base != "*" {
                let bounds = base.split(separator: "-", omittingEmptySubsequences: false)
                guard bounds.count <= 2, !bounds.contains(where: \.isEmpty) else { throw ParseError(message: "\(name) field '\(text)': '\(base)' is not a value or a range") }
                low = try value(bounds[0])
                high = bounds.count == 2 ? try value(bounds[1]) : (pieces.count == 2 ? range.upperBound : low)
                guard low <= high else { throw ParseError(message: "\(name) field '\(text)': the range \(base) runs backwards") }
            }
            result.formUnion(stride(from: low, through: high, by: step))
        }
        return result
    }

    // MARK: Next time

    private func dayMatches(day: Int, weekday: Int, month: Int) -> Bool {
        guard months.contains(month) else { return false }
        let byMonthDay = daysOfMonth.contains(day), byWeekday = daysOfWeek.contains(weekday)
        if dayOfMonthRestricted && dayOfWeekRestricted { return byMonthDay || byWeekday }
        return byMonthDay && byWeekday
    }

    /// The first scheduled moment strictly after `date`, in `timeZone`; nil when none comes in the
    /// next eight years (such as "0 0 30 2 *").
    package func next(after date: Date, in timeZone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let start = date.addingTimeInterval(60 - date.timeIntervalSince1970.truncatingRemainder(dividingBy: 60))
        var day = calendar.startOfDay(for: date)
        let sortedHours = hours.sorted(), sortedMinutes = minutes.sorted()
        for _ in 0..<(366 * 8) {
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: day)
            if dayMatches(day: parts.day!, weekday: parts.weekday! - 1, month: parts.month!) {
                for hour in sortedHours {
                    for minute in sortedMinutes {
                        guard let candidate = localTime(calendar, parts, hour: hour, minute: minute), candidate >= start else { continue }
                        return candidate
                    }
                }
            }
            guard let following = calendar.date(byAdding: .day, value: 1, to: day) else { return nil }
            day = calendar.startOfDay(for: following)
        }
        return nil
    }

    /// The moment of a local wall time; a time inside a daylight-saving gap moves to the end of the
    /// gap, and a repeated time is its first occurrence.
    private func localTime(_ calendar: Calendar, _ day: DateComponents, hour: Int, minute: Int) -> Date? {
        var wanted = DateComponents()
        wanted.year = day.year
        wanted.month = day.month
        wanted.day = day.day
        wanted.hour = hour
        wanted.minute = minute
        guard let found = calendar.date(from: wanted) else { return nil }
        let got = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: found)
        if got.day == day.day && got.hour == hour && got.minute == minute {
            // The first of two moments with this wall time, when the clock went back over it.
            let earlier = found.addingTimeInterval(-3600)
            let seen = calendar.dateComponents([.day, .hour, .minute], from: earlier)
            return seen.day == day.day && seen.hour == hour && seen.minute == minute ? earlier : found
        }
        // In the gap of a spring-forward change: the moment the clock jumped.
        if let jump = calendar.timeZone.nextDaylightSavingTimeTransition(after: found.addingTimeInterval(-4 * 3600)), jump <= found {
            return jump
        }
        return found
    }

    /// The latest scheduled moment in (after, upTo], if any: what a run that comes late should stand for.
    package func latest(after: Date, upTo now: Date, in timeZone: TimeZone) -> Date? {
        var found: Date?
        var cursor = after
        while let t = next(after: cursor, in: timeZone), t <= now {
            found = t
            cursor = t
        }
        return found
    }

    // MARK: Words

    /// The schedule in words: "at 06:00 on Monday", "every 15 minutes, hours 9-17, Monday to Friday".
    package var inWords: String {
        let everyMinute = minutes.count == 60, everyHour = hours.count == 24
        var time: String
        if minutes.count == 1 && hours.count == 1 {
            time = String(format: "at %02d:%02d", hours.first!, minutes.first!)
        } else if minutes.count == 1 && everyHour {
            time = minutes.first! == 0 ? "every hour" : "every hour at minute \(minutes.first!)"
        } else if minutes.count == 1 {
            time = "at minute \(minutes.first!) of hours \(Self.list(hours.sorted()))"
        } else {
            let step = Self.step(of: minutes.sorted(), in: 60)
            time = everyMinute ? "every minute" : step.map { "every \($0) minutes" } ?? "at minutes \(Self.list(minutes.sorted()))"
            if !everyHour { time += ", hours \(Self.list(hours.sorted()))" }
        }
        var days: [String] = []
        if dayOfMonthRestricted { days.append("on day \(Self.list(daysOfMonth.sorted())) of the month") }
        if dayOfWeekRestricted {
            let names = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
            let sorted = daysOfWeek.sorted()
            if sorted == [1, 2, 3, 4, 5] { days.append("Monday to Friday") }
            else { days.append("on " + sorted.map { names[$0] }.joined(separator: ", ")) }
        }
        var out = time
        if !days.isEmpty { out += " " + days.joined(separator: " or ") }
        else if minutes.count == 1 && hours.count == 1 { out = "every day " + out }
        if months.count < 12 {
            let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
            out += " in " + months.sorted().map { names[$0 - 1] }.joined(separator: ", ")
        }
        return out
    }

    private static func list(_ values: [Int]) -> String {
        var parts: [String] = []
        var i = 0
        while i < values.count {
            var j = i
            while j + 1 < values.count && values[j + 1] == values[j] + 1 { j += 1 }
            parts.append(j - i >= 2 ? "\(values[i])-\(values[j])" : (i...j).map { String(values[$0]) }.joined(separator: ", "))
            i = j + 1
        }
        return parts.joined(separator: ", ")
    }

    private static func step(of values: [Int], in size: Int) -> Int? {
        guard values.count > 1, values[0] == 0 else { return nil }
        let s = values[1] - values[0]
        guard size % s == 0, values == Array(stride(from: 0, to: size, by: s)) else { return nil }
        return s
    }
}
