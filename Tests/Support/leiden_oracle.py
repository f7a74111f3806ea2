"""leiden_oracle.py: standard graphs that networkx ships (Zachary's karate club, Les Misérables,
the Florentine families, Davis's southern women, a planted partition and a random graph), each
with leidenalg's best modularity over ten seeds at resolutions 1 and 0.5 and its best constant
Potts model quality at 0.05 (halved: leidenalg sums over ordered pairs), as JSON on stdout for
GraphsTests/LeidenOracleTests.swift to compare Scriptorium's Leiden with.
"""
import json

import igraph
import leidenalg
import networkx as nx

graphs = {
    "karate": nx.karate_club_graph(),
    "les_miserables": nx.les_miserables_graph(),
    "florentine_families": nx.florentine_families_graph(),
    "davis_southern_women": nx.bipartite.weighted_projected_graph(
        nx.davis_southern_women_graph(), nx.bipartite.sets(nx.davis_southern_women_graph())[0]),
    "planted_partition": nx.planted_partition_graph(8, 25, 0.3, 0.01, seed=1),
    "random": nx.gnm_random_graph(500, 2500, seed=2),
}
out = []
for name, g in graphs.items():
    g = nx.convert_node_labels_to_integers(g, ordering="sorted")
    edges = [[a, b, float(d.get("weight", 1))] for a, b, d in g.edges(data=True)]
    ig = igraph.Graph(n=g.number_of_nodes(), edges=[(a, b) for a, b, _ in edges])
    weights = [w for _, _, w in edges]
    m = sum(weights)
    best = {}
    for resolution in (1.0, 0.5):
        best[str(resolution)] = max(
            leidenalg.find_partition(ig, leidenalg.RBConfigurationVertexPartition, weights=weights,
                                     resolution_parameter=resolution, seed=seed).quality() / (2 * m)
            for seed in range(10))
    best["cpm"] = max(leidenalg.find_partition(ig, leidenalg.CPMVertexPartition, weights=weights,
                                               resolution_parameter=0.05, seed=seed).quality() / 2 for seed in range(10))
    out.append({"name": name, "nodes": g.number_of_nodes(), "edges": edges, "best": best})
print(json.dumps(out))
