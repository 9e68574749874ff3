#!/usr/bin/python3
"""NetworkX peer of the `assignment` entries: the instance of bench/assignment_instance.hpp (same
splitmix64 stream), solved with networkx.max_flow_min_cost on the same flow network (one middle
node per row, as in python/tests/test_network_assignment.py). Line protocol of bench/run.py."""

from __future__ import annotations

import argparse
import time

import networkx as nx

MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed: int) -> None:
        self.state = seed & MASK

    def next(self) -> int:
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)


def make(households: int, members: int, degree: int, seed: int):
    window = 64
    s = SplitMix64(seed)
    capacity = [5 + s.next() % 10 for _ in range(members)]
    demand = [1] * households
    span = min(members, window)
    rows = []
    for h in range(households):
        centre = max(0, h * members // households - span // 2)
        centre = min(centre, members - span)
        for _ in range(degree):
            m = centre + s.next() % span
            rows.append((h, m, s.next() % 100))
    return rows, capacity, demand


def solve(rows, capacity, demand):
    g = nx.DiGraph()
    for h, d in enumerate(demand):
        g.add_edge("s", ("h", h), capacity=d, weight=0)
    for m, c in enumerate(capacity):
        g.add_edge(("m", m), "t", capacity=c, weight=0)
    for i, (h, m, cost) in enumerate(rows):
        g.add_edge(("h", h), ("e", i), capacity=1, weight=cost)
        g.add_edge(("e", i), ("m", m), capacity=1, weight=0)
    flow = nx.max_flow_min_cost(g, "s", "t")
    return nx.cost_of_flow(g, flow), sum(flow["s"].values())


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--households", type=int, default=10_000)
    p.add_argument("--members", type=int, default=1_000)
    p.add_argument("--degree", type=int, default=5)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    rows, capacity, demand = make(a.households, a.members, a.degree, a.seed)
    t0 = time.perf_counter()
    cost, units = solve(rows, capacity, demand)
    seconds = time.perf_counter() - t0
    print(f"# counts households={a.households} members={a.members} rows={len(rows)} optimum={cost}/{units}")
    print(f"assignment {seconds:.6f} 1")


if __name__ == "__main__":
    main()
