// ReferenceDetails.swift: the details of a reference that are read from its stored fields and
// text when a script asks for them, rather than stored: the first and last page (a shortened last
// page written out in full), the letter after the year ("2015a"), whether the author list ends in
// "et al.", and the URL it gives.
import Foundation

package enum ReferenceDetails {
    /// The first and last page of a page range as references write it ("1687-90", "pp. 8574-8583",
    /// "P8574", "e281", "S 379-80"), with a shortened last page written in full ("1687-90" gives
    /// 1687 and 1690; "R315-20" gives R315 and R320). A single page is first and last.
    package static func pageRange(_ pages: String) -> (first: String, last: String)? {
        var text = Substring(pages.trimmingCharacters(in: .whitespaces))
        // Words for "pages" ("pp.", German "S.", Russian "С."); "S379" without a space is a
        // supplement's page and keeps its letter.
        for prefix in ["pp.", "pp ", "p.", "p ", "P.", "Pp.", "S.", "S ", "s.", "С.", "с."] where text.hasPrefix(prefix) {
            text = text.dropFirst(prefix.count)
            break
        }
        // WoS's "P8574": a capital P glued to the page's digits.
        if text.first == "P", text.dropFirst().first?.isNumber == true { text = text.dropFirst() }
        let parts = text.split(maxSplits: 1, whereSeparator: { "-–—‐".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: ".,;"))) }
        guard let first = parts.first, !first.isEmpty else { return nil }
        guard parts.count == 2, !parts[1].isEmpty else { return (first, first) }
        var last = parts[1]
        // "1687-90": the last page's digits replace the end of the first's.
        let firstDigits = first.reversed().prefix { $0.isASCII && $0.isNumber }.count
        let lastPrefix = last.prefix { !($0.isASCII && $0.isNumber) }
        let lastDigits = last.dropFirst(lastPrefix.count)
        if !lastDigits.isEmpty, lastDigits.allSatisfy({ $0.isASCII && $0.isNumber }), lastDigits.count < firstDigits,
           lastPrefix.isEmpty || first.hasPrefix(lastPrefix) {
            let head = first.dropLast(lastDigits.count)
            let expanded = head + lastDigits
            if expanded >= first { last = String(expanded) }
        }
        return (first, last)
    }

    /// The letter a reference puts after its year to tell apart one author's works of that year
    /// ("2015a", "(2015b)"), or nil.
    package static func yearSuffix(_ raw: String, year: Int?) -> String? {
        guard let year else { return nil }
        let digits = String(year)
        var search = raw.startIndex ..< raw.endIndex
        while let found = raw.range(of: digits, range: search) {
            search = found.upperBound ..< raw.endIndex
            // A year, not the end of a longer number.
            if found.lowerBound > raw.startIndex, raw[raw.index(before: found.lowerBound)].isNumber { continue }
            guard found.upperBound < raw.endIndex else { return nil }
            let letter = raw[found.upperBound]
            guard letter.isASCII, letter.isLowercase, ("a"..."h").contains(letter) else { continue }
            let after = raw.index(after: found.upperBound)
            if after == raw.endIndex || !raw[after].isLetter { return String(letter) }
        }
        return nil
    }

    /// True when the reference's author list ends in "et al." (or the forms other languages use).
    package static func etAl(_ raw: String) -> Bool {
        etAlForms.contains { form in
            var search = raw.startIndex ..< raw.endIndex
            while let found = raw.range(of: form, options: [.caseInsensitive], range: search) {
                search = found.upperBound ..< raw.endIndex
                let before = found.lowerBound == raw.startIndex ? nil : raw[raw.index(before: found.lowerBound)]
                let after = found.upperBound == raw.endIndex ? nil : raw[found.upperBound]
                if before?.isLetter != true && after?.isLetter != true { return true }
            }
            return false
        }
    }

    private static let etAlForms = ["et al", "и др", "u. a.", "u.a.", "et coll", "and others"]

    /// The first URL in the reference's text ("https://...", "http://...", "www...."), without the
    /// punctuation that ends the sentence around it.
    package static func url(_ raw: String) -> String? {
        let starts = ["https://", "http://", "ftp://", "www."]
        guard let start = starts.compactMap({ raw.range(of: $0, options: .caseInsensitive)?.lowerBound }).min() else { return nil }
        var url = raw[start...].prefix { !$0.isWhitespace && $0 != "<" && $0 != ">" && $0 != "\"" }
        while let last = url.last, ".,;:".contains(last) || (last == ")" && url.filter({ $0 == "(" }).count < url.filter({ $0 == ")" }).count) || last == "]" {
            url = url.dropLast()
        }
        return url.count > 8 ? String(url) : nil
    }
}
