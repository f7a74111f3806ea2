-- sources.lua: where the corpus is published and what it cites: the most frequent sources
-- (journals, proceedings, books), the most cited containers in the references, and Bradford's
-- zones of the sources.
--
-- Outputs: sources.md (with a chart), sources.csv, bradford.csv, cited_sources.csv.
--
-- Parameters: `scriptorium run Scripts/sources.lua --help`.

local common = require("common")

return {
  description = "Where the corpus is published and what it cites: top sources, cited containers and Bradford's zones",
  params = {
    { name = "top", type = "integer", default = 20, help = "rows of each table" },
  },
  outputs = { "sources.md", "sources.csv", "bradford.csv", "cited_sources.csv" },
  run = function(corpus, params)
    local top = common.at_least(params, "top", 1)

    local sources = corpus:count_by("journal"):rename{ journal = "source" }
    local cited = corpus:count_by("references.container", { top = top }):rename{ container = "cited source", count = "references" }
    local bradford = bibliometrics.bradford(sources, "source", "count")

    local md = report.markdown("sources.md")
    md:heading(1, "Sources")

    md:heading(2, "Most frequent sources")
    if #sources == 0 then
      md:paragraph("The records name no journal, proceedings or book.")
    else
      md:paragraph(#sources .. " sources publish the corpus's documents.")
      md:chart{ table = sources:head(top), x = "source", y = "count", title = "Most frequent sources", ylabel = "documents" }
      md:table(sources:head(top))
    end

    md:heading(2, "Bradford's law")
    if #bradford > 0 then
      local zones = bradford:group("zone", { { "sources", "count" }, { "documents", "sum:count" } }):sort("zone")
      md:paragraph("Sources ranked by documents and cut into three zones of about a third of the documents each; " ..
        "Bradford's law expects the number of sources per zone to grow as 1 : n : n².")
      md:table(zones)
      md:table(bradford:filter(function(row) return row.zone == 1 end):head(top))
    end

    md:heading(2, "Most cited sources")
    md:paragraph("Journals and books named in the references, by the number of references to them.")
    md:table(cited)

    report.csv("sources.csv", sources)
    report.csv("bradford.csv", bradford)
    report.csv("cited_sources.csv", cited)
  end,
}
