#!/usr/bin/python3
"""Both sides of the `network` benchmark entries: massline.network against NetworkX, igraph
and graph-tool on the same synthetic county.

Input (not timed): massline.synth.generate("county", seed=0, households=N); the peers get the
network's vertex and edge arrays (vertex kinds, edge sources, targets and kinds), so they start
from a flat edge list while massline starts from the Registry itself.

Timed, per library (fastest of --repeat runs, printed in bench/run.py's line protocol
"<name> <seconds per run> <runs>" with "# cpu <name> <CPU seconds>" comments):
  build       massline: Network(registry); peers: a directed multigraph with an edge kind
              attribute from the edge list
  coverage    households with a responsible member (an assistance or contact-household edge
              from a member), per unit (massline: Network.coverage())
  escalation  every household's path from its unit up to the root, plus the responsible people
              of the household and of every organisation (massline: Network.escalation())
  components  weakly connected components (massline: Network.components())
Results are checked against massline's (covered count, path lengths, component count) before
anything is printed. Usage:
    /usr/bin/python3 bench/network_peer.py --library massline --stage build/release/python/stage --households 1000000
    /usr/bin/python3 bench/network_peer.py --library networkx --stage build/release/python/stage --households 1000000
(--library igraph / graph-tool likewise; graph-tool and igraph time build and components only
where they have no better than a Python loop for the others, which NetworkX already measures).
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict


def timed(name, fn, repeat, results):
    best, best_cpu, value = None, None, None
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        value = fn()
        wall, cpu = time.perf_counter() - t, time.process_time() - c
        if best is None or wall < best:
            best, best_cpu = wall, cpu
    print(f"{name} {best:.6f} {repeat}")
    print(f"# cpu {name} {best_cpu:.6f}")
    results[name] = value
    return value


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--library", required=True, choices=["massline", "networkx", "igraph", "graph-tool"])
    ap.add_argument("--stage", required=True, help="directory holding the staged massline package")
    ap.add_argument("--households", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    sys.path.insert(0, args.stage)
    import numpy as np

    import massline as ml

    registry = ml.synth.generate("county", seed=0, households=args.households)
    net = ml.network.Network(registry)
    expected_covered = int(net.coverage().covered_households)
    expected_path = int(net.escalation().path_offsets[-1])
    expected_components = int(net.components().count)
    V, E = net.vertex_count, net.edge_count
    print(f"# counts households={net.household_count} members={net.member_count} "
          f"organizations={net.organization_count} vertices={V} edges={E}")
    lib = args.library
    results: dict = {}
    if lib == "massline":
        n = timed("network_build", lambda: ml.network.Network(registry), args.repeat, results)
        print(f"# counts bytes_per_household={n.memory_bytes() / n.household_count:.1f}")
        timed("network_coverage", lambda: n.coverage().covered_households, args.repeat, results)
        timed("network_escalation", lambda: int(n.escalation().path_offsets[-1]), args.repeat, results)
        timed("network_components", lambda: n.components().count, args.repeat, results)
    else:
        src = np.array(net.edge_sources, dtype=np.int64)
        tgt = np.array(net.edge_targets, dtype=np.int64)
        kind = np.array(net.edge_kinds, dtype=np.int64)
        K = {k.name: int(k) for k in ml.network.EdgeKind.__members__.values()}
        first_member, first_household = net.first_member, net.first_household
        del net
        responsibility = {K["assistance"], K["contact_household"]}
        at_org = {K["service_post"], K["contact_point"]}
        if lib == "networkx":
            import networkx as nx

            def build():
                g = nx.MultiDiGraph()
                g.add_nodes_from(range(V))
                g.add_edges_from(zip(src.tolist(), tgt.tolist(), ({"kind": k} for k in kind.tolist())))
                return g

            g = timed("network_build", build, args.repeat, results)

            def coverage():
                covered = 0
                per_unit = defaultdict(lambda: [0, 0])
                for h in range(first_household, V):
                    ok = any(d["kind"] in responsibility and first_member <= u < first_household
                             for u, _, d in g.in_edges(h, data=True))
                    unit = next(t for _, t, d in g.out_edges(h, data=True) if d["kind"] == K["unit_of"])
                    per_unit[unit][0] += 1
                    per_unit[unit][1] += ok
                    covered += ok
                return covered

            def escalation():
                parent = {}
                people = {}
                for o in range(first_member):
                    parent[o] = next((t for _, t, d in g.out_edges(o, data=True) if d["kind"] == K["parent"]), None)
                    people[o] = sorted({u for u, _, d in g.in_edges(o, data=True) if d["kind"] in at_org})
                total = 0
                for h in range(first_household, V):
                    _ = sorted({u for u, _, d in g.in_edges(h, data=True)
                                if d["kind"] in responsibility and first_member <= u < first_household})
                    o = next(t for _, t, d in g.out_edges(h, data=True) if d["kind"] == K["unit_of"])
                    path = []
                    while o is not None:
                        path.append(o)
                        o = parent[o]
                    total += len(path)
                return total

            timed("network_coverage", coverage, args.repeat, results)
            timed("network_escalation", escalation, args.repeat, results)
            timed("network_components", lambda: nx.number_weakly_connected_components(g), args.repeat, results)
        elif lib == "igraph":
            import igraph as ig

            def build():
                g = ig.Graph(n=V, edges=np.column_stack([src, tgt]).tolist(), directed=True)
                g.es["kind"] = kind.tolist()
                return g

            g = timed("network_build", build, args.repeat, results)
            timed("network_components", lambda: len(g.connected_components(mode="weak")), args.repeat, results)
        else:
            import graph_tool.all as gt

            def build():
                g = gt.Graph(directed=True)
                g.add_vertex(V)
                ek = g.new_edge_property("short")
                g.add_edge_list(np.column_stack([src, tgt, kind]), eprops=[ek])
                return g

            g = timed("network_build", build, args.repeat, results)

            def components():
                _, hist = gt.label_components(g, directed=False)
                return len(hist)

            timed("network_components", components, args.repeat, results)
    if "network_coverage" in results:
        assert results["network_coverage"] == expected_covered, (results["network_coverage"], expected_covered)
    if "network_escalation" in results:
        assert results["network_escalation"] == expected_path, (results["network_escalation"], expected_path)
    assert results["network_components"] == expected_components, (results["network_components"], expected_components)


if __name__ == "__main__":
    main()
