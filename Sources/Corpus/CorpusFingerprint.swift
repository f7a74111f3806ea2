// CorpusFingerprint.swift: a cheap identity of a corpus's files (their paths, sizes and
// modification times, one stat call each), so a job's history can tell whether its corpus changed.
import CorpusStore
import CorpusModel
import CorpusBytes

package enum CorpusFingerprint {
    package static func of(_ paths: [String]) -> String {
        var text: [UInt8] = []
        let stamper = FileSystem.Stamper()
        for path in paths.sorted() {
            let stamp = stamper.stamp(path)
            text.append(contentsOf: "\(path)\u{0}\(stamp?.size ?? -1)\u{0}\(stamp?.modified ?? 0)\u{1}".utf8)
        }
        return String(ContentHash.of(text), radix: 16)
    }
}
