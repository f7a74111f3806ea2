-- production.lua: annual scientific production: documents per year, the cumulative total, and
-- the compound annual growth rate over the corpus's time span.
--
-- Outputs: production.md (with a chart), production.csv.
--
-- Parameters: `scriptorium run Scripts/production.lua --help`.

local common = require("common")

return {
  description = "Annual scientific production: documents per year, the cumulative total and the annual growth rate",
  params = {},
  outputs = { "production.md", "production.csv" },
  run = function(corpus, params)
    local years = corpus:count_by("year"):sort("year")
    -- Every year of the span, those without documents included.
    local counts, first, last = {}, nil, nil
    for row in years:rows() do
      counts[row.year] = row.count
      first, last = first or row.year, row.year
    end
    local rows, total = {}, 0
    for year = first or 1, last or 0 do
      total = total + (counts[year] or 0)
      rows[#rows + 1] = { year, counts[year] or 0, total }
    end
    local production = Table.new{ columns = { "year", "documents", "cumulative" }, rows = rows }
    local growth = bibliometrics.growth_rate(years)
    local undated = #corpus - total

    local md = report.markdown("production.md")
    md:heading(1, "Annual scientific production")
    md:list({
      "Documents: " .. #corpus .. (undated > 0 and (" (" .. undated .. " without a year)") or ""),
      "Time span: " .. common.span(years),
      "Annual growth rate: " .. (growth and (common.format(growth) .. " %") or "n/a (fewer than two years, or none in the first)"),
    })
    if #production > 0 then
      md:chart{ table = production, x = "year", y = "documents", kind = "bar", title = "Documents per year", ylabel = "documents" }
    end
    md:table(production)

    report.csv("production.csv", production)
  end,
}
