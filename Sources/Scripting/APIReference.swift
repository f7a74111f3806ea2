// APIReference.swift: the Lua API reference, written from the registry of what is really bound,
// so the documentation and the code cannot disagree.

public enum APIReference {
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
    ]

    /// The whole reference as Markdown.
    public static func markdown(_ entries: [APIEntry]) -> String {
        var out = ["# Scriptorium Lua API", "",
                   "Generated from the engine's registry of bound functions (`scriptorium docs`); do not edit by hand.", ""]
        for (owner, intro) in sections {
            let mine = entries.filter { $0.owner == owner }
            guard !mine.isEmpty else { continue }
            out += ["## \(owner)", "", intro, ""]
            for entry in mine {
                out.append("- `\(entry.signature)`: \(entry.summary)")
            }
            out.append("")
        }
        let known = Set(sections.map(\.owner))
        let others = entries.filter { !known.contains($0.owner) }
        for owner in Array(Set(others.map(\.owner))).sorted() {
            out += ["## \(owner)", ""]
            for entry in others where entry.owner == owner { out.append("- `\(entry.signature)`: \(entry.summary)") }
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    /// Entries whose owner or name matches `query` ("terms", "Corpus", "corpus:terms").
    public static func matching(_ query: String, in entries: [APIEntry]) -> [APIEntry] {
        let q = query.lowercased()
        return entries.filter { e in
            e.owner.lowercased() == q || e.name.lowercased() == q || e.signature.lowercased().hasPrefix(q)
                || "\(e.owner):\(e.name)".lowercased() == q || "\(e.owner).\(e.name)".lowercased() == q
        }
    }
}
