-- network.lua: the science-mapping benchmark's script: the bibliographic coupling network of every
-- document, built, then clustered with Leiden (modularity, seed 0), each step timed in CPU
-- seconds; prints one JSON line. Run by Benchmarks/networks.
local start = os.clock()
local net = corpus:network{ kind = "coupling", unit = "documents" }
local built = os.clock() - start
local s = net:summary()
start = os.clock()
local _, quality = net:cluster{ seed = 0 }
local clustered = os.clock() - start
print(string.format('{"documents": %d, "nodes": %d, "links": %d, "build_seconds": %.2f, "cluster_seconds": %.2f, "clusters": %d, "modularity": %.4f}',
  #corpus, s.nodes, s.links, built, clustered, net:summary().clusters, quality))
