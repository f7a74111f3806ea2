// APIRecords.swift: the plain tables the API hands to scripts (an author, a section, a chart's
// spec, Lotka's fit...), declared as types so the reference and the editor types describe them.
import CorpusModel

enum APIRecords {
    private static func field(_ owner: String, _ name: String, _ type: String, _ summary: String) -> APIEntry {
        APIEntry(owner: owner, name: name, kind: .field, parameters: [], returns: type, summary: summary)
    }

    /// Every field of every record type (an author's as the model declares them).
    static let entries: [APIEntry] = DocumentSchema.authorFields.map { field("Author", $0.name, $0.luaType, $0.summary) } + [
        field("Address", "address", "string", "the affiliation as written"),
        field("Address", "authors", "integer[]", "the positions (from 1) of the document's authors it belongs to; empty when the source does not say"),
        field("Section", "label", "string", "the label of a structured abstract's part, such as \"Goals\""),
        field("Section", "text", "string", "the part's text"),
        field("Source", "path", "string", "the file the record was read from"),
        field("Source", "line", "integer", "the line where the record starts"),
        field("Collaboration", "documents", "integer", "documents with authors"),
        field("Collaboration", "single_authored", "integer", "documents with one author"),
        field("Collaboration", "multi_authored", "integer", "documents with several authors"),
        field("Collaboration", "authors_per_document", "number?", "mean number of authors of a document"),
        field("Collaboration", "collaboration_index", "number?", "authors of multi-authored documents per multi-authored document"),
        field("NetworkSummary", "nodes", "integer", "nodes"),
        field("NetworkSummary", "links", "integer", "links (self-loops not counted)"),
        field("NetworkSummary", "total_weight", "number", "the sum of the links' weights"),
        field("NetworkSummary", "density", "number", "links over possible links"),
        field("NetworkSummary", "components", "integer", "connected components"),
        field("NetworkSummary", "largest_component", "integer", "nodes of the largest component"),
        field("NetworkSummary", "transitivity", "number?", "three times the triangles over the connected triples (with clustering = true)"),
        field("NetworkSummary", "average_clustering", "number?", "the mean of the nodes' clustering coefficients (with clustering = true)"),
        field("NetworkSummary", "clusters", "integer?", "clusters, once clustered"),
        field("NetworkSummary", "quality", "number?", "the partition's quality (modularity or CPM), once clustered"),
        field("Collaboration", "with_country", "integer", "documents with an address in a country"),
        field("Collaboration", "international", "integer", "documents with addresses in two countries or more (international co-authorship)"),
        field("Collaboration", "international_share", "number", "international / with_country"),
        field("LotkaFit", "beta", "number", "the exponent of Lotka's law"),
        field("LotkaFit", "constant", "number", "the share of authors with one document"),
        field("LotkaFit", "r_squared", "number", "goodness of the log-log fit"),
        field("LotkaFit", "ks_distance", "number", "Kolmogorov-Smirnov distance between observed and expected"),
        field("LotkaFit", "p_value", "number", "the test's p-value"),
        field("LotkaFit", "table", "Table", "documents, authors, observed, expected"),
        field("RunInfo", "job", "string?", "the scheduled job's name, or nil for a run by hand"),
        field("RunInfo", "previous", "PreviousRun?", "the job's last successful run, or nil"),
        field("PreviousRun", "time", "string", "when it ran (ISO 8601, UTC)"),
        field("PreviousRun", "documents", "integer", "how many documents it saw"),
        field("PreviousRun", "fingerprint", "string", "the corpus fingerprint it saw"),
        field("ChartSpec", "table", "Table", "the data"),
        field("ChartSpec", "x", "string", "the column along the x axis"),
        field("ChartSpec", "y", "string|string[]", "the column (or columns, drawn as series with a legend) along the y axis"),
        field("ChartSpec", "kind", "(\"bar\"|\"line\"|\"histogram\"|\"scatter\"|\"heatmap\"|\"map\")?", "the kind of chart (default bar; map: a world map, x the ISO 3166-1 country codes)"),
        field("ChartSpec", "title", "string?", "the title, also the alt text of the image"),
        field("ChartSpec", "xlabel", "string?", "the x axis label"),
        field("ChartSpec", "ylabel", "string?", "the y axis label"),
        field("ChartSpec", "value", "string?", "a heatmap's cell column (default count)"),
        field("ChartSpec", "bins", "integer?", "a histogram's bins"),
        field("ChartSpec", "file", "string?", "the SVG file's name (default from the title)"),
    ]

    /// The owners above, with a sentence about each, in reading order.
    static let sections: [(owner: String, intro: String)] = [
        ("Author", "An author of a document or a reference (a plain table)."),
        ("Address", "An affiliation of a document with the authors it belongs to (a plain table)."),
        ("Section", "A labelled part of a structured abstract (a plain table)."),
        ("Source", "Where a record was read (a plain table)."),
        ("Collaboration", "What `corpus:collaboration()` returns (a plain table)."),
        ("NetworkSummary", "What `net:summary()` returns (a plain table)."),
        ("LotkaFit", "What `bibliometrics.lotka` returns (a plain table)."),
        ("RunInfo", "The `run` global (read-only)."),
        ("PreviousRun", "A scheduled job's last successful run (read-only)."),
        ("ChartSpec", "The table given to `md:chart` and `report.svg`."),
    ]
}
