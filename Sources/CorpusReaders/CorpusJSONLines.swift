// CorpusJSONLines.swift: Scriptorium's own JSON Lines format, the whole document model one
// document a line after a header line, so a corpus read from any mix of exports can be saved once
// and read back exactly (`scriptorium convert --to jsonl`).
import CorpusModel
import CorpusBytes
import Foundation

package enum CorpusJSONLines {
    /// The first line of every file, which also identifies the format.
    package static let header = #"{"format":"scriptorium-corpus","version":1}"#

    /// The corpus as JSON Lines text: the header, then one document a line.
    package static func write(_ documents: [Document]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var out = header + "\n"
        for d in documents {
            out += String(decoding: try encoder.encode(d), as: UTF8.self)
            out += "\n"
        }
        return out
    }

    package static func read(_ bytes: UnsafeBufferPointer<UInt8>, path: String) -> FileContents {
        let text = String(decoding: bytes, as: UTF8.self)
        var contents = FileContents(finishing: false, reservingFor: bytes.count)
        let decoder = JSONDecoder()
        var number = 0
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            number += 1
            if number == 1 || !line.contains(where: { !$0.isWhitespace }) { continue }
            do {
                contents.documents.append(try decoder.decode(Document.self, from: Data(line.utf8)))
            } catch {
                contents.diagnostics.append(Diagnostic(path: path, line: number, message: "not a document: \(describe(error)); line skipped"))
            }
        }
        return contents
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "the field '\(key.stringValue)' is missing"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "the field '\(context.codingPath.map(\.stringValue).joined(separator: "."))' has the wrong type"
        case DecodingError.dataCorrupted: return "invalid JSON"
        default: return "\(error)"
        }
    }
}
