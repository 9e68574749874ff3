"""massline.network.min_cost_assignment: NetworkX's max_flow_min_cost as the oracle on random
instances (optimal cost and flow value must match exactly), the result object, and refusals."""

from __future__ import annotations

import copy
import pickle
import threading

import networkx as nx
import numpy as np
import pytest

import massline as ml
from massline import network


def networkx_optimum(edges, capacity, demand):
    """(flow value, least cost at that value) from NetworkX on the equivalent flow network.
    Each row gets its own middle node so that parallel rows stay separate arcs."""
    g = nx.DiGraph()
    g.add_node("s")
    g.add_node("t")
    for h, d in enumerate(demand):
        g.add_edge("s", ("h", h), capacity=int(d), weight=0)
    for m, c in enumerate(capacity):
        g.add_edge(("m", m), "t", capacity=int(c), weight=0)
    for i, (h, m, cost) in enumerate(edges):
        g.add_edge(("h", int(h)), ("e", i), capacity=1, weight=int(cost))
        g.add_edge(("e", i), ("m", int(m)), capacity=1, weight=0)
    flow = nx.max_flow_min_cost(g, "s", "t")
    return sum(flow["s"].values()), nx.cost_of_flow(g, flow)


def random_instance(seed):
    rng = np.random.default_rng(seed)
    households = int(rng.integers(1, 40))
    members = int(rng.integers(1, 15))
    rows = int(rng.integers(0, 4 * households))
    edges = np.column_stack(
        [
            rng.integers(0, households, rows),
            rng.integers(0, members, rows),
            rng.integers(-20, 100, rows),
        ]
    ).astype(np.int64)
    capacity = rng.integers(0, 5, members)
    demand = rng.integers(0, 3, households)
    return edges, capacity, demand


def check_feasible(a, edges, capacity, demand):
    flow = np.asarray(a.flow)
    assert flow.shape == (len(edges),) and set(np.unique(flow)) <= {0, 1}
    used = np.flatnonzero(flow)
    assert a.edge.tolist() == used.tolist()
    assert a.household.tolist() == edges[used, 0].tolist()
    assert a.member.tolist() == edges[used, 1].tolist()
    got_h = np.bincount(edges[used, 0], minlength=len(demand)) if len(used) else np.zeros(len(demand), int)
    got_m = np.bincount(edges[used, 1], minlength=len(capacity)) if len(used) else np.zeros(len(capacity), int)
    assert (got_h <= demand).all() and (got_m <= capacity).all()
    assert a.assigned == len(used) and a.total_cost == int(edges[used, 2].sum())
    short = np.flatnonzero(got_h < demand)
    assert a.unassigned.tolist() == short.tolist()
    assert a.missing.tolist() == (demand[short] - got_h[short]).tolist()
    rows_h = np.bincount(edges[:, 0], minlength=len(demand)) if len(edges) else np.zeros(len(demand), int)
    for h, reason in zip(short, a.reason):
        expected = (
            "no_eligible_member"
            if rows_h[h] == 0
            else "too_few_eligible_edges" if rows_h[h] == got_h[h] else "members_at_capacity"
        )
        assert reason == expected, (h, reason)


@pytest.mark.parametrize("seed", range(40))
def test_matches_networkx_max_flow_min_cost(seed):
    edges, capacity, demand = random_instance(seed)
    a = network.min_cost_assignment(edges, capacity, demand)
    value, cost = networkx_optimum(edges, capacity, demand)
    assert (a.assigned, a.total_cost) == (value, cost), (seed, edges.tolist(), capacity.tolist(), demand.tolist())
    assert a.demanded == int(demand.sum())
    check_feasible(a, edges, capacity, demand)


def test_a_larger_instance_matches_networkx():
    rng = np.random.default_rng(7)
    households, members, rows = 600, 80, 3000
    edges = np.column_stack(
        [rng.integers(0, households, rows), rng.integers(0, members, rows), rng.integers(0, 1000, rows)]
    )
    capacity, demand = rng.integers(1, 8, members), rng.integers(0, 3, households)
    a = network.min_cost_assignment(edges, capacity, demand)
    assert (a.assigned, a.total_cost) == networkx_optimum(edges, capacity, demand)
    check_feasible(a, edges, capacity, demand)


def test_hand_checked_instance_and_lists():
    a = network.min_cost_assignment([[0, 0, 1], [0, 1, 5], [1, 0, 2], [1, 1, 10]], [1, 1], [1, 1])
    assert (a.total_cost, a.assigned, a.demanded) == (7, 2, 2)
    assert a.flow.tolist() == [0, 1, 1, 0] and a.flow.dtype == np.uint8
    assert a.household.tolist() == [0, 1] and a.member.tolist() == [1, 0] and a.edge.tolist() == [1, 2]
    assert a.unassigned.size == 0 and a.reason.size == 0
    assert repr(a) == "<Assignment total_cost=7 assigned=2 demanded=2 rows=4 unassigned=0>"


def test_reasons():
    a = network.min_cost_assignment(np.array([[1, 0, 1], [2, 1, 1], [3, 1, 2]]), [5, 1], [1, 2, 1, 1])
    assert a.unassigned.tolist() == [0, 1, 3]
    assert a.reason.tolist() == ["no_eligible_member", "too_few_eligible_edges", "members_at_capacity"]
    assert a.missing.tolist() == [1, 1, 1]


def test_empty_inputs():
    a = network.min_cost_assignment([], [], [])
    assert (a.total_cost, a.assigned, a.demanded) == (0, 0, 0) and a.flow.size == 0
    b = network.min_cost_assignment(np.empty((0, 3), dtype=np.int32), np.array([2]), np.array([1, 0]))
    assert b.unassigned.tolist() == [0] and b.reason.tolist() == ["no_eligible_member"]


def test_any_integer_dtype_is_accepted():
    edges = np.array([[0, 0, 3], [1, 0, 4]], dtype=np.uint16)
    a = network.min_cost_assignment(edges, np.array([1], dtype=np.int8), np.array([1, 1], dtype=np.uint64))
    assert (a.assigned, a.total_cost) == (1, 3)


def test_result_is_a_frozen_value():
    a = network.min_cost_assignment([[0, 0, 1], [1, 0, 2]], [1], [1, 1])
    with pytest.raises(AttributeError):
        a.total_cost = 0  # type: ignore[misc]
    with pytest.raises(ValueError):
        a.household[0] = 5
    assert pickle.loads(pickle.dumps(a)) == a
    assert copy.deepcopy(a) == a and copy.copy(a) == a
    again = pickle.loads(pickle.dumps(a))
    assert again.reason.tolist() == ["members_at_capacity"] and again.flow.tolist() == a.flow.tolist()
    assert type(a).__module__ == "massline.network" and repr(type(a)) == "<class 'massline.network.Assignment'>"
    with pytest.raises(TypeError):
        hash(a)


def test_views_keep_the_result_alive():
    view = network.min_cost_assignment([[0, 0, 1]], [1], [1]).household
    assert view.tolist() == [0]


def test_bad_pickle_states_are_refused():
    a = network.min_cost_assignment([[0, 0, 1], [1, 0, 2]], [1], [1, 1])
    cls, args, state = a.__reduce_ex__(2)[:3]
    for bad in [
        state[:-1],
        (*state[:3], np.array([2]), *state[4:]),
        (*state[:8], ["nonsense"], *state[9:]),
        (*state[:5], np.array([0, 1]), *state[6:]),
        (*state[:3], np.array([0.5]), *state[4:]),
    ]:
        obj = network.Assignment.__new__(network.Assignment)
        with pytest.raises((ml.InvalidArgument, TypeError)):
            obj.__setstate__(bad)
        with pytest.raises(ml.StateError):
            obj.total_cost


def test_unconstructed_result_is_refused():
    with pytest.raises(TypeError):
        network.Assignment()
    obj = network.Assignment.__new__(network.Assignment)
    with pytest.raises(ml.StateError):
        obj.household


@pytest.mark.parametrize(
    "edges, capacity, demand, code",
    [
        (np.array([[0, 0, 1.0]]), [1], [1], "input.integer"),
        (np.array([[0, 0, np.nan]]), [1], [1], "input.integer"),
        (np.array([[True, False, True]]), [1], [1], "input.integer"),
        ([[0, 0, 1]], np.array([1.0]), [1], "input.integer"),
        ([[0, 0, 1]], [1], np.array([np.nan]), "input.integer"),
        ([[0, 0, 1]], [True], [1], "input.integer"),
        ([[0, 0, "x"]], [1], [1], "input.integer"),
        ([[0, 0, None]], [1], [1], "input.integer"),
        (np.array([[0, 0, 2**64 - 1]], dtype=np.uint64), [1], [1], "input.integer"),
        ([[0, 0, 2**70]], [1], [1], "input.integer"),
        ([0, 0, 1], [1], [1], "input.shape"),
        ([[0, 0]], [1], [1], "input.shape"),
        ([[[0, 0, 1]]], [1], [1], "input.shape"),
        ([[0, 0, 1]], [[1]], [1], "input.shape"),
        ([[0, 0, 1]], [1], 1, "input.shape"),
        ([[0, 5, 1]], [1], [1], "assignment.member_index"),
        ([[1, 0, 1]], [1], [1], "assignment.household_index"),
        ([[-1, 0, 1]], [1], [1], "assignment.household_index"),
        ([[0, 0, 1]], [-1], [1], "assignment.negative_capacity"),
        ([[0, 0, 1]], [1], [-3], "assignment.negative_demand"),
        ([[0, 0, 2**62]], [1], [1], "assignment.cost_range"),
        ([[0, 0, -(2**63)]], [1], [1], "assignment.cost_range"),
        ([[0, 0, 1]], [2**62, 2**62], [1], "assignment.too_large"),
    ],
)
def test_bad_inputs_raise_located_errors(edges, capacity, demand, code):
    with pytest.raises(ml.InvalidArgument) as info:
        network.min_cost_assignment(edges, capacity, demand)
    assert info.value.code == code


def test_errors_name_the_row():
    edges = np.array([[0, 0, 1], [0, 0, 2], [0, 3, 1]])
    with pytest.raises(ml.InvalidArgument) as info:
        network.min_cost_assignment(edges, [1], [1])
    assert info.value.where.entity == "edges" and info.value.where.field == "row 2"
    assert "member 3 is not in 0..0" in str(info.value)


def test_runs_concurrently_from_threads():
    edges, capacity, demand = random_instance(3)
    expected = network.min_cost_assignment(edges, capacity, demand)
    results = []

    def work():
        for _ in range(20):
            results.append(network.min_cost_assignment(edges, capacity, demand))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 80 and all(r == expected for r in results)
