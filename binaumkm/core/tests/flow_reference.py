"""An independent reference for the solver's tests: the textbook min-cost max flow on an explicit
graph (every arc built, successive shortest paths found by Bellman-Ford, one unit at a time) and a
brute force for tiny instances. Slow and simple on purpose: nothing shared with mincostflow.py."""

import itertools
from collections import Counter

INF = float("inf")


def min_cost_max_flow(node_count: int, arcs, source: int, sink: int) -> tuple[int, int]:
    """(flow, cost) of the minimum-cost maximum flow. ``arcs``: (tail, head, capacity, cost); the
    graph must have no negative cycle (true of source → left → right → sink)."""
    edges = []  # [head, residual capacity, cost, index of the reverse edge]
    out = [[] for _ in range(node_count)]
    for tail, head, capacity, cost in arcs:
        out[tail].append(len(edges))
        edges.append([head, capacity, cost, len(edges) + 1])
        out[head].append(len(edges))
        edges.append([tail, 0, -cost, len(edges) - 1])
    flow = total = 0
    while True:
        dist, via = [INF] * node_count, [None] * node_count
        dist[source] = 0
        for _ in range(node_count):
            changed = False
            for x in range(node_count):
                if dist[x] == INF:
                    continue
                for e in out[x]:
                    head, capacity, cost, _rev = edges[e]
                    if capacity > 0 and dist[x] + cost < dist[head]:
                        dist[head], via[head], changed = dist[x] + cost, e, True
            if not changed:
                break
        if dist[sink] == INF:
            return flow, total
        node = sink
        while node != source:
            e = via[node]
            edges[e][1] -= 1
            edges[edges[e][3]][1] += 1
            node = edges[edges[e][3]][0]
        flow += 1
        total += dist[sink]


def assignment_optimum(demand, marginal, all_arcs) -> tuple[int, int]:
    """(units placed, cost) of the best assignment: left i -> right j over ``all_arcs[i]`` =
    [(j, cost)], each arc once, right j taking len(marginal[j]) units at marginal[j][k] each."""
    left, right = len(demand), len(marginal)
    source, sink = left + right, left + right + 1
    arcs = [(source, i, d, 0) for i, d in enumerate(demand) if d > 0]
    arcs += [(i, left + j, 1, cost) for i, lst in enumerate(all_arcs) for j, cost in lst]
    arcs += [(left + j, sink, 1, unit) for j, m in enumerate(marginal) for unit in m]
    return min_cost_max_flow(left + right + 2, arcs, source, sink)


def brute_force(demand, marginal, all_arcs) -> tuple[int, int]:
    """The same by trying every subset of arcs (tiny instances only)."""
    flat = [(i, j, cost) for i, lst in enumerate(all_arcs) for j, cost in lst]
    best = (0, 0)
    for mask in itertools.product((0, 1), repeat=len(flat)):
        chosen = [arc for take, arc in zip(mask, flat, strict=True) if take]
        per_left = Counter(i for i, _j, _c in chosen)
        per_right = Counter(j for _i, j, _c in chosen)
        if any(per_left[i] > demand[i] for i in per_left) or any(
            per_right[j] > len(marginal[j]) for j in per_right
        ):
            continue
        cost = sum(c for _i, _j, c in chosen) + sum(sum(marginal[j][:n]) for j, n in per_right.items())
        if (len(chosen), -cost) > (best[0], -best[1]):
            best = (len(chosen), cost)
    return best
