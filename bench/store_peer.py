#!/usr/bin/python3
"""Sides of the `store` benchmark entries: the SQLite store (docs/formats.md, "SQLite store").

Input (not timed): massline.synth.generate("county", seed=0, households=N, visits_per_field_day=8)
(eight visits on a cadre's field day instead of the preset's two: about ten contacts per household,
the issue's 10^6 households and 10^7 contacts) written once as a
registry CSV directory under --data (massline.io.save), and once as a store (for the load side).

Timed (fastest of --repeat runs, bench/run.py's line protocol):
  massline  store_import: massline.io.load(<csv dir>) then massline.io.save(registry, <new .sqlite>)
            (every cell parsed, every reference and rule checked, one transaction, WAL);
            store_load: massline.io.load(<store>) (a validated Registry)
  shell     store_import: the sqlite3 shell's `.import --csv` of the same files into a new database
            (one process, untyped TEXT columns, no checks at all)
  pandas    store_load: pandas.read_sql("SELECT * FROM <table>") of every table of the same store
Each side prints "# counts households=... contacts=...". Usage:
    /usr/bin/python3 bench/store_peer.py --side massline --stage build/release/python/stage --data /tmp/store --households 1000000
    /usr/bin/python3 bench/store_peer.py --side shell --stage build/release/python/stage --data /tmp/store --households 1000000
"""
from __future__ import annotations

import argparse
import os
import pathlib
import resource
import shutil
import sqlite3
import subprocess
import sys
import time


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime + children.ru_utime + children.ru_stime


VISITS_PER_FIELD_DAY = 8


def prepare(ml, data: pathlib.Path, households: int) -> None:
    marker = data / f"ready-{households}-v{VISITS_PER_FIELD_DAY}"  # the name changes with the generator's arguments below
    if marker.exists():
        return
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    registry = ml.synth.generate("county", seed=0, households=households, visits_per_field_day=VISITS_PER_FIELD_DAY)
    ml.io.save(registry, data / "csv")
    ml.io.save(registry, data / "reference.sqlite")
    marker.write_text(f"households={len(registry.households)} contacts={len(registry.contacts)}\n")


def remove_store(path: pathlib.Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        pathlib.Path(str(path) + suffix).unlink(missing_ok=True)


def timed(name: str, repeat: int, run) -> None:
    best, best_cpu = float("inf"), 0.0
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), cpu()
        run()
        elapsed, used = time.perf_counter() - start, cpu() - start_cpu
        if elapsed < best:
            best, best_cpu = elapsed, used
    print(f"# cpu {name} {best_cpu:.6f}")
    print(f"{name} {best:.6f} 1")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--side", choices=["massline", "shell", "pandas"], required=True)
    parser.add_argument("--stage", required=True, help="directory holding the staged massline package")
    parser.add_argument("--data", required=True)
    parser.add_argument("--households", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    sys.path.insert(0, args.stage)
    import massline as ml
    import massline.io  # noqa: F401

    data = pathlib.Path(args.data)
    prepare(ml, data, args.households)
    print("# counts " + (data / f"ready-{args.households}-v{VISITS_PER_FIELD_DAY}").read_text().strip())
    csv_dir = data / "csv"
    tables = [p.stem for p in sorted(csv_dir.glob("*.csv"))]
    target = data / f"{args.side}.sqlite"
    if args.side == "massline":
        def run_import() -> None:
            remove_store(target)
            ml.io.save(ml.io.load(csv_dir), target)
        timed("store_import", args.repeat, run_import)
        timed("store_load", args.repeat, lambda: ml.io.load(data / "reference.sqlite"))
    elif args.side == "shell":
        script = ".mode csv\n" + "".join(f".import '{csv_dir / t}.csv' {t}\n" for t in tables)

        def run_import() -> None:
            remove_store(target)
            subprocess.run(["sqlite3", str(target)], input=script, text=True, check=True)
        timed("store_import", args.repeat, run_import)
    else:
        import pandas as pd

        def run_load() -> None:
            with sqlite3.connect(data / "reference.sqlite") as connection:
                for t in tables:
                    pd.read_sql(f'SELECT * FROM "{t}"', connection)
        timed("store_load", args.repeat, run_load)
    os.sync()


if __name__ == "__main__":
    main()
