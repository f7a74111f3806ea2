-- sharded_report.lua: a report made only of calls a sharded run splits across shards (#corpus,
-- count_by, crosstab, where, filter, fold), for the tests that compare a sharded run's report
-- with a whole run's byte for byte.
local md = report.markdown("sharded.md")
md:heading(1, "Sharded")
md:paragraph(("%d documents; %s"):format(#corpus, tostring(corpus)))

local years = corpus:count_by("year")
md:table(years)
report.csv("years.csv", years)

local authors = corpus:count_by("authors", { top = 15, variants = true })
md:table(authors)
report.csv("keywords.csv", corpus:count_by("keywords", { normalize = true, variants = true, min_count = 1 }))
report.csv("journals.csv", corpus:count_by("journal", { top = 10 }))
report.csv("cited.csv", corpus:count_by("references.doi", { top = 20 }))

report.csv("keyword_years.csv", corpus:crosstab("keywords", "year", { normalize = true }))
report.csv("journal_years.csv", corpus:crosstab("journal", "year"))

local recent = corpus:where{ year = { 2015, nil } }
md:paragraph(("%d documents since 2015"):format(#recent))
report.csv("recent_keywords.csv", recent:count_by("keywords", { top = 10 }))

local long = corpus:filter(function(doc) return #doc.references >= 10 end)
md:paragraph(("%d documents cite ten works or more"):format(#long))
report.csv("long_authors.csv", long:count_by("authors", { top = 10 }))

-- Accumulated in Lua: fields present, references, and a per-year sum kept in a table.
local totals = corpus:fold{
  init = function() return { documents = 0, references = 0, abstracts = 0, by_year = {} } end,
  step = function(acc, doc)
    acc.documents = acc.documents + 1
    acc.references = acc.references + #doc.references
    if doc.abstract and doc.abstract ~= "" then acc.abstracts = acc.abstracts + 1 end
    if doc.year then acc.by_year[doc.year] = (acc.by_year[doc.year] or 0) + #doc.references end
  end,
  merge = function(a, b)
    a.documents = a.documents + b.documents
    a.references = a.references + b.references
    a.abstracts = a.abstracts + b.abstracts
    for year, n in pairs(b.by_year) do a.by_year[year] = (a.by_year[year] or 0) + n end
    return a
  end,
}
md:paragraph(("%d documents, %d references, %d abstracts"):format(totals.documents, totals.references, totals.abstracts))
local rows = {}
for year, n in pairs(totals.by_year) do rows[#rows + 1] = { year, n } end
table.sort(rows, function(x, y) return x[1] < y[1] end)
report.csv("references_by_year.csv", Table.new{ columns = { "year", "references" }, rows = rows })
