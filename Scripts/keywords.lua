-- keywords.lua: author keywords: how often each is used, how the most used ones spread over the
-- years, and which keywords travel together (co-occurrence in the same document), with a heatmap
-- of the pairs among the top keywords; then, apart, the indexing terms the databases add
-- (Keywords Plus, Scopus index keywords, MeSH), which are another vocabulary.
--
-- Spellings of one keyword are merged by default (`normalize`): case, hyphens and spaces, a
-- trailing acronym in brackets and plurals, so "Bit-patterned media (BPM)" and "bit patterned
-- media" are one keyword, shown in its most frequent spelling; the report lists what it merged.
-- A thesaurus (`scriptorium run --thesaurus FILE`) merges or removes more.
--
-- Outputs: keywords.md (with charts), keywords.csv, keyword_years.csv, keyword_pairs.csv,
--   index_terms.csv, keyword_spellings.csv.
--
-- Parameters: `scriptorium run Scripts/keywords.lua --help`.

local common = require("common")
local text = require("text")

return {
  description = "Author keywords: how often each is used, their trends over the years, and which travel together; the databases' index terms apart",
  params = {
    { name = "top", type = "integer", default = 20, help = "keywords and pairs shown in keywords.md" },
    { name = "heatmap", type = "integer", default = 15, help = "keywords in the co-occurrence heatmap" },
    { name = "normalize", type = "boolean", default = true, help = "merge spellings of a keyword (case, hyphens, a trailing acronym, plurals)" },
  },
  outputs = { "keywords.md", "keywords.csv", "keyword_years.csv", "keyword_pairs.csv", "index_terms.csv", "keyword_spellings.csv" },
  run = function(corpus, params)
    local top = common.at_least(params, "top", 1)
    local heatmap = common.at_least(params, "heatmap", 1)

    local normalize = params.normalize
    local keywords = corpus:count_by("keywords", { normalize = normalize, variants = true })
    local pairs_table = corpus:cooccurrence{ field = "keywords", normalize = normalize }
    -- The keywords written more than one way, most used first.
    local spellings = keywords:filter(function(row) return row.variants:find("; ", 1, true) ~= nil end)
      :rename{ keywords = "keyword", count = "documents", variants = "spellings" }
    keywords = keywords:select{ "keywords", "count" }

    -- Keywords by year, for the most used keywords only.
    local leading = {}
    for row in keywords:head(top):rows() do leading[text.lower(row.keywords)] = true end
    local by_year = corpus:crosstab("keywords", "year", { normalize = normalize })
      :filter(function(row) return leading[text.lower(row.a)] end)
      :rename{ a = "keyword", b = "year", count = "documents" }
      :sort("year")

    -- Pairs among the keywords of the heatmap, both ways round so that the map is symmetric.
    local in_map = {}
    for row in keywords:head(heatmap):rows() do in_map[text.lower(row.keywords)] = true end
    local map_rows = {}
    for row in pairs_table:rows() do
      if in_map[text.lower(row.a)] and in_map[text.lower(row.b)] then
        map_rows[#map_rows + 1] = { row.a, row.b, row.count }
        map_rows[#map_rows + 1] = { row.b, row.a, row.count }
      end
    end
    local map = Table.new{ columns = { "a", "b", "count" }, rows = map_rows }

    local md = report.markdown("keywords.md")
    md:heading(1, "Author keywords")
    md:paragraph(string.format("%d documents use %d distinct keywords; %d pairs of keywords appear together.",
      #corpus, #keywords, #pairs_table))
    if normalize then
      md:paragraph(string.format("Spellings of one keyword are merged (case, hyphens and spaces, a trailing acronym in "
        .. "brackets, plurals) and shown in their most frequent spelling: %d keywords were written more than one way "
        .. "(see Merged spellings and keyword_spellings.csv). `--param normalize=false` keeps every spelling apart.", #spellings))
    end
    md:heading(2, "Most used keywords")
    if #keywords > 0 then
      md:chart{ table = keywords:head(top), x = "keywords", y = "count", title = "Most used keywords", ylabel = "documents" }
    end
    md:table(keywords:head(top))
    md:heading(2, "Keyword trends")
    if #by_year > 0 then
      md:chart{ table = by_year, x = "year", y = "keyword", value = "documents", kind = "heatmap", title = "The most used keywords by year" }
    end
    md:table(by_year:sort("keyword"):head(top * 3))
    md:heading(2, "Keywords that appear together")
    if #map > 0 then
      md:chart{ table = map, x = "a", y = "b", value = "count", kind = "heatmap", title = "Co-occurrence of the top keywords" }
    end
    md:table(pairs_table:head(top))

    if normalize and #spellings > 0 then
      md:heading(2, "Merged spellings")
      md:paragraph("The keywords written in more than one way, each spelling with the documents using it.")
      md:table(spellings:head(top))
    end

    local index_terms = corpus:count_by("index_terms", { normalize = normalize })
    md:heading(2, "Index terms")
    md:paragraph(string.format("Terms the databases assign (Keywords Plus, Scopus index keywords, MeSH descriptors), kept apart "
      .. "from the authors' own keywords: %d distinct terms.", #index_terms))
    if #index_terms > 0 then
      md:chart{ table = index_terms:head(top), x = "index_terms", y = "count", title = "Most used index terms", ylabel = "documents" }
    end
    md:table(index_terms:head(top))

    report.csv("keywords.csv", keywords)
    report.csv("index_terms.csv", index_terms)
    report.csv("keyword_years.csv", by_year)
    report.csv("keyword_pairs.csv", pairs_table)
    report.csv("keyword_spellings.csv", spellings)
  end,
}
