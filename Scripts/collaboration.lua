-- collaboration.lua: who writes with whom: co-authorship networks of authors, institutions and
-- countries, each clustered and mapped as VOSviewer does (links counted fractionally, so that a
-- paper with fifty authors does not outweigh fifty papers with two).
--
-- Outputs: collaboration.md (with maps), and for each of authors, institutions and countries:
--   coauthors_<unit>.csv (nodes), coauthors_<unit>_clusters.csv, coauthors_<unit>_map.txt and
--   coauthors_<unit>_network.txt (VOSviewer), coauthors_<unit>.graphml.
--
-- Parameters: `scriptorium run Scripts/collaboration.lua --help`.

local common = require("common")
local maps = require("maps")

return {
  description = "Co-authorship networks of authors, institutions and countries: clusters, maps, VOSviewer and GraphML files",
  params = {
    { name = "top", type = "integer", default = 100, help = "nodes kept in each network (those with the most documents)" },
    { name = "counting", type = "string", default = "fractional", help = "'full' or 'fractional' counting of links" },
    { name = "resolution", type = "number", default = 1.0, help = "clustering resolution (larger: more, smaller clusters)" },
  },
  outputs = { "collaboration.md" },
  run = function(corpus, params)
    local top = common.at_least(params, "top", 2)
    local md = report.markdown("collaboration.md", { toc = true })
    md:heading(1, "Collaboration networks")
    local c = corpus:collaboration()
    md:paragraph(string.format("%d documents with authors, %.2f authors a document; %d of %d documents with a "
      .. "country (%.1f%%) have addresses in two countries or more. Links are counted %s; each map keeps the %d nodes with "
      .. "the most documents.", c.documents, c.authors_per_document, c.international, c.with_country,
      100 * c.international_share, params.counting, top))
    for _, unit in ipairs({ "authors", "institutions", "countries" }) do
      local net = corpus:network{ kind = "coauthorship", unit = unit, counting = params.counting, top = top }
      maps.section(md, net, { name = "coauthors_" .. unit, title = "Co-authorship of " .. unit, unit = unit,
                              resolution = params.resolution })
    end
  end,
}
