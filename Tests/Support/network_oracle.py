"""network_oracle.py DIR: checks what network_oracle.lua wrote in DIR against independent
implementations: networkx reads every exported file back (GraphML, GEXF, Pajek, and VOSviewer's
two files) and recomputes the centralities and whole-network figures; igraph recomputes the
modularity of each partition; leidenalg recomputes its CPM quality and clusters the same graph,
for comparison. Prints a JSON object: {"failures": [...], "report": [...]}; exits 0 either way.
"""
import csv
import json
import math
import os
import sys

import igraph
import leidenalg
import networkx as nx

folder = sys.argv[1]
failures = []
report = []


def close(a, b, tol=1e-6):
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))


def read_csv(name):
    with open(os.path.join(folder, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def check(condition, message):
    if not condition:
        failures.append(message)


summary = {s["name"]: s for s in json.load(open(os.path.join(folder, "summary.json"), encoding="utf-8"))}
for name, s in sorted(summary.items()):
    g = nx.read_graphml(os.path.join(folder, name + ".graphml"))
    label = {n: d["label"] for n, d in g.nodes(data=True)}
    by_label = {v: k for k, v in label.items()}
    check(g.number_of_nodes() == s["nodes"], f"{name}: {g.number_of_nodes()} nodes read back, {s['nodes']} written")
    check(g.number_of_edges() == s["links"], f"{name}: {g.number_of_edges()} links read back, {s['links']} written")
    # The other formats hold the same nodes, links and weights.
    gexf = nx.read_gexf(os.path.join(folder, name + ".gexf"))
    check(gexf.number_of_nodes() == g.number_of_nodes() and gexf.number_of_edges() == g.number_of_edges(), f"{name}: GEXF differs")
    check(close(sum(d["weight"] for _, _, d in gexf.edges(data=True)), sum(d["weight"] for _, _, d in g.edges(data=True))), f"{name}: GEXF weights differ")
    pajek = nx.Graph(nx.read_pajek(os.path.join(folder, name + ".net")))
    check(pajek.number_of_nodes() == g.number_of_nodes() and pajek.number_of_edges() == g.number_of_edges(), f"{name}: Pajek differs")
    with open(os.path.join(folder, name + "_network.txt"), encoding="utf-8") as f:
        vos_links = [line.split("\t") for line in f.read().splitlines() if line]
    check(len(vos_links) == g.number_of_edges(), f"{name}: VOSviewer network file has {len(vos_links)} links")
    with open(os.path.join(folder, name + "_map.txt"), encoding="utf-8") as f:
        vos_items = f.read().splitlines()
    check(len(vos_items) == g.number_of_nodes() + 1 and vos_items[0].startswith("id\tlabel\t"), f"{name}: VOSviewer map file")

    # Centralities.
    rows = {r["node"]: r for r in read_csv(name + "_centrality.csv")}
    betweenness = nx.betweenness_centrality(g, normalized=True)
    closeness = nx.closeness_centrality(g)
    # networkx's pure-Python PageRank (its default needs numpy and scipy, which the tests do without).
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
    pagerank = _pagerank_python(g, alpha=0.85, weight="weight", tol=1e-13, max_iter=10000)
    clustering = nx.clustering(g)
    components = sorted(nx.connected_components(g), key=len, reverse=True)
    for n in g.nodes:
        r = rows[label[n]]
        check(int(r["links"]) == g.degree(n), f"{name}: degree of {label[n]}")
        check(close(float(r["strength"]), g.degree(n, weight="weight")), f"{name}: strength of {label[n]}")
        check(close(float(r["betweenness"]), betweenness[n]), f"{name}: betweenness of {label[n]}: {r['betweenness']} vs {betweenness[n]}")
        check(close(float(r["closeness"]), closeness[n]), f"{name}: closeness of {label[n]}: {r['closeness']} vs {closeness[n]}")
        check(close(float(r["pagerank"]), pagerank[n], 1e-5), f"{name}: pagerank of {label[n]}: {r['pagerank']} vs {pagerank[n]}")
        check(close(float(r["clustering"]), clustering[n]), f"{name}: clustering of {label[n]}")
    if nx.is_connected(g) and g.number_of_nodes() > 2:
        eigen = nx.eigenvector_centrality(g, weight="weight", tol=1e-12, max_iter=100000)
        for n in g.nodes:
            check(close(float(rows[label[n]]["eigenvector"]), eigen[n], 1e-5), f"{name}: eigenvector of {label[n]}")
    check(len(components) == s["components"], f"{name}: {s['components']} components, networkx finds {len(components)}")
    check(close(nx.density(g), s["density"]), f"{name}: density")
    check(close(nx.transitivity(g), s["transitivity"]), f"{name}: transitivity")
    check(close(nx.average_clustering(g), s["average_clustering"]), f"{name}: average clustering")

    # Partitions: their qualities recomputed, connectedness, and leidenalg's best for comparison.
    ig = igraph.Graph.from_networkx(g)
    names = ig.vs["_nx_name"]
    weights = ig.es["weight"]
    for file, key, resolution in [("_modularity.csv", "modularity", 1.0), ("_half.csv", "half", 0.5)]:
        cluster = {by_label[r["node"]]: int(r["cluster"]) - 1 for r in read_csv(name + file)}
        membership = [cluster[v] for v in names]
        q = ig.modularity(membership, weights=weights, resolution=resolution)
        # summary.json holds six decimals.
        check(close(q, s[key], 1e-6), f"{name}: modularity (resolution {resolution}) {s[key]}, igraph says {q}")
        best = max(leidenalg.find_partition(ig, leidenalg.RBConfigurationVertexPartition, weights=weights,
                                            resolution_parameter=resolution, seed=seed).quality() for seed in range(5))
        # leidenalg's RB quality is modularity times 2m.
        best /= 2 * sum(weights)
        check(s[key] >= 0.99 * best, f"{name}: Leiden modularity {s[key]:.6f} below 99% of leidenalg's {best:.6f}")
        for c in set(membership):
            nodes = [v for v, m in zip(names, membership) if m == c]
            check(nx.is_connected(g.subgraph(nodes)), f"{name}: cluster {c + 1} ({len(nodes)} nodes) is not connected")
        report.append({"network": name, "resolution": resolution, "modularity": s[key], "leidenalg": best})
    cluster = {by_label[r["node"]]: int(r["cluster"]) - 1 for r in read_csv(name + "_cpm.csv")}
    membership = [cluster[v] for v in names]
    # leidenalg sums the constant Potts model over ordered pairs of nodes, so its quality is twice
    # the paper's Σ_c (e_c − γ n_c (n_c − 1) / 2), which Scriptorium reports.
    cpm = leidenalg.CPMVertexPartition(ig, initial_membership=membership, weights=weights, resolution_parameter=0.05).quality() / 2
    check(close(cpm, s["cpm"], 1e-6), f"{name}: CPM quality {s['cpm']}, leidenalg says {cpm}")
    best = max(leidenalg.find_partition(ig, leidenalg.CPMVertexPartition, weights=weights, resolution_parameter=0.05, seed=seed).quality()
               for seed in range(5)) / 2
    check(s["cpm"] >= 0.99 * best - 1e-9, f"{name}: CPM quality {s['cpm']:.6f} below 99% of leidenalg's {best:.6f}")
    report.append({"network": name, "cpm": s["cpm"], "leidenalg_cpm": best})

print(json.dumps({"failures": failures, "report": report}))
