"""examples/sim_*.py: the three researcher examples run with few replications into a temporary
folder, print their table, save a PNG, and show the effect each lever must have."""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("matplotlib", reason="python3-matplotlib is not installed (the examples plot)")

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, EXAMPLES / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _year_end(frame, lever, metric):
    rows = frame[(frame.metric == metric) & (frame.period == "all")]
    return rows.groupby(lever, observed=True)["value"].mean()


def _is_png(path: Path) -> bool:
    return path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_delegate_quota(tmp_path, capsys):
    out = _load("sim_delegate_quota").main(tmp_path, replications=2)
    assert _is_png(out["plot"])
    assert "delegate_contact_households" in capsys.readouterr().out
    visits = _year_end(out["frame"], "delegate_contact_households", "visits")
    assert visits[100] > visits[50]  # more contact households, more field days, more visits


def test_strategy(tmp_path):
    out = _load("sim_strategy").main(tmp_path, replications=2)
    assert _is_png(out["plot"])
    coverage = _year_end(out["frame"], "strategy", "must_visit_coverage")
    assert coverage["must_visit_first"] > coverage["random"]


def test_appeal_deadline(tmp_path):
    out = _load("sim_appeal_deadline").main(tmp_path, replications=2)
    assert _is_png(out["plot"])
    escalations = _year_end(out["frame"], "deadline_working_days", "escalations")
    assert escalations[5] > escalations[15]
    assert set(out["table"].index) == {5, 15}


def test_runs_from_the_command_line(tmp_path):
    env = dict(os.environ, MPLBACKEND="Agg")
    done = subprocess.run([sys.executable, str(EXAMPLES / "sim_strategy.py"), str(tmp_path), "2"], env=env,
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    assert "must_visit_coverage" in done.stdout and (tmp_path / "strategy.png").exists()
