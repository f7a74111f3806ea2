-- common.lua: helpers shared by the bundled report scripts: checked parameters, percentages,
-- number formatting, and the time span of a year/count Table.
--   local common = require("common")
--   local top = common.integer("top", 20)     -- params.top, or 20; an error names a bad value

local common = {}

-- params[name] as an integer of at least `min` (default 1), or `default` when it is not given.
function common.integer(name, default, min)
  min = min or 1
  local given = params[name]
  if given == nil then return default end
  local value = math.tointeger(tonumber(given))
  if not value or value < min then
    error(string.format("parameter '%s' must be an integer of at least %d, got '%s'", name, min, tostring(given)), 2)
  end
  return value
end

-- params[name] as a string, or `default`.
function common.string(name, default)
  local given = params[name]
  if given == nil or given == "" then return default end
  return given
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
