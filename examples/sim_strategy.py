#!/usr/bin/env python3
"""Visiting strategy: must-visit-first against random (Quyuan preset).

    PYTHONPATH=build/<dir>/python/stage python3 examples/sim_strategy.py [out_dir] [replications]

Members choose which contact households to visit on a field day either at random or the
must-visit households (the policy's five categories) not yet visited first (docs/simulation.md,
"Members' visits"). The strategy is a lever of the sweep; both options run the same seeds.
Prints the year-end metrics (must-visit coverage is the one the strategy targets) with 95 %
confidence bands across replications and saves the monthly must-visit coverage with its band to
out_dir/strategy.png.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Dict

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pandas as pd  # noqa: E402

import massline.sim as sim  # noqa: E402
from sim_common import plot, table  # noqa: E402


def main(out_dir: Path, replications: int = 6, seed: int = 1) -> Dict[str, object]:
    scenario = sim.Scenario.preset("quyuan", seed=2, report_level=3)
    frame = sim.sweep(scenario, {"strategy": ["random", "must_visit_first"]}, replications=replications, seed=seed)
    summary = table(frame, "strategy")
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        print(f"Quyuan, {replications} replications, seed {seed}: year-end means over the units [95 % CI across replications]")
        print(summary.T.to_string())
    path = plot(frame, "strategy", Path(out_dir) / "strategy.png", "Must-visit-first against random visits",
                metric="must_visit_coverage")
    print(f"plot: {path}")
    return {"frame": frame, "table": summary, "plot": path}


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("."), int(sys.argv[2]) if len(sys.argv) > 2 else 6)
