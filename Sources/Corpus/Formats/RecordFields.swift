// RecordFields.swift: small pieces several readers share when they fill a document's fields:
// finding which of a document's authors a name in another field means (affiliations, ORCIDs,
// the corresponding author), page ranges, and the warning for a record kept without a title.

enum RecordFields {
    /// The index of the author among `authors` that `name` (as another field of the same record
    /// writes it: "Sun, Zhiwei", "Sun, ZW", "Zhiwei Sun") means: the same written form, else the
    /// same key, else the only author with the same family name and first initial.
    static func author(named name: String, in authors: [AuthorName]) -> Int? {
        let written = fold(name)
        if let i = authors.firstIndex(where: { fold($0.written) == written }) { return i }
        guard let parsed = AuthorName.parse(name, order: .familyFirst) else { return nil }
        if let i = authors.firstIndex(where: { $0.key == parsed.key }) { return i }
        let family = fold(parsed.family), initial = parsed.initials.first
        let same = authors.indices.filter { fold(authors[$0].family) == family && authors[$0].initials.first == initial }
        return same.count == 1 ? same[0] : nil
    }

    private static func fold(_ s: String) -> String { s.trimmingSpaces.lowercased() }

    /// "980-989" from a first and a last page, the first alone when there is no last, nil when
    /// there is neither.
    static func pages(first: String?, last: String?) -> String? {
        switch (first?.trimmingSpaces.nonEmpty, last?.trimmingSpaces.nonEmpty) {
        case (let f?, let l?): return f == l ? f : f + "-" + l
        case (let f?, nil): return f
        case (nil, let l?): return l
        default: return nil
        }
    }

    /// A Web of Science or Scopus affiliation line that names its authors first,
    /// "[Sun, Zhiwei; Russell, Thomas P.] Univ Massachusetts ...": the names and the address.
    static func bracketedNames(_ line: String) -> (names: [String], address: String) {
        guard line.hasPrefix("["), let close = line.firstIndex(of: "]") else { return ([], line) }
        let names = semicolonList(String(line[line.index(after: line.startIndex) ..< close]))
        return (names, String(line[line.index(after: close)...]).trimmingSpaces)
    }

    /// The warning for a record kept with an empty title.
    static func untitled(_ path: String, line: Int?, _ what: String) -> Diagnostic {
        Diagnostic(path: path, line: line, message: "record has no title (\(what)); kept with an empty title")
    }
}

extension String {
    /// Nil when empty.
    var nonEmpty: String? { isEmpty ? nil : self }
}
