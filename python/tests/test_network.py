"""massline.network: the Network snapshot and its queries from Python.

The differential tests build an independent NetworkX graph straight from the registry's
records (not from the network's arrays) and require exact agreement on components, shortest
path lengths, coverage, must-visit coverage, load, gaps and escalation paths; igraph checks
components and distances on the network's own CSR."""

from __future__ import annotations

import os

import datetime
import gc
import pickle
import random
from collections import defaultdict

import networkx as nx
import numpy as np
import pytest

import massline as ml
from massline import network as mn

d = datetime.date
H = ml.HouseholdCategory
P = ml.PairingKind


# ---- a small hand-made network (the C++ tests' fixture, tests/cpp/network/fixture.hpp) ------


def small():
    r = ml.Registry()
    O = ml.Organization
    C = r.add(O(code="C", level=1))
    T = r.add(O(code="T", level=2, parent=C))
    V = r.add(O(code="V", level=3, parent=T))
    A = r.add(O(code="A", level=4, parent=V))
    B = r.add(O(code="B", level=4, parent=V))
    Og = r.add(O(code="O", level=1))
    G = r.add(O(code="G", level=4, parent=V))
    X = r.add(O(code="X", level=1))
    dead = r.add(ml.Household(code="DEAD", unit=A))
    h1 = r.add(ml.Household(code="H1", unit=A, categories={H.difficult}))
    h2 = r.add(ml.Household(code="H2", unit=A, categories={H.four_olds, H.minimum_living_allowance}))
    h3 = r.add(ml.Household(code="H3", unit=B))
    h4 = r.add(ml.Household(code="H4", unit=B, categories={H.party_central, H.difficult}))
    r.remove(dead)
    K = ml.MemberKind
    m1 = r.add(ml.Member(code="M1", kinds={K.community}, organization=V))
    m2 = r.add(ml.Member(code="M2", kinds={K.cadre}, cadre_rank=ml.CadreRank.village, organization=B))
    m3 = r.add(ml.Member(code="M3", kinds={K.in_service}, organization=Og, residence_community=V))
    m4 = r.add(ml.Member(code="M4", kinds={K.community}, organization=A))
    jan = d(2024, 1, 1)
    r.add(ml.Pairing(kind=P.assistance, source=m1, target=h1, start=jan))
    r.add(ml.Pairing(kind=P.contact_household, source=m1, target=h2, start=jan, end=d(2024, 6, 30)))
    r.add(ml.Pairing(kind=P.contact_household, source=m2, target=h3, start=d(2024, 3, 1)))
    r.add(ml.Pairing(kind=P.assistance, source=B, target=h4, start=jan))
    r.add(ml.Pairing(kind=P.contact_point, source=m3, target=V, start=jan))
    r.add(ml.Pairing(kind=P.dual_organization, source=Og, target=V, start=jan))
    r.add(ml.ServicePost(organization=T, title="liaison", holder=m2))
    return r, dict(C=C, T=T, V=V, A=A, B=B, O=Og, G=G, X=X, dead=dead, h1=h1, h2=h2, h3=h3, h4=h4,
                   m1=m1, m2=m2, m3=m3, m4=m4)


def test_small_network_by_hand():
    r, e = small()
    net = mn.Network(r)
    assert (net.organization_count, net.member_count, net.household_count) == (8, 4, 4)
    assert net.vertex(e["h1"]) == 12 and net.entity(12) == e["h1"] and net.entity(0) == e["C"]
    assert net.on is None and mn.Network(r, on=d(2024, 5, 1)).on == d(2024, 5, 1)
    c = net.coverage()
    assert (c.households, c.covered_households, c.share) == (4, 2, 0.5)
    assert c.covered.tolist() == [1, 0, 1, 0]
    assert c.category_households[int(H.difficult)] == 2 and c.category_covered[int(H.difficult)] == 1
    mv = net.must_visit_coverage()
    assert mv.uncovered.tolist() == [int(e["h2"]), int(e["h4"])]
    assert mn.Network(r, on=d(2024, 5, 1)).must_visit_coverage().uncovered.tolist() == [int(e["h4"])]
    assert net.must_visit_coverage({H.difficult}).uncovered.tolist() == [int(e["h4"])]
    load = net.load()
    assert load.households.tolist() == [1, 1, 0, 0] and load.gini == 0.5
    g = net.gaps()
    assert g.units_without_members.tolist() == [int(e["G"])]
    assert g.members_without_pairing.tolist() == [int(e["m4"])]
    assert g.difficult_without_assistance.tolist() == [int(e["h2"])]
    assert net.gaps(difficult={H.difficult}).difficult_without_assistance.tolist() == []
    comp = net.components()
    assert comp.count == 2 and comp.label[net.vertex(e["X"])] == 1
    assert len(net.shortest_path(e["h1"], e["h3"])) == 5
    assert net.reachable(e["h1"], e["m4"]) and not net.reachable(e["h1"], e["X"])
    assert net.shortest_path(e["h1"], e["X"]).size == 0
    assert net.distances_from(e["h1"])[net.vertex(e["X"])] == -1


def test_frames_and_escalation_path():
    r, e = small()
    net = mn.Network(r)
    by_unit = net.coverage_by_unit()
    assert by_unit.index.tolist() == [int(e["A"]), int(e["B"])]
    assert by_unit["households"].tolist() == [2, 2] and by_unit["covered"].tolist() == [1, 1]
    by_cat = net.coverage_by_category()
    assert by_cat.loc["difficult", "households"] == 2 and np.isnan(by_cat.loc["petitioner", "share"])
    assert net.load_by_member()["households"].tolist() == [1, 1, 0, 0]
    v = net.vertices()
    assert v["kind"].tolist() == ["organization"] * 8 + ["member"] * 4 + ["household"] * 4
    edges = net.edges()
    assert len(edges) == net.edge_count and edges["kind"].iloc[0] == "parent"
    path = net.escalation_path(e["h1"])
    assert path["level"].tolist() == [0, 4, 3, 2, 1]
    assert path["entity"].tolist() == [int(e["h1"]), int(e["A"]), int(e["V"]), int(e["T"]), int(e["C"])]
    assert path["people"].tolist() == [[int(e["m1"])], [], [int(e["m3"])], [int(e["m2"])], []]
    esc = net.escalation()
    h = net.vertex(e["h1"]) - net.first_household
    assert esc.path[esc.path_offsets[h]:esc.path_offsets[h + 1]].tolist() == path["vertex"].tolist()[1:]
    with pytest.raises(ml.InvalidArgument, match="not a household"):
        net.escalation_path(0)
    with pytest.raises(TypeError):
        net.escalation_path(1.5)


# ---- views -----------------------------------------------------------------------------------


def test_views_are_read_only_zero_copy_and_keep_the_network_alive():
    r, e = small()
    net = mn.Network(r)
    src = net.edge_sources
    assert src.base is not None and not src.flags.writeable
    assert np.shares_memory(src, net.edge_sources)  # the same memory every time: no copy
    with pytest.raises(ValueError):
        src[0] = 1
    kinds = net.vertex_kinds
    del net
    gc.collect()
    assert src.tolist()[:2] == [1, 2] and kinds.tolist()[0] == int(mn.VertexKind.organization)
    net = mn.Network(r)
    off = net.adjacency_offsets
    assert off.dtype == np.uint64 and len(off) == net.vertex_count + 1 and off[-1] == 2 * net.edge_count
    # The snapshot does not follow the registry.
    r.add(ml.Household(code="H9", unit=e["B"]))
    assert net.household_count == 4 and mn.Network(r).household_count == 5


def test_bad_arguments_raise_located_errors():
    r, e = small()
    net = mn.Network(r)
    with pytest.raises(ml.NotFound, match="household 0"):
        net.vertex(e["dead"])
    with pytest.raises(ml.InvalidArgument, match="vertex 16"):
        net.entity(16)
    with pytest.raises(ml.InvalidArgument, match="vertex -1"):
        net.distances_from(-1)
    with pytest.raises(ml.InvalidArgument):
        net.shortest_path(0, 2**40)
    for bad in (1.5, "h1", None, True):
        with pytest.raises(TypeError):
            net.reachable(bad, 0)
    with pytest.raises(TypeError):
        mn.Network("not a registry")
    with pytest.raises(TypeError):
        mn.Network(r, d(2024, 1, 1))  # on= is keyword-only
    with pytest.raises(TypeError):
        pickle.dumps(net)
    blank = mn.Network.__new__(mn.Network)
    with pytest.raises(ml.StateError):
        blank.coverage()
    raw = ml._core.network.Network.__new__(ml._core.network.Network)
    with pytest.raises(ml.StateError):
        raw.coverage()
    with pytest.raises(TypeError):
        ml._core.network.Coverage()


def test_empty_registry():
    net = mn.Network(ml.Registry())
    assert net.vertex_count == 0 and net.coverage().share is None and net.load().gini is None
    assert net.components().count == 0 and net.escalation().path_offsets.tolist() == [0]
    assert net.edges().empty and net.coverage_by_unit().empty


def test_lazy_import_and_to_networkx():
    assert ml.network is mn and "network" in dir(ml)
    r, e = small()
    net = mn.Network(r)
    g = net.to_networkx()
    assert isinstance(g, nx.MultiDiGraph)
    assert g.number_of_nodes() == net.vertex_count and g.number_of_edges() == net.edge_count
    assert g.nodes[net.vertex(e["m1"])] == {"kind": "member", "entity": int(e["m1"])}
    assert g.edges[net.vertex(e["T"]), net.vertex(e["C"]), 0]["kind"] == "parent"
    assert isinstance(net.to_networkx(directed=False), nx.MultiGraph)


# ---- differential tests against an independent NetworkX graph -----------------------------------


def active(p, on):
    if on is None:
        return p.end is None
    return p.start <= on and (p.end is None or on <= p.end)


def key(entity):
    if isinstance(entity, ml.OrgId):
        return ("o", int(entity))
    if isinstance(entity, ml.MemberId):
        return ("m", int(entity))
    return ("h", int(entity))


def oracle(r, on):
    """The network as a NetworkX MultiDiGraph built from the registry's records."""
    g = nx.MultiDiGraph()
    for o in r.organizations:
        g.add_node(("o", int(o.id)), level=int(o.level))
    for m in r.members:
        g.add_node(("m", int(m.id)))
    for h in r.households:
        g.add_node(("h", int(h.id)), categories=set(h.categories))
    for o in r.organizations:
        if o.parent is not None:
            g.add_edge(key(o.id), key(o.parent), kind="parent")
    for m in r.members:
        g.add_edge(key(m.id), key(m.organization), kind="member_of")
        if m.residence_community is not None:
            g.add_edge(key(m.id), key(m.residence_community), kind="residence")
    for h in r.households:
        g.add_edge(key(h.id), key(h.unit), kind="unit_of")
    for p in r.pairings:
        if active(p, on) and not isinstance(p.target, ml.MemberId):  # member targets give no edge
            g.add_edge(key(p.source), key(p.target), kind=p.kind.name)
    for s in r.service_posts:
        if s.holder is not None:
            g.add_edge(key(s.holder), key(s.organization), kind="service_post")
    return g


def responsible(g, node):
    return sorted({u for u, _, k in g.in_edges(node, data="kind")
                   if k in ("assistance", "contact_household") and u[0] == "m"})


def to_key(net, v):
    return key(net.entity(int(v)))


def with_removals(r, rng):
    """Removes some pairings, posts, households and members (unreferenced ones) so ids have holes."""
    for p in list(r.pairings.ids()):
        if rng.random() < 0.2:
            r.remove(p)
    for s in list(r.service_posts.ids()):
        if rng.random() < 0.3:
            r.remove(s)
    for h in list(r.households.ids()):
        if rng.random() < 0.1:
            try:
                r.remove(h)
            except ml.IntegrityError:
                pass  # still referenced by a pairing, a contact...
    for m in list(r.members.ids()):
        if rng.random() < 0.1:
            try:
                r.remove(m)
            except ml.IntegrityError:
                pass
    return r


def random_registry(seed):
    """A random forest of organisations (several roots, so several components), households,
    members, dated pairings of every kind and service posts; then removals."""
    rng = random.Random(seed)
    r = ml.Registry()
    orgs = {1: [], 2: [], 3: [], 4: []}
    for level in (1, 2, 3, 4):
        for i in range(rng.randint(2, 4) * level):
            parent = rng.choice(orgs[level - 1]) if level > 1 and rng.random() < 0.75 else None
            orgs[level].append(r.add(ml.Organization(code=f"O{level}-{i}", level=level, parent=parent)))
    everything = [o for level in orgs.values() for o in level]
    cats = list(H.__members__.values())
    households = [r.add(ml.Household(code=f"H{i}", unit=rng.choice(orgs[4]),
                                     categories=set(rng.sample(cats, rng.randint(0, 3)))))
                  for i in range(rng.randint(40, 120))]
    K = ml.MemberKind
    members = []
    for i in range(rng.randint(4, 12)):
        if rng.random() < 0.2:
            members.append(r.add(ml.Member(code=f"M{i}", kinds={K.in_service}, organization=rng.choice(everything),
                                           residence_community=rng.choice(orgs[3]))))
        else:
            members.append(r.add(ml.Member(code=f"M{i}", kinds={K.community}, organization=rng.choice(everything))))
    for _ in range(rng.randint(10, 40)):
        kind = rng.choice([P.assistance, P.assistance, P.contact_household, P.contact_household, P.contact_point]
                          + [P.dual_organization] * (rng.random() < 0.3))
        source = rng.choice(everything) if kind == P.dual_organization or (
            kind == P.assistance and rng.random() < 0.2) else rng.choice(members)
        target = rng.choice(households) if kind in (P.assistance, P.contact_household) else rng.choice(everything)
        start = d(2023, 1, 1) + datetime.timedelta(days=rng.randrange(700))
        end = start + datetime.timedelta(days=rng.randrange(400)) if rng.random() < 0.4 else None
        r.add(ml.Pairing(kind=kind, source=source, target=target, start=start, end=end))
    for i in range(rng.randint(3, 12)):
        holder = rng.choice(members) if rng.random() < 0.8 else None
        r.add(ml.ServicePost(organization=rng.choice(everything), title=f"post {i}", holder=holder))
    return r


CASES = [
    ("random", 11, {}, False),
    ("random", 12, {}, True),
    ("random", 14, {}, True),
    ("random", 19, {}, False),
    ("county", 1, dict(households=1500), False),
    ("county", 2, dict(households=800), True),
    ("wujiagang", 3, dict(households=1200), False),
    ("quyuan", 4, {}, True),
]


@pytest.fixture(scope="module", params=CASES, ids=[f"{c[0]}-{c[1]}{'-removals' if c[3] else ''}" for c in CASES])
def case(request):
    preset, seed, params, removals = request.param
    r = random_registry(seed) if preset == "random" else ml.synth.generate(preset, seed=seed, **params)
    if removals:
        with_removals(r, random.Random(seed))
    days = [None] + sorted({p.start for p in r.pairings})[:1] + [d(2024, 6, 30)]
    if preset == "random":
        # A network with several components is part of what the case must exercise.
        assert mn.Network(r).components().count > 1
    return r, seed, days


def test_differential_structure_components_and_paths(case):
    r, seed, days = case
    rng = random.Random(seed)
    for on in days:
        net = mn.Network(r, on=on)
        g = oracle(r, on)
        assert net.vertex_count == g.number_of_nodes() and net.edge_count == g.number_of_edges()
        mapped = sorted((to_key(net, s), to_key(net, t), mn.EdgeKind(int(k)).name)
                        for s, t, k in zip(net.edge_sources, net.edge_targets, net.edge_kinds))
        assert mapped == sorted((u, v, k) for u, v, k in g.edges(data="kind"))
        u = g.to_undirected(as_view=True)
        ours = defaultdict(set)
        for v, label in enumerate(net.components().label):
            ours[int(label)].add(to_key(net, v))
        assert sorted(map(sorted, ours.values())) == sorted(map(sorted, nx.connected_components(u)))
        assert net.components().count == nx.number_connected_components(u)
        vertices = rng.sample(range(net.vertex_count), 6)
        for s in vertices[:3]:
            expected = nx.single_source_shortest_path_length(u, to_key(net, s))
            dist = net.distances_from(s)
            assert {to_key(net, v): int(x) for v, x in enumerate(dist) if x >= 0} == expected
            for t in vertices[3:]:
                path = net.shortest_path(s, t)
                reach = to_key(net, t) in expected
                assert net.reachable(s, t) == reach
                if reach:
                    assert len(path) - 1 == expected[to_key(net, t)]
                    assert all(u.has_edge(to_key(net, a), to_key(net, b)) for a, b in zip(path[:-1], path[1:]))
                else:
                    assert path.size == 0


def test_differential_coverage_load_gaps_escalation(case):
    r, seed, days = case
    for on in days:
        net = mn.Network(r, on=on)
        g = oracle(r, on)
        households = sorted(n for n in g if n[0] == "h")
        covered = {h: bool(responsible(g, h)) for h in households}
        c = net.coverage()
        assert c.covered_households == sum(covered.values()) and c.households == len(households)
        assert [covered[to_key(net, net.first_household + i)] for i in range(len(households))] == c.covered.astype(bool).tolist()
        per_unit = defaultdict(lambda: [0, 0])
        for h in households:
            unit = next(v for _, v, k in g.out_edges(h, data="kind") if k == "unit_of")
            per_unit[unit][0] += 1
            per_unit[unit][1] += covered[h]
        assert {to_key(net, u): [int(a), int(b)] for u, a, b in zip(c.units, c.unit_households, c.unit_covered)} == dict(per_unit)
        for cat in H.__members__.values():
            having = [h for h in households if cat in g.nodes[h]["categories"]]
            assert c.category_households[int(cat)] == len(having)
            assert c.category_covered[int(cat)] == sum(covered[h] for h in having)
        must = set(ml.FIVE_MUST_VISIT)
        uncovered = [h[1] for h in households if g.nodes[h]["categories"] & must and not covered[h]]
        mv = net.must_visit_coverage()
        assert mv.uncovered.tolist() == uncovered
        assert mv.households == sum(1 for h in households if g.nodes[h]["categories"] & must)
        members = sorted(n for n in g if n[0] == "m")
        load = [len({v for _, v, k in g.out_edges(m, data="kind") if k in ("assistance", "contact_household")})
                for m in members]
        assert net.load().households.tolist() == load
        x = np.sort(np.array(load, dtype=float))
        n = len(x)
        gini = float(((2 * np.arange(1, n + 1) - n - 1) * x).sum() / (n * x.sum())) if n and x.sum() else None
        assert net.load().gini == pytest.approx(gini, rel=1e-12) if gini is not None else net.load().gini is None
        gaps = net.gaps()
        units = [n[1] for n in sorted(g) if n[0] == "o" and g.nodes[n]["level"] == 4 and not any(
            k in ("member_of", "residence") for _, _, k in g.in_edges(n, data="kind"))]
        assert gaps.units_without_members.tolist() == units
        idle = [m[1] for m in members if not any(
            k in ("assistance", "contact_household", "contact_point") for _, _, k in g.out_edges(m, data="kind"))]
        assert gaps.members_without_pairing.tolist() == idle
        difficult = set(mn.DIFFICULT_CATEGORIES)
        unassisted = [h[1] for h in households if g.nodes[h]["categories"] & difficult and not any(
            k == "assistance" for _, _, k in g.in_edges(h, data="kind"))]
        assert gaps.difficult_without_assistance.tolist() == unassisted
        esc = net.escalation()
        for i in range(0, len(households), max(1, len(households) // 50)):
            h = to_key(net, net.first_household + i)
            unit = r.households[ml.HouseholdId(h[1])].unit
            expected = [("o", int(o)) for o in r.ancestors(unit)]
            got = [to_key(net, v) for v in esc.path[esc.path_offsets[i]:esc.path_offsets[i + 1]]]
            assert got == expected
            people = [to_key(net, v) for v in esc.household_people[esc.household_offsets[i]:esc.household_offsets[i + 1]]]
            assert people == responsible(g, h)
        for o in range(net.organization_count):
            expected = sorted({u for u, _, k in g.in_edges(to_key(net, o), data="kind")
                               if k in ("service_post", "contact_point")})
            got = [to_key(net, v) for v in esc.organization_people[esc.organization_offsets[o]:esc.organization_offsets[o + 1]]]
            assert got == expected


def test_differential_igraph(case):
    if os.environ.get("MASSLINE_SANITIZED"):
        pytest.skip("igraph's own C core aborts with the ASan runtime preloaded; it runs in the ordinary pass")
    ig = pytest.importorskip("igraph")
    r, seed, days = case
    net = mn.Network(r, on=days[-1])
    graph = ig.Graph(n=net.vertex_count, edges=list(zip(net.edge_sources.tolist(), net.edge_targets.tolist())))
    membership = graph.connected_components().membership
    ours = net.components().label.tolist()
    # Same partition: the two labelings correspond one to one.
    assert len(set(zip(membership, ours))) == len(set(ours)) == len(set(membership))
    source = random.Random(seed).randrange(net.vertex_count)
    expected = graph.distances(source=[source])[0]
    got = net.distances_from(source).tolist()
    assert [x if x >= 0 else float("inf") for x in got] == expected


# ---- pictures --------------------------------------------------------------------------------


def test_graphml_reads_back_into_networkx(tmp_path):
    r, e = small()
    net = mn.Network(r, on=d(2024, 5, 1))
    path = tmp_path / "net.graphml"
    path.write_text(net.to_graphml(), encoding="utf-8")
    g = nx.read_graphml(path, force_multigraph=True)
    assert g.number_of_nodes() == net.vertex_count and g.number_of_edges() == net.edge_count
    kinds = sorted(k for _, _, k in g.edges(data="kind"))
    assert kinds == sorted(mn.EdgeKind(int(k)).name for k in net.edge_kinds)
    assert g.nodes["n0"] == {"kind": "organization", "entity": 0, "level": 1}


def test_dot_is_deterministic_and_renders():
    r, e = small()
    net = mn.Network(r)
    dot = net.to_dot()
    assert dot == mn.Network(r).to_dot() and dot.count("shape=box") == 8
    assert net.to_dot(households=True).count("shape=point") == 4
    import shutil
    import subprocess
    if shutil.which("dot") is None:
        pytest.skip("graphviz is not installed")
    svg = subprocess.run(["dot", "-Tsvg"], input=dot, capture_output=True, text=True, check=True).stdout
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
