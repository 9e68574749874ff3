"""massline.network.optimal_pairing / apply_pairing: an independent Python model of the
eligibility, costs and priority tiers (docs/assignment.md) solved by NetworkX must reach the same
optimum on synthetic registries; the write-back is all or nothing; options are values."""

from __future__ import annotations

import copy
import datetime
import pickle

import networkx as nx
import pytest

import massline as ml
from massline import network

H = ml.HouseholdCategory
NEEDS = {H.difficult, H.minimum_living_allowance, H.special_hardship}
SPECIALTY = {H.empty_nest_elderly: "medicine", H.left_behind_children: "education", H.petitioner: "law",
             H.repeat_petitioner: "law"}


def python_model(reg: ml.Registry, capacity_per_member=3, max_hops=2, hop=10, mismatch=15, continuity=10):
    """Rows (household, member, cost, priority) and capacities, straight from the registry."""
    covered, load, before = set(), {}, set()
    for p in reg.pairings:
        if not isinstance(p.target, ml.HouseholdId):
            continue
        if isinstance(p.source, ml.MemberId):
            before.add((p.target, p.source))
        if p.kind == ml.PairingKind.assistance and p.end is None:
            covered.add(p.target)
            if isinstance(p.source, ml.MemberId):
                load[p.source] = load.get(p.source, 0) + 1
    members = [m for m in reg.members if m.capable_of_helping]
    capacity = {m.id: max(0, capacity_per_member - load.get(m.id, 0)) for m in members}
    chains = {}

    def chain(org):
        if org not in chains:
            chains[org] = reg.ancestors(org)
        return chains[org]

    def distance(a, b):
        ca, cb = chain(a), chain(b)
        for i, x in enumerate(ca):
            if x in cb:
                return i + cb.index(x)
        return 10**9

    rows = []
    needing = [h for h in reg.households if set(h.categories) & NEEDS and h.id not in covered]
    for h in needing:
        needs = {SPECIALTY[c] for c in h.categories if c in SPECIALTY}
        prio = bool(set(h.categories) & set(ml.FIVE_MUST_VISIT))
        for m in members:
            places = [m.organization] + ([m.residence_community] if m.residence_community is not None else [])
            d = min(distance(h.unit, o) for o in places)
            if d > max_hops:
                continue
            cost = hop * d + (mismatch if needs and not needs & set(m.specialties) else 0)
            cost -= continuity if (h.id, m.id) in before else 0
            rows.append((h.id, m.id, cost, prio))
    return needing, rows, capacity


def networkx_solver_cost(needing, rows, capacity):
    spread = (max(r[2] for r in rows) - min(r[2] for r in rows)) if rows else 0
    bonus = len(needing) * spread + 1
    g = nx.DiGraph()
    g.add_node("s")
    g.add_node("t")
    for h in needing:
        g.add_edge("s", ("h", h.id.value), capacity=1, weight=0)
    for m, c in capacity.items():
        g.add_edge(("m", m.value), "t", capacity=c, weight=0)
    for h, m, cost, prio in rows:
        g.add_edge(("h", h.value), ("m", m.value), capacity=1, weight=cost - (bonus if prio else 0))
    flow = nx.max_flow_min_cost(g, "s", "t")
    return sum(flow["s"].values()), nx.cost_of_flow(g, flow), bonus


CONFIGS = [
    dict(),  # the defaults
    dict(capacity_per_member=1, max_hops=1, hop_cost=7, mismatch_cost=20, continuity_bonus=3),  # scarce
    dict(capacity_per_member=2, max_hops=3, hop_cost=1, mismatch_cost=0, continuity_bonus=50),
]


@pytest.mark.parametrize("config", range(len(CONFIGS)))
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_matches_an_independent_model_solved_by_networkx(seed, config):
    reg = ml.synth.generate("quyuan", seed=seed, households=1500, people=4500, contacts=False)
    # Make the instance contested: end most assistance pairings so more households need one.
    for p in list(reg.pairings):
        if p.kind == ml.PairingKind.assistance and p.id.value % 4 != 0 and p.end is None:
            p.end = p.start
            reg.update(p)
    c = CONFIGS[config]
    result = network.optimal_pairing(reg, network.PairingOptions(**c))
    needing, rows, capacity = python_model(
        reg, c.get("capacity_per_member", 3), c.get("max_hops", 2), c.get("hop_cost", 10), c.get("mismatch_cost", 15),
        c.get("continuity_bonus", 10))
    units, cost, bonus = networkx_solver_cost(needing, rows, capacity)
    assert result.needing == len(needing) and result.candidate_edges == len(rows)
    assert len(result.pairs) == units
    assert result.tier_bonus == bonus
    assert result.solver_cost == cost
    assert result.cost == sum(p.cost for p in result.pairs)
    assert result.solver_cost == result.cost - bonus * sum(p.priority for p in result.pairs)
    assert len(result.pairs) + len(result.unpaired) == len(needing)
    used = {}
    for p in result.pairs:
        used[p.member] = used.get(p.member, 0) + 1
    assert all(used[m] <= capacity[m] for m in used)
    assert {u.reason for u in result.unpaired} <= {"no_eligible_member", "members_at_capacity"}
    if config == 1:  # scarce: some households must go unpaired
        assert result.unpaired


def small_registry():
    reg = ml.Registry()
    county = reg.add(ml.Organization(code="C", level=1))
    town = reg.add(ml.Organization(code="T", level=2, parent=county))
    comm = reg.add(ml.Organization(code="V", level=3, parent=town))
    grid = reg.add(ml.Organization(code="G", level=4, parent=comm))
    far = reg.add(ml.Organization(code="F", level=4, parent=reg.add(ml.Organization(code="W", level=3, parent=town))))
    h1 = reg.add(ml.Household(code="H1", unit=grid, categories={H.difficult, H.four_olds}))
    h2 = reg.add(ml.Household(code="H2", unit=grid, categories={H.difficult}))
    h3 = reg.add(ml.Household(code="H3", unit=far, categories={H.minimum_living_allowance}))
    m = reg.add(ml.Member(code="M", capable_of_helping=True, organization=comm))
    return reg, (h1, h2, h3), m


def test_priority_capacity_and_reasons():
    reg, (h1, h2, h3), m = small_registry()
    r = network.optimal_pairing(reg, network.PairingOptions(capacity_per_member=1))
    assert [(p.household, p.member, p.cost, p.hops, p.priority) for p in r.pairs] == [(h1, m, 10, 1, True)]
    assert [(u.household, u.reason, u.priority) for u in r.unpaired] == [
        (h2, "members_at_capacity", False),
        (h3, "no_eligible_member", False),
    ]
    assert repr(r) == "<PairingResult pairs=1 unpaired=2 needing=3 cost=10>"
    assert "ProposedPairing" in repr(r.pairs[0]) and "members_at_capacity" in repr(r.unpaired[0])


def test_apply_pairing_all_or_nothing():
    reg, (h1, h2, h3), m = small_registry()
    result = network.optimal_pairing(reg)
    assert len(result.pairs) == 2
    start = datetime.date(2025, 3, 1)
    stale = reg.copy()
    stale.remove(h2)
    before = len(stale.pairings), stale.pairings.id_bound
    with pytest.raises(ml.NotFound) as info:
        network.apply_pairing(stale, result, start)
    assert info.value.code == "pairing.stale"
    assert (len(stale.pairings), stale.pairings.id_bound) == before
    with pytest.raises(ml.InvalidArgument):
        network.apply_pairing(reg, result, None)
    assert len(reg.pairings) == 0
    ids = network.apply_pairing(reg, result, start)
    assert [reg.get(i).target for i in ids] == [h1, h2]
    assert all(reg.get(i).kind == ml.PairingKind.assistance and reg.get(i).start == start for i in ids)
    assert network.optimal_pairing(reg).needing == 1  # only h3, out of reach


def test_options_are_values():
    o = network.PairingOptions(max_hops=3, specialty_needs=[(H.difficult, "law")], day=datetime.date(2025, 1, 1))
    assert o.max_hops == 3 and o.specialty_needs == [(H.difficult, "law")]
    assert pickle.loads(pickle.dumps(o)) == o and copy.deepcopy(o) == o
    assert repr(o).startswith("PairingOptions(needs_pairing=")
    d = network.PairingOptions()
    assert (d.capacity_per_member, d.max_hops, d.hop_cost, d.mismatch_cost, d.continuity_bonus) == (3, 2, 10, 15, 10)
    assert d.day is None and d.priority == ml.FIVE_MUST_VISIT
    assert len(d.specialty_needs) == 4


@pytest.mark.parametrize(
    "change",
    [dict(max_hops=-1), dict(max_hops=65), dict(hop_cost=2**21), dict(capacity_per_member=-1),
     dict(specialty_needs=[(H.difficult, "")])],
)
def test_bad_options(change):
    reg, _, _ = small_registry()
    with pytest.raises(ml.InvalidArgument) as info:
        network.optimal_pairing(reg, network.PairingOptions(**change))
    assert info.value.code == "pairing.bad_option"


def test_wrong_types_raise_type_error():
    reg, _, _ = small_registry()
    with pytest.raises(TypeError):
        network.PairingOptions(max_hops=1.5)
    with pytest.raises(TypeError):
        network.optimal_pairing(reg, {"max_hops": 1})
    with pytest.raises(TypeError):
        network.PairingResult()


def test_result_pickles_and_applies_after_a_round_trip():
    reg, (h1, h2, h3), m = small_registry()
    result = network.optimal_pairing(reg)
    again = pickle.loads(pickle.dumps(result))
    assert again == result and copy.deepcopy(result) == result
    assert [(p.household, p.member, p.cost) for p in again.pairs] == [(p.household, p.member, p.cost) for p in result.pairs]
    assert again.unpaired[0].reason == "no_eligible_member"
    ids = network.apply_pairing(reg, again, datetime.date(2025, 1, 1))
    assert len(ids) == 2
    state = result.__getstate__()
    for bad in [state[:-1], ([("x",)], *state[1:]), (state[0], [(h3, "nonsense", False)], *state[2:])]:
        obj = network.PairingResult.__new__(network.PairingResult)
        with pytest.raises((ml.InvalidArgument, TypeError)):
            obj.__setstate__(bad)
