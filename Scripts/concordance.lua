-- concordance.lua: keyword in context: every occurrence of a word or phrase in the abstracts
-- (or another text field) with the words around it, and how the uses spread over the years.
--
-- Outputs: concordance.md, concordance.csv.
--
-- Parameters: `scriptorium run Scripts/concordance.lua --help`.

local common = require("common")

return {
  description = "Keyword in context: every occurrence of a word or phrase with the words around it, and its spread over the years",
  params = {
    { name = "term", type = "string", required = true, help = "the word or phrase to find, such as 'trade' or 'customs post'" },
    { name = "field", type = "string", default = "abstract", help = "the text field searched (abstract, title, ...)" },
    { name = "window", type = "integer", default = 6, help = "words shown on each side" },
    { name = "limit", type = "integer", default = 200, help = "occurrences listed in concordance.md (the CSV has them all)" },
  },
  outputs = { "concordance.md", "concordance.csv" },
  run = function(corpus, params)
    local term = params.term
    local field = params.field
    local window = common.at_least(params, "window", 1)
    local limit = common.at_least(params, "limit", 1)

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
  end,
}
