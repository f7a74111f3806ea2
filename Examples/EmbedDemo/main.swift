// EmbedDemo: a program that embeds Scriptorium. It loads the bundled samples, adds a host module
// `lab` with one function, runs a script that uses it, and prints the Markdown it got back in
// memory. Run it from the package root: `swift run EmbedDemo`.
import Foundation
import Scriptorium

// 1. Load a corpus (any mix of supported exports; folders are searched).
let corpus: LoadedCorpus
do {
    corpus = try LoadedCorpus.load(paths: ["Samples"])
} catch {
    FileHandle.standardError.write(Data("EmbedDemo: \(error)\n".utf8))
    exit(1)
}

// 2. A host module: `lab.share(part, whole)` as a percentage with one decimal.
let lab = HostModule(name: "lab", summary: "The lab's own helpers.", functions: [
    HostFunction("share", parameters: [HostParameter("part", .number), HostParameter("whole", .number)], returns: "number",
                 summary: "part as a percentage of whole, with one decimal", example: "print(lab.share(3, 12))  -- 25.0") { arguments in
        guard let part = arguments[0].number, let whole = arguments[1].number, whole != 0 else {
            throw DemoError("lab.share needs a whole that is not 0")
        }
        return [.number((part / whole * 1000).rounded() / 10)]
    },
])

struct DemoError: Error, CustomStringConvertible {
    var description: String
    init(_ text: String) { description = text }
}

// 3. A script that uses it, given as text (a file works the same: .file("report.lua")).
let source = """
    local years = corpus:count_by("year"):sort("year")
    local md = report.markdown("years.md", {front = false})
    md:heading(1, "Documents per year")
    for row in years:rows() do
      md:paragraph(string.format("%d: %d (%.1f %% of the corpus)", row.year, row.count, lab.share(row.count, #corpus)))
    end
    """
let script = ReportScript(.text(source, name: "years.lua"), modules: [lab])

// 4. Run it and read the report from memory.
do {
    let outputs = try ReportEngine.run(script, on: corpus)
    guard let markdown = outputs["years.md"] else { exit(1) }
    print(String(decoding: markdown.data, as: UTF8.self), terminator: "")
} catch let error as ReportError {
    FileHandle.standardError.write(Data("EmbedDemo: \(error)\n".utf8))
    exit(1)
}
