#!/usr/bin/python3
"""Both sides of the `compliance` benchmark entry: massline.compliance.check against a pandas
implementation of the same rules (docs/policy.md, "Counting" and "Compliance"), written here from
the documentation, for a year over the synthetic county.

Input (not timed): massline.synth.generate("county", seed=0, households=N, personal_fields=0); the pandas side gets
the registry's tables as DataFrames (massline.frames) and the policy's rules as frames
(PolicySet.quotas() / .coverage()), so it is generic over the rules like the engine.

Timed (fastest of --repeat runs, bench/run.py's line protocol):
  massline  ml.compliance.check(registry, PolicySet.standard(), year).to_pandas()
  pandas    pandas_check(tables, policy, year)
Each side's frame has the report's columns (massline's has a few more: rule_kind, shortfall,
reason, evidence); neither is sorted.
Both print "# counts ... report=<digest>" (rows per status, sums of required and actual), which
bench/run.py requires to agree; python/tests/test_compliance.py compares the two reports row by
row on a smaller county. Usage:
    /usr/bin/python3 bench/compliance_peer.py --library massline --stage build/release/python/stage --households 1000000
    /usr/bin/python3 bench/compliance_peer.py --library pandas --stage build/release/python/stage --households 1000000
"""
from __future__ import annotations

import argparse
import sys
import time

import numpy as np
import pandas as pd

KEY = ["rule", "subject_kind", "subject", "first"]
COLUMNS = KEY + ["last", "required", "maximum", "actual", "status"]
_PERIOD_MONTHS = {"year": 12, "half_year": 6, "quarter": 3, "month": 1}
_ORG_ACTIVITIES = {"situation_meetings": "situation_meeting", "work_studies": "study"}
_MEMBER_ACTIVITIES = {"trainings": "training", "group_activities": "concentrated_activity"}
_FIVE_ONES = {"research_reports": "research_report", "practical_deeds": "practical_deed",
              "petitions_resolved": "petition_resolved", "public_welfare_activities": "public_welfare",
              "difficult_families_helped": "difficult_family_helped"}
_GOING_DOWN = ["going_down_regular", "going_down_fixed_point", "going_down_circuit"]


def tables_of(ml, registry) -> dict[str, pd.DataFrame]:
    """The registry tables the pandas side reads."""
    names = ["organizations", "members", "households", "pairings", "contacts", "commitments", "commitment_members",
             "commitment_history", "activities", "activity_attendees"]
    return {n: getattr(ml.frames, n)(registry) for n in names}


def _windows(kind: str, year: int) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    step = _PERIOD_MONTHS[kind]
    out = []
    for m in range(1, 13, step):
        first = pd.Timestamp(year, m, 1)
        out.append((first, first + pd.DateOffset(months=step) - pd.Timedelta(days=1)))
    return out


def _ceil_share(x, days, nominal):
    return (np.asarray(x, dtype=np.int64) * np.asarray(days, dtype=np.int64) + nominal - 1) // nominal


def _select_members(members: pd.DataFrame, orgs: pd.DataFrame, rule: pd.Series, prefix: str) -> pd.DataFrame:
    m = members.merge(orgs[["id", "level", "sector", "kind"]].rename(columns={"id": "organization", "kind": "org_kind"}),
                      on="organization")
    keep = pd.Series(True, index=m.index)
    for k in rule[prefix + "kinds"]:
        keep &= m["kind_" + k]
    for column, values in (("cadre_rank", rule[prefix + "cadre_ranks"]), ("delegate_level", rule[prefix + "delegate_levels"]),
                           ("role", rule[prefix + "roles"]), ("level", rule[prefix + "org_levels"]),
                           ("sector", rule[prefix + "sectors"]), ("org_kind", rule[prefix + "org_kinds"])):
        if values:
            keep &= m[column].astype(object).isin(list(values))
    capable = rule[prefix + "capable_of_helping"]
    if capable is not None and not pd.isna(capable):
        keep &= m["capable_of_helping"] == bool(capable)
    return m[keep]


def _select_orgs(orgs: pd.DataFrame, rule: pd.Series) -> pd.DataFrame:
    keep = pd.Series(True, index=orgs.index)
    for column, values in (("level", rule["who_org_levels"]), ("sector", rule["who_sectors"]), ("kind", rule["who_org_kinds"])):
        if values:
            keep &= orgs[column].astype(object).isin(list(values))
    return orgs[keep]


class _Counter:
    """Per-member counts of one activity over per-member day ranges [a, b]."""

    def __init__(self, t: dict[str, pd.DataFrame]):
        self.contacts = t["contacts"]
        p = t["pairings"]
        self.member_pairings = p[p["source_kind"] == "member"]
        fulfilled = t["commitment_history"]
        fulfilled = fulfilled[fulfilled["status"] == "fulfilled"].groupby("commitment")["date"].max()
        c = t["commitment_members"].merge(t["commitments"][["id", "category", "pledged_on"]], left_on="commitment", right_on="id")
        c["fulfilled"] = c["commitment"].map(fulfilled)
        self.commitments = c
        self.attended = t["activity_attendees"].merge(t["activities"][["id", "kind", "date"]], left_on="activity", right_on="id")

    @staticmethod
    def _in(frame: pd.DataFrame, ranges: pd.DataFrame, date: str) -> pd.DataFrame:
        x = frame.merge(ranges, on="member")
        return x[(x[date] >= x["a"]) & (x[date] <= x["b"])]

    def count(self, activity: str, ranges: pd.DataFrame) -> pd.Series:
        """ranges: member, a, b -> Series of counts indexed by member (0 where none)."""
        c = self.contacts
        if activity in ("visited_households", "home_visits", "field_days", "household_days", "concentrated_visits",
                        "going_down_visits"):
            if activity == "home_visits":
                c = c[(c["mode"] == "home_visit") & c["household"].notna()]
            elif activity in ("visited_households", "household_days"):
                c = c[c["household"].notna()]
            elif activity == "concentrated_visits":
                c = c[c["concentrated"]]
            elif activity == "going_down_visits":
                c = c[c["organization"].notna() & c["mode"].astype(object).isin(_GOING_DOWN)]
            x = self._in(c[["member", "household", "date"]], ranges, "date")
            if activity in ("visited_households", "home_visits"):
                n = x.groupby("member")["household"].nunique()
            elif activity in ("field_days", "household_days"):
                n = x.groupby("member")["date"].nunique()
            else:
                n = x.groupby("member").size()
        elif activity in ("contact_households", "assistance_pairings", "contact_points"):
            kind = {"contact_households": "contact_household", "assistance_pairings": "assistance",
                    "contact_points": "contact_point"}[activity]
            p = self.member_pairings[self.member_pairings["kind"] == kind].rename(columns={"source": "member"})
            x = p.merge(ranges, on="member")
            x = x[(x["start"] <= x["b"]) & (x["end"].isna() | (x["end"] >= x["a"]))]
            n = x.groupby("member")["target"].nunique() if kind == "contact_household" else x.groupby("member").size()
        elif activity == "pledges":
            x = self._in(self.commitments[self.commitments["category"] == "general"], ranges, "pledged_on")
            n = x.groupby("member").size()
        elif activity in _FIVE_ONES:
            x = self._in(self.commitments[self.commitments["category"] == _FIVE_ONES[activity]], ranges, "fulfilled")
            n = x.groupby("member").size()
        else:
            x = self._in(self.attended[self.attended["kind"] == _MEMBER_ACTIVITIES[activity]], ranges, "date")
            n = x.groupby("member").size()
        return n.reindex(ranges["member"], fill_value=0).astype(np.int64)


def _status(rows: pd.DataFrame) -> pd.DataFrame:
    short = rows["required"] > rows["actual"]
    over = (rows["maximum"] >= 0) & (rows["actual"] > rows["maximum"])
    rows["status"] = np.where(short, "short", np.where(over, "over", "met"))
    return rows


def _quota_rows(t, counter, members, rule, year) -> list[pd.DataFrame]:
    out = []
    orgs = t["organizations"]
    minimum = int(rule["minimum"])
    maximum = None if pd.isna(rule["maximum"]) else int(rule["maximum"])
    if rule["subject"] == "organization":
        held = t["activities"][t["activities"]["kind"] == _ORG_ACTIVITIES[rule["activity"]]]
        subjects = _select_orgs(orgs, rule)["id"].to_numpy()
        for first, last in _windows(rule["period"], year):
            days = (last - first).days + 1
            n = held[(held["date"] >= first) & (held["date"] <= last)].groupby("organization").size()
            rows = pd.DataFrame({"subject": subjects, "actual": n.reindex(subjects, fill_value=0).to_numpy(np.int64)})
            rows["required"] = _ceil_share(minimum, days, days)
            rows["maximum"] = -1 if maximum is None else _ceil_share(maximum, days, days)
            rows["first"], rows["last"], rows["subject_kind"] = first, last, "organization"
            out.append(_status(rows))
        return out
    chosen = _select_members(members, orgs, rule, "who_")
    for first, last in _windows(rule["period"], year):
        nominal = (last - first).days + 1
        a = chosen["joined"].where(chosen["joined"] > first, first).fillna(first)
        b = chosen["left"].where(chosen["left"] < last, last).fillna(last)
        present = ((b - a).dt.days + 1).clip(lower=0).to_numpy(np.int64)
        rows = pd.DataFrame({"subject": chosen["id"].to_numpy(), "present": present})
        rows["required"] = _ceil_share(minimum, present, nominal)
        rows["maximum"] = -1 if maximum is None else _ceil_share(maximum, present, nominal)
        ranges = pd.DataFrame({"member": chosen["id"].to_numpy(), "a": a.to_numpy(), "b": b.to_numpy()})[present > 0]
        actual = counter.count(rule["activity"], ranges)
        rows["actual"] = rows["subject"].map(actual).fillna(0).astype(np.int64)
        if isinstance(rule["ratio_of"], str):
            other = counter.count(rule["ratio_of"], ranges)
            share = _ceil_share(int(rule["ratio_numerator"]), rows["subject"].map(other).fillna(0).to_numpy(np.int64),
                                int(rule["ratio_denominator"]))
            rows["required"] = np.maximum(rows["required"], share)
        rows["first"], rows["last"], rows["subject_kind"] = first, last, "member"
        rows = _status(rows)
        rows.loc[rows["present"] == 0, "status"] = "not_applicable"
        rows.loc[rows["present"] == 0, "actual"] = 0
        out.append(rows.drop(columns="present"))
    return out


def _ancestors(orgs: pd.DataFrame) -> pd.DataFrame:
    """(org, ancestor) pairs, the organisation itself included."""
    parent = orgs.set_index("id")["parent"]
    pairs = [pd.DataFrame({"org": orgs["id"], "ancestor": orgs["id"]})]
    cur = pd.DataFrame({"org": orgs["id"], "ancestor": orgs["id"]})
    while True:
        cur = pd.DataFrame({"org": cur["org"], "ancestor": cur["ancestor"].map(parent)}).dropna()
        if cur.empty:
            break
        cur["ancestor"] = cur["ancestor"].astype(np.int64)
        pairs.append(cur)
    return pd.concat(pairs, ignore_index=True)


def _coverage_rows(t, members, rule, year) -> list[pd.DataFrame]:
    out = []
    orgs, households = t["organizations"], t["households"]
    by = _select_members(members, orgs, rule, "by_")
    by_ids = set(by["id"])
    everyone = not any(rule[c] for c in rule.index if c.startswith("by_") and c != "by_capable_of_helping") and (
        rule["by_capable_of_helping"] is None or pd.isna(rule["by_capable_of_helping"]))
    categories = list(rule["categories"])
    in_scope = households if not categories else households[
        households[["category_" + c for c in categories]].any(axis=1)]
    minimum = int(rule["minimum"])
    contacts = t["contacts"][~t["contacts"]["collective"] & t["contacts"]["household"].notna()]
    pairings = t["pairings"]
    for first, last in _windows(rule["period"], year):
        nominal = (last - first).days + 1
        required = max(1, int(_ceil_share(minimum, nominal, nominal)))
        if rule["kind"] == "members_pair":
            a = by["joined"].where(by["joined"] > first, first).fillna(first)
            b = by["left"].where(by["left"] < last, last).fillna(last)
            present = ((b - a).dt.days + 1).clip(lower=0).to_numpy()
            p = pairings[(pairings["kind"] == "assistance") & (pairings["source_kind"] == "member")
                         & (pairings["target_kind"] == "household") & pairings["target"].isin(in_scope["id"])
                         & (pairings["start"] <= last) & (pairings["end"].isna() | (pairings["end"] >= first))]
            n = p.groupby("source").size()
            rows = pd.DataFrame({"subject": by["id"].to_numpy()})
            rows["actual"] = rows["subject"].map(n).fillna(0).astype(np.int64)
            rows["required"], rows["maximum"] = required, -1
            rows = _status(rows.assign(first=first, last=last, subject_kind="member"))
            rows.loc[present == 0, "status"] = "not_applicable"
            rows.loc[present == 0, "actual"] = 0
            out.append(rows)
            continue
        if rule["kind"] == "pair_households":
            p = pairings[(pairings["kind"] == "assistance") & (pairings["target_kind"] == "household")
                         & (pairings["start"] <= last) & (pairings["end"].isna() | (pairings["end"] >= first))]
            if not everyone:
                p = p[(p["source_kind"] == "member") & p["source"].isin(by_ids)]
            n = p.groupby("target").size()
            subjects = in_scope["id"]
        else:
            c = contacts[(contacts["date"] >= first) & (contacts["date"] <= last) & contacts["member"].isin(by_ids)]
            subjects = in_scope["id"]
            if rule["scope"] == "paired_units":
                c, subjects = _paired_units(t, members, by, in_scope, c, first, last)
            n = c.groupby("household").size()
        rows = pd.DataFrame({"subject": subjects.to_numpy()})
        rows["actual"] = rows["subject"].map(n).fillna(0).astype(np.int64)
        rows["required"], rows["maximum"] = required, -1
        out.append(_status(rows.assign(first=first, last=last, subject_kind="household")))
    return out


def _paired_units(t, members, by, in_scope, contacts, first, last):
    """Households under units dual-paired with an organisation serving in the window (home of a
    matching member present in it), and the contacts by such members of a serving partner."""
    present = (by["joined"].isna() | (by["joined"] <= last)) & (by["left"].isna() | (by["left"] >= first))
    serving = set(by.loc[present, "organization"])
    p = t["pairings"]
    p = p[(p["kind"] == "dual_organization") & (p["start"] <= last) & (p["end"].isna() | (p["end"] >= first))]
    links = pd.concat([pd.DataFrame({"org": p["source"], "partner": p["target"]}),
                       pd.DataFrame({"org": p["target"], "partner": p["source"]})])
    links = links[links["partner"].isin(serving)]
    anc = _ancestors(t["organizations"])
    unit_partner = anc.merge(links, left_on="ancestor", right_on="org", suffixes=("", "_l"))[["org", "partner"]]
    hp = in_scope[["id", "unit"]].merge(unit_partner, left_on="unit", right_on="org")[["id", "partner"]].drop_duplicates()
    home = members.set_index("id")["organization"]
    c = contacts.assign(home=contacts["member"].map(home))
    c = c.merge(hp, left_on=["household", "home"], right_on=["id", "partner"], suffixes=("", "_hp"))
    c = c.drop_duplicates(subset="id")
    subjects = pd.Series(np.sort(hp["id"].unique()))
    return c, subjects


def pandas_check(t: dict[str, pd.DataFrame], quotas: pd.DataFrame, coverage: pd.DataFrame, year: int) -> pd.DataFrame:
    """The compliance report of @p year by the documented rules, as a frame of COLUMNS (in no
    particular row order: see canonical)."""
    members = t["members"]
    counter = _Counter(t)
    parts = []
    for _, rule in quotas.iterrows():
        parts += [r.assign(rule=rule["name"]) for r in _quota_rows(t, counter, members, rule, year)]
    for _, rule in coverage.iterrows():
        parts += [r.assign(rule=rule["name"]) for r in _coverage_rows(t, members, rule, year)]
    out = pd.concat(parts, ignore_index=True)[COLUMNS]
    out["subject"] = out["subject"].astype(np.int64)
    for c in ("required", "maximum", "actual"):
        out[c] = out[c].astype(np.int64)
    return out


def massline_frame(report) -> pd.DataFrame:
    """The engine's report (ComplianceReport.to_pandas) in the same columns."""
    f = report.to_pandas()
    f["maximum"] = f["maximum"].fillna(-1).astype(np.int64)
    return f[COLUMNS]


def canonical(frame: pd.DataFrame) -> pd.DataFrame:
    """@p frame with plain object columns, sorted by KEY, for comparing two reports."""
    f = frame.copy()
    for c in ("rule", "subject_kind", "status"):
        f[c] = f[c].astype(object)
    return f.sort_values(KEY, kind="stable").reset_index(drop=True)


def digest(frame: pd.DataFrame) -> str:
    by = frame["status"].value_counts()
    return (f"rows={len(frame)}/met={by.get('met', 0)}/short={by.get('short', 0)}/over={by.get('over', 0)}"
            f"/na={by.get('not_applicable', 0)}/required={int(frame['required'].sum())}/actual={int(frame['actual'].sum())}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--library", required=True, choices=["massline", "pandas"])
    ap.add_argument("--stage", required=True, help="directory holding the staged massline package")
    ap.add_argument("--households", type=int, default=100_000)
    ap.add_argument("--year", type=int, default=2024)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    sys.path.insert(0, args.stage)
    import massline as ml

    # Personal fields off: no rule reads them, and the pandas side would carry them through its merges.
    registry = ml.synth.generate("county", seed=0, households=args.households, personal_fields=0)
    policy = ml.PolicySet.standard()
    workload = (f"households={len(registry.households)} members={len(registry.members)} "
                f"contacts={len(registry.contacts)} pairings={len(registry.pairings)}")
    if args.library == "massline":
        work = lambda: ml.compliance.check(registry, policy, args.year).to_pandas()  # noqa: E731
    else:
        tables, quotas, coverage = tables_of(ml, registry), policy.quotas(), policy.coverage()
        del registry
        work = lambda: pandas_check(tables, quotas, coverage, args.year)  # noqa: E731
    best, best_cpu, frame = None, None, None
    for _ in range(args.repeat):
        t, c = time.perf_counter(), time.process_time()
        frame = work()
        wall, cpu = time.perf_counter() - t, time.process_time() - c
        if best is None or wall < best:
            best, best_cpu = wall, cpu
    print(f"compliance {best:.6f} {args.repeat}")
    print(f"# cpu compliance {best_cpu:.6f}")
    print(f"# counts {workload} report={digest(frame)}")


if __name__ == "__main__":
    main()
