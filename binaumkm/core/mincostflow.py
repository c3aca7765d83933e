"""Exact minimum-cost assignment with capacities and convex load costs (pure Python, no database).

The problem, in plain terms: *left* nodes ``i`` each ask for ``demand[i]`` units (a store's missing
partners, a UMKM wanting a mentor, an exhibition's free booths); *right* nodes ``j`` each take at
most ``len(marginal[j])`` units, the ``k``-th unit placed at ``j`` costing ``marginal[j][k]``
(non-decreasing: convex, so load spreads); an *arc* ``(i, j, cost)`` may carry one unit. Wanted:
**as many units placed as possible, and among those placements the least total cost** (arc costs
plus the load costs) — a minimum-cost maximum flow source → left → right → sink.

``solve`` finds it over *every* allowed arc without building them all: it starts from a shortlist
per left node and adds arcs until the optimum of the shortlist is provably the optimum of the whole
network:

1. ``Network.solve`` finds the minimum-cost maximum flow over the arcs it holds (successive shortest
   paths with Dijkstra and potentials, then cancelling negative cycles through the source).
2. If demand stays open, augmenting paths are searched over **all** arcs (``all_arcs``, cost ignored);
   the arcs they use join the network. When there is none, the flow value is maximal over the whole
   network, not only over the shortlist.
3. Pricing: potentials valid on every residual arc are computed (``Network.certificate``); an arc left
   out whose reduced cost ``cost + left[i] - right[j]`` is negative would improve the assignment, so
   those arcs (``price``) join the network and it is solved again. When no such arc exists, linear
   programming duality says the flow is optimal over the full network.

There is no round limit: each round adds at least one new arc, so it stops.
"""

import heapq
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

INF = float("inf")
Arc = tuple[int, int]  # (right node, cost)


class NegativeCycleError(RuntimeError):
    """The potentials could not be made valid: a bug, never a property of the input."""


class Network:
    """Residual network of left nodes (0..L-1), right nodes (L..L+R-1) and the sink T, with potentials
    (reduced cost of an arc x→y: cost + pot[x] - pot[y])."""

    def __init__(
        self, lists: Sequence[Sequence[Arc]], demand: Sequence[int], marginal: Sequence[Sequence[int]]
    ):
        self.S = len(lists)
        self.C = len(marginal)
        self.T = self.S + self.C
        self.marginal = marginal
        self.caps = [len(m) for m in marginal]
        self.used = [0] * self.C
        self.remaining = list(demand)
        self.lists = [[(self.S + j, cost) for j, cost in lst] for lst in lists]
        self.out: list[dict[int, int]] = [{} for _ in range(self.S)]  # left -> {right node: cost} assigned
        self.users: dict[int, dict[int, int]] = {}  # right node -> {left: cost}
        # Initial potentials (reduced costs >= 0): each left node at minus its best cost, each right
        # node at the least reduced cost reaching it, the sink at the least reduced cost of a first
        # unit; then every left node's best arc into a node on the sink's level costs 0.
        pot: list[float] = [0] * (self.T + 1)
        reached: dict[int, float] = {}
        for s, lst in enumerate(self.lists):
            if lst:
                pot[s] = -min(cost for _u, cost in lst)
                for u, cost in lst:
                    value = cost + pot[s]
                    if value < reached.get(u, INF):
                        reached[u] = value
        for u, value in reached.items():
            pot[u] = value
        pot[self.T] = min((m[0] + pot[self.S + j] for j, m in enumerate(marginal) if m), default=0)
        self.pot = pot
        self.touched = sorted(reached)  # right nodes some left node has an arc to
        # Nodes from which the sink cannot be reached, now or later (Kuhn's lemma): phase 1 skips them.
        self.dead: set[int] = set()

    def _search(self, starts, *, stop_at_sink: bool):
        """Dijkstra on reduced costs from labelled start nodes; returns (dist, parent, settled).
        Searching for the sink, dead nodes are not entered."""
        S, T, pot, used, caps, marginal = self.S, self.T, self.pot, self.used, self.caps, self.marginal
        lists, out, users = self.lists, self.out, self.users
        dead = self.dead if stop_at_sink else ()
        dist, parent, settled = {}, {}, []
        heap = []
        for node, label in starts:
            dist[node] = label
            heap.append((label, node))
        heapq.heapify(heap)
        push, pop, get = heapq.heappush, heapq.heappop, dist.get
        while heap:
            d, x = pop(heap)
            if d > dist[x]:
                continue  # stale entry
            if x == T:
                if stop_at_sink:
                    break
                settled.append(x)
                continue
            settled.append(x)
            base = d + pot[x]
            if x < S:
                taken = out[x]
                for u, cost in lists[x]:
                    if u in taken or u in dead:
                        continue
                    nd = base + cost - pot[u]
                    if nd < get(u, INF):
                        dist[u] = nd
                        parent[u] = (x, cost)
                        push(heap, (nd, u))
            else:
                ci = x - S
                if used[ci] < caps[ci]:
                    cost = marginal[ci][used[ci]]
                    nd = base + cost - pot[T]
                    if nd < get(T, INF):
                        dist[T] = nd
                        parent[T] = (x, cost)
                        push(heap, (nd, T))
                for store, cost in users.get(x, {}).items():
                    if store in dead:
                        continue
                    nd = base - cost - pot[store]
                    if nd < get(store, INF):
                        dist[store] = nd
                        parent[store] = (x, -cost)
                        push(heap, (nd, store))
        return dist, parent, settled

    def _apply(self, end, parent):
        """Push one unit along the parent chain ending at ``end`` (the sink or a left node); returns
        the left node the chain starts from."""
        node = end
        while node in parent:
            prev, cost = parent[node]
            if node == self.T:
                self.used[prev - self.S] += 1
            elif node < self.S:  # reverse arc prev (right) -> node (left): the left node gives it up
                del self.out[node][prev]
                del self.users[prev][node]
            else:  # forward arc prev (left) -> node (right)
                self.out[prev][node] = cost
                self.users.setdefault(node, {})[prev] = cost
            node = prev
        return node

    def _zero_path(self, s: int) -> bool:
        """A path s -> right -> sink of reduced cost 0 is a shortest path: take it without a search
        (no potential changes: every node on it is at distance 0)."""
        pot, S, T, used, caps, marginal = self.pot, self.S, self.T, self.used, self.caps, self.marginal
        taken, ps = self.out[s], pot[s]
        for u, cost in self.lists[s]:
            if cost + ps == pot[u] and u not in taken:
                ci = u - S
                if used[ci] < caps[ci] and marginal[ci][used[ci]] + pot[u] == pot[T]:
                    used[ci] += 1
                    taken[u] = cost
                    self.users.setdefault(u, {})[s] = cost
                    self.remaining[s] -= 1
                    return True
        return False

    def augment_from(self, s: int) -> bool:
        if s in self.dead:
            return False
        if self._zero_path(s):
            return True
        dist, parent, settled = self._search([(s, 0)], stop_at_sink=True)
        if self.T not in dist or self.T not in parent:
            # Nothing reached can ever reach the sink: augmenting paths found later avoid it.
            self.dead.update(settled)
            return False
        d_sink = dist[self.T]
        for v in settled:
            self.pot[v] += dist[v] - d_sink
        self._apply(self.T, parent)
        self.remaining[s] -= 1
        return True

    def residual_arcs(self):
        """Every residual arc (tail, head, cost) among left, right and sink nodes, except those of right
        nodes no left node has an arc to (their only arc leads to the sink)."""
        S, T = self.S, self.T
        for x, lst in enumerate(self.lists):
            taken = self.out[x]
            for u, cost in lst:
                if u not in taken:
                    yield x, u, cost
        for u, holders in self.users.items():
            for s, cost in holders.items():
                yield u, s, -cost
        for u in self.touched:
            ci = u - S
            if self.used[ci] < self.caps[ci]:
                yield u, T, self.marginal[ci][self.used[ci]]
            if self.used[ci] > 0:
                yield T, u, -self.marginal[ci][self.used[ci] - 1]

    def _valid_potentials(self, *, with_source: bool) -> list:
        """Potentials valid on every residual arc, by Bellman-Ford with a queue, started from the
        current ones (usually valid already, so it ends quickly). With ``with_source``, the source
        (node T+1) and its arcs are included: to the left nodes with open demand and back from the
        left nodes holding units, at cost 0 (moving a unit from one left node to another)."""
        n = self.T + 2
        edges: dict[int, list[tuple[int, int]]] = {
            x: [] for x in (*range(self.S), *self.touched, self.T, self.T + 1)
        }
        for x, y, cost in self.residual_arcs():
            edges[x].append((y, cost))
        if with_source:
            source = self.T + 1
            for s in range(self.S):
                if self.remaining[s] > 0:
                    edges[source].append((s, 0))
                if self.out[s]:
                    edges[s].append((source, 0))
        dist = list(self.pot) + [min(self.pot, default=0)]
        queue, queued, rounds = deque(edges), [False] * n, [0] * n
        for x in queue:
            queued[x] = True
        while queue:
            x = queue.popleft()
            queued[x] = False
            dx = dist[x]
            for y, cost in edges[x]:
                if dx + cost < dist[y]:
                    dist[y] = dx + cost
                    if not queued[y]:
                        rounds[y] += 1
                        if rounds[y] > n:
                            raise NegativeCycleError("negative cycle in the residual network")
                        queued[y] = True
                        queue.append(y)
        return dist

    def improve(self) -> int:
        """Phase 2 (only when some demand stays open): cancel negative cycles through the source,
        i.e. an unfilled left node taking a unit from a filled one at a lower total cost, until none
        is left. Primal-dual: one Dijkstra per distinct cycle cost, then every cycle of that cost
        found on the zero-reduced-cost arcs."""
        S = self.S
        if not any(self.remaining) or not any(self.out):
            return 0
        self.pot = self._valid_potentials(with_source=False)[: self.T + 1]  # phase 1 left dead nodes
        phases = 0
        while True:
            starts = [(s, -self.pot[s]) for s in range(S) if self.remaining[s] > 0]
            if not starts:
                break
            dist, _parent, settled = self._search(starts, stop_at_sink=False)
            values = {b: dist[b] + self.pot[b] for b in settled if b < S and self.out[b]}
            best = min(values.values(), default=0)
            if best >= 0:
                break
            top = max(dist[v] for v in settled)
            for v in settled:
                self.pot[v] += dist[v] - top
            # Now a start reached by its own label sits at -top, the ends of the cheapest cycles at
            # best - top, and the cycles' arcs have reduced cost 0.
            ends = {b for b, value in values.items() if value == best}
            self._cancel_tight_cycles(-top, ends)
            phases += 1
        return phases

    def _cancel_tight_cycles(self, start_level, ends) -> None:
        """Push one unit along every path of zero reduced cost from an unfilled left node at
        ``start_level`` to a filled left node in ``ends`` (depth-first, each node tried once)."""
        S, pot, lists, out, users = self.S, self.pot, self.lists, self.out, self.users
        blocked: set[int] = set()
        for a in range(S):
            while self.remaining[a] > 0 and pot[a] == start_level and a not in blocked:
                parent: dict[int, tuple[int, int] | None] = {a: None}
                stack, found = [a], None
                while stack and found is None:
                    x = stack.pop()
                    if x < S:
                        px = pot[x]
                        for u, cost in lists[x]:
                            if (
                                u not in out[x]
                                and u not in parent
                                and u not in blocked
                                and cost + px == pot[u]
                            ):
                                parent[u] = (x, cost)
                                stack.append(u)
                    else:
                        px = pot[x]
                        for s, cost in users.get(x, {}).items():
                            if s not in parent and s not in blocked and px - cost == pot[s]:
                                parent[s] = (x, -cost)
                                if s in ends and out[s]:
                                    found = s
                                    break
                                stack.append(s)
                if found is None:
                    blocked.update(parent)
                    break
                del parent[a]
                self._apply(found, parent)
                self.remaining[a] -= 1
                self.remaining[found] += 1

    def solve(self) -> None:
        """Minimum-cost maximum flow over the arcs held."""
        for s in range(self.S):
            while self.remaining[s] > 0 and self.augment_from(s):
                pass
        self.improve()

    def certificate(self) -> tuple[list[int], list[int]]:
        """(left, right) potentials valid on every residual arc, the source's included: an arc not
        held, i→j with cost c, would lower the cost iff ``c + left[i] - right[j] < 0``. Made tight
        for pricing: each right node as low, then each left node as high, as its arcs allow (the
        fewer arcs priced in, the fewer rounds). A right node no held arc reaches gets exactly
        ``pot[T] - marginal[j][0]``, so those keep their order by cost (``partnerships.matching``
        prices them with one sorted list)."""
        S, T = self.S, self.T
        pot = self._valid_potentials(with_source=True)
        source, sink = T + 1, pot[T]
        # A right node no left node has an arc to has only its arc to the sink: pot[T] - marginal[0].
        right = [sink - m[0] if m else sink for m in self.marginal]
        for u in self.touched:  # right nodes only have arcs to left nodes and the sink
            ci = u - S
            lows = [pot[s] + cost for s, cost in self.users.get(u, {}).items()]  # u -> s costs -cost
            if self.used[ci] < self.caps[ci]:
                lows.append(sink - self.marginal[ci][self.used[ci]])
            right[ci] = max(lows) if lows else pot[u]  # empty only for a node of no capacity
        for s in range(S):  # left nodes only have arcs to right nodes and the source
            highs = [right[u - S] - cost for u, cost in self.out[s].items()]  # u -> s costs -cost
            if self.remaining[s] > 0:
                highs.append(pot[source])
            if highs:
                pot[s] = min(highs)
        return pot[:S], right

    def widen(self, all_arcs: Callable[[int], Iterable[Arc]]) -> list[tuple[int, int, int]]:
        """Augment (a copy of) the flow to a maximum over *all* arcs, cost ignored (breadth-first
        augmenting paths, Kuhn's lemma for failures). Returns the (left, right, cost) arcs those paths
        use: empty when the flow is already maximal over the whole network."""
        S = self.S
        used = list(self.used)
        out = [set(o) for o in self.out]
        users = {u: set(h) for u, h in self.users.items()}
        remaining = list(self.remaining)
        dead_left, dead_right, added = set(), set(), []
        for start in range(S):
            while remaining[start] > 0 and start not in dead_left:
                parent_u, parent_s = {}, {}
                queue, seen_s, found = deque([start]), {start}, None
                while queue and found is None:
                    s = queue.popleft()
                    for j, cost in all_arcs(s):
                        u = S + j
                        if u in out[s] or u in parent_u or u in dead_right:
                            continue
                        parent_u[u] = (s, cost)
                        if used[j] < self.caps[j]:
                            found = u
                            break
                        for other in users.get(u, ()):
                            if other not in seen_s and other not in dead_left:
                                seen_s.add(other)
                                parent_s[other] = u
                                queue.append(other)
                if found is None:
                    dead_left |= seen_s
                    dead_right |= set(parent_u)
                    break
                used[found - S] += 1
                u = found
                while True:
                    s, cost = parent_u[u]
                    out[s].add(u)
                    users.setdefault(u, set()).add(s)
                    added.append((s, u - S, cost))
                    if s == start:
                        break
                    previous = parent_s[s]  # s gave up `previous` to the left node before it
                    out[s].discard(previous)
                    users[previous].discard(s)
                    u = previous
                remaining[start] -= 1
        return added


@dataclass
class Solution:
    assigned: list[dict]  # left -> {right: arc cost} (one unit each)
    unfilled: list[int]  # left -> demand left open
    load: list[int]  # right -> units placed
    cost: int  # arc costs + load costs
    left_potential: list[int] = field(default_factory=list)  # the optimality certificate
    right_potential: list[int] = field(default_factory=list)
    stats: dict = field(default_factory=dict)


def price_all(all_arcs: Callable[[int], Iterable[Arc]], left_count: int, limit: int):
    """A ``price`` function that looks at every arc (for small networks and tests)."""

    def price(left_pot, right_pot, held):
        found = {}
        for i in range(left_count):
            better = sorted(
                (cost + left_pot[i] - right_pot[j], j, cost)
                for j, cost in all_arcs(i)
                if j not in held[i] and cost + left_pot[i] - right_pot[j] < 0
            )
            if better:
                found[i] = [(j, cost) for _r, j, cost in better[:limit]]
        return found

    return price


def solve(
    demand: Sequence[int],
    marginal: Sequence[Sequence[int]],
    arcs: Sequence[Sequence[Arc]],
    *,
    all_arcs: Callable[[int], Iterable[Arc]] | None = None,
    price: Callable | None = None,
    price_limit: int = 30,
) -> Solution:
    """The minimum-cost maximum flow over every arc ``all_arcs`` allows, starting from the shortlist
    ``arcs`` (left i -> [(right j, cost)]). ``price(left_pot, right_pot, held)`` returns
    {left: [(right, cost)]} arcs not held (``held[i]`` is the set of right nodes i holds an arc to)
    whose reduced cost ``cost + left_pot[i] - right_pot[j]`` is negative, or {} when none is left;
    by default it looks at every arc. Without ``all_arcs``, the shortlist is the whole network."""
    started = time.perf_counter()
    if any(b < a for m in {id(m): m for m in marginal}.values() for a, b in zip(m, m[1:], strict=False)):
        raise ValueError("marginal costs must not decrease (convex load cost)")
    lists = [list(lst) for lst in arcs]
    held = [{j for j, _c in lst} for lst in lists]
    if all_arcs is not None and price is None:
        price = price_all(all_arcs, len(lists), price_limit)
    rounds = widened = priced = 0
    maximal = all_arcs is None  # the flow value is the maximum over every arc
    while True:
        rounds += 1
        net = Network(lists, demand, marginal)
        net.solve()
        new = []
        if any(net.remaining) and not maximal:
            assert all_arcs is not None
            new = [(s, j, cost) for s, j, cost in net.widen(all_arcs) if j not in held[s]]
            widened += len(new)
            # Once it is, it stays: more arcs never lower the maximum over the arcs held.
            maximal = not new
        if not new:
            left_pot, right_pot = net.certificate()
            if price is not None:
                new = [(s, j, cost) for s, found in price(left_pot, right_pot, held).items()
                       for j, cost in found if j not in held[s]]  # fmt: skip
                priced += len(new)
        if not new:
            break
        for s, j, cost in new:
            if j not in held[s]:
                held[s].add(j)
                lists[s].append((j, cost))
    S = net.S
    assigned = [{u - S: cost for u, cost in out.items()} for out in net.out]
    load = list(net.used)
    cost = sum(c for a in assigned for c in a.values()) + sum(
        sum(m[:n]) for m, n in zip(marginal, load, strict=True)
    )
    stats = {
        "rounds": rounds,
        "arcs": sum(len(lst) for lst in lists),
        "arcs_widened": widened,
        "arcs_priced": priced,
        "seconds": round(time.perf_counter() - started, 3),
    }
    return Solution(assigned, list(net.remaining), load, cost, left_pot, right_pot, stats)
