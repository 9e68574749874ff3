"""massline.cli: the bundled command runs from Python, its JSON output reads back and agrees
with the Python API on the same store, and its exit codes come through (docs/cli.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import massline as ml
from massline import cli


def test_the_command_ships_with_the_package():
    program = Path(cli.executable())
    assert program.name == "massline" and program.parent.name == "bin"
    assert program.parent.parent == Path(ml.__file__).parent
    assert cli.run(["--version"], check=True).stdout.strip() == ml.__version__


def test_json_output_agrees_with_the_python_api(tmp_path):
    store = tmp_path / "q.sqlite"
    made = cli.run(["generate", "quyuan", "--seed", "2", "--out", store, "--json"], check=True)
    counts = json.loads(made.stdout)["counts"]
    registry = ml.io.load(store)
    assert registry == ml.synth.generate("quyuan", seed=2)
    assert counts["households"] == len(registry.households)
    assert counts["members"] == len(registry.members)

    checked = json.loads(cli.run(["check", store, "--period", "2024", "--json"], check=True).stdout)
    frame = ml.compliance.check(registry, ml.PolicySet.standard(), 2024).to_pandas()
    assert checked["totals"]["rows"] == len(frame)
    by_status = frame.groupby("status", observed=True).size()
    for status in ("met", "short", "over", "not_applicable"):
        assert checked["totals"][status] == int(by_status.get(status, 0)), status


def test_exit_codes_come_through(tmp_path):
    assert cli.run(["validate", tmp_path / "missing.sqlite"]).returncode == 3
    assert cli.run(["no-such-command"]).returncode == 2
    with pytest.raises(TypeError):
        cli.run("validate x.sqlite")  # type: ignore[arg-type]
