-- keywords.lua: author keywords: how often each is used, how the most used ones spread over the
-- years, and which keywords travel together (co-occurrence in the same document).
--
-- Outputs: keywords.md, keyword_years.csv, keyword_pairs.csv.
-- Parameters:
--   top (integer, default 20): keywords and pairs shown in keywords.md.

local text = require("text")

local top = math.tointeger(tonumber(params.top or "20"))
if not top or top < 1 then error("params.top must be a positive integer, got '" .. tostring(params.top) .. "'") end

local keywords = corpus:count_by("keywords")
local pairs_table = corpus:cooccurrence{field = "keywords"}

-- Keywords by year, for the most used keywords only.
local leading = {}
for row in keywords:head(top):rows() do leading[text.lower(row.keywords)] = true end
local by_year = corpus:crosstab("keywords", "year")
  :filter(function(row) return leading[text.lower(row.a)] end)
  :rename{a = "keyword", b = "year"}

local md = report.markdown("keywords.md")
md:heading(1, "Author keywords")
md:paragraph(string.format("%d documents use %d distinct keywords; %d pairs of keywords appear together.",
  #corpus, #keywords, #pairs_table))
md:heading(2, "Most used keywords")
md:table(keywords:head(top))
md:heading(2, "Keywords that appear together")
md:table(pairs_table:head(top))
md:heading(2, "The most used keywords by year")
md:table(by_year:sort("keyword"):head(top * 3))

report.csv("keyword_years.csv", by_year)
report.csv("keyword_pairs.csv", pairs_table)
