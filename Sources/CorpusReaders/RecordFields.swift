// RecordFields.swift: small pieces several readers share when they fill a document's fields:
// finding which of a document's authors a name in another field means (affiliations, ORCIDs,
// the corresponding author), page ranges, and the warning for a record kept without a title.
import CorpusModel
import CorpusBytes

/// A record's authors, ready to be found by a name another field of the record writes.
package struct AuthorFinder {
    private let authors: [AuthorName]
    private let written: [String]

    package init(_ authors: [AuthorName]) {
        self.authors = authors
        written = authors.map { AuthorFinder.fold($0.written) }
    }

    /// The index of the author that `name` ("Sun, Zhiwei", "Sun, ZW", "Zhiwei Sun") means: the
    /// same written form, else the same key, else the only author with the same family name and
    /// first initial.
    package func index(of name: String) -> Int? {
        if let i = written.firstIndex(of: AuthorFinder.fold(name)) { return i }
        guard let parsed = AuthorName.parse(name, order: .familyFirst) else { return nil }
        if let i = authors.firstIndex(where: { $0.key == parsed.key }) { return i }
        let family = AuthorFinder.fold(parsed.family), initial = parsed.initials.first
        let same = authors.indices.filter { AuthorFinder.fold(authors[$0].family) == family && authors[$0].initials.first == initial }
        return same.count == 1 ? same[0] : nil
    }

    private static func fold(_ s: String) -> String { s.trimmingSpaces.lowercased() }
}

package enum RecordFields {
    /// `text` cut at the first `separator`: the part before it and the part after it; nil when
    /// `text` does not hold it. Compared on the UTF-8 bytes.
    package static func split(_ text: String, at separator: String) -> (String, String)? {
        let t = Array(text.utf8), s = Array(separator.utf8)
        guard !s.isEmpty, t.count >= s.count else { return nil }
        for i in 0 ... t.count - s.count where t[i] == s[0] && t[i ..< i + s.count].elementsEqual(s) {
            return (String(decoding: t[..<i], as: UTF8.self), String(decoding: t[(i + s.count)...], as: UTF8.self))
        }
        return nil
    }

    /// "980-989" from a first and a last page, the first alone when there is no last, nil when
    /// there is neither.
    package static func pages(first: String?, last: String?) -> String? {
        switch (first?.trimmingSpaces.nonEmpty, last?.trimmingSpaces.nonEmpty) {
        case (let f?, let l?): return f == l ? f : f + "-" + l
        case (let f?, nil): return f
        case (nil, let l?): return l
        default: return nil
        }
    }

    /// A Web of Science or Scopus affiliation line that names its authors first,
    /// "[Sun, Zhiwei; Russell, Thomas P.] Univ Massachusetts ...": the names and the address.
    package static func bracketedNames(_ line: String) -> (names: [String], address: String) {
        guard line.hasPrefix("["), let (inside, address) = split(String(line.dropFirst()), at: "]") else { return ([], line) }
        return (semicolonList(inside), address.trimmingSpaces)
    }

    /// The warning for a record kept with an empty title.
    package static func untitled(_ path: String, line: Int?, _ what: String) -> Diagnostic {
        Diagnostic(path: path, line: line, message: "record has no title (\(what)); kept with an empty title")
    }
}

package extension String {
    /// Nil when empty.
    var nonEmpty: String? { isEmpty ? nil : self }
}
