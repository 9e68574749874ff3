"""Shared by the sim_*.py examples: a table of year-end metrics per option with 95 % confidence
bands across replications, and a plot of the monthly satisfaction with its band."""
from __future__ import annotations

from pathlib import Path
from typing import List, Sequence

import matplotlib

matplotlib.use("Agg")  # files only: the examples run headless (CI, servers)
import matplotlib.pyplot as plt  # noqa: E402  (after the backend is chosen)
import pandas as pd  # noqa: E402

import massline.sim as sim  # noqa: E402

#: Year-end metrics the examples print (per reported unit, averaged over the units).
TABLE_METRICS: Sequence[str] = ("satisfaction", "coverage", "must_visit_coverage", "appeals_raised",
                                "appeals_resolved", "overdue", "escalations", "resolution_days")


def table(frame: pd.DataFrame, lever: str, metrics: Sequence[str] = TABLE_METRICS) -> pd.DataFrame:
    """One row per value of ``lever``, for each metric "mean [low, high]" of the whole run."""
    columns = {}
    for metric in metrics:
        band = sim.summarize(frame, metric, by=[lever]).set_index(lever)
        columns[metric] = [f"{m:.3f} [{lo:.3f}, {hi:.3f}]" if abs(m) < 10 else f"{m:.1f} [{lo:.1f}, {hi:.1f}]"
                           for m, lo, hi in zip(band["mean"], band["low"], band["high"])]
        index = band.index
    return pd.DataFrame(columns, index=index)


def plot(frame: pd.DataFrame, lever: str, path: Path, title: str, metric: str = "satisfaction") -> Path:
    """Monthly ``metric`` per value of ``lever``: the mean over replications and its 95 % band."""
    band = sim.summarize(frame, metric, by=[lever], period=None)
    band = band[band["period"] != "all"]
    fig, ax = plt.subplots(figsize=(7, 4))
    for value, rows in band.groupby(lever, observed=True):
        months: List[str] = [str(p) for p in rows["period"]]
        ax.plot(months, rows["mean"], marker="o", label=f"{lever} = {value}")
        ax.fill_between(months, rows["low"], rows["high"], alpha=0.25)
    ax.set_xlabel("month")
    ax.set_ylabel(f"{metric} (mean over units)")
    ax.set_title(f"{title}\n(band: 95 % confidence interval across replications)", fontsize=10)
    ax.tick_params(axis="x", labelrotation=60)
    ax.legend()
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path
