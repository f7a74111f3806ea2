-- thematic.lua: the themes of a field from its authors' keywords: the co-word network clustered
-- and mapped, each cluster placed on the thematic map by Callon's centrality (how linked it is to
-- the others) and density (how linked within), trend topics (when each keyword is used: the
-- quartiles of its documents' years), and bursts of keywords and of cited works (Kleinberg's
-- automaton, as CiteSpace detects them). Spellings of a keyword are merged first.
--
-- Outputs: thematic.md (with charts), cowords.csv, cowords_clusters.csv, cowords_map.txt and
--   cowords_network.txt (VOSviewer), cowords.graphml, themes.csv, trend_topics.csv, bursts.csv,
--   cited_bursts.csv.
--
-- Parameters: `scriptorium run Scripts/thematic.lua --help`.

local common = require("common")
local maps = require("maps")

return {
  description = "Themes: co-word network and clusters, thematic map (centrality and density), trend topics, bursts of keywords and cited works",
  params = {
    { name = "top", type = "integer", default = 150, help = "keywords in the co-word network (the most used)" },
    { name = "min_count", type = "integer", default = 3, help = "fewest documents for a keyword's trend and bursts" },
    { name = "resolution", type = "number", default = 1.0, help = "clustering resolution (larger: more, smaller themes)" },
    { name = "gamma", type = "number", default = 1.0, help = "the cost of entering a burst (CiteSpace's γ; larger: fewer bursts)" },
  },
  outputs = { "thematic.md", "themes.csv", "trend_topics.csv", "bursts.csv", "cited_bursts.csv" },
  run = function(corpus, params)
    local top = common.at_least(params, "top", 2)
    local min_count = common.at_least(params, "min_count", 1)
    local md = report.markdown("thematic.md", { toc = true })
    md:heading(1, "Themes")
    md:paragraph("Author keywords, their spellings merged (case, hyphens, a trailing acronym, plurals).")

    local net = corpus:network{ kind = "cooccurrence", unit = "keywords", normalize = true, top = top }
    maps.section(md, net, { name = "cowords", title = "Co-word network", unit = "keywords", resolution = params.resolution })

    md:heading(2, "Thematic map")
    local themes = net:thematic_map()
    if #themes > 0 then
      md:paragraph("Each cluster placed by its centrality (10 × the equivalence indices of its links to other clusters) and density "
        .. "(100 × those of its inner links, over its keywords). Above both medians: motor themes; dense but peripheral: niche themes; "
        .. "central but sparse: basic themes; below both: emerging or declining themes.")
      md:chart{ table = themes, x = "centrality", y = "density", kind = "scatter", title = "Thematic map",
                xlabel = "centrality (relevance)", ylabel = "density (development)" }
      md:table(themes)
    else
      md:paragraph("No keywords to map.")
    end

    md:heading(2, "Trend topics")
    local trends = corpus:trend_topics{ field = "keywords", min_count = min_count, normalize = true }
    md:paragraph(string.format("Keywords with at least %d documents and the years of their documents: first quartile, median, "
      .. "third quartile; the newest at the end.", min_count))
    md:table(trends:sort("year_median", "desc"):head(30))

    md:heading(2, "Bursts")
    local bursts = corpus:bursts{ field = "keywords", min_count = min_count, gamma = params.gamma, normalize = true }
    local cited = corpus:bursts{ field = "references.key", min_count = min_count, gamma = params.gamma }
    md:paragraph(string.format("Years in which a keyword (or a cited work) is used markedly more than its usual share "
      .. "(Kleinberg's two-state automaton, γ = %s): %d keyword bursts, %d bursts of cited works.",
      tostring(params.gamma), #bursts, #cited))
    md:table(bursts:head(20))
    md:table(cited:head(20))

    report.csv("themes.csv", themes)
    report.csv("trend_topics.csv", trends)
    report.csv("bursts.csv", bursts)
    report.csv("cited_bursts.csv", cited)
  end,
}
