-- overview.lua: a first look at a corpus: its size and time span, documents per year, the top
-- keywords, the most cited authors and the languages of the references.
--
-- Outputs: overview.md, keywords.csv (every keyword with its document count).
-- Parameters:
--   top (integer, default 20): rows in the keyword and cited-author tables.

local top = math.tointeger(tonumber(params.top or "20"))
if not top or top < 1 then error("params.top must be a positive integer, got '" .. tostring(params.top) .. "'") end

local documents = #corpus
local references = 0
for doc in corpus:documents() do
  references = references + #doc.references
end

local years = corpus:count_by("year"):sort("year")
local authors = corpus:count_by("authors")
local keywords = corpus:count_by("keywords")

local function span()
  if #years == 0 then return "unknown" end
  local first, last = years[1].year, years[#years].year
  return first == last and tostring(first) or (first .. "–" .. last)
end

local md = report.markdown("overview.md")
md:heading(1, "Corpus overview")
md:list({
  "Documents: " .. documents,
  "Distinct authors: " .. #authors,
  "Time span: " .. span(),
  "References: " .. references,
  "Mean references per document: " .. (documents > 0 and string.format("%.1f", references / documents) or "0"),
  "Distinct keywords: " .. #keywords,
})

md:heading(2, "Documents per year")
md:table(years)

md:heading(2, "Top keywords")
md:table(keywords:head(top))

md:heading(2, "Most cited authors")
md:paragraph("Authors of the cited references, by the number of references naming them.")
md:table(corpus:count_by("references.authors", {top = top}))

md:heading(2, "References per language")
local languages = corpus:count_by("references.language")
local function percent(count) return math.floor(1000 * count / references + 0.5) / 10 end
local rows, known = {}, 0
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
