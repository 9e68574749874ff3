"""The hostile-input harness (issue: no Python program may crash or hang the interpreter).

Each case runs in its own interpreter (``sys.executable``, the same ``massline`` on the path)
with a time limit, so a segmentation fault, an abort or a hang fails one test instead of
killing the run. A case is a snippet of Python; :func:`outcome` reports how the child ended:

* ``error``: the snippet raised a ``massline.Error`` (its class name and code are recorded);
* ``ok``: it finished; whatever it printed is in ``stdout``;
* otherwise the test fails here with the child's stderr: killed by a signal (crash), timed
  out (hang), another exception type, or an "Exception ignored" report (an error raised while
  translating an error).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from typing import Callable, Optional

import pytest

import massline

_PACKAGE_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(massline.__file__)))
# Instrumented builds (the sanitized run sets 4) and slow machines scale every time limit.
TIMEOUT_SCALE = float(os.environ.get("MASSLINE_TEST_TIMEOUT_SCALE", "1"))

_WRAPPER = """\
import sys, massline
try:
{body}
except massline.Error as _e:
    print("@@massline-error", type(_e).__name__, _e.code)
    sys.exit(0)
print("@@finished")
"""


@dataclass
class Outcome:
    """How a hostile case ended (only cases that neither crashed nor hung get this far)."""

    kind: str                  # "error" or "ok"
    error_type: Optional[str]  # massline.Error subclass name, for kind == "error"
    code: Optional[str]        # its code, e.g. "interval.counts"
    stdout: str                # what the snippet printed (markers removed)
    stderr: str


def outcome(snippet: str, timeout: float = 30.0) -> Outcome:
    """Runs ``snippet`` in a fresh interpreter and classifies how it ended (see module doc)."""
    timeout *= TIMEOUT_SCALE
    body = textwrap.indent(textwrap.dedent(snippet).strip() or "pass", "    ")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [_PACKAGE_ROOT, env.get("PYTHONPATH")]))
    env["PYTHONFAULTHANDLER"] = "1"  # a crash prints the Python stack to stderr
    try:
        done = subprocess.run([sys.executable, "-c", _WRAPPER.format(body=body)], capture_output=True,
                              timeout=timeout, env=env, check=False)
    except subprocess.TimeoutExpired as hang:
        pytest.fail(f"hang: no answer within {timeout} s\n--- snippet\n{snippet}\n--- stderr\n"
                    f"{(hang.stderr or b'').decode('utf-8', 'replace')}")
    stdout = done.stdout.decode("utf-8", "replace")
    stderr = done.stderr.decode("utf-8", "replace")
    where = f"\n--- snippet\n{snippet}\n--- stderr\n{stderr}"
    if done.returncode < 0:
        pytest.fail(f"crash: killed by signal {-done.returncode}{where}")
    if done.returncode != 0:
        pytest.fail(f"an exception that is not a massline.Error (exit {done.returncode}){where}")
    if "Exception ignored" in stderr:
        pytest.fail(f"an error was raised while reporting an error{where}")
    lines = stdout.splitlines()
    last = lines[-1] if lines else ""
    printed = "\n".join(lines[:-1])
    if last.startswith("@@massline-error"):
        _, error_type, code = last.split(" ", 2)
        return Outcome("error", error_type, code, printed, stderr)
    if last == "@@finished":
        return Outcome("ok", None, None, printed, stderr)
    pytest.fail(f"the child ended without its final marker{where}\n--- stdout\n{stdout}")


@pytest.fixture
def hostile() -> Callable[..., Outcome]:
    """The :func:`outcome` runner."""
    return outcome


@pytest.fixture
def refused(hostile) -> Callable[..., Outcome]:
    """``refused(snippet, code_prefix)``: the snippet must end in a massline.Error whose code
    starts with ``code_prefix``."""

    def check(snippet: str, code_prefix: str = "", timeout: float = 30.0) -> Outcome:
        result = hostile(snippet, timeout)
        assert result.kind == "error", f"accepted, printed: {result.stdout!r}\n--- snippet\n{snippet}"
        assert result.code and result.code.startswith(code_prefix), (result.error_type, result.code)
        return result

    return check
