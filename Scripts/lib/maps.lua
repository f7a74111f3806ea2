-- maps.lua: one section of a science-mapping report for a network: clustered (Leiden on
-- association strength, as VOSviewer does) and laid out (VOS), drawn as a map, its clusters and
-- leading nodes tabulated, and written for VOSviewer and Gephi.
--   local maps = require("maps")
--   maps.section(md, net, { name = "coauthors", title = "Co-authorship of authors", unit = "authors", top = 20 })
-- Writes NAME.csv (nodes), NAME_clusters.csv, NAME_map.txt and NAME_network.txt (VOSviewer),
-- NAME.graphml and the map's SVG.

local maps = {}

-- The clusters of a clustered network's node table: cluster, nodes, occurrences and the nodes
-- with the most occurrences.
function maps.clusters(nodes, leading)
  local by_cluster, order = {}, {}
  for row in nodes:sort("occurrences", "desc"):rows() do
    local c = by_cluster[row.cluster]
    if not c then
      c = { cluster = row.cluster, nodes = 0, occurrences = 0, leading = {} }
      by_cluster[row.cluster] = c
      order[#order + 1] = row.cluster
    end
    c.nodes = c.nodes + 1
    c.occurrences = c.occurrences + row.occurrences
    if #c.leading < (leading or 5) then c.leading[#c.leading + 1] = row.node end
  end
  table.sort(order)
  local rows = {}
  for _, k in ipairs(order) do
    local c = by_cluster[k]
    rows[#rows + 1] = { c.cluster, c.nodes, c.occurrences, table.concat(c.leading, "; ") }
  end
  return Table.new{ columns = { "cluster", "nodes", "occurrences", "leading" }, rows = rows }
end

-- Adds a section for `net` to `md` and writes its files; `options`: name, title, unit (what the
-- nodes are), top (rows shown), resolution (1), seed (0), min_size (1).
function maps.section(md, net, options)
  md:heading(2, options.title)
  if #net == 0 then
    md:paragraph("No " .. options.unit .. " to map.")
    return
  end
  local _, quality = net:cluster{ normalize = "association", resolution = options.resolution or 1,
                                  seed = options.seed or 0, min_size = options.min_size }
  net:layout{ seed = options.seed or 0 }
  local s = net:summary()
  md:paragraph(string.format("%d %s and %d links (total strength %s) in %d clusters (Leiden on association "
    .. "strength, resolution %s, modularity %.3f); %d components, the largest of %d.",
    s.nodes, options.unit, s.links, tostring(s.total_weight), s.clusters, tostring(options.resolution or 1),
    quality, s.components, s.largest_component))
  md:network_map{ network = net, title = options.title, file = options.name .. "-map.svg" }
  local nodes = net:nodes()
  local clusters = maps.clusters(nodes)
  md:table(clusters)
  md:table(nodes:sort("occurrences", "desc"):head(options.top or 20))
  report.csv(options.name .. ".csv", nodes)
  report.csv(options.name .. "_clusters.csv", clusters)
  report.network(options.name, net, { format = "vosviewer" })
  report.network(options.name, net, { format = "graphml" })
end

return maps
