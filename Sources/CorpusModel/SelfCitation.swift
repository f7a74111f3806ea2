// SelfCitation.swift: the one rule for self-citations. A reference is a self-citation when one of
// its authors has the family name and initials of one of the citing document's authors, case
// ignored ("dudin, p.n."). Readers flag references as they store them, from `Reference` values or
// from byte ranges; the merger flags them again for a merged document; all ask this type.
import CorpusBytes

package struct SelfCitation: Sendable {
    /// The citing document's authors' keys, lower-cased on the bytes (`AuthorName.appendKey`).
    package let keys: [[UInt8]]

    package init(keys: [[UInt8]]) { self.keys = keys }

    /// The keys of the citing document's authors `authors`.
    package init(authors: some Collection<AuthorName>) {
        keys = authors.map { SelfCitation.key(family: $0.family, initials: $0.initials) }
    }

    /// The keys of authors given as byte ranges of `base`, as the author table keys them.
    package init(parsed authors: [ParsedAuthor], base: UnsafeBufferPointer<UInt8>) {
        keys = authors.map { a in
            var initials: [UInt8] = []
            a.appendInitials(base, to: &initials)
            var key: [UInt8] = []
            initials.withUnsafeBufferPointer { AuthorName.appendKey(family: UnsafeBufferPointer(rebasing: base[a.family]), $0, to: &key) }
            return key
        }
    }

    /// No authors: nothing is a self-citation.
    package var isEmpty: Bool { keys.isEmpty }

    /// Whether the reference's authors include one of the citing document's.
    package func cites(_ reference: Reference) -> Bool {
        !keys.isEmpty && reference.authors.contains { isOwn(key: SelfCitation.key(family: $0.family, initials: $0.initials)) }
    }

    /// Whether an author with the key `key` (made by `AuthorName.appendKey`) is one of the
    /// citing document's.
    package func isOwn(key: [UInt8]) -> Bool { keys.contains { $0 == key } }

    /// Whether an author with this family name could be one of the citing document's: false when
    /// the name is ASCII and no key starts with it, whatever the case, which spares making the key
    /// of nearly every reference author.
    package func mayBeOwn(family: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !keys.isEmpty else { return false }
        guard family.isASCII(0 ..< family.count) else { return true }
        return keys.contains { key in
            guard key.count >= family.count, key.count == family.count || key[family.count] == 0x2C else { return false }
            for i in 0 ..< family.count where UTF8Class.asciiLower(family[i]) != key[i] { return false }
            return true
        }
    }

    private static func key(family: String, initials: String) -> [UInt8] {
        var key: [UInt8] = []
        key.reserveCapacity(family.utf8.count + initials.utf8.count + 2)
        family.withUTF8Bytes { family in initials.withUTF8Bytes { AuthorName.appendKey(family: family, $0, to: &key) } }
        return key
    }
}

package extension Document {
    /// Flags each reference that shares an author (family name and initials) with the document;
    /// a document without authors leaves its references' flags as they are.
    mutating func flagSelfCitations() {
        let own = SelfCitation(authors: authors)
        guard !own.isEmpty else { return }
        for i in references.indices { references[i].selfCitation = own.cites(references[i]) }
    }
}
