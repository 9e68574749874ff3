#!/usr/bin/python3
"""Benchmark runner: builds the release preset, runs every registered entry (massline and its
named peer, in the same run) and writes bench/RESULTS.md.

    /usr/bin/python3 bench/run.py                 # every entry whose files exist
    /usr/bin/python3 bench/run.py --only synth    # entries whose name or group contains "synth"
    /usr/bin/python3 bench/run.py --large         # also the 10^7-household entries (~6 GiB, minutes)
    /usr/bin/python3 bench/run.py --list          # show the entries and whether they can run
    /usr/bin/python3 bench/run.py --render-only   # rewrite RESULTS.md from its stored data
    /usr/bin/python3 bench/run.py --only rollup --remark "..."   # a remark on the rows re-run (e.g. machine state)

Entries are data (ENTRIES below): a name, a group, the files they need (missing files -> the
entry is skipped with a note), the CMake targets to build, and two sides, ours and the peer.
Each side is a command with one of two output protocols:
  gbench  Google Benchmark; the runner adds --benchmark_format=json and repetitions and reads
          the median real time of the benchmark named `timing` (plus its user counters);
  lines   one line per timing, "<name> <seconds per run> <runs>"; lines starting with '#' are
          comments: "# cpu <name> <CPU seconds per run>" adds CPU time, "# counts k=v ..." is
          shown as the workload.
Peers are Python scripts and always run under Debian's /usr/bin/python3 (numpy, pandas), whatever
interpreter runs this file. Peak memory is each process's own maximum RSS (os.wait4), so every
size runs in a fresh process. Results of entries not re-run are kept from the previous
RESULTS.md (each row has its own date and load), so owners can re-run only their entries.
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import pathlib
import platform
import re
import shlex
import statistics
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "release"
RESULTS = ROOT / "bench" / "RESULTS.md"
DEBIAN_PYTHON = "/usr/bin/python3"
REPEAT = 3


@dataclasses.dataclass
class Side:
    argv: list[str]      # "{build}", "{root}", "{tmp}" are substituted; a first element ending in .py runs under DEBIAN_PYTHON
    protocol: str        # "gbench" or "lines"
    timing: str          # gbench: benchmark name; lines: first field of the timing line


@dataclasses.dataclass
class Entry:
    name: str
    group: str
    requires: list[str]   # repository paths that must exist
    targets: list[str]    # CMake targets to build first
    ours: Side
    peer: Side | None  # None: ours alone (a size no peer can run; ratios shown as –)
    note: str = ""
    large: bool = False   # run only with --large
    repeat: int = REPEAT  # runs per side (fresh processes for line-protocol sides)
    peer_first: bool = False  # run the peer before ours (e.g. it writes the shared input data)


def synth_entry(households: int, large: bool = False) -> Entry:
    name = f"BM_SynthCounty/households:{households}/contacts:1/real_time"
    return Entry(
        name=f"synth county {households:.0e} households".replace("+0", ""),
        group="synth",
        requires=["bench/bench_synth.cpp", "bench/synth_peer.py"],
        targets=["bench_synth"],
        ours=Side(["{build}/bench/bench_synth", f"--benchmark_filter=^{re.escape(name)}$"], "gbench", name),
        peer=Side(["bench/synth_peer.py", "--households", str(households)], "lines", f"synth_county_{households}"),
        note="massline::synth::generate('county') into a validated Registry (personal fields off, as the peer has none) vs numpy/pandas DataFrames of the same tables",
        large=large,
        repeat=1 if large else REPEAT,
    )


def network_entry(query: str, library: str | None, households: int = 1_000_000) -> Entry:
    """massline.network against one graph library on one query (bench/network_peer.py runs both
    sides); library None: ours alone (the 10^7 size, where no Python peer fits the time)."""
    side = ["bench/network_peer.py", "--stage", "{build}/python/stage", "--households", str(households)]
    slow = library == "networkx"
    large = households >= 10_000_000
    against = f" vs {library}" if library else " (ours alone)"
    return Entry(
        name=f"network {query} {households:.0e} households{against}".replace("+0", ""),
        group="network",
        requires=["bench/network_peer.py", "python/src/register_network.cpp"],
        targets=["_core"],
        ours=Side(side + ["--library", "massline"] + (["--repeat", "1"] if large else []), "lines", f"network_{query}"),
        peer=Side(side + ["--library", library] + (["--repeat", "1"] if slow else []), "lines", f"network_{query}")
        if library else None,
        note=(f"massline.network (C++ through Python) vs {library} on synth county; the peer starts from the "
              "network's edge list, massline from the Registry (bench/network_peer.py)") if library else
             "massline.network (C++ through Python) on synth county, fastest of one run per query (bench/network_peer.py)",
        large=large,
        repeat=1 if slow or large else REPEAT,
    )


def sim_peer_entry(library: str, batch: bool = False) -> Entry:
    """Ours vs one peer on the stripped core of the simulation at 10^5 households x 30 days; with
    @p batch ours is the time per replication of one 40-replication call."""
    side = ["bench/sim_peer.py", "--stage", "{build}/python/stage", "--households", "100000", "--days", "30"]
    peer_name = "pure Python" if library == "python" else library
    return Entry(
        name=f"sim core 1e5 households x 30 days vs {peer_name}" + (" (ours: 40 replications per call)" if batch else ""),
        group="sim",
        requires=["bench/sim_peer.py", "python/src/register_sim.cpp"],
        targets=["_core"],
        ours=Side(side + ["--library", "massline", "--replications", "200", "--batch", "40"], "lines",
                  "sim_core_batch" if batch else "sim_core"),
        peer=Side(side + ["--library", library, "--replications", "3" if library == "python" else "20"], "lines", "sim_core"),
        note=(f"one replication of the stripped core (bench/sim_peer.py: decay, pending penalty, disconfirmation, needs, "
              f"round-robin visits, appeals solved at the first level; no campaigns, escalation or survey) in massline "
              f"(through Python, 1 thread) vs {library}; " +
              ("ours: one sim.run call of 40 replications on 1 thread, divided by 40" if batch else
               "ours: one sim.run call per replication, the fastest of 200") +
              "; the peer: the fastest of " + ("3" if library == "python" else "20") + " replications; every library "
              "makes one untimed call first; the median over 3 processes per side; the peer's aggregates checked equal "
              "to massline's (4 standard errors + 0.5 %)"),
        repeat=3,
    )


SIM_SWEEP = ["bench/sim_scale.py", "sweep", "--stage", "{build}/python/stage", "--households", "100000",
             "--replications", "64"]


ENTRIES: list[Entry] = [
    synth_entry(100_000),
    synth_entry(1_000_000),
    synth_entry(10_000_000, large=True),
    # PLS path modelling (owner: the scoring/pls helper). Both sides print the line protocol.
    Entry(name="pls fit (bank data)", group="pls", requires=["bench/bench_pls.cpp", "bench/pls_peer.py"], targets=["bench_pls"],
          ours=Side(["{build}/bench/bench_pls", "--runner"], "lines", "pls_fit"),
          peer=Side(["bench/pls_peer.py"], "lines", "pls_fit"),
          note="massline PLS path model vs plain numpy (bench/pls_peer.py)"),
    Entry(name="plsc fit (bank data, every block consistent)", group="pls",
          requires=["bench/bench_pls.cpp", "bench/pls_peer.py"], targets=["bench_pls"],
          ours=Side(["{build}/bench/bench_pls", "--runner"], "lines", "plsc_fit"),
          peer=Side(["bench/pls_peer.py"], "lines", "plsc_fit"),
          note="massline consistent PLS (OuterMode::AConsistent) vs plain numpy"),
    Entry(name="pls fit + 1000 bootstrap resamples", group="pls", requires=["bench/bench_pls.cpp", "bench/pls_peer.py"],
          targets=["bench_pls"],
          ours=Side(["{build}/bench/bench_pls", "--runner"], "lines", "pls_fit_bootstrap_1000"),
          peer=Side(["bench/pls_peer.py"], "lines", "pls_fit_bootstrap_1000"),
          note="massline PLS bootstrap vs plain numpy"),
    # Roll-ups of survey responses (owner: the scoring/rollup helper). The peer writes the data both read.
    Entry(name="rollup 10^7 responses", group="rollup", requires=["bench/bench_rollup.cpp", "bench/rollup_peer.py"],
          targets=["bench_rollup"],
          ours=Side(["{build}/bench/bench_rollup", "--runner", "--data={tmp}/rollup", "--repeat=3"], "lines", "rollup"),
          peer=Side(["bench/rollup_peer.py", "--data", "{tmp}/rollup", "--repeat", "3"], "lines", "rollup"),
          note="massline::scoring::Rollup (1 thread) vs pandas groupby on the same data; each side reports its fastest of 3 runs",
          peer_first=True, repeat=1),
    # The exact min-cost assignment (owner: the network/assignment helper; docs/assignment.md). Both
    # sides draw the same instance (bench/assignment_instance.hpp, bench/assignment_peer.py) and print
    # "optimum=<cost>/<units>", which must agree (check_same_optimum).
    Entry(name="assignment 10^6 households / 10^5 members vs LEMON", group="assignment",
          requires=["bench/bench_assignment.cpp", "bench/bench_assignment_lemon.cpp"],
          targets=["bench_assignment", "bench_assignment_lemon"],
          ours=Side(["{build}/bench/bench_assignment", "--households=1000000", "--members=100000", "--degree=5"],
                    "lines", "assignment"),
          peer=Side(["{build}/bench/bench_assignment_lemon", "--households=1000000", "--members=100000", "--degree=5"],
                    "lines", "assignment"),
          note="massline::network::min_cost_assignment (validation, Preflow, NetworkSimplex, result arrays) vs the same "
               "two LEMON phases called directly on a StaticDigraph built from the arrays; 5 rows per household",
          repeat=1),
    Entry(name="assignment 10^4 households / 10^3 members vs NetworkX", group="assignment",
          requires=["bench/bench_assignment.cpp", "bench/assignment_peer.py"], targets=["bench_assignment"],
          ours=Side(["{build}/bench/bench_assignment", "--households=10000", "--members=1000", "--degree=5", "--repeat=3"],
                    "lines", "assignment"),
          peer=Side(["bench/assignment_peer.py", "--households", "10000", "--members", "1000", "--degree", "5"],
                    "lines", "assignment"),
          note="massline::network::min_cost_assignment vs networkx.max_flow_min_cost on the same flow network",
          repeat=1),
    # The network as a graph (owner: the network helper): build, coverage, escalation, components.
    *(network_entry(query, "networkx") for query in ("build", "coverage", "escalation", "components")),
    *(network_entry(query, library) for library in ("igraph", "graph-tool") for query in ("build", "components")),
    *(network_entry(query, None, 10_000_000) for query in ("build", "coverage", "escalation", "components")),
    # Compliance with the standard set for a year (owner: the policy work, issue 10). Both sides
    # print "report=<digest>", which must agree (check_same_report).
    Entry(name="compliance year 1e6 households vs pandas", group="compliance",
          requires=["bench/compliance_peer.py", "python/src/register_policy_compliance.cpp"], targets=["_core"],
          ours=Side(["bench/compliance_peer.py", "--library", "massline", "--stage", "{build}/python/stage",
                     "--households", "1000000"], "lines", "compliance"),
          peer=Side(["bench/compliance_peer.py", "--library", "pandas", "--stage", "{build}/python/stage",
                     "--households", "1000000", "--repeat", "1"], "lines", "compliance"),
          note="massline.compliance.check(registry, PolicySet.standard(), 2024).to_pandas() vs the same rules in pandas "
               "over the registry's tables (bench/compliance_peer.py); synth county seed 0, fastest of 3 (pandas: 1 run)",
          repeat=1),    # The satisfaction simulation (owner: the sim work, issue 12). (a) the stripped core of the model in
    # pure Python, NumPy and Numba against ours on the same population; each peer run also checks the
    # aggregates against massline's (bench/sim_peer.py exits 1 on a mismatch).
    *(sim_peer_entry(library) for library in ("python", "numpy", "numba")),
    *(sim_peer_entry(library, batch=True) for library in ("python", "numpy")),
    # (b) ours alone at province size.
    Entry(name="sim year 1e7 households x 365 days (ours alone)", group="sim",
          requires=["bench/sim_scale.py", "python/src/register_sim.cpp"], targets=["_core"],
          ours=Side(["bench/sim_scale.py", "year", "--stage", "{build}/python/stage", "--households", "10000000",
                     "--days", "365"], "lines", "sim_year"),
          peer=None,
          note="massline.sim.run, 1 replication on 1 thread, county preset at 10^7 households (contacts=0, appeals=0, "
               "activities=0), default parameters, round_robin; household-days per CPU second and the run's working "
               "memory per household in the counts (bench/sim_scale.py)",
          large=True, repeat=1),
    # (c) a 64-replication sweep: 2 threads vs serial, Dask LocalCluster (2 workers) vs serial; one process runs all three.
    Entry(name="sim sweep 64 replications: 2 threads vs serial", group="sim",
          requires=["bench/sim_scale.py", "python/massline/distributed.py"], targets=["_core"],
          ours=Side(SIM_SWEEP, "lines", "sim_sweep_threads2"), peer=Side(SIM_SWEEP, "lines", "sim_sweep_serial"),
          note="massline.sim.sweep, 4 points x 16 replications of a year of the county preset at 10^5 households; "
               "ratio = speed-up; parallel efficiency in the counts (bench/sim_scale.py sweep)",
          repeat=1),
    Entry(name="sim sweep 64 replications: Dask LocalCluster (2 workers) vs serial", group="sim",
          requires=["bench/sim_scale.py", "python/massline/distributed.py"], targets=["_core"],
          ours=Side(SIM_SWEEP, "lines", "sim_sweep_dask"), peer=Side(SIM_SWEEP, "lines", "sim_sweep_serial"),
          note="massline.distributed.sweep on a LocalCluster(n_workers=2, threads_per_worker=1, processes=False), "
               "batch 4, same sweep; frames identical to the serial one (checked); ratio = speed-up",
          repeat=1),
    # The SQLite store (owner: the store helper; docs/formats.md, "SQLite store"). The sides share
    # the CSV directory and the store written once under {tmp}/store (bench/store_peer.py).
    Entry(name="store import 1e6 households, 1e7 contacts from CSV vs sqlite3 .import", group="store",
          requires=["bench/store_peer.py", "src/massline/io/sqlite_store.cpp"], targets=["_core"],
          ours=Side(["bench/store_peer.py", "--side", "massline", "--stage", "{build}/python/stage",
                     "--data", "{tmp}/store", "--households", "1000000"], "lines", "store_import"),
          peer=Side(["bench/store_peer.py", "--side", "shell", "--stage", "{build}/python/stage",
                     "--data", "{tmp}/store", "--households", "1000000"], "lines", "store_import"),
          note="massline.io.load(csv dir) + massline.io.save(registry, .sqlite) (parsed, validated, typed, one WAL "
               "transaction) vs the sqlite3 shell's .import --csv of the same files (untyped, unchecked); synth county seed 0 "
               "with visits_per_field_day=8 (about 10^7 contacts)",
          peer_first=True, repeat=1),
    Entry(name="store load 1e6 households, 1e7 contacts vs pandas read_sql", group="store",
          requires=["bench/store_peer.py", "src/massline/io/sqlite_store.cpp"], targets=["_core"],
          ours=Side(["bench/store_peer.py", "--side", "massline", "--stage", "{build}/python/stage",
                     "--data", "{tmp}/store", "--households", "1000000"], "lines", "store_load"),
          peer=Side(["bench/store_peer.py", "--side", "pandas", "--stage", "{build}/python/stage",
                     "--data", "{tmp}/store", "--households", "1000000"], "lines", "store_load"),
          note="massline.io.load(.sqlite) into a validated Registry vs pandas.read_sql('SELECT *') of every table of the "
               "same store (DataFrames, no checks)",
          peer_first=True, repeat=1),
]


def check_same_optimum(ours: dict, peer: dict) -> None:
    """Both sides of an entry that print 'optimum=' (or 'report=') in their counts must have found
    the same one."""
    for key in ("optimum", "report"):
        found = [re.search(rf"\b{key}=(\S+)", side.get("info", "")) for side in (ours, peer)]
        if all(found) and found[0].group(1) != found[1].group(1):
            raise RuntimeError(f"the sides disagree on the {key}: ours {found[0].group(1)}, peer {found[1].group(1)}")


# ---------------------------------------------------------------- running

def run_process(argv: list[str]) -> tuple[str, str, int, int]:
    """Runs argv; returns stdout, stderr, exit status and the process's own peak RSS in bytes."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(argv, stdout=out, stderr=err, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return out.read().decode(), err.read().decode(), proc.returncode, usage.ru_maxrss * 1024


def expand(argv: list[str], tmp: str) -> list[str]:
    args = [a.replace("{build}", str(BUILD)).replace("{root}", str(ROOT)).replace("{tmp}", tmp) for a in argv]
    if args[0].endswith(".py"):
        args = [DEBIAN_PYTHON, str(ROOT / args[0])] + args[1:]
    return args


_cache: dict[tuple[str, ...], dict] = {}


def repo_relative(command: str) -> str:
    """@p command with this checkout's path removed, so RESULTS.md reads the same from any clone."""
    return command.replace(str(ROOT) + "/", "")


def measure(side: Side, tmp: str, repeat: int) -> dict:
    """Runs one side; returns seconds (median), peak_rss, extra info and the command."""
    argv = expand(side.argv, tmp)
    if side.protocol == "gbench":
        argv = argv + [f"--benchmark_repetitions={repeat}", "--benchmark_format=json"]
        out, err, code, peak = run_process(argv)
        if code != 0:
            raise RuntimeError(f"exit {code}: {err.strip()[-400:]}")
        data = json.loads(out)
        runs = [b for b in data["benchmarks"] if b.get("run_type") == "iteration" and b["run_name"] == side.timing]
        if not runs:
            raise RuntimeError(f"no benchmark named {side.timing}")
        scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[runs[0]["time_unit"]]
        seconds = [b["real_time"] * scale for b in runs]
        skip = {"name", "family_index", "per_family_instance_index", "run_name", "run_type", "repetitions", "repetition_index",
                "threads", "iterations", "real_time", "cpu_time", "time_unit", "aggregate_name", "aggregate_unit"}
        counters = {k: v for k, v in runs[0].items() if k not in skip}
        cpu = statistics.median(b["cpu_time"] * scale for b in runs)
        return {"seconds": statistics.median(seconds), "all": seconds, "cpu_seconds": cpu, "peak_rss": peak,
                "counters": counters, "command": repo_relative(shlex.join(argv))}
    key = tuple(argv)
    if key not in _cache:
        results, comments, peaks = [], [], []
        for _ in range(repeat):  # fresh process per repetition
            out, err, code, peak = run_process(argv)
            if code != 0:
                raise RuntimeError(f"exit {code}: {err.strip()[-400:]}")
            timings, cpus = {}, {}
            for line in out.splitlines():
                if line.startswith("#"):
                    words = line[1:].split()
                    if len(words) == 3 and words[0] == "cpu":
                        cpus[words[1]] = float(words[2])
                    else:
                        comments.append(line[1:].strip())
                    continue
                parts = line.split()
                if len(parts) == 3:
                    timings[parts[0]] = float(parts[1])
            results.append((timings, cpus))
            peaks.append(peak)
        _cache[key] = {"results": results, "comments": comments, "peak": max(peaks),
                       "command": repo_relative(shlex.join(argv))}
    got = _cache[key]
    seconds = [t[side.timing] for t, _ in got["results"] if side.timing in t]
    if not seconds:
        raise RuntimeError(f"no timing line named {side.timing!r} in the output")
    cpu = [c[side.timing] for _, c in got["results"] if side.timing in c]
    # Every "counts" line of the side, in order (e.g. sizes, then the network's bytes per household).
    info = "counts " + " ".join(c[len("counts"):].strip() for c in got["comments"] if c.startswith("counts"))
    info = "" if info == "counts " else info
    return {"seconds": statistics.median(seconds), "all": seconds, "cpu_seconds": statistics.median(cpu) if cpu else None,
            "peak_rss": got["peak"], "info": info, "command": got["command"]}


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", pathlib.Path("/proc/meminfo").read_text()).group(1))
        mem = f"{kb / 2**20:.1f} GiB"
    except (OSError, AttributeError):
        pass
    compiler = ""
    cache = BUILD / "CMakeCache.txt"
    if cache.exists():
        m = re.search(r"CMAKE_CXX_COMPILER:\w+=(.+)", cache.read_text())
        if m:
            try:
                compiler = subprocess.run([m.group(1), "--version"], capture_output=True, text=True).stdout.splitlines()[0]
            except (OSError, IndexError):
                compiler = m.group(1)
    return {"cpu": cpu, "cores": os.cpu_count(), "memory": mem, "kernel": platform.release(), "compiler": compiler,
            "python": subprocess.run([DEBIAN_PYTHON, "-c", "import sys, numpy, pandas; print(sys.version.split()[0], "
                                      "'numpy', numpy.__version__, 'pandas', pandas.__version__)"],
                                     capture_output=True, text=True).stdout.strip()}


def build(targets: list[str]) -> None:
    if not (BUILD / "CMakeCache.txt").exists():
        print("configuring: cmake --preset release", flush=True)
        subprocess.run(["cmake", "--preset", "release"], cwd=ROOT, check=True)
    if targets:
        print("building:", " ".join(targets), flush=True)
        subprocess.run(["cmake", "--build", str(BUILD), "-j2", "--target", *targets], cwd=ROOT, check=True)


# ---------------------------------------------------------------- RESULTS.md

def load_previous() -> dict:
    if not RESULTS.exists():
        return {}
    m = re.search(r"<!-- results-json\n(.*?)\n-->", RESULTS.read_text(), re.S)
    return json.loads(m.group(1)) if m else {}


def human_bytes(n: float | None) -> str:
    if not n:
        return "–"
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return ""


def human_seconds(s: float | None) -> str:
    if s is None:
        return "–"
    return f"{s * 1e3:.1f} ms" if s < 1 else f"{s:.2f} s"


def render(rows: dict, order: list[str], invocation: str) -> str:
    out = ["# Benchmark results", "",
           "Written by `bench/run.py` (do not edit by hand; re-run it). Times are medians of "
           f"{REPEAT} runs (1 for the large entries), wall-clock and CPU time (process CPU of the timed part; on a loaded shared machine CPU "
           "time is the steadier comparison); ratios = peer / ours (above 1: massline is faster). "
           "Peak memory is each process's maximum RSS (whole process, measured with wait4). "
           "The machine is shared, so read the load average next to each row.", "",
           "| entry | ours | peer | ratio | CPU ours | CPU peer | CPU ratio | peak memory ours | peak memory peer | load (1 min) | date (UTC) |",
           "|---|---|---|---|---|---|---|---|---|---|---|"]
    for name in order:
        r = rows.get(name)
        if r is None:
            continue
        if r.get("skipped"):
            out.append(f"| {name} | – | – | – | – | – | – | – | – | – | skipped: {r['skipped']} |")
            continue
        if r.get("error"):
            out.append(f"| {name} | – | – | – | – | – | – | – | – | – | {r['date']}: error: {r['error']} |")
            continue
        ours, peer = r["ours"], r["peer"] or {}
        ratio = f"{peer['seconds'] / ours['seconds']:.2f}" if peer and ours["seconds"] else "–"
        oc, pc = ours.get("cpu_seconds"), peer.get("cpu_seconds")
        cpu_ratio = f"{pc / oc:.2f}" if oc and pc else "–"
        peer_memory = human_bytes(peer["peak_rss"]) if peer else "–"
        out.append(f"| {name} | {human_seconds(ours['seconds'])} | {human_seconds(peer.get('seconds'))} | {ratio} | "
                   f"{human_seconds(oc)} | {human_seconds(pc)} | {cpu_ratio} | "
                   f"{human_bytes(ours['peak_rss'])} | {peer_memory} | {r['load'][0]:.2f} → {r['load'][1]:.2f} | {r['date']} |")
    out += ["", "## Details", ""]
    for name in order:
        r = rows.get(name)
        if not r or r.get("skipped") or r.get("error"):
            continue
        out.append(f"### {name}")
        out.append("")
        if r.get("note"):
            out.append(r["note"] + ".")
            out.append("")
        ours, peer = r["ours"], r["peer"]
        if r.get("invocation"):
            out.append(f"- reproduce: `{r['invocation']}`")
        if r.get("remark"):
            out.append(f"- remark: {r['remark']}")
        out.append(f"- ours: `{ours['command']}` → runs {', '.join(human_seconds(s) for s in ours['all'])}"
                   + (f"; CPU time {human_seconds(ours['cpu_seconds'])}" if ours.get("cpu_seconds") is not None else ""))
        if ours.get("counters"):
            c = ours["counters"]
            shown = ", ".join(f"{k} {v:,.0f}" for k, v in c.items())
            out.append(f"  - counters: {shown}")
        if ours.get("info") and (not peer or ours["info"] != peer.get("info")):
            out.append(f"  - {ours['info']}")
        if peer is None:
            out.append("- peer: none at this size (ours alone)")
        else:
            out.append(f"- peer: `{peer['command']}` → runs {', '.join(human_seconds(s) for s in peer['all'])}"
                       + (f"; CPU time {human_seconds(peer['cpu_seconds'])}" if peer.get("cpu_seconds") is not None else ""))
        if peer and peer.get("info"):
            out.append(f"  - {peer['info']}")
        out.append("")
    latest = max((r for r in rows.values() if isinstance(r, dict) and r.get("machine")), key=lambda r: r["date"], default=None)
    m = latest["machine"] if latest else None
    if m:
        out += ["## Machine (of the latest run)", "",
                f"- CPU: {m['cpu']}, {m['cores']} logical cores, {m['memory']} RAM, Linux {m['kernel']}",
                f"- compiler: {m['compiler']} (CMake preset `release`: Release build, `-O3 -DNDEBUG`)",
                f"- peers: Debian's {DEBIAN_PYTHON} ({m['python']})", ""]
    out += ["## Reproduce", "",
            "Every entry: `/usr/bin/python3 bench/run.py` (add `--large` for the 10^7-household entries); one group: "
            "`--only <group>`; each row's own command is under Details. The latest run was:", "", "```", invocation, "```", "",
            "Add entries in `ENTRIES` of bench/run.py (see its docstring for the two output protocols).", "",
            "<!-- results-json", json.dumps(rows, indent=1, sort_keys=True), "-->", ""]
    return "\n".join(out)


def invocation_of(e: Entry) -> str:
    """The command that re-runs exactly this entry's group."""
    return f"/usr/bin/python3 bench/run.py --only {e.group}" + (" --large" if e.large else "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", default=[], help="run entries whose name or group contains this text")
    parser.add_argument("--large", action="store_true", help="include the large entries")
    parser.add_argument("--no-build", action="store_true", help="do not configure or build")
    parser.add_argument("--list", action="store_true", help="list the entries and exit")
    parser.add_argument("--render-only", action="store_true", help="rewrite RESULTS.md from its stored data and exit")
    parser.add_argument("--remark", default="", help="remark stored with every row this run measures (e.g. the machine's state)")
    args = parser.parse_args()

    selected = [e for e in ENTRIES if not args.only or any(o in e.name or o == e.group for o in args.only)]
    runnable = []
    for e in selected:
        missing = [f for f in e.requires if not (ROOT / f).exists()]
        state = f"missing {', '.join(missing)}" if missing else ("large: needs --large" if e.large and not args.large else "ready")
        if args.list:
            print(f"{e.group:8} {e.name:45} {state}")
        if not missing and (args.large or not e.large):
            runnable.append(e)
    if args.list:
        return 0

    rows = load_previous()
    order = [e.name for e in ENTRIES]
    if args.render_only:
        RESULTS.write_text(render(rows, order, rows.get("_invocation", "/usr/bin/python3 bench/run.py")))
        print(f"wrote {RESULTS.relative_to(ROOT)}")
        return 0
    for e in selected:
        missing = [f for f in e.requires if not (ROOT / f).exists()]
        if missing:
            rows[e.name] = {"skipped": f"{', '.join(missing)} not present yet"}
    if not args.no_build:
        build(sorted({t for e in runnable for t in e.targets}))
    info = machine()
    invocation = "/usr/bin/python3 bench/run.py" + "".join(f" --only {shlex.quote(o)}" for o in args.only) + (" --large" if args.large else "")
    with tempfile.TemporaryDirectory(prefix="massline-bench-") as tmp:
        for e in runnable:
            print(f"running {e.name} ...", flush=True)
            load_before = os.getloadavg()[0]
            date = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M")
            try:
                if e.peer is None:
                    ours, peer = measure(e.ours, tmp, e.repeat), None
                else:
                    first, second = (e.peer, e.ours) if e.peer_first else (e.ours, e.peer)
                    a = measure(first, tmp, e.repeat)
                    b = measure(second, tmp, e.repeat)
                    ours, peer = (b, a) if e.peer_first else (a, b)
                    check_same_optimum(ours, peer)
                rows[e.name] = {"ours": ours, "peer": peer, "load": [load_before, os.getloadavg()[0]], "date": date,
                                "note": e.note, "machine": info, "invocation": invocation_of(e)}
                if args.remark:
                    rows[e.name]["remark"] = args.remark
                print(f"  ours {human_seconds(ours['seconds'])}, peer {human_seconds(peer['seconds'] if peer else None)}", flush=True)
            except (RuntimeError, OSError, ValueError, KeyError, json.JSONDecodeError) as err:
                rows[e.name] = {"error": str(err).replace("|", "/").replace("\n", " ")[:300], "date": date}
                print(f"  error: {err}", flush=True)
    rows["_invocation"] = invocation
    RESULTS.write_text(render(rows, order, invocation))
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
