-- concordance.lua: keyword in context: every occurrence of a word or phrase in the abstracts
-- (or another text field) with the words around it, and how the uses spread over the years.
--
-- Outputs: concordance.md, concordance.csv.
-- Parameters:
--   term (string, required): the word or phrase to find, such as "trade" or "customs post".
--   field (string, default "abstract"): the text field searched ("abstract", "title", ...).
--   window (integer, default 6): words shown on each side.
--   limit (integer, default 200): occurrences listed in concordance.md (the CSV has them all).

local common = require("common")
local term = common.string("term", nil)
if not term then error("parameter 'term' is required: --param term=WORD", 0) end
local field = common.string("field", "abstract")
local window = common.integer("window", 6)
local limit = common.integer("limit", 200)

local lines = corpus:kwic(term, { field = field, window = window })
local ids = {}
for row in lines:rows() do ids[row.id] = true end
local years = corpus:filter(function(doc) return ids[doc.id] ~= nil end):count_by("year"):sort("year")

local md = report.markdown("concordance.md")
md:heading(1, "Concordance of “" .. term .. "”")
local documents = 0
for _ in pairs(ids) do documents = documents + 1 end
md:paragraph(string.format("%d occurrences in %d of %d documents (field %s, %d words each side).",
  #lines, documents, #corpus, field, window))
if #years > 1 then
  md:chart{ table = years, x = "year", y = "count", title = "Documents using “" .. term .. "” by year", ylabel = "documents" }
end
md:table(lines:head(limit))
if #lines > limit then md:paragraph((#lines - limit) .. " more in concordance.csv.") end

report.csv("concordance.csv", lines)
