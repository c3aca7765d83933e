"""Fair matchmaking of UMKM to stores short of partners: one exact min-cost flow (no database access).

Network: source → store (capacity = shortfall) → UMKM (capacity 1, cost = −fit + fairness × the
partnerships the UMKM already holds) → sink (the k-th new store of a UMKM in this run costs
fairness × k, up to its capacity). The flow is maximal first (every shortfall that can be filled is
filled), then of least cost (best fit, exposure spread).

Solver: successive shortest paths with Johnson potentials and Dijkstra, started from one store unit
at a time (the Hungarian method); a store whose search fails keeps failing (Kuhn's lemma), so it is
not searched again. Then negative cycles through the source (one unfilled store taking a partner
from a filled one at a lower total cost) are cancelled, which makes the result a minimum-cost
maximum flow, not only a minimum-cost flow for the stores that happened to be served first.

Candidate edges: each store keeps its best ``k`` UMKM by priority (fit minus fairness), at least as
many as its type needs in its kelurahan. If a shortfall stays open, the flow is augmented to a
maximum over *all* suitable UMKM (breadth-first, cost ignored); the edges those paths use join the
candidates and the flow is solved again. So a shortfall is only reported open when no assignment
at all could fill it, and the cost is exactly minimal over the candidate edges.
"""

import heapq
import time
from collections import deque
from dataclasses import dataclass, field

INF = float("inf")


@dataclass(frozen=True)
class Weights:
    suited: dict  # store type -> set of product categories
    food: frozenset  # categories that need P-IRT/BPOM and (for points) halal
    category: int = 30
    per_extra: int = 5
    extra_max: int = 2
    halal: int = 15
    same_kelurahan: int = 30
    same_kecamatan: int = 15
    active: int = 10
    fairness: int = 12

    @classmethod
    def from_conf(cls) -> "Weights":
        from binaumkm.registry.choices import ProductCategory

        from . import conf

        return cls(
            suited={k: frozenset(v) for k, v in conf.SUITED_CATEGORIES.items()},
            food=frozenset(ProductCategory.food_like()),
            category=conf.SCORE_CATEGORY, per_extra=conf.SCORE_PER_EXTRA_PRODUCT,
            extra_max=conf.SCORE_EXTRA_PRODUCTS_MAX, halal=conf.SCORE_HALAL,
            same_kelurahan=conf.SCORE_SAME_KELURAHAN, same_kecamatan=conf.SCORE_SAME_KECAMATAN,
            active=conf.SCORE_ACTIVE, fairness=conf.FAIRNESS_PENALTY,
        )  # fmt: skip


@dataclass
class Candidate:
    """A verified UMKM with retail-ready products (price set; P-IRT or BPOM for food)."""

    business_id: int
    kelurahan_id: int
    kecamatan_id: int
    ready: dict  # product category -> number of retail-ready products
    food_halal: bool  # its ready food and drink products are halal-certified
    active: bool  # status "aktif" (not "stagnan")
    existing: int  # partnerships it holds or is offered already
    capacity: int  # new stores it may be proposed to in this run


@dataclass
class Need:
    store_id: int
    store_type: str
    kelurahan_id: int
    kecamatan_id: int
    shortfall: int
    exclude: frozenset = frozenset()  # UMKM already partnered with (or having declined) this store


@dataclass
class Proposal:
    store_id: int
    business_id: int
    fit: int
    reasons: list


@dataclass
class Result:
    proposals: list[Proposal]
    unfilled: dict  # store_id -> shortfall left open
    stats: dict = field(default_factory=dict)


def base_fit(cand: Candidate, store_type: str, w: Weights) -> int | None:
    """Points that do not depend on where the store is, or None when the UMKM does not suit the type."""
    suited = w.suited.get(store_type, frozenset())
    products = sum(n for cat, n in cand.ready.items() if cat in suited)
    if not products:
        return None
    points = w.category + min(products - 1, w.extra_max) * w.per_extra
    sells_food = any(cat in w.food for cat in cand.ready if cat in suited)
    if cand.food_halal or not sells_food:
        points += w.halal
    if cand.active:
        points += w.active
    return points


def distance_bonus(cand: Candidate, need: Need, w: Weights) -> int:
    if cand.kelurahan_id == need.kelurahan_id:
        return w.same_kelurahan
    if cand.kecamatan_id == need.kecamatan_id:
        return w.same_kecamatan
    return 0


def explain(cand: Candidate, need: Need, w: Weights) -> list:
    """Why this UMKM: reason codes with parameters (translated when shown)."""
    suited = w.suited.get(need.store_type, frozenset())
    categories = sorted(cat for cat in cand.ready if cat in suited)
    products = sum(cand.ready[cat] for cat in categories)
    reasons = [["category", {"categories": categories, "store_type": need.store_type}],
               ["ready", {"n": products}]]  # fmt: skip
    if any(cat in w.food for cat in categories):
        reasons.append(["halal" if cand.food_halal else "no_halal", {}])
    if cand.kelurahan_id == need.kelurahan_id:
        reasons.append(["same_kelurahan", {}])
    elif cand.kecamatan_id == need.kecamatan_id:
        reasons.append(["same_kecamatan", {}])
    else:
        reasons.append(["city", {}])
    reasons.append(["active" if cand.active else "stagnant", {}])
    reasons.append(["exposure", {"n": cand.existing}])
    return reasons


class _Index:
    """Suitable UMKM per store type, sorted by priority, also per kelurahan and per kecamatan."""

    def __init__(self, candidates: list[Candidate], types, w: Weights):
        self.candidates = candidates
        self.w = w
        self.prio = {}  # type -> {cand index: fit without distance, minus fairness}
        self.by_type, self.by_kel, self.by_kec, self.eligible_ids = {}, {}, {}, {}
        for store_type in types:
            prio = {}
            for i, cand in enumerate(candidates):
                if cand.capacity <= 0:
                    continue
                fit = base_fit(cand, store_type, w)
                if fit is not None:
                    prio[i] = fit - w.fairness * cand.existing
            order = sorted(prio, key=lambda i: (-prio[i], candidates[i].business_id))
            by_kel, by_kec = {}, {}
            for i in order:
                by_kel.setdefault(candidates[i].kelurahan_id, []).append(i)
                by_kec.setdefault(candidates[i].kecamatan_id, []).append(i)
            self.prio[store_type], self.by_type[store_type] = prio, order
            self.eligible_ids[store_type] = {candidates[i].business_id for i in order}
            self.by_kel[store_type], self.by_kec[store_type] = by_kel, by_kec

    def best(self, need: Need, k: int | None):
        """The need's candidates, best priority (with distance) first: [(cand index, cost)]."""
        t, w, cands = need.store_type, self.w, self.candidates
        prio = self.prio.get(t, {})

        def stream(indexes, bonus, skip):
            for i in indexes:
                cand = cands[i]
                if cand.business_id in need.exclude or skip(cand):
                    continue
                yield (-(prio[i] + bonus), cand.business_id, i)

        merged = heapq.merge(
            stream(self.by_kel.get(t, {}).get(need.kelurahan_id, ()), w.same_kelurahan, lambda c: False),
            stream(self.by_kec.get(t, {}).get(need.kecamatan_id, ()), w.same_kecamatan,
                   lambda c: c.kelurahan_id == need.kelurahan_id),
            stream(self.by_type.get(t, ()), 0,
                   lambda c: c.kecamatan_id == need.kecamatan_id or c.kelurahan_id == need.kelurahan_id),
        )  # fmt: skip
        out = []
        for neg, _bid, i in merged:
            out.append((i, neg))  # cost = -(fit - fairness * existing) = -fit + fairness * existing
            if k is not None and len(out) >= k:
                break
        return out

    def count(self, need: Need) -> int:
        eligible = self.eligible_ids.get(need.store_type, set())
        return len(eligible) - sum(1 for b in need.exclude if b in eligible)


class _Network:
    """Residual network of stores (0..S-1), UMKM (S..S+C-1) and the sink, with potentials."""

    def __init__(self, lists, demand, caps, fairness):
        self.S = len(lists)
        self.C = len(caps)
        self.T = self.S + self.C
        self.fairness = fairness
        self.caps = caps
        self.used = [0] * self.C
        self.remaining = list(demand)
        self.lists = [[(self.S + i, cost) for i, cost in lst] for lst in lists]
        self.out = [{} for _ in range(self.S)]  # store -> {umkm node: cost} assigned
        self.users = {}  # umkm node -> {store: cost}
        # Initial potentials (reduced costs >= 0): each store at minus its best cost, each UMKM at
        # the least reduced cost reaching it; then every store's best edge costs 0 (column reduction).
        pot = [0] * (self.T + 1)
        reached = {}
        for s, lst in enumerate(self.lists):
            if lst:
                pot[s] = -min(cost for _u, cost in lst)
                for u, cost in lst:
                    value = cost + pot[s]
                    if value < reached.get(u, INF):
                        reached[u] = value
        for u, value in reached.items():
            pot[u] = value
        self.pot = pot  # the sink stays at 0 <= every UMKM's potential
        # Nodes from which the sink cannot be reached, now or later (Kuhn's lemma): phase 1 skips them.
        self.dead = set()

    def _search(self, starts, *, stop_at_sink: bool):
        """Dijkstra on reduced costs from labelled start nodes; returns (dist, parent, settled).
        Searching for the sink, dead nodes are not entered."""
        S, T, pot, used, caps, fairness = self.S, self.T, self.pot, self.used, self.caps, self.fairness
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
                    cost = fairness * used[ci]
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
        """Push one unit along the parent chain ending at ``end`` (the sink or a store); returns
        the store the chain starts from."""
        node = end
        while node in parent:
            prev, cost = parent[node]
            if node == self.T:
                self.used[prev - self.S] += 1
            elif node < self.S:  # reverse edge prev (UMKM) -> node (store): the store gives it up
                del self.out[node][prev]
                del self.users[prev][node]
            else:  # forward edge prev (store) -> node (UMKM)
                self.out[prev][node] = cost
                self.users.setdefault(node, {})[prev] = cost
            node = prev
        return node

    def _zero_path(self, store: int) -> bool:
        """A path store -> UMKM -> sink of reduced cost 0 is a shortest path: take it without a search
        (no potential changes: every node on it is at distance 0)."""
        pot, S, T, used, caps, fairness = self.pot, self.S, self.T, self.used, self.caps, self.fairness
        taken, ps = self.out[store], pot[store]
        for u, cost in self.lists[store]:
            if cost + ps == pot[u] and u not in taken:
                ci = u - S
                if used[ci] < caps[ci] and fairness * used[ci] + pot[u] == pot[T]:
                    used[ci] += 1
                    taken[u] = cost
                    self.users.setdefault(u, {})[store] = cost
                    self.remaining[store] -= 1
                    return True
        return False

    def augment_from(self, store: int) -> bool:
        if store in self.dead:
            return False
        if self._zero_path(store):
            return True
        dist, parent, settled = self._search([(store, 0)], stop_at_sink=True)
        if self.T not in dist or self.T not in parent:
            # Nothing reached can ever reach the sink: augmenting paths found later avoid it.
            self.dead.update(settled)
            return False
        d_sink = dist[self.T]
        for v in settled:
            self.pot[v] += dist[v] - d_sink
        self._apply(self.T, parent)
        self.remaining[store] -= 1
        return True

    def _residual_edges(self):
        """Every residual edge (tail, head, cost) except the sink's reverse edges (never searched)."""
        S, T = self.S, self.T
        for x, lst in enumerate(self.lists):
            taken = self.out[x]
            for u, cost in lst:
                if u not in taken:
                    yield x, u, cost
        for u, holders in self.users.items():
            for store, cost in holders.items():
                yield u, store, -cost
        for ci in range(self.C):
            if self.used[ci] < self.caps[ci]:
                yield S + ci, T, self.fairness * self.used[ci]

    def _repair_potentials(self) -> None:
        """Potentials valid on every residual edge again (phase 1 did not update dead nodes): the
        shortest distances from a virtual node joined to all, by Bellman-Ford with a queue. The
        residual network has no negative cycle (every augmentation took a shortest path)."""
        edges = {}
        for x, y, cost in self._residual_edges():
            edges.setdefault(x, []).append((y, cost))
        dist = [0] * (self.T + 1)
        queue, queued = deque(range(self.T + 1)), [True] * (self.T + 1)
        while queue:
            x = queue.popleft()
            queued[x] = False
            dx = dist[x]
            for y, cost in edges.get(x, ()):
                if dx + cost < dist[y]:
                    dist[y] = dx + cost
                    if not queued[y]:
                        queued[y] = True
                        queue.append(y)
        self.pot = dist

    def improve(self) -> int:
        """Phase 2 (only when some shortfall stays open): cancel negative cycles through the source,
        i.e. an unfilled store taking a partner from a filled one at a lower total cost, until none
        is left. Primal-dual: one Dijkstra per distinct cycle cost, then every cycle of that cost
        found on the zero-reduced-cost edges."""
        S = self.S
        if not any(self.remaining) or not any(self.out):
            return 0
        self._repair_potentials()
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
            # best - top, and the cycles' edges have reduced cost 0.
            ends = {b for b, value in values.items() if value == best}
            self._cancel_tight_cycles(-top, ends)
            phases += 1
        return phases

    def _cancel_tight_cycles(self, start_level, ends) -> None:
        """Push one unit along every path of zero reduced cost from an unfilled store at
        ``start_level`` to a filled store in ``ends`` (depth-first, each node tried once)."""
        S, pot, lists, out, users = self.S, self.pot, self.lists, self.out, self.users
        blocked = set()
        for a in range(S):
            while self.remaining[a] > 0 and pot[a] == start_level and a not in blocked:
                parent = {a: None}
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
                        for store, cost in users.get(x, {}).items():
                            if store not in parent and store not in blocked and px - cost == pot[store]:
                                parent[store] = (x, -cost)
                                if store in ends and out[store]:
                                    found = store
                                    break
                                stack.append(store)
                if found is None:
                    blocked.update(parent)
                    break
                del parent[a]
                self._apply(found, parent)
                self.remaining[a] -= 1
                self.remaining[found] += 1

    def solve(self) -> None:
        for store in range(self.S):
            while self.remaining[store] > 0 and self.augment_from(store):
                pass
        self.improve()


def _full_augment(index: _Index, needs, net: _Network) -> list:
    """Augment the network's flow to a maximum over *all* suitable UMKM, without regard to cost
    (breadth-first augmenting paths, Kuhn's lemma for failures). Returns the (store, UMKM index,
    cost) edges those paths add: empty when the flow is already maximal over every UMKM."""
    S = net.S
    used = list(net.used)
    out = [set(o) for o in net.out]
    users = {u: set(h) for u, h in net.users.items()}
    remaining = list(net.remaining)
    dead_stores, dead_umkm, added = set(), set(), []
    for start in range(S):
        while remaining[start] > 0 and start not in dead_stores:
            parent_u, parent_s = {}, {}
            queue, seen_s, found = deque([start]), {start}, None
            while queue and found is None:
                s = queue.popleft()
                for i, cost in index.best(needs[s], None):
                    u = S + i
                    if u in out[s] or u in parent_u or u in dead_umkm:
                        continue
                    parent_u[u] = (s, cost)
                    if used[i] < net.caps[i]:
                        found = u
                        break
                    for other in users.get(u, ()):
                        if other not in seen_s and other not in dead_stores:
                            seen_s.add(other)
                            parent_s[other] = u
                            queue.append(other)
            if found is None:
                dead_stores |= seen_s
                dead_umkm |= set(parent_u)
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
                previous = parent_s[s]  # s gave up `previous` to the store before it on the path
                out[s].discard(previous)
                users[previous].discard(s)
                u = previous
            remaining[start] -= 1
    return added


def solve(needs: list[Need], candidates: list[Candidate], weights: Weights, *, k: int = 30) -> Result:
    started = time.perf_counter()
    needs = [n for n in needs if n.shortfall > 0]
    index = _Index(candidates, {n.store_type for n in needs}, weights)
    caps = [max(c.capacity, 0) for c in candidates]
    # Stores of one type in one kelurahan rank the same UMKM first: give each at least as many
    # candidates as the group needs in total, so the first solve rarely has to widen.
    group_demand = {}
    for n in needs:
        group = (n.store_type, n.kelurahan_id)
        group_demand[group] = group_demand.get(group, 0) + n.shortfall
    per_store_k = [max(k, 2 * n.shortfall, group_demand[(n.store_type, n.kelurahan_id)]) for n in needs]
    extra = [{} for _ in needs]  # edges beyond the top-k that augmenting paths need
    rounds = 0
    while True:
        rounds += 1
        lists = []
        for s, need in enumerate(needs):
            lst = index.best(need, per_store_k[s])
            have = {i for i, _cost in lst}
            lists.append(lst + [(i, cost) for i, cost in extra[s].items() if i not in have])
        net = _Network(lists, [n.shortfall for n in needs], caps, weights.fairness)
        net.solve()
        if not any(net.remaining) or rounds >= 4:
            break
        added = _full_augment(index, needs, net)
        if not added:
            break  # the flow is maximal over every suitable UMKM, not only over the candidates
        for s, i, cost in added:
            extra[s][i] = cost
    proposals = []
    for s, need in enumerate(needs):
        for u in sorted(net.out[s], key=lambda u: (net.out[s][u], candidates[u - net.S].business_id)):
            cand = candidates[u - net.S]
            fit = base_fit(cand, need.store_type, weights) + distance_bonus(cand, need, weights)
            proposals.append(Proposal(need.store_id, cand.business_id, fit, explain(cand, need, weights)))
    unfilled = {need.store_id: net.remaining[s] for s, need in enumerate(needs) if net.remaining[s] > 0}
    stats = {
        "stores": len(needs),
        "demand": sum(n.shortfall for n in needs),
        "filled": len(proposals),
        "open": sum(unfilled.values()),
        "candidates": sum(1 for c in caps if c > 0),
        "edges": sum(len(lst) for lst in lists),
        "rounds": rounds,
        "seconds": round(time.perf_counter() - started, 3),
    }
    return Result(proposals=proposals, unfilled=unfilled, stats=stats)
