// DOI.swift: DOIs as records and references write them ("https://doi.org/10.1/X", "doi:10.1/x",
// "DOI 10.1/x") cleaned to the bare DOI, and the key by which two DOIs are the same (DOIs are
// case-insensitive). Every reader, the merger and the citation linker go through these.
import CorpusBytes

package enum DOI {
    /// What `clean` drops from the start of a DOI, in this order (each once).
    package static let prefixes = ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:", "DOI:", "DOI "]

    /// A DOI without its resolver prefix or "doi:" label.
    package static func clean(_ doi: String) -> String {
        var d = doi.trimmingSpaces
        for prefix in prefixes where d.utf8.first == prefix.utf8.first && d.hasPrefix(prefix) {
            d = String(d.dropFirst(prefix.count))
        }
        return d.trimmingSpaces
    }

    /// The DOI cleaned and lower-cased: equal keys are one DOI.
    package static func key(_ doi: String) -> String {
        clean(doi).lowercased()
    }

    /// `key` of a DOI's bytes: an ASCII one (the usual case) cleaned and lower-cased on its bytes,
    /// with one string made at the end.
    package static func key(bytes b: UnsafeBufferPointer<UInt8>) -> String {
        guard b.isASCII(0 ..< b.count) else { return key(String(decoding: b, as: UTF8.self)) }
        var r = b.trimmedSpaces(0 ..< b.count)
        for prefix in prefixes {
            prefix.withUTF8Bytes { p in
                if r.count >= p.count && b.hasPrefix(p, at: r.lowerBound) { r = r.lowerBound + p.count ..< r.upperBound }
            }
        }
        r = b.trimmedSpaces(r)
        return String(unsafeUninitializedCapacity: r.count) { out in
            for k in 0 ..< r.count { out[k] = UTF8Class.asciiLower(b[r.lowerBound + k]) }
            return r.count
        }
    }
}
