// CronScheduleTests.swift: cron expressions parsed and their next times computed against times
// worked out by hand on a calendar, including daylight-saving changes in a named time zone.
import Foundation
import Scheduling
import XCTest

final class CronScheduleTests: XCTestCase {
    private let utc = TimeZone(identifier: "UTC")!

    /// A moment given as local wall time in `zone`.
    private func at(_ text: String, _ zone: String = "UTC") -> Date {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: zone)
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f.date(from: text)!
    }

    private func next(_ expression: String, after: String, _ zone: String = "UTC") throws -> String? {
        let tz = TimeZone(identifier: zone)!
        guard let date = try CronSchedule(expression).next(after: at(after, zone), in: tz) else { return nil }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = tz
        f.dateFormat = "yyyy-MM-dd HH:mm EEE"
        return f.string(from: date)
    }

    func testFieldsRangesStepsListsAndNames() throws {
        // 2026-11-25 is a Wednesday.
        XCTAssertEqual(try next("0 6 * * MON", after: "2026-11-25 10:00"), "2026-11-30 06:00 Mon")
        XCTAssertEqual(try next("0 6 * * 1", after: "2026-11-30 06:00"), "2026-12-07 06:00 Mon", "strictly after")
        XCTAssertEqual(try next("*/15 9-17 * * 1-5", after: "2026-11-25 17:50"), "2026-11-26 09:00 Thu")
        XCTAssertEqual(try next("*/15 9-17 * * 1-5", after: "2026-11-27 17:45"), "2026-11-30 09:00 Mon", "Friday evening to Monday")
        XCTAssertEqual(try next("5,35 */6 * * *", after: "2026-11-25 06:05"), "2026-11-25 06:35 Wed")
        XCTAssertEqual(try next("0 0 1 JAN,jul *", after: "2026-11-25 00:00"), "2027-01-01 00:00 Fri")
        XCTAssertEqual(try next("30 12 * * 7", after: "2026-11-25 00:00"), "2026-11-29 12:30 Sun", "7 is Sunday too")
        XCTAssertEqual(try next("0 9 10-20/5 * *", after: "2026-11-16 00:00"), "2026-11-20 09:00 Fri")
        XCTAssertEqual(try next("0 0 29 2 *", after: "2026-03-01 00:00"), "2028-02-29 00:00 Tue", "the next leap day")
        XCTAssertNil(try next("0 0 30 2 *", after: "2026-01-01 00:00"), "February 30th never comes")
    }

    func testDayOfMonthWithDayOfWeekMatchesEither() throws {
        // The 13th or any Friday: after Wednesday 2026-11-25 the next is Friday the 27th; after
        // Friday 2026-11-27 it is Friday 2026-12-04, then Sunday the 13th after Friday 2026-12-11.
        XCTAssertEqual(try next("0 0 13 * FRI", after: "2026-11-25 00:00"), "2026-11-27 00:00 Fri")
        XCTAssertEqual(try next("0 0 13 * FRI", after: "2026-12-11 00:00"), "2026-12-13 00:00 Sun")
        // With day-of-week *, only the day of the month counts.
        XCTAssertEqual(try next("0 0 13 * *", after: "2026-11-25 00:00"), "2026-12-13 00:00 Sun")
    }

    func testShorthands() throws {
        XCTAssertEqual(try next("@hourly", after: "2026-11-25 10:20"), "2026-11-25 11:00 Wed")
        XCTAssertEqual(try next("@daily", after: "2026-11-25 10:20"), "2026-11-26 00:00 Thu")
        XCTAssertEqual(try next("@weekly", after: "2026-11-25 10:20"), "2026-11-29 00:00 Sun")
        XCTAssertEqual(try next("@monthly", after: "2026-11-25 10:20"), "2026-12-01 00:00 Tue")
        XCTAssertEqual(try next("@yearly", after: "2026-11-25 10:20"), "2027-01-01 00:00 Fri")
    }

    func testDaylightSavingChangesInANamedTimeZone() throws {
        // Europe/Berlin springs forward on 2026-03-29 at 02:00 (to 03:00) and falls back on
        // 2026-10-25 at 03:00 (to 02:00).
        let berlin = "Europe/Berlin"
        // 02:30 does not exist on 29 March: the job runs when the clock jumps, at 03:00 CEST.
        let spring = try CronSchedule("30 2 * * *").next(after: at("2026-03-29 00:00", berlin), in: TimeZone(identifier: berlin)!)
        XCTAssertEqual(spring, at("2026-03-29 01:00", "UTC"), "03:00 CEST is 01:00 UTC")
        XCTAssertEqual(try next("30 2 * * *", after: "2026-03-29 03:00", berlin), "2026-03-30 02:30 Mon")
        // 02:30 happens twice on 25 October: the job runs once, at the first (00:30 UTC).
        let autumn = try CronSchedule("30 2 * * *")
        let first = try XCTUnwrap(autumn.next(after: at("2026-10-25 00:00", berlin), in: TimeZone(identifier: berlin)!))
        XCTAssertEqual(first, at("2026-10-25 00:30", "UTC"))
        let second = try XCTUnwrap(autumn.next(after: first, in: TimeZone(identifier: berlin)!))
        XCTAssertEqual(second, at("2026-10-26 01:30", "UTC"), "the next day, 02:30 CET")
        // Local times stay local across the change: 06:00 Berlin is 05:00 UTC in March, 04:00 after.
        XCTAssertEqual(try CronSchedule("0 6 * * *").next(after: at("2026-03-28 12:00", "UTC"), in: TimeZone(identifier: berlin)!), at("2026-03-29 04:00", "UTC"))
    }

    func testLatestMissedTimeStandsForAllOfThem() throws {
        let schedule = try CronSchedule("0 * * * *")
        // Off from 01:10 to 05:20: four hourly times were missed; the latest is 05:00.
        XCTAssertEqual(schedule.latest(after: at("2026-11-25 01:10"), upTo: at("2026-11-25 05:20"), in: utc), at("2026-11-25 05:00"))
        XCTAssertNil(schedule.latest(after: at("2026-11-25 01:10"), upTo: at("2026-11-25 01:50"), in: utc))
    }

    func testErrorsNameTheField() {
        let cases = [
            ("0 6 * *", "'0 6 * *' has 4 fields; a cron schedule has 5: minute hour day-of-month month day-of-week"),
            ("60 6 * * *", "minute field '60': 60 is outside 0-59"),
            ("0 6 * * MOM", "day-of-week field 'MOM': 'MOM' is not a number or a name (SUN, MON, TUE, WED, THU, FRI, SAT)"),
            ("0 6-3 * * *", "hour field '6-3': the range 6-3 runs backwards"),
            ("*/0 * * * *", "minute field '*/0': the step '0' must be a positive number"),
            ("0 0 1,,2 * *", "day-of-month field '1,,2' has an empty item"),
            ("@fortnightly", "'@fortnightly' is not a shorthand; use @hourly, @daily, @weekly, @monthly or @yearly"),
        ]
        for (expression, message) in cases {
            XCTAssertThrowsError(try CronSchedule(expression), expression) { error in
                XCTAssertEqual(String(describing: error), message)
            }
        }
    }

    func testScheduleInWords() throws {
        XCTAssertEqual(try CronSchedule("0 6 * * MON").inWords, "at 06:00 on Monday")
        XCTAssertEqual(try CronSchedule("*/15 9-17 * * 1-5").inWords, "every 15 minutes, hours 9-17 Monday to Friday")
        XCTAssertEqual(try CronSchedule("@hourly").inWords, "every hour")
        XCTAssertEqual(try CronSchedule("30 2 1 * *").inWords, "at 02:30 on day 1 of the month")
        XCTAssertEqual(try CronSchedule("0 0 1 1,7 *").inWords, "at 00:00 on day 1 of the month in January, July")
    }
}
