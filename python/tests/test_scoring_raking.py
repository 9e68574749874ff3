"""Raking against R's survey::rake() (the oracle), plus error paths and properties."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import massline
from massline import scoring

RSCRIPT = shutil.which("Rscript")


def _sample(seed: int, n: int) -> tuple[pd.DataFrame, dict[str, pd.Series]]:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "district": rng.choice(["d1", "d2", "d3", "d4"], size=n, p=[0.4, 0.3, 0.2, 0.1]),
            "sex": rng.choice(["F", "M"], size=n, p=[0.35, 0.65]),
            "age": rng.choice(["young", "middle", "old"], size=n, p=[0.5, 0.3, 0.2]),
            "base": rng.uniform(0.5, 3.0, size=n),
        }
    )
    margins = {
        "district": pd.Series({"d1": 25_000.0, "d2": 25_000.0, "d3": 30_000.0, "d4": 20_000.0}),
        "sex": pd.Series({"F": 51_000.0, "M": 49_000.0}),
        "age": pd.Series({"young": 30_000.0, "middle": 40_000.0, "old": 30_000.0}),
    }
    return frame, margins


R_SCRIPT = r"""
suppressMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], stringsAsFactors = TRUE)
des <- svydesign(ids = ~1, weights = ~base, data = d)
margin <- function(file, name) { m <- read.csv(file, stringsAsFactors = FALSE); names(m) <- c(name, "Freq"); m }
pops <- list(margin(args[2], "district"), margin(args[3], "sex"), margin(args[4], "age"))
raked <- rake(des, list(~district, ~sex, ~age), pops, control = list(maxit = 1000, epsilon = 1e-13))
write.csv(data.frame(w = weights(raked)), args[5], row.names = FALSE)
"""


@pytest.mark.skipif(RSCRIPT is None, reason="Rscript not installed")
@pytest.mark.parametrize("seed,n", [(1, 60), (2, 500), (3, 2000)])
def test_matches_r_survey_rake(tmp_path: Path, seed: int, n: int) -> None:
    frame, margins = _sample(seed, n)
    data = tmp_path / "data.csv"
    frame.to_csv(data, index=False)
    files = []
    for name, margin in margins.items():
        path = tmp_path / f"{name}.csv"
        pd.DataFrame({name: margin.index, "Freq": margin.to_numpy()}).to_csv(path, index=False)
        files.append(str(path))
    script = tmp_path / "rake.R"
    script.write_text(R_SCRIPT)
    out = tmp_path / "weights.csv"
    subprocess.run([RSCRIPT, str(script), str(data), *files, str(out)], check=True, capture_output=True, timeout=300)
    expected = pd.read_csv(out)["w"].to_numpy()
    raked = scoring.rake(frame, margins, weight="base", tolerance=1e-13, max_iterations=1000)
    np.testing.assert_allclose(raked.to_numpy(), expected, rtol=1e-9)
    assert raked.attrs["max_deviation"] <= 1e-13
    for name, margin in margins.items():
        totals = raked.groupby(frame[name]).sum()
        np.testing.assert_allclose(totals[margin.index].to_numpy(), margin.to_numpy(), rtol=1e-10)


def test_unweighted_one_variable_is_post_stratification() -> None:
    frame = pd.DataFrame({"g": ["a", "a", "b", "c", "c", "c"]})
    raked = scoring.rake(frame, {"g": {"a": 10.0, "b": 5.0, "c": 3.0}})
    assert raked.tolist() == pytest.approx([5, 5, 5, 1, 1, 1])
    assert raked.attrs["iterations"] == 1
    assert raked.name == "weight"


def test_errors() -> None:
    frame = pd.DataFrame({"g": ["a", "a", "b"], "h": ["x", "x", "y"], "w": [1.0, 2.0, 1.0]})
    with pytest.raises(massline.InvalidArgument) as err:
        scoring.rake(frame, {"g": {"a": 1.0}})
    assert err.value.code == "raking.invalid"
    assert "'b'" in str(err.value)
    with pytest.raises(massline.InvalidArgument) as err:
        scoring.rake(frame, {"g": {"a": 1.0, "b": 1.0, "z": 1.0}})
    assert err.value.code == "raking.empty_cell"
    with pytest.raises(massline.InvalidArgument) as err:
        scoring.rake(frame, {"g": {"a": 1.0, "b": 1.0}, "h": {"x": 3.0, "y": 3.0}})
    assert err.value.code == "raking.invalid"  # totals 2 vs 6
    with pytest.raises(massline.InvalidArgument) as err:
        scoring.rake(frame, {"nope": {"a": 1.0}})
    assert err.value.code == "raking.invalid"
    with pytest.raises(massline.InvalidArgument) as err:
        scoring.rake(frame.assign(w=[1.0, 0.0, 1.0]), {"g": {"a": 1.0, "b": 1.0}}, weight="w")
    assert err.value.code == "weights.invalid"
    # g and h are the same split of the sample, so 50/50 and 20/80 cannot both hold.
    with pytest.raises(massline.ConvergenceError) as conv:
        scoring.rake(frame, {"g": {"a": 5.0, "b": 5.0}, "h": {"x": 2.0, "y": 8.0}}, max_iterations=50)
    assert conv.value.code == "raking.no_convergence"
    assert isinstance(conv.value, ArithmeticError)


@settings(max_examples=60, deadline=None)
@given(
    extra=st.lists(st.tuples(st.integers(0, 2), st.integers(0, 1)), max_size=40),
    targets_a=st.lists(st.floats(1, 100), min_size=3, max_size=3),
    share_b=st.floats(0.05, 0.95),
)
def test_raked_margins_match_targets(extra: list[tuple[int, int]], targets_a: list[float], share_b: float) -> None:
    # Every (a, b) cell present: IPF converges for any positive margins with equal totals.
    cells = [(a, b) for a in range(3) for b in range(2)] + extra
    frame = pd.DataFrame(cells, columns=["a", "b"])
    total = sum(targets_a)
    margins = {"a": dict(enumerate(targets_a)), "b": {0: share_b * total, 1: (1 - share_b) * total}}
    raked = scoring.rake(frame, margins, tolerance=1e-11, max_iterations=10_000)
    assert (raked > 0).all()
    for name, margin in margins.items():
        sums = raked.groupby(frame[name]).sum()
        for key, value in margin.items():
            assert sums[key] == pytest.approx(value, rel=1e-9, abs=1e-9 * total)
