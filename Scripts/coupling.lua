-- coupling.lua: who builds on the same works: bibliographic coupling of documents (linked by the
-- cited works they share), and of sources and countries (linked through their documents'
-- references), clustered and mapped; the clusters of documents are the field's research fronts.
--
-- Outputs: coupling.md (with maps), and for each of documents, sources and countries:
--   coupled_<unit>.csv, coupled_<unit>_clusters.csv, coupled_<unit>_map.txt and
--   coupled_<unit>_network.txt (VOSviewer), coupled_<unit>.graphml.
--
-- Parameters: `scriptorium run Scripts/coupling.lua --help`.

local common = require("common")
local maps = require("maps")

return {
  description = "Bibliographic coupling of documents, sources and countries: clusters, maps, VOSviewer and GraphML files",
  params = {
    { name = "top", type = "integer", default = 100, help = "nodes kept in each network (documents: the most cited; others: the most documents)" },
    { name = "min_shared", type = "integer", default = 1, help = "fewest shared references for two documents to be linked" },
    { name = "resolution", type = "number", default = 1.0, help = "clustering resolution (larger: more, smaller clusters)" },
  },
  outputs = { "coupling.md" },
  run = function(corpus, params)
    local top = common.at_least(params, "top", 2)
    local md = report.markdown("coupling.md", { toc = true })
    md:heading(1, "Bibliographic coupling")
    md:paragraph(string.format("Two documents are coupled by the number of cited works they share (at least %d); "
      .. "sources and countries by the sum, over cited works, of their documents citing each.", params.min_shared))
    for _, unit in ipairs({ "documents", "sources", "countries" }) do
      local net = corpus:network{ kind = "coupling", unit = unit, min_weight = unit == "documents" and params.min_shared or 0, top = top }
      maps.section(md, net, { name = "coupled_" .. unit, title = "Coupling of " .. unit, unit = unit, resolution = params.resolution })
    end
  end,
}
