-- overview.lua: a first look at a corpus: its size, sources, authors and time span, the annual
-- growth rate, references per document, how complete each field is, documents per type and per
-- year, the top keywords, the most cited authors and the languages of the references; with
-- `--param types=article,review` only documents of those types.
--
-- Outputs: overview.md (with a chart), keywords.csv (every keyword with its document count),
--   coverage.csv.
--
-- Parameters: `scriptorium run Scripts/overview.lua --help`.

local common = require("common")

return {
  description = "A first look at a corpus: size, sources, authors, time span, growth, field coverage, keywords and citations",
  params = {
    { name = "top", type = "integer", default = 20, help = "rows in the keyword and cited-author tables" },
    { name = "types", type = "string[]", help = "only documents of these types (article, review, conference_paper, book_chapter, ...); all when not given" },
  },
  outputs = { "overview.md", "keywords.csv", "coverage.csv" },
  run = function(corpus, params)
    local top = common.at_least(params, "top", 1)
    local all_types = corpus:count_by("type")
    if params.types then
      local kept = corpus:where{ type = params.types }
      if #kept == 0 then
        local present = {}
        for row in all_types:rows() do present[#present + 1] = row.type end
        error(string.format("no document has the type %s; the types in this corpus are %s", table.concat(params.types, " or "),
          #present > 0 and table.concat(present, ", ") or "not given by its sources"), 0)
      end
      corpus = kept
    end

    local documents = #corpus
    -- Field coverage: documents that have each field, and the references, counted in one pass
    -- (a fold, so that a sharded run counts each shard apart and adds the counts up).
    local fields = { "title", "authors", "year", "type", "journal", "abstract", "keywords", "index_terms", "doi", "references", "language", "citations" }
    local counted = corpus:fold{
      init = function()
        local acc = { references = 0, present = {} }
        for _, name in ipairs(fields) do acc.present[name] = 0 end
        return acc
      end,
      step = function(acc, doc)
        acc.references = acc.references + #doc.references
        for _, name in ipairs(fields) do
          local value = doc[name]
          if value ~= nil and value ~= "" and not (type(value) == "table" and #value == 0) then
            acc.present[name] = acc.present[name] + 1
          end
        end
      end,
      merge = function(a, b)
        a.references = a.references + b.references
        for _, name in ipairs(fields) do a.present[name] = a.present[name] + b.present[name] end
        return a
      end,
    }
    local references, present = counted.references, counted.present
    local coverage_rows = {}
    for _, name in ipairs(fields) do
      coverage_rows[#coverage_rows + 1] = { name, present[name], common.percent(present[name], documents) }
    end
    local coverage = Table.new{ columns = { "field", "documents", "share, %" }, rows = coverage_rows }

    local years = corpus:count_by("year"):sort("year")
    local authors = corpus:count_by("authors")
    local keywords = corpus:count_by("keywords")
    local sources = corpus:count_by("journal")
    local growth = bibliometrics.growth_rate(years)

    local md = report.markdown("overview.md")
    md:heading(1, "Corpus overview")
    md:list({
      "Documents: " .. documents .. (params.types and (" (types: " .. table.concat(params.types, ", ") .. ")") or ""),
      "Sources (journals, proceedings, books): " .. #sources,
      "Distinct authors: " .. #authors,
      "Time span: " .. common.span(years),
      "Annual growth rate: " .. (growth and (common.format(growth) .. " %") or "n/a"),
      "References: " .. references,
      "Mean references per document: " .. (documents > 0 and string.format("%.1f", references / documents) or "0"),
      "Distinct keywords: " .. #keywords,
    })

    md:heading(2, "Field coverage")
    md:paragraph("Documents that have each field; a field most records lack limits what the other reports can say.")
    md:table(coverage)

    md:heading(2, "Document types")
    md:paragraph("As the sources classify them, mapped to one vocabulary (article, review, conference_paper, ...).")
    md:table(corpus:count_by("type"))

    md:heading(2, "Documents per year")
    if #years > 0 then
      md:chart{ table = years, x = "year", y = "count", title = "Documents per year", ylabel = "documents" }
    end
    md:table(years)

    md:heading(2, "Top author keywords")
    md:table(keywords:head(top))

    md:heading(2, "Most cited authors")
    md:paragraph("Authors of the cited references, by the number of references naming them.")
    md:table(corpus:count_by("references.authors", {top = top}))

    md:heading(2, "References per language")
    local languages = corpus:count_by("references.language")
    local rows, known = {}, 0
    local function percent(count) return common.percent(count, references) end
    for row in languages:rows() do
      rows[#rows + 1] = { row.language, row.count, percent(row.count) }
      known = known + row.count
    end
    if references > known then
      rows[#rows + 1] = { "unknown", references - known, percent(references - known) }
    end
    md:table({ "language", "references", "share, %" }, rows)

    -- Local citations: documents of this corpus cited by its other documents (shown when any are).
    local cited = corpus:most_cited{top = top}
    if #cited > 0 then
      md:heading(2, "Most cited documents of the corpus")
      md:paragraph("Documents cited by other documents of this corpus (cited_by), with the citation count their source gives (citations).")
      md:table(cited)
    end

    report.csv("keywords.csv", keywords)
    report.csv("coverage.csv", coverage)
  end,
}
