// AuthorColumns.swift: author names of many documents or references, column by column. A
// document's authors are stored as text; a reference's authors as spans of the reference's raw
// text (a million reference authors would otherwise be most of the store), with the normalised
// initials and the matching key made from the spans when asked.
import CorpusModel
import CorpusBytes

/// Read access to author names by row, whichever way they are stored.
package protocol AuthorValues {
    func withWritten<R>(_ a: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R
    func withFamily<R>(_ a: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R
    /// The full given names, when the source gave them.
    func given(_ a: Int) -> String?
    /// Appends the initials as "P.N.", lower-cased when asked.
    func appendInitials(_ a: Int, lowercased: Bool, to out: inout [UInt8])
    /// Appends the identity key, as `AuthorName.key` gives it.
    func appendKey(_ a: Int, to out: inout [UInt8])
}

package extension AuthorValues {
    func author(_ a: Int) -> AuthorName {
        var initials: [UInt8] = []
        appendInitials(a, lowercased: false, to: &initials)
        return AuthorName(written: withWritten(a) { String(decoding: $0, as: UTF8.self) },
                          family: withFamily(a) { String(decoding: $0, as: UTF8.self) },
                          given: given(a), initials: String(decoding: initials, as: UTF8.self))
    }

    func key(_ a: Int) -> String {
        var out: [UInt8] = []
        appendKey(a, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

/// Author names of many documents, column by column.
package struct AuthorTable: ColumnTable, AuthorValues {
    package static let columns: [ColumnRef<AuthorTable>] = [
        .init(\.written), .init(\.family), .init(\.given), .init(\.initials), .init(\.key), .init(\.orcid), .init(\.sourceID),
    ]

    package var written = TextColumn()
    package var family = TextColumn()
    package var given = TextColumn()
    package var initials = TextColumn()
    package var key = TextColumn()
    package var orcid = TextColumn()
    /// The source's own identifier of the person (`AuthorName.id`).
    package var sourceID = TextColumn()
    /// For an identity that initials-only forms were unified with, the row of its full form (set
    /// by `AuthorIdentities.unify`; not a column: made anew for each loaded corpus).
    package var fullForms: [String: Int32] = [:]

    package init() {}

    package var count: Int { written.count }

    package mutating func append(_ a: AuthorName) {
        written.append(a.written)
        family.append(a.family)
        given.append(a.given)
        initials.append(a.initials)
        key.appendValue { out in AuthorTable.appendKey(of: a, to: &out) }
        orcid.append(a.orcid)
        sourceID.append(a.id)
    }

    /// Appends an author parsed from the bytes `base` (a list such as "Dudin P.N., Khusainov
    /// Z.F."), with the same values as appending its `name(base)`, without making its strings.
    package mutating func append(_ a: ParsedAuthor, base: UnsafeBufferPointer<UInt8>) {
        written.append(bytes: UnsafeBufferPointer(rebasing: base[a.written]))
        let familyBytes = UnsafeBufferPointer(rebasing: base[a.family])
        family.append(bytes: familyBytes)
        given.append(nil)
        initials.appendValue { a.appendInitials(base, to: &$0) }
        // The key, as `appendKey(of:)` makes it, from the family name and the initials as stored.
        let stored = initials.bytes, normalised = initials.range(initials.count - 1)
        key.appendValue { out in
            stored.withUnsafeBufferPointer { AuthorName.appendKey(family: familyBytes, UnsafeBufferPointer(rebasing: $0[normalised]), to: &out) }
        }
        orcid.append(nil)
        sourceID.append(nil)
    }

    /// `a.key`'s bytes appended to `out`, lower-cased straight from the name's parts.
    package static func appendKey(of a: AuthorName, to out: inout [UInt8]) {
        let second = a.given.flatMap { $0.isEmpty ? nil : $0 } ?? a.initials
        a.family.withUTF8Bytes { family in second.withUTF8Bytes { AuthorName.appendKey(family: family, $0, to: &out) } }
    }

    package func withWritten<R>(_ a: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try written.withBytes(a, body)
    }

    package func withFamily<R>(_ a: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try family.withBytes(a, body)
    }

    package func given(_ a: Int) -> String? { given.optional(a) }

    package func appendInitials(_ a: Int, lowercased: Bool, to out: inout [UInt8]) {
        initials.withBytes(a) { lowercased ? Lowercase.append($0, to: &out) : out.append(contentsOf: $0) }
    }

    package func appendKey(_ a: Int, to out: inout [UInt8]) { key.withBytes(a) { out.append(contentsOf: $0) } }

    /// The author as a value, identifiers included.
    package func author(_ a: Int) -> AuthorName {
        var name = (self as any AuthorValues).author(a)
        name.orcid = orcid.optional(a)
        name.id = sourceID.optional(a)
        return name
    }
}

/// Author names of many references, as spans of each reference's raw text. Every accessor takes
/// the raw text of the reference the author belongs to (`base`).
package struct ReferenceAuthorTable: ColumnTable {
    package static let columns: [ColumnRef<ReferenceAuthorTable>] = [.init(\.written), .init(\.family), .init(\.initials), .init(\.given)]

    package var written = RawSpans()
    package var family = RawSpans()
    /// The initials as written ("P. N", "Zh"), normalised when read; a value kept aside is stored
    /// normalised already.
    package var initials = RawSpans()
    package var given = RawSpans()

    package init() {}

    package var count: Int { written.count }

    package mutating func reserve(values: Int) {
        for column in [\ReferenceAuthorTable.written, \.family, \.initials, \.given] { self[keyPath: column].reserve(values: values) }
    }

    /// Appends an author parsed from the reference text `base`.
    package mutating func append(_ a: ParsedAuthor, base: UnsafeBufferPointer<UInt8>) {
        written.append(range: a.written, base: base)
        family.append(range: a.family, base: base)
        if a.bare || initials.isWhole {
            // "PN" is not in the text as "P.N.": kept aside, normalised (as a whole column keeps all).
            var dotted: [UInt8] = []
            a.appendInitials(base, to: &dotted)
            dotted.withUnsafeBufferPointer { initials.spill($0) }
        } else {
            initials.append(range: a.initials, base: base)
        }
        given.append(range: nil, base: base)
    }

    /// Appends an author given as a name; its parts are found in the reference text `base` when
    /// they are there, else kept aside.
    package mutating func append(_ a: AuthorName, base: UnsafeBufferPointer<UInt8>) {
        written.append(a.written, base: base)
        family.append(a.family, base: base)
        given.append(a.given, base: base)
        var normalised = a.initials
        normalised.withUTF8 { wanted in
            if wanted.isEmpty { initials.append(range: nil, base: base); return }
            if let start = base.firstOffset(of: wanted) {
                var again: [UInt8] = []
                AuthorName.normalisedInitials(base, start ..< start + wanted.count, lowercased: false, into: &again)
                if again.elementsEqual(wanted) { initials.append(range: start ..< start + wanted.count, base: base); return }
            }
            initials.spill(wanted)
        }
    }

    /// The table with its values as text of their own, read with the raw text of the reference
    /// each author belongs to (`raw` and `authors`, the reference table's).
    package func madeWhole(raw: TextColumn, authors: ListIndex) -> ReferenceAuthorTable {
        guard !written.isWhole else { return self }
        var columns = [TextColumn](repeating: TextColumn(), count: 4)
        var value: [UInt8] = []
        for r in 0 ..< authors.count {
            raw.withBytes(r) { base in
                for a in authors.range(r) {
                    written.withBytes(a, base: base) { columns[0].append(bytes: $0) }
                    family.withBytes(a, base: base) { columns[1].append(bytes: $0) }
                    value.removeAll(keepingCapacity: true)
                    appendInitials(a, base: base, lowercased: false, to: &value)
                    value.withUnsafeBufferPointer { columns[2].append(bytes: $0) }
                    given.withBytes(a, base: base) { columns[3].append(bytes: $0) }
                }
            }
        }
        var whole = ReferenceAuthorTable()
        (whole.written, whole.family, whole.initials, whole.given) =
            (RawSpans(text: columns[0]), RawSpans(text: columns[1]), RawSpans(text: columns[2]), RawSpans(text: columns[3]))
        return whole
    }

    package func appendInitials(_ a: Int, base: UnsafeBufferPointer<UInt8>, lowercased: Bool, to out: inout [UInt8]) {
        initials.withBytes(a, base: base) { bytes in
            if initials.isSpilled(a) {
                lowercased ? Lowercase.append(bytes, to: &out) : out.append(contentsOf: bytes)
            } else {
                AuthorName.normalisedInitials(bytes, 0 ..< bytes.count, lowercased: lowercased, into: &out)
            }
        }
    }

    /// Appends the identity key, as `AuthorName.key` gives it: "family, given names",
    /// "family, i.n." or "family".
    package func appendKey(_ a: Int, base: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        family.withBytes(a, base: base) { Lowercase.append($0, to: &out) }
        let before = out.count
        out.append(0x2C)
        out.append(0x20)
        if !given.isEmpty(a) {
            given.withBytes(a, base: base) { Lowercase.append($0, to: &out) }
        } else {
            appendInitials(a, base: base, lowercased: true, to: &out)
            if out.count == before + 2 { out.removeLast(2) }
        }
    }

    /// Author `a`, of the reference whose raw text is `base`, as a name.
    @inline(never)
    package func author(_ a: Int, base: UnsafeBufferPointer<UInt8>) -> AuthorName { of(base: base).author(a) }

    /// The authors of the reference whose raw text is `base`, readable as any author values.
    package func of(base: UnsafeBufferPointer<UInt8>) -> ReferenceAuthors { ReferenceAuthors(table: self, base: base) }
}

/// A reference author table read with one reference's raw text.
package struct ReferenceAuthors: AuthorValues {
    package let table: ReferenceAuthorTable
    package let base: UnsafeBufferPointer<UInt8>

    package func withWritten<R>(_ a: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try table.written.withBytes(a, base: base, body)
    }

    package func withFamily<R>(_ a: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try table.family.withBytes(a, base: base, body)
    }

    package func given(_ a: Int) -> String? {
        table.given.isEmpty(a) ? nil : table.given.withBytes(a, base: base) { String(decoding: $0, as: UTF8.self) }
    }

    package func appendInitials(_ a: Int, lowercased: Bool, to out: inout [UInt8]) {
        table.appendInitials(a, base: base, lowercased: lowercased, to: &out)
    }

    package func appendKey(_ a: Int, to out: inout [UInt8]) { table.appendKey(a, base: base, to: &out) }
}
