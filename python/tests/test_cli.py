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


def test_an_unexecutable_command_that_cannot_be_fixed_is_a_clear_error(tmp_path, monkeypatch):
    # A copy of the module beside a command without its executable bit, in an installation
    # where chmod fails (read-only): the caller gets a PermissionError that says what to do.
    import importlib.util
    import shutil

    (tmp_path / "bin").mkdir()
    program = tmp_path / "bin" / "massline"
    program.write_text("#!/bin/sh\n")
    program.chmod(0o644)
    shutil.copy(cli.__file__, tmp_path / "cli_copy.py")
    spec = importlib.util.spec_from_file_location("cli_copy", tmp_path / "cli_copy.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    def read_only(self, mode):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(Path, "chmod", read_only)
    with pytest.raises(PermissionError, match="chmod \\+x"):
        module.executable()
