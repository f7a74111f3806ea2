-- network.lua: the science-mapping benchmark's script: the bibliographic coupling network of every
-- document, built, then clustered with Leiden (modularity, seed 0); each step timed in CPU seconds
-- of the process (all threads) and in wall seconds; prints one JSON line. Run by Benchmarks/networks.
local cpu, wall = os.clock(), os.time()
local net = corpus:network{ kind = "coupling", unit = "documents" }
local built_cpu, built_wall = os.clock() - cpu, os.time() - wall
local s = net:summary()
cpu, wall = os.clock(), os.time()
local _, quality = net:cluster{ seed = 0 }
local clustered_cpu, clustered_wall = os.clock() - cpu, os.time() - wall
print(string.format('{"documents": %d, "nodes": %d, "links": %d, "build_cpu_seconds": %.1f, "build_wall_seconds": %d, '
  .. '"cluster_cpu_seconds": %.1f, "cluster_wall_seconds": %d, "clusters": %d, "modularity": %.4f}',
  #corpus, s.nodes, s.links, built_cpu, built_wall, clustered_cpu, clustered_wall, net:summary().clusters, quality))
