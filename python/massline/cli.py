"""The ``massline`` command from Python (docs/cli.md).

The compiled command ships inside the package (``massline/bin/massline``); ``pip install``
also puts a ``massline`` script on the PATH that runs it, so a shell user never needs to know
where it lives.

* :func:`executable` is the path of the bundled program;
* :func:`run` runs one command and returns its :class:`subprocess.CompletedProcess` (the
  exit codes of docs/cli.md: 0 ok, 1 findings, 2 usage, 3 bad input, 4 failed, 130
  interrupted); with ``--json`` its ``stdout`` is JSON for :func:`json.loads`;
* :func:`main` is the console script: it replaces the Python process by the command, so
  Ctrl-C, exit codes and the progress line behave as for the program itself.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any, NoReturn, Optional, Sequence, Union

__all__ = ["executable", "run", "main"]


def executable() -> str:
    """The path of the ``massline`` program shipped with this package. Raises
    :class:`FileNotFoundError` when the package was built without it (``MASSLINE_BUILD_CLI=OFF``) and
    :class:`PermissionError` when it is not executable and cannot be made so (a read-only install)."""
    path = Path(__file__).resolve().parent / "bin" / "massline"
    if not path.is_file():
        raise FileNotFoundError(f"the massline command is not part of this installation (looked for {path})")
    if not os.access(path, os.X_OK):  # some installers drop the executable bit of package data
        try:
            path.chmod(path.stat().st_mode | 0o111)
        except OSError as error:  # a read-only installation: say what to do instead of a traceback
            raise PermissionError(f"the massline command at {path} is not executable and cannot be made so "
                                  f"({error.strerror}); run chmod +x on it") from error
    return str(path)


def run(args: Sequence[Union[str, "os.PathLike[str]"]], *, check: bool = False, capture_output: bool = True,
        **kwargs: Any) -> "subprocess.CompletedProcess[str]":
    """Runs ``massline *args`` and returns the completed process (text mode; stdout and stderr
    captured unless ``capture_output=False``). ``check=True`` raises
    :class:`subprocess.CalledProcessError` for a non-zero exit. Other keywords go to
    :func:`subprocess.run`."""
    if isinstance(args, (str, bytes)):
        raise TypeError("massline.cli.run: args must be a sequence of arguments, not one string")
    command = [executable(), *(os.fspath(a) for a in args)]
    return subprocess.run(command, check=check, capture_output=capture_output, text=True, **kwargs)


def main(argv: Optional[Sequence[str]] = None) -> NoReturn:
    """Console-script entry point: ``massline ARGS`` replaces this process by the command."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        program = executable()
    except FileNotFoundError as error:
        print(f"massline: {error}", file=sys.stderr)
        sys.exit(4)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(program, [program, *arguments])
