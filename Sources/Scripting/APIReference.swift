// APIReference.swift: the Lua API reference, written from the registry of what is really bound,
// so the documentation and the code cannot disagree.

package enum APIReference {
    /// The owners in reading order, with a sentence about each.
    static let sections: [(owner: String, intro: String)] = [
        ("globals", "What every script sees besides Lua's own safe libraries."),
        ("Corpus", "The corpus and its sub-corpora. Aggregations run in compiled code, in parallel, and return Tables."),
        ("Document", "A document: read-only, its fields read on demand."),
        ("Reference", "One entry of a document's reference list."),
        ("Table", "Results: named columns and rows. Operations return new Tables."),
        ("report", "Outputs, written to the output folder together when the script succeeds."),
        ("MarkdownDocument", "A Markdown file being built; methods return the document, so calls chain."),
        ("stats", "Summary statistics of an array of numbers, or of a Table and one of its column names."),
    ] + APIRecords.sections

    /// The whole reference as Markdown.
    package static func markdown(_ entries: [APIEntry]) -> String {
        var out = ["# Scriptorium Lua API", "",
                   "Generated from the engine's registry of bound functions (`scriptorium docs`); do not edit by hand.",
                   "Editor types for lua-language-server are generated from the same registry into",
                   "`Scripts/types/scriptorium.lua` (`scriptorium docs --types`).", ""]
        let known = Set(sections.map(\.owner))
        let others = Array(Set(entries.map(\.owner)).subtracting(known)).sorted()
        for (owner, intro) in sections + others.map({ ($0, "") }) {
            let mine = entries.filter { $0.owner == owner }
            guard !mine.isEmpty else { continue }
            out += ["## \(owner)", ""]
            if !intro.isEmpty { out += [intro, ""] }
            for entry in mine { out += item(entry) }
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    /// One entry as a list item, with its example indented under it.
    private static func item(_ entry: APIEntry) -> [String] {
        var lines = ["- `\(entry.signature)`: \(entry.summary)"]
        if let example = entry.example { lines += ["", "  ```lua", "  " + example, "  ```", ""] }
        return lines
    }

    /// Entries as `scriptorium docs NAME` prints them: signature, summary, example.
    package static func text(_ entries: [APIEntry]) -> String {
        entries.map { e in
            "\(e.signature)\n    \(e.summary)" + (e.example.map { "\n    example: \($0)" } ?? "")
        }.joined(separator: "\n")
    }

    /// Entries whose owner or name matches `query` ("terms", "Corpus", "corpus:terms").
    package static func matching(_ query: String, in entries: [APIEntry]) -> [APIEntry] {
        let q = query.lowercased()
        return entries.filter { e in
            e.owner.lowercased() == q || e.name.lowercased() == q || e.signature.lowercased().hasPrefix(q)
                || "\(e.owner):\(e.name)".lowercased() == q || "\(e.owner).\(e.name)".lowercased() == q
        }
    }
}
