-- references.lua: what the corpus cites: how old the references are when cited, the Price index,
-- the languages of the references (keeping notes such as "(In Russ.)"), the self-citation rate,
-- reference publication year spectroscopy (RPYS), the works and the sources cited most (each once,
-- however the references write it), and the documents of the corpus that its own documents cite
-- most.
--
-- Outputs: references.md (with charts), reference_ages.csv, reference_languages.csv, rpys.csv,
--   cited_works.csv, cited_sources.csv, local_citations.csv.
--
-- Parameters: `scriptorium run Scripts/references.lua --help`.

local common = require("common")

return {
  description = "What the corpus cites: reference ages, the Price index, languages, self-citations, RPYS and local citations",
  params = {
    { name = "top", type = "integer", default = 20, help = "rows of the most cited works, sources and local citation tables" },
    { name = "from", type = "integer", default = 1900, help = "first cited year shown in the RPYS" },
  },
  outputs = { "references.md", "reference_ages.csv", "reference_languages.csv", "rpys.csv", "cited_works.csv", "cited_sources.csv",
              "local_citations.csv" },
  run = function(corpus, params)
    local top = common.at_least(params, "top", 1)
    local from = common.at_least(params, "from", 0)

    local references, self_citations, noted = 0, 0, 0
    local notes = {}
    local written = {}  -- each cited work's key: the first reference written for it
    for doc in corpus:documents() do
      for _, ref in ipairs(doc.references) do
        references = references + 1
        local key = ref.key
        if not written[key] then written[key] = ref.text end
        if ref.self_citation then self_citations = self_citations + 1 end
        if ref.language_note then
          noted = noted + 1
          notes[ref.language_note] = (notes[ref.language_note] or 0) + 1
        end
      end
    end

    local ages = corpus:reference_ages()
    local price = bibliometrics.price_index(ages)
    local cited_years = corpus:count_by("references.year")
    local rpys = bibliometrics.rpys(cited_years, { from = from })

    -- Languages: every reference, those without a known language as "unknown".
    local language_rows, known = {}, 0
    for row in corpus:count_by("references.language"):rows() do
      language_rows[#language_rows + 1] = { row.language, row.count, common.percent(row.count, references) }
      known = known + row.count
    end
    if references > known then
      language_rows[#language_rows + 1] = { "unknown", references - known, common.percent(references - known, references) }
    end
    local languages = Table.new{ columns = { "language", "references", "share, %" }, rows = language_rows }
    local note_rows = {}
    for note, count in pairs(notes) do note_rows[#note_rows + 1] = { note, count } end
    local language_notes = Table.new{ columns = { "note", "references" }, rows = note_rows }:sort("references", "desc")

    local md = report.markdown("references.md", { toc = true })
    md:heading(1, "References")
    md:list({
      "References: " .. references .. " in " .. #corpus .. " documents",
      "Mean references per document: " .. common.format(#corpus > 0 and references / #corpus or 0, 1),
      "Price index (share of references at most 5 years old when cited): " .. (price and (common.format(100 * price, 1) .. " %") or "n/a"),
      "Self-citations (a reference sharing an author with the citing document): " .. self_citations ..
        " (" .. common.percent(self_citations, references) .. " %)",
    })

    md:heading(2, "Age of the references")
    if #ages > 0 then
      md:chart{ table = ages, x = "age", y = "count", kind = "histogram", title = "Age of the references when cited",
                xlabel = "years between the cited work and the citing document", ylabel = "references" }
    end
    md:table(ages:head(30))

    md:heading(2, "Languages of the references")
    md:paragraph("From the reference's language note when it has one, else from its script.")
    md:table(languages)
    if #language_notes > 0 then
      md:paragraph(noted .. " references carry a language note as written in the source:")
      md:table(language_notes)
    end

    md:heading(2, "Reference publication year spectroscopy")
    if #rpys > 0 then
      md:paragraph("References per cited year from " .. from .. " on, and their deviation from the median of the five years " ..
        "around each year: peaks mark the years of the works the field keeps citing.")
      md:chart{ table = rpys, x = "year", y = { "count", "deviation" }, kind = "line", title = "Reference publication year spectroscopy",
                ylabel = "references" }
      local peaks = rpys:sort("deviation", "desc"):head(10)
      md:table(peaks)
    else
      md:paragraph("No reference has a year from " .. from .. " on.")
    end

    md:heading(2, "Most cited works")
    local work_rows = {}
    for row in corpus:count_by("references.key"):head(top):rows() do
      work_rows[#work_rows + 1] = { row.count, written[row.key] or row.key, row.key }
    end
    local works = Table.new{ columns = { "references", "reference", "key" }, rows = work_rows }
    md:paragraph("References grouped by the work they cite: by its DOI, else by first author, year, source, volume and first page " ..
      "(or title), so that one work written in several styles counts once. The reference shown is the first written for it.")
    md:table(works)

    md:heading(2, "Most cited sources")
    local sources = corpus:count_by("references.container"):head(top)
    if #sources > 0 then
      md:paragraph("References per journal or book, each counted once however the references write it (abbreviated or in full: " ..
        "J POLYM SCI, J. Polym. Sci. and Journal of Polymer Science are one source). The name shown is the first written.")
      md:table(sources)
    else
      md:paragraph("No reference names its source.")
    end

    md:heading(2, "Most locally cited documents")
    local cited = corpus:most_cited{ top = top }
    if #cited > 0 then
      md:paragraph("Documents of this corpus cited by its other documents (cited_by), with the count their source gives (citations).")
      md:table(cited)
    else
      md:paragraph("No document of the corpus is cited by another one.")
    end

    report.csv("reference_ages.csv", ages)
    report.csv("reference_languages.csv", languages)
    report.csv("rpys.csv", rpys)
    report.csv("cited_works.csv", works)
    report.csv("cited_sources.csv", sources)
    report.csv("local_citations.csv", cited)
  end,
}
