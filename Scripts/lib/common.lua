-- common.lua: helpers shared by the bundled report scripts: parameter bounds, percentages,
-- number formatting, and the time span of a year/count Table.
--   local common = require("common")
--   local top = common.at_least(params, "top", 1)   -- params.top; an error names a value below 1

local common = {}

-- params[name], checked to be at least `min`; an error names the parameter and the value.
function common.at_least(params, name, min)
  local value = params[name]
  if value ~= nil and value < min then
    error(string.format("parameter '%s' must be at least %d, got %s", name, min, tostring(value)), 0)
  end
  return value
end

-- part / whole as a percentage with one decimal (0 when whole is 0).
function common.percent(part, whole)
  if whole == 0 then return 0 end
  return math.floor(1000 * part / whole + 0.5) / 10
end

-- A number with `decimals` decimals (default 2), or "n/a" for nil.
function common.format(value, decimals)
  if value == nil then return "n/a" end
  return string.format("%." .. (decimals or 2) .. "f", value)
end

-- "1998–2021" from a Table with a year column (sorted or not); "unknown" when it has no rows.
function common.span(years)
  local first, last
  for row in years:rows() do
    if row.year then
      if not first or row.year < first then first = row.year end
      if not last or row.year > last then last = row.year end
    end
  end
  if not first then return "unknown" end
  return first == last and tostring(first) or (first .. "–" .. last)
end

return common
