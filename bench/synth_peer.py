#!/usr/bin/python3
"""Named peer for bench/bench_synth.cpp: the county preset built with numpy and pandas.

An independent, vectorised implementation of the same generator model as
massline::synth::generate (docs/synth.md) at the same default rates: organisations, households
(categories, sizes, party), members (roles, kinds, ranks, capable), pairings (dual, contact
points, responsibility-area teams, contact households, assistance), service posts, pledges
with status transitions, a year of contacts and the appeals they raise. Every table ends as a
pandas DataFrame, with external codes like the C++ default (codes=1). It uses numpy's PCG64,
so its populations agree with massline's in distribution, not draw for draw; the "# counts"
line lets the runner show that both sides built tables of the same size.

Run with Debian's interpreter:  /usr/bin/python3 bench/synth_peer.py --households 100000
Prints one line per timing: "<name> <seconds per run> <runs>", then "# cpu <name> <CPU seconds
per run>" and "# counts k=v ...".
"""
from __future__ import annotations

import argparse
import math
import time

import numpy as np
import pandas as pd

# ---- defaults of the county preset (docs/synth.md) ----
P = dict(
    year=2024, households_per_grid=7902 / 66, grids_per_community=66 / 13, communities_per_township=13.0,
    street_share=0.1, urban_share=0.1, size_dispersion=0.3, mean_household_size=19608 / 7902, max_household_size=12,
    party_household_share=0.10, members_per_household=884 / 7902, cadre_share=171 / 884,
    village_cadres_per_community=5, county_leaders=10, organs_per_township=1.0, organ_members=15, in_service_share=0.5,
    township_leaders=11, police_per_township=5, judicial_per_township=2, capable_share=0.6, cadre_capable_share=1.0,
    old_share=0.2, hardship_share=0.05, mobile_share=0.05, specialty_share=0.4,
    area_organ_cadres_min=2, area_organ_cadres_max=3,
    village_cadre_contact_households=15, town_cadre_contact_households=10, member_contact_households=5,
    key_household_weight=3.0, assistance_coverage=0.9, joint_assistance_share=0.1, max_assistance_per_member=3,
    dual_pairing_share=1.0, pairing_end_share=0.05, posts_per_community=4, post_fill_share=0.85,
    pledge_second_share=0.5, joint_pledge_share=0.15, pledge_start_share=0.9, pledge_fulfil_share=0.75,
    pledge_withdraw_share=0.05, pledge_lapse_share=0.1,
    village_cadre_days_per_month=8, town_cadre_days_per_month=3, visits_per_field_day=2, field_day_compliance=0.9,
    member_visits_per_contact_household=2.0, member_home_visit_share=0.8, assistance_visits=4,
    contact_point_visits=12, going_down_households=3, must_visit_compliance=0.95, duration_sigma=0.5,
    situation_report_share=0.3, abnormal_share=0.05, appeal_per_contacted_household=460 / 3500,
    other_channel_appeals=0.03, petitioner_appeal_multiplier=3.0, escalate_county_share=0.25,
    leader_in_charge_share=0.5, sort_delay=(2.0, 0.7), feedback_delay=(11.2, 1.01), dispose_delay=(7.0, 0.8),
    escalated_delay_factor=2.0,
)
CATEGORY_RATE = np.array([0.08, 0.05, 0.01, 0.003, 0.02, 0.10, 0.05, 0.03, 0.02, 0.02, 0.04, 0.10, 0.01, 0.01])
DIFFICULT, ALLOWANCE, PETITIONER, REPEAT, FOUR_OLDS, PARTY_CENTRAL, ENTREPRENEUR, SPECIAL = 0, 1, 2, 3, 10, 11, 12, 13
MUST_VISIT = (1 << PARTY_CENTRAL) | (1 << ENTREPRENEUR) | (1 << FOUR_OLDS) | (1 << REPEAT) | (1 << SPECIAL)
KEY = MUST_VISIT | (1 << DIFFICULT) | (1 << ALLOWANCE) | (1 << 5) | (1 << 6)
DURATION_MEDIAN = np.array([30, 90, 20, 60, 60, 60, 30], float)  # by visit mode
HOME, APPOINTMENT, FIXED_POINT = 0, 6, 4
SITUATION_W = np.array([0.5, 0.25, 0.1, 0.1, 0.05])
CHANNEL_W = np.array([0.0, 0.0, 0.2, 0.3, 0.1, 0.3, 0.1])
SUBJECT_W = np.array([104, 96, 58, 33, 5, 5, 15, 156, 15, 48], float)
CLASS_W = np.array([0.7, 0.15, 0.1, 0.05])
ROUTING_W = np.array([0.6, 0.15, 0.2, 0.05])
# member roles
COUNTY_LEADER, ORGAN_HEAD, ORGAN_STAFF, TOWN_LEADER, POLICE, JUDICIAL, TOWN_CADRE, VILLAGE_CADRE, ORDINARY = range(9)
# member kinds (bit positions as massline::MemberKind)
K_RURAL, K_COMMUNITY, K_ORGAN, K_IN_SERVICE, K_MOBILE, K_CADRE, K_DELEGATE, K_HARDSHIP, K_OLD = range(9)


def apportion(total, weights, min_each):
    """Largest-remainder split of total, each part at least min_each."""
    n = len(weights)
    out = np.full(n, min_each, dtype=np.int64)
    rest = total - n * min_each
    if n == 0 or rest <= 0:
        return out
    share = weights / weights.sum() * rest if weights.sum() > 0 else np.full(n, rest / n)
    whole = np.floor(share).astype(np.int64)
    out += whole
    left = rest - whole.sum()
    order = np.argsort(-(share - whole), kind="stable")
    out[order[:left]] += 1
    return out


def codes(prefix, n):
    width = len(str(n))
    return prefix + pd.Series(np.arange(1, n + 1)).astype(str).str.zfill(width)


def pick(rng, weights, size):
    return rng.choice(len(weights), size=size, p=weights / weights.sum())


def pick_in_ranges(rng, begin, end, key_mask, weight):
    """One household per row from [begin, end), key households `weight` times likelier (rejection)."""
    n = len(begin)
    out = np.empty(n, dtype=np.int64)
    todo = np.arange(n)
    while todo.size:
        span = end[todo] - begin[todo]
        h = begin[todo] + (rng.random(todo.size) * span).astype(np.int64)
        w = np.where(key_mask[h], weight, 1.0)
        ok = rng.random(todo.size) * weight < w
        out[todo[ok]] = h[ok]
        todo = todo[~ok]
    return out


def generate(households, seed=1):
    rng = np.random.default_rng(seed)
    H = households
    year_start = np.datetime64(f"{P['year']}-01-01")
    days = 366 if (P["year"] % 4 == 0 and (P["year"] % 100 != 0 or P["year"] % 400 == 0)) else 365

    # ---- structure ----
    G = max(1, math.ceil(H / P["households_per_grid"]))
    C = max(1, math.ceil(G / P["grids_per_community"]))
    T = max(1, math.ceil(C / P["communities_per_township"]))
    n_organs = round(T * P["organs_per_township"])
    street = np.zeros(T, bool)
    street[rng.permutation(T)[: round(T * P["street_share"])]] = True
    lw = lambda n: np.exp(P["size_dispersion"] * rng.standard_normal(n))
    c_town = np.repeat(np.arange(T), apportion(C, lw(T), 1))
    c_sector = np.where(street[c_town], 1, 0)  # 0 rural, 1 urban
    in_town = np.flatnonzero(~street[c_town])
    c_sector[rng.permutation(in_town)[: round(in_town.size * P["urban_share"])]] = 1
    g_comm = np.repeat(np.arange(C), apportion(G, lw(C), 1))
    per_grid = apportion(H, lw(G), 1)
    g_begin = np.concatenate([[0], np.cumsum(per_grid)])
    c_gbegin = np.searchsorted(g_comm, np.arange(C + 1))
    c_hbegin = g_begin[c_gbegin]  # households of community c: [c_hbegin[c], c_hbegin[c+1])
    n_orgs = 1 + T + n_organs + C + G
    level = np.concatenate([[1], np.full(T + n_organs, 2), np.full(C, 3), np.full(G, 4)])
    t_id = 1 + np.arange(T)
    c_id = 1 + T + n_organs + np.arange(C)
    g_id = 1 + T + n_organs + C + np.arange(G)
    parent = np.concatenate([[-1], np.zeros(T + n_organs, np.int64), t_id[c_town], c_id[g_comm]])
    orgs = pd.DataFrame({"id": np.arange(n_orgs), "level": level, "parent": parent,
                         "sector": np.concatenate([[4], np.where(street, 1, 0), np.full(n_organs, 4), c_sector, c_sector[g_comm]]),
                         "code": pd.concat([pd.Series(["CTY"]), codes("CTY-T", T), codes("CTY-O", n_organs), codes("CTY-C", C),
                                            codes("CTY-G", G)], ignore_index=True)})

    # ---- households ----
    hh_grid = np.repeat(np.arange(G), per_grid)
    hh_comm = g_comm[hh_grid]
    size = np.minimum(P["max_household_size"], 1 + rng.poisson(P["mean_household_size"] - 1, H))
    bits = rng.random((H, 14)) < CATEGORY_RATE
    bits[:, PARTY_CENTRAL] = False
    party = rng.random(H) < P["party_household_share"]
    bits[:, PARTY_CENTRAL] = party & (rng.random(H) < CATEGORY_RATE[PARTY_CENTRAL])
    bits[:, DIFFICULT] |= bits[:, ALLOWANCE] | bits[:, SPECIAL]
    bits[:, PETITIONER] |= bits[:, REPEAT]
    cats = (bits * (1 << np.arange(14))).sum(axis=1)
    key = (cats & KEY) != 0
    must = (cats & MUST_VISIT) != 0
    hh = pd.DataFrame({"code": codes("CTY-H", H), "unit": g_id[hh_grid], "categories": cats, "party": party, "size": size})

    # ---- members ----
    network = np.arange(C)  # all level-3 units are villages or communities in the county preset
    village = P["village_cadres_per_community"] * C
    fixed = village + P["county_leaders"] + n_organs
    per_town_min = 3 + P["area_organ_cadres_max"]
    m0 = round(P["members_per_household"] * H)
    cadres = max(fixed + per_town_min * T, round(P["cadre_share"] * m0))
    staff = n_organs * (P["organ_members"] - 1)
    M = max(m0, cadres + staff)
    town = apportion(cadres - fixed, np.ones(T), 0)
    ordinary = apportion(M - cadres - staff, (c_hbegin[1:] - c_hbegin[:-1]).astype(float), 0)
    roles, m_town, m_comm = [], [], []
    roles.append(np.full(P["county_leaders"], COUNTY_LEADER)); m_town.append(np.full(P["county_leaders"], -1)); m_comm.append(np.full(P["county_leaders"], -1))
    organ_roles = np.tile(np.r_[ORGAN_HEAD, np.full(P["organ_members"] - 1, ORGAN_STAFF)], n_organs)
    roles.append(organ_roles); m_town.append(np.full(organ_roles.size, -1)); m_comm.append(np.full(organ_roles.size, -1))
    for t in range(T):
        want = np.array([P["township_leaders"], P["police_per_township"], P["judicial_per_township"]])
        sizes = 1 + apportion(min(town[t] - per_town_min, (want - 1).sum()), (want - 1).astype(float), 0)
        r = np.r_[np.full(sizes[0], TOWN_LEADER), np.full(sizes[1], POLICE), np.full(sizes[2], JUDICIAL),
                  np.full(town[t] - sizes.sum(), TOWN_CADRE)]
        roles.append(r); m_town.append(np.full(r.size, t)); m_comm.append(np.full(r.size, -1))
    vc = np.repeat(network, P["village_cadres_per_community"])
    roles.append(np.full(vc.size, VILLAGE_CADRE)); m_town.append(c_town[vc]); m_comm.append(vc)
    oc = np.repeat(np.arange(C), ordinary)
    roles.append(np.full(oc.size, ORDINARY)); m_town.append(c_town[oc]); m_comm.append(oc)
    role = np.concatenate(roles); m_town = np.concatenate(m_town); m_comm = np.concatenate(m_comm)
    assert role.size == M
    is_cadre = np.isin(role, [COUNTY_LEADER, ORGAN_HEAD, TOWN_LEADER, POLICE, JUDICIAL, TOWN_CADRE, VILLAGE_CADRE])
    kinds = np.where(is_cadre, 1 << K_CADRE, 0)
    kinds |= np.where(np.isin(role, [COUNTY_LEADER, ORGAN_HEAD, ORGAN_STAFF, TOWN_LEADER, POLICE, JUDICIAL, TOWN_CADRE]), 1 << K_ORGAN, 0)
    rural = (role == ORDINARY) & (c_sector[np.maximum(m_comm, 0)] == 0)
    kinds |= np.where(rural, 1 << K_RURAL, 0) | np.where((role == ORDINARY) & ~rural, 1 << K_COMMUNITY, 0)
    plain = ~is_cadre
    old = plain & (rng.random(M) < P["old_share"])
    hardship = plain & (rng.random(M) < P["hardship_share"])
    mobile = rural & (rng.random(M) < P["mobile_share"])
    capable = np.where(is_cadre, rng.random(M) < P["cadre_capable_share"], ~old & ~hardship & (rng.random(M) < P["capable_share"]))
    in_service = (role == ORGAN_STAFF) & (rng.random(M) < P["in_service_share"])
    residence = np.where(in_service, rng.integers(0, C, M), -1)
    kinds |= old * (1 << K_OLD) | hardship * (1 << K_HARDSHIP) | mobile * (1 << K_MOBILE) | in_service * (1 << K_IN_SERVICE)
    rank = np.select([role == COUNTY_LEADER, role == ORGAN_HEAD, np.isin(role, [TOWN_LEADER, POLICE, JUDICIAL, TOWN_CADRE]),
                      role == VILLAGE_CADRE], [1, 2, 3, 4], -1)
    n_spec = np.where(capable & (rng.random(M) < P["specialty_share"]), 1 + (rng.random(M) < 0.5), 0)
    organ_of = 1 + T + np.cumsum(role == ORGAN_HEAD) - 1  # roles are laid out organ by organ
    org = np.select([m_comm >= 0, m_town >= 0, np.isin(role, [ORGAN_HEAD, ORGAN_STAFF])],
                    [c_id[np.maximum(m_comm, 0)], t_id[np.maximum(m_town, 0)], organ_of], 0)
    members = pd.DataFrame({"code": codes("CTY-M", M), "org": org, "kinds": kinds, "rank": rank, "capable": capable,
                            "specialties": n_spec, "residence": residence})

    # ---- pairings ----
    pair_parts = []
    def pairs(kind, source, target, start, end=None, key_contact=None):
        n = len(source)
        pair_parts.append(pd.DataFrame({"kind": np.full(n, kind), "source": source, "target": target, "start": start,
                                        "end": end if end is not None else np.full(n, np.datetime64("NaT"), "datetime64[D]"),
                                        "key": key_contact if key_contact is not None else np.zeros(n, bool)}))
    earlier = lambda n, years: year_start - rng.integers(1, 365 * years + 1, n).astype("timedelta64[D]")
    organ_ids = 1 + T + np.arange(n_organs)
    dual = network[rng.random(C) < P["dual_pairing_share"]]
    partner = organ_ids[rng.permutation(n_organs)][np.arange(dual.size) % max(1, n_organs)] if n_organs else t_id[c_town[dual]]
    pairs(1, partner, c_id[dual], earlier(dual.size, 3))
    leaders = np.flatnonzero(np.isin(role, [COUNTY_LEADER, ORGAN_HEAD]))
    lc = rng.integers(0, C, leaders.size)
    m_comm[leaders] = lc
    points = [(leaders, lc)]
    team_m, team_c = [], []
    for t in range(T):
        comms = network[c_town[network] == t]
        for pool_role, per in ((TOWN_LEADER, np.ones(comms.size, int)), (POLICE, np.ones(comms.size, int)),
                               (JUDICIAL, np.ones(comms.size, int)),
                               (TOWN_CADRE, rng.integers(P["area_organ_cadres_min"], P["area_organ_cadres_max"] + 1, comms.size))):
            pool = rng.permutation(np.flatnonzero((role == pool_role) & (m_town == t)))
            if pool.size == 0:
                continue
            slots = np.repeat(comms, per)
            chosen = pool[np.arange(slots.size) % pool.size]
            team_m.append(chosen); team_c.append(slots)
    team_m = np.concatenate(team_m); team_c = np.concatenate(team_c)
    first = np.unique(team_m, return_index=True)
    m_comm[first[0]] = team_c[first[1]]
    points.append((team_m[role[team_m] == TOWN_LEADER], team_c[role[team_m] == TOWN_LEADER]))
    pairs(3, np.r_[leaders, team_m], c_id[np.r_[lc, team_c]], earlier(leaders.size + team_m.size, 2))
    unstationed = np.flatnonzero((m_town >= 0) & (m_comm < 0))
    local = [network[c_town[network] == t] for t in range(T)]
    m_comm[unstationed] = [local[m_town[i]][rng.integers(local[m_town[i]].size)] for i in unstationed]
    # contact households
    quota = np.select([role == VILLAGE_CADRE, is_cadre, capable], [P["village_cadre_contact_households"],
                      P["town_cadre_contact_households"], P["member_contact_households"]], 0)
    where = np.where(residence >= 0, residence, m_comm)
    quota = np.where(where >= 0, quota, 0)
    cm = np.repeat(np.arange(M), quota)
    cw = where[cm]
    ch = pick_in_ranges(rng, c_hbegin[cw], c_hbegin[cw + 1], key, P["key_household_weight"])
    for _ in range(8):  # redraw duplicates within a member's list
        dup = pd.DataFrame({"m": cm, "h": ch}).duplicated().to_numpy()
        if not dup.any():
            break
        ch[dup] = pick_in_ranges(rng, c_hbegin[cw[dup]], c_hbegin[cw[dup] + 1], key, P["key_household_weight"])
    pairs(2, cm, ch, np.full(cm.size, year_start), key_contact=key[ch])
    # assistance: leading cadres first, then difficult households
    difficult = np.flatnonzero(bits[:, DIFFICULT])
    d_comm = hh_comm[difficult]
    d_begin = np.searchsorted(d_comm, np.arange(C + 1))
    leading = np.flatnonzero(np.isin(role, [COUNTY_LEADER, ORGAN_HEAD, TOWN_LEADER, POLICE, JUDICIAL, TOWN_CADRE]) & (m_comm >= 0))
    n_d = d_begin[m_comm[leading] + 1] - d_begin[m_comm[leading]]
    leading = leading[n_d > 0]
    lead_h = difficult[d_begin[m_comm[leading]] + (rng.random(leading.size) * n_d[n_d > 0]).astype(np.int64)]
    lead_h, uniq = np.unique(lead_h, return_index=True)
    leading = leading[uniq]
    paired = np.zeros(H, bool)
    paired[lead_h] = True
    rest = difficult[~paired[difficult] & (rng.random(difficult.size) < P["assistance_coverage"])]
    joint = rng.random(rest.size) < P["joint_assistance_share"]
    cap_idx = np.flatnonzero(capable & (m_comm >= 0) & (role == ORDINARY) | (role == VILLAGE_CADRE) & capable)
    cap_comm = m_comm[cap_idx]
    order = np.argsort(cap_comm, kind="stable")
    cap_idx, cap_comm = cap_idx[order], cap_comm[order]
    cb = np.searchsorted(cap_comm, np.arange(C + 1))
    rc = hh_comm[rest]
    n_cap = cb[rc + 1] - cb[rc]
    helper = np.where(n_cap > 0, cap_idx[np.minimum(cb[rc] + (rng.random(rest.size) * n_cap).astype(np.int64), cap_idx.size - 1)], -1)
    load = pd.Series(helper).groupby(helper).cumcount().to_numpy()
    joint |= (helper < 0) | (load >= P["max_assistance_per_member"])
    a_src = np.r_[leading, np.where(joint, c_id[rc], helper)]
    a_h = np.r_[lead_h, rest]
    a_start = earlier(a_h.size, 2)
    a_end = np.where(rng.random(a_h.size) < P["pairing_end_share"], year_start + rng.integers(0, days, a_h.size).astype("timedelta64[D]"),
                     np.datetime64("NaT"))
    pairs(0, a_src, a_h, a_start, a_end.astype("datetime64[D]"))
    pairings = pd.concat(pair_parts, ignore_index=True)

    # ---- service posts ----
    post_c = np.repeat(network, P["posts_per_community"])
    filled = rng.random(post_c.size) < P["post_fill_share"]
    n_cap_p = cb[post_c + 1] - cb[post_c]
    holder = np.where(filled & (n_cap_p > 0), cap_idx[np.minimum(cb[post_c] + (rng.random(post_c.size) * n_cap_p).astype(np.int64), cap_idx.size - 1)], -1)
    posts = pd.DataFrame({"org": c_id[post_c], "title": np.array(["policy publicity", "conflict mediation", "environment and sanitation",
                          "elderly care"])[np.arange(post_c.size) % 4], "holder": holder,
                          "since": np.where(holder >= 0, earlier(post_c.size, 1), np.datetime64("NaT"))})

    # ---- pledges ----
    pm = np.flatnonzero(capable)
    pm = np.repeat(pm, 1 + (rng.random(pm.size) < P["pledge_second_share"]))
    n_p = pm.size
    cat = pick(rng, np.array([0.0, 0.5, 0.0, 0.2, 0.2, 0.1]), n_p)
    joint_p = rng.random(n_p) < P["joint_pledge_share"]
    co1 = np.where(joint_p, rng.integers(0, M, n_p), -1)
    co2 = np.where(joint_p & (rng.random(n_p) < 0.5), rng.integers(0, M, n_p), -1)
    pledged = rng.integers(0, 90, n_p)
    u = rng.random(n_p)
    w, f, lp = P["pledge_withdraw_share"], P["pledge_fulfil_share"], P["pledge_lapse_share"]
    status = np.select([u < w, u < w + f, u < w + f + lp], [4, 2, 3], np.where(rng.random(n_p) < P["pledge_start_share"], 1, 0))
    started = np.where(status != 4, pledged + (rng.random(n_p) * (days - pledged)).astype(int), -1)
    final = np.select([status == 2, status == 3, status == 4], [started + (rng.random(n_p) * (days - started)).astype(int), days - 1,
                      pledged + (rng.random(n_p) * (days - pledged)).astype(int)], -1)
    pledges = pd.DataFrame({"member": pm, "co1": co1, "co2": co2, "category": cat, "pledged": year_start + pledged.astype("timedelta64[D]"),
                            "started": started, "status": status, "final": final})

    # ---- contacts ----
    parts = []
    def contacts(member, household, mode, collective, day):
        parts.append((member, household, np.asarray(mode), np.asarray(collective), day))
    month_start = np.array([(np.datetime64(f"{P['year']}-{m:02d}") - np.datetime64(f"{P['year']}-01")).astype(int) for m in range(1, 13)])
    month_days = np.diff(np.r_[month_start, days])
    ch_begin = np.searchsorted(cm, np.arange(M + 1))
    for which, per_month in ((role == VILLAGE_CADRE, P["village_cadre_days_per_month"]),
                             (np.isin(role, [TOWN_LEADER, POLICE, JUDICIAL, TOWN_CADRE]), P["town_cadre_days_per_month"])):
        cad = np.flatnonzero(which & (m_comm >= 0))
        n = cad.size
        # per cadre and month: per_month distinct days (smallest random keys among the month's days)
        keys = rng.random((n, 12, 31))
        keys[:, np.arange(31)[None, :] >= month_days[:, None]] = 2.0
        chosen = np.argsort(keys, axis=2)[:, :, :per_month]
        worked = rng.random(chosen.shape) < P["field_day_compliance"]
        cad_i = np.broadcast_to(np.arange(n)[:, None, None], chosen.shape)[worked]
        day = (month_start[None, :, None] + chosen)[worked]
        order = np.lexsort((day, cad_i))
        cad_i, day = np.repeat(cad_i[order], P["visits_per_field_day"]), np.repeat(day[order], P["visits_per_field_day"])
        slot = np.arange(cad_i.size) - np.searchsorted(cad_i, cad_i)
        mem = cad[cad_i]
        own = ch_begin[mem + 1] - ch_begin[mem]
        comm = m_comm[mem]
        house = np.where(slot < own, ch[np.minimum(ch_begin[mem] + slot, ch.size - 1)], -1)
        rnd = house < 0
        house[rnd] = pick_in_ranges(rng, c_hbegin[comm[rnd]], c_hbegin[comm[rnd] + 1], key, P["key_household_weight"])
        contacts(mem, house, np.full(mem.size, HOME), np.zeros(mem.size, bool), day)
    others = ~np.isin(role, [VILLAGE_CADRE, TOWN_LEADER, POLICE, JUDICIAL, TOWN_CADRE])
    sel = others[cm]
    reps = np.floor(P["member_visits_per_contact_household"]).astype(int) + (rng.random(sel.sum()) < P["member_visits_per_contact_household"] % 1)
    vm, vh = np.repeat(cm[sel], reps), np.repeat(ch[sel], reps)
    contacts(vm, vh, np.where(rng.random(vm.size) < P["member_home_visit_share"], HOME, APPOINTMENT), np.zeros(vm.size, bool),
             rng.integers(0, days, vm.size))
    k = P["assistance_visits"]
    a_member = np.where(np.r_[np.zeros(leading.size, bool), joint], -1, np.r_[leading, helper])
    ac = hh_comm[a_h]
    nc = cb[ac + 1] - cb[ac]
    a_member = np.where(a_member >= 0, a_member, np.where(nc > 0, cap_idx[np.minimum(cb[ac] + (rng.random(a_h.size) * nc).astype(np.int64), cap_idx.size - 1)], -1))
    am, ah = np.repeat(a_member, k), np.repeat(a_h, k)
    part = np.tile(np.arange(k), a_h.size)
    aday = (days * part) // k + (rng.random(am.size) * (days // k)).astype(int)
    ok = (am >= 0) & ~(year_start + aday.astype("timedelta64[D]") > np.repeat(a_end, k))
    contacts(am[ok], ah[ok], np.full(ok.sum(), HOME), np.zeros(ok.sum(), bool), aday[ok])
    pm_, pc_ = np.concatenate([p[0] for p in points]), np.concatenate([p[1] for p in points])
    v, g = P["contact_point_visits"], P["going_down_households"]
    gm, gc = np.repeat(pm_, v * g), np.repeat(pc_, v * g)
    gday = np.repeat((days * np.tile(np.arange(v), pm_.size)) // v + (rng.random(pm_.size * v) * (days // v)).astype(int), g)
    gh = c_hbegin[gc] + (rng.random(gm.size) * (c_hbegin[gc + 1] - c_hbegin[gc])).astype(np.int64)
    contacts(gm, gh, np.full(gm.size, FIXED_POINT), np.ones(gm.size, bool), gday)
    cmem = np.concatenate([p[0] for p in parts]); chh = np.concatenate([p[1] for p in parts])
    seen = np.zeros(H, bool); seen[chh] = True
    top = np.flatnonzero(must & ~seen & (rng.random(H) < P["must_visit_compliance"]))
    first_contact = pd.Series(cm).groupby(ch).first()
    tm = first_contact.reindex(top).to_numpy()
    tc = hh_comm[top]
    nct = cb[tc + 1] - cb[tc]
    tm = np.where(np.isnan(tm), np.where(nct > 0, cap_idx[np.minimum(cb[tc] + (rng.random(top.size) * nct).astype(np.int64), cap_idx.size - 1)], -1), tm).astype(np.int64)
    contacts(tm[tm >= 0], top[tm >= 0], np.full((tm >= 0).sum(), HOME), np.zeros((tm >= 0).sum(), bool), rng.integers(0, days, (tm >= 0).sum()))
    member = np.concatenate([p[0] for p in parts]); house = np.concatenate([p[1] for p in parts])
    mode = np.concatenate([p[2] for p in parts]); coll = np.concatenate([p[3] for p in parts]); cday = np.concatenate([p[4] for p in parts])
    n_c = member.size
    report = rng.random(n_c) < P["situation_report_share"]
    situation = np.where(report, pick(rng, SITUATION_W, n_c), -1)
    cont = pd.DataFrame({"member": member, "household": house, "mode": mode, "collective": coll, "concentrated": np.zeros(n_c, bool),
                         "organization": np.where(coll, c_id[hh_comm[house]], -1), "date": year_start + cday.astype("timedelta64[D]"),
                         "minutes": np.clip(np.rint(DURATION_MEDIAN[mode] * np.exp(P["duration_sigma"] * rng.standard_normal(n_c))), 1, 1440).astype(np.uint16),
                         "situation": situation, "abnormal": report & (rng.random(n_c) < P["abnormal_share"])})

    # ---- appeals ----
    first = cont.sort_values("date", kind="stable").drop_duplicates("household")
    petitioner = bits[:, PETITIONER]
    mult = np.where(petitioner, P["petitioner_appeal_multiplier"], 1.0)
    fh = first["household"].to_numpy()
    raise_ = rng.random(fh.size) < np.minimum(1.0, P["appeal_per_contacted_household"] * mult[fh])
    f_sel = first[raise_]
    n_other = rng.poisson(P["other_channel_appeals"] * mult)
    oh = np.repeat(np.arange(H), n_other)
    ap_h = np.r_[f_sel["household"].to_numpy(), oh]
    ap_collector = np.r_[f_sel["member"].to_numpy(), np.full(oh.size, -1)]
    ap_channel = np.r_[np.where(f_sel["mode"].to_numpy() == HOME, 0, 1), pick(rng, CHANNEL_W, oh.size)]
    ap_day = np.r_[(f_sel["date"].to_numpy() - year_start).astype("timedelta64[D]").astype(np.int64), rng.integers(0, days, oh.size)]
    n_a = ap_h.size
    routing = pick(rng, ROUTING_W, n_a)
    cls = pick(rng, CLASS_W, n_a)
    escalated = (routing == 1) | (routing == 3)
    county = escalated & (rng.random(n_a) < P["escalate_county_share"])
    ac = hh_comm[ap_h]
    handler = np.where(county, 0, np.where(escalated, t_id[c_town[ac]], c_id[ac]))
    key_case = escalated & (petitioner[ap_h] | (cls == 3) | county)
    leader = np.where(key_case & (rng.random(n_a) < P["leader_in_charge_share"]), rng.integers(0, max(1, P["county_leaders"]), n_a), -1)
    ln = lambda med_sig, n: (med_sig[0] * np.exp(med_sig[1] * rng.standard_normal(n))).astype(int)
    sorted_ = ap_day + np.minimum(ln(P["sort_delay"], n_a), days)
    fed = sorted_ + np.minimum(ln(P["feedback_delay"], n_a), days)
    disp = fed + np.minimum((ln(P["dispose_delay"], n_a) * np.where(escalated, P["escalated_delay_factor"], 1.0)).astype(int), days)
    as_date = lambda d, ok: np.where(ok, year_start + d.astype("timedelta64[D]"), np.datetime64("NaT"))
    appeals = pd.DataFrame({"code": codes("CTY-A", n_a), "household": ap_h, "collected_by": ap_collector, "origin": g_id[hh_grid[ap_h]],
                            "handler": handler, "channel": ap_channel, "subject": pick(rng, SUBJECT_W, n_a),
                            "class": np.where(sorted_ < days, cls, -1), "routing": np.where(sorted_ < days, routing, -1),
                            "leader": leader, "registered": as_date(ap_day, True), "sorted": as_date(sorted_, sorted_ < days),
                            "fed_back": as_date(fed, (sorted_ < days) & (fed < days)),
                            "disposed": as_date(disp, (sorted_ < days) & (fed < days) & (disp < days))})
    return dict(organizations=orgs, households=hh, members=members, pairings=pairings, commitments=pledges,
                service_posts=posts, contacts=cont, appeals=appeals)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=100000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    start, cpu = time.perf_counter(), time.process_time()
    for r in range(args.repeat):
        tables = generate(args.households, args.seed + r)
    elapsed = (time.perf_counter() - start) / args.repeat
    cpu = (time.process_time() - cpu) / args.repeat
    print(f"synth_county_{args.households} {elapsed:.6g} {args.repeat}")
    print(f"# cpu synth_county_{args.households} {cpu:.6g}")
    counts = " ".join(f"{k}={len(v)}" for k, v in tables.items())
    print(f"# counts {counts} entities={sum(len(v) for v in tables.values())}")


if __name__ == "__main__":
    main()
