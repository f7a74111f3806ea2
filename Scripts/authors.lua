-- authors.lua: who writes the corpus: the most relevant authors (full and fractional counts),
-- their production over time, Lotka's law of author productivity, and how much authors
-- collaborate.
--
-- Outputs: authors.md (with charts), authors.csv, author_years.csv, lotka.csv.
--
-- Parameters: `scriptorium run Scripts/authors.lua --help`.

local common = require("common")

return {
  description = "Who writes the corpus: the most relevant authors, their production over time, Lotka's law and collaboration",
  params = {
    { name = "top", type = "integer", default = 20, help = "authors in the tables and the production-over-time chart" },
  },
  outputs = { "authors.md", "lotka.csv", "authors.csv", "author_years.csv" },
  run = function(corpus, params)
    local top = common.at_least(params, "top", 1)

    local production = corpus:author_production()
    local leading = production:head(top)

    -- Production over time of the leading authors: author, year, documents.
    local is_leading = {}
    for row in leading:rows() do is_leading[row.author] = true end
    local by_year = corpus:crosstab("authors", "year")
      :filter(function(row) return is_leading[row.a] end)
      :rename{ a = "author", b = "year", count = "documents" }
      :sort("year")

    local lotka = bibliometrics.lotka(production)
    local collaboration = corpus:collaboration()

    local md = report.markdown("authors.md", { toc = true })
    md:heading(1, "Authors")
    md:list({
      "Documents with authors: " .. collaboration.documents,
      "Distinct authors: " .. #production,
      "Single-authored documents: " .. collaboration.single_authored,
      "Multi-authored documents: " .. collaboration.multi_authored,
      "Authors per document: " .. common.format(collaboration.authors_per_document),
      "Collaboration index (authors per multi-authored document): " .. common.format(collaboration.collaboration_index),
    })

    md:heading(2, "Most relevant authors")
    md:paragraph("Documents of each author counted in full, and fractionally: a document with k authors counts 1/k for each.")
    if #leading > 0 then
      md:chart{ table = leading, x = "author", y = { "documents", "fractional" }, kind = "bar", title = "Most relevant authors" }
    end
    md:table(leading)

    md:heading(2, "Authors' production over time")
    if #by_year > 0 then
      md:chart{ table = by_year, x = "year", y = "author", value = "documents", kind = "heatmap", title = "Documents of the most relevant authors by year" }
    end
    md:table(by_year)

    md:heading(2, "Lotka's law")
    if lotka then
      md:paragraph(string.format(
        "The share of authors with n documents fitted as C / n^β: β = %.3f, C = %.3f, R² = %.3f. " ..
        "Kolmogorov–Smirnov distance from the fit: %.3f (p = %.3f); Lotka's classic law has β = 2.",
        lotka.beta, lotka.constant, lotka.r_squared, lotka.ks_distance, lotka.p_value))
      md:chart{ table = lotka.table, x = "documents", y = { "observed", "expected" }, kind = "line",
                title = "Lotka's law: share of authors by documents written", ylabel = "share of authors" }
      md:table(lotka.table)
      report.csv("lotka.csv", lotka.table)
    else
      md:paragraph("Every author has the same number of documents here; Lotka's law cannot be fitted.")
      report.csv("lotka.csv", { "documents", "authors", "observed", "expected" }, {})
    end

    report.csv("authors.csv", production)
    report.csv("author_years.csv", by_year)
  end,
}
