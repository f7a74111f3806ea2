-- impact.lua: the impact of authors, sources, institutions and countries: documents, citations
-- (in all, per document, per year), the h-, g- and m-index, and the mean normalised citation
-- score (each document's citations over the mean of its year's documents, averaged), counted
-- against a reference year so that a report made again gives the same numbers.
--
-- Outputs: impact.md (with a chart), impact_authors.csv, impact_sources.csv,
--   impact_institutions.csv, impact_countries.csv, impact_documents.csv.
--
-- Parameters: `scriptorium run Scripts/impact.lua --help`.

local common = require("common")

local units = {
  { unit = "authors", title = "Authors", column = "author" },
  { unit = "sources", title = "Sources", column = "source" },
  { unit = "institutions", title = "Institutions", column = "institution" },
  { unit = "countries", title = "Countries", column = "country" },
}

return {
  description = "Impact of authors, sources, institutions and countries: citations, h-, g- and m-index, normalised citation score",
  params = {
    { name = "top", type = "integer", default = 20, help = "rows of each table shown in impact.md" },
    { name = "year", type = "integer", help = "reference year for per-year figures and the m-index (default: the corpus's latest year)" },
    { name = "citations", type = "string", default = "global", help = "'global' (the databases' counts) or 'local' (citations by the corpus's own documents)" },
  },
  outputs = { "impact.md", "impact_authors.csv", "impact_sources.csv", "impact_institutions.csv", "impact_countries.csv", "impact_documents.csv" },
  run = function(corpus, params)
    local top = common.at_least(params, "top", 1)
    if params.citations ~= "global" and params.citations ~= "local" then
      error("--param citations must be 'global' or 'local', not '" .. tostring(params.citations) .. "'", 0)
    end
    local year = params.year
    if year == nil then
      for doc in corpus:documents() do
        if doc.year and (year == nil or doc.year > year) then year = doc.year end
      end
    end

    local md = report.markdown("impact.md", { toc = true })
    md:heading(1, "Impact")
    md:paragraph(string.format("%d documents. Citations are %s; per-year figures and the m-index count the years up to %s. "
      .. "h: the largest h such that h documents have at least h citations; g: the largest g such that the g most cited "
      .. "documents have at least g² citations together; m: h over the years since the first document; MNCS: the mean of "
      .. "each document's citations over the mean of its publication year's documents in the corpus.",
      #corpus, params.citations == "local" and "those from the corpus's own documents" or "as the databases count them",
      year and tostring(year) or "the latest year"))

    for _, u in ipairs(units) do
      local t = corpus:impact{ unit = u.unit, year = year, citations = params.citations }
      md:heading(2, u.title)
      if #t > 0 then
        if u.unit == "authors" then
          md:chart{ table = t:head(top), x = "author", y = "h_index", kind = "bar", title = "Authors by h-index", ylabel = "h-index" }
        end
        md:table(t:head(top))
      else
        md:paragraph("No " .. u.column .. " to measure.")
      end
      report.csv("impact_" .. u.unit .. ".csv", t)
    end

    local documents = corpus:impact{ unit = "documents", year = year, citations = params.citations }
    md:heading(2, "Documents")
    md:paragraph("The most cited documents, with their normalised citation score (MNCS of one document).")
    md:table(documents:head(top))
    report.csv("impact_documents.csv", documents)
  end,
}
