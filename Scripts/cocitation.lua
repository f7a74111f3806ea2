-- cocitation.lua: what the corpus cites together: co-citation networks of cited works (by the
-- reference key, so one work however each database writes it), cited authors and cited sources,
-- clustered and mapped; the clusters of cited works are the field's intellectual base.
--
-- Outputs: cocitation.md (with maps), and for each of references, authors and sources:
--   cocited_<unit>.csv, cocited_<unit>_clusters.csv, cocited_<unit>_map.txt and
--   cocited_<unit>_network.txt (VOSviewer), cocited_<unit>.graphml.
--
-- Parameters: `scriptorium run Scripts/cocitation.lua --help`.

local common = require("common")
local maps = require("maps")

return {
  description = "Co-citation networks of cited works, authors and sources: clusters, maps, VOSviewer and GraphML files",
  params = {
    { name = "top", type = "integer", default = 100, help = "nodes kept in each network (the most cited)" },
    { name = "resolution", type = "number", default = 1.0, help = "clustering resolution (larger: more, smaller clusters)" },
  },
  outputs = { "cocitation.md" },
  run = function(corpus, params)
    local top = common.at_least(params, "top", 2)
    local md = report.markdown("cocitation.md", { toc = true })
    md:heading(1, "Co-citation networks")
    md:paragraph(string.format("Two cited items are linked by the number of the corpus's %d documents that cite both; "
      .. "each map keeps the %d most cited.", #corpus, top))
    for _, unit in ipairs({ "references", "authors", "sources" }) do
      local net = corpus:network{ kind = "cocitation", unit = unit, top = top }
      maps.section(md, net, { name = "cocited_" .. unit, title = "Co-citation of " .. (unit == "references" and "cited works" or "cited " .. unit),
                              unit = unit == "references" and "cited works" or "cited " .. unit, resolution = params.resolution })
    end
  end,
}
