// Thesaurus.swift: a thesaurus file as VOSviewer reads one: tab-separated lines of a label and
// what replaces it (an empty replacement removes the label), with a header line. The compiled
// aggregations obey it through `ValueGrouping`.
import CorpusBytes

/// Labels and what replaces them. Which labels match which values is decided per field when an
/// aggregation uses it (`ValueKeys`): "Smith, J." matches the author "Smith J", "Univ Oxford"
/// the institution "University of Oxford", "Korea" the country KR.
package struct Thesaurus: Sendable, Equatable {
    package struct Entry: Sendable, Equatable {
        package var label: String
        /// What replaces the label; nil removes it.
        package var replacement: String?
        /// Where the entry was written ("thesaurus.txt:12"), for messages.
        package var place: String

        package init(label: String, replacement: String?, place: String) {
            self.label = label
            self.replacement = replacement
            self.place = place
        }
    }

    package var entries: [Entry]

    package init(entries: [Entry]) { self.entries = entries }

    /// Reads a thesaurus file. The first line is the header (`label`, `replace by`); blank lines
    /// are skipped (a line starting with `#` is a label, as VOSviewer reads it: "#MeToo"). A line without a tab, an empty label or a label
    /// given twice with different replacements is an error naming the file and line.
    package init(contentsOf path: String) throws {
        var bytes: [UInt8] = []
        guard FileSystem.read(path, into: &bytes) else { throw AnalysisError.invalid("cannot read the thesaurus \(path)") }
        let bom = bytes.withUnsafeBufferPointer { TextDecoding.byteOrderMarkLength($0) }
        try self.init(text: String(decoding: bytes.dropFirst(bom), as: UTF8.self), name: path)
    }

    /// Reads a thesaurus from its text; `name` names it in messages.
    package init(text: String, name: String) throws {
        var entries: [Entry] = []
        var seen: [String: Int] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let place = "\(name):\(index + 1)"
            if String(line).trimmingSpaces.isEmpty { continue }
            guard let tab = line.firstIndex(of: "\t") else {
                throw AnalysisError.invalid("\(place): a thesaurus line is a label, a tab and what replaces it (empty to remove the label); this line has no tab")
            }
            let label = String(line[..<tab]).trimmingSpaces
            let rest = line[line.index(after: tab)...]
            let replacement = String(rest.firstIndex(of: "\t").map { rest[..<$0] } ?? rest).trimmingSpaces
            if entries.isEmpty && seen.isEmpty && label.lowercased() == "label" { continue }
            guard !label.isEmpty else { throw AnalysisError.invalid("\(place): the label is empty") }
            let entry = Entry(label: label, replacement: replacement.isEmpty ? nil : replacement, place: place)
            if let earlier = seen[label.lowercased()] {
                guard entries[earlier].replacement?.lowercased() == entry.replacement?.lowercased() else {
                    throw AnalysisError.invalid("\(place): '\(label)' is already replaced at \(entries[earlier].place), by something else")
                }
                continue
            }
            seen[label.lowercased()] = entries.count
            entries.append(entry)
        }
        self.entries = entries
    }
}
