"""The package as shipped: public names, docstrings, version, type stubs matching the compiled
module, and (marker `packaging`, run by the python_pip_install CTest) a real offline
`pip install` into a --target directory and into a fresh virtualenv."""

from __future__ import annotations

import ast
import inspect
import os
import re
import subprocess
import sys
import sysconfig
import types
from pathlib import Path

import pytest

import massline as ml
from massline import _core

REPO = Path(os.environ.get("MASSLINE_SOURCE_DIR", Path(__file__).resolve().parents[2]))
PACKAGE_SOURCE = REPO / "python" / "massline"
PACKAGE = Path(ml.__file__).parent
SIGNATURE = re.compile(r"^(?:\d+\. )?(\w+)\((.*)\) -> ")
#: The compiled submodules (one per C++ layer that has bindings).
LAYERS = sorted(name for name, value in vars(_core).items() if isinstance(value, types.ModuleType))


# ---- public surface --------------------------------------------------------------------------


def test_all_names_resolve_and_are_documented():
    assert len(ml.__all__) == len(set(ml.__all__))
    for name in ml.__all__:
        obj = getattr(ml, name)
        if name == "__version__":
            continue
        if isinstance(obj, types.ModuleType):
            assert obj.__name__ == f"massline.{name}" and obj.__doc__, name
        elif callable(obj):
            assert obj.__doc__ and obj.__doc__.strip(), f"{name} has no docstring"
    assert set(ml.__all__) <= set(dir(ml))


def described(doc) -> bool:
    """True when a docstring says more than pybind11's generated signature lines."""
    lines = [line.strip() for line in (doc or "").splitlines() if line.strip()]
    return any(not SIGNATURE.match(line) and line != "Overloaded function." for line in lines)


def test_bound_methods_are_documented():
    undocumented = []
    for name in ml.__all__:
        obj = getattr(ml, name)
        if not isinstance(obj, type):
            continue
        is_enum = hasattr(obj, "__members__")
        for attr, member in vars(obj).items():
            if attr.startswith("_") or (is_enum and attr in ("name", "value")):
                continue
            if isinstance(getattr(obj, attr), obj) or isinstance(member, (str, int, float)):
                continue  # enum values, constants of the class itself, plain data attributes
            if isinstance(member, staticmethod):
                member = member.__func__
            if not described(getattr(member, "__doc__", None)):
                undocumented.append(f"{name}.{attr}")
    assert undocumented == []


def test_scoring_facade_is_reachable():
    assert isinstance(ml.scoring, types.ModuleType) and ml.scoring.__name__ == "massline.scoring"
    assert "scoring" in dir(ml)


def test_version_is_consistent():
    import tomllib

    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    cmake = (REPO / "CMakeLists.txt").read_text(encoding="utf-8")
    match = re.search(r"project\(massline\s+VERSION\s+([0-9.]+)", cmake)
    assert match, "project(massline VERSION x.y.z) not found in CMakeLists.txt"
    assert ml.__version__ == _core.__version__ == pyproject["project"]["version"] == match.group(1)


def test_package_is_typed_and_complete():
    assert (PACKAGE / "py.typed").exists()
    assert LAYERS == ["core", "io", "model", "network", "policy", "scoring", "sim", "synth"]
    for stub in ["_core/__init__.pyi", *(f"_core/{layer}.pyi" for layer in LAYERS)]:
        assert (PACKAGE / stub).exists(), stub
        assert (PACKAGE_SOURCE / stub).exists(), stub
    assert sorted(p.stem for p in (PACKAGE_SOURCE / "_core").glob("*.pyi")) == sorted(["__init__", *LAYERS])
    init_stub = stub_names(stub_tree(PACKAGE_SOURCE / "_core" / "__init__.pyi"))
    assert {n for n in init_stub if public(n)} == set(LAYERS)
    assert Path(_core.__file__).parent == PACKAGE


def test_pure_python_modules_have_no_stub_twins():
    # Their types are annotations in the .py files; stubs are only for the compiled module.
    twins = [p.name for p in PACKAGE_SOURCE.glob("*.pyi")]
    assert twins == []


def test_classes_pickle_by_public_name():
    assert ml.Registry.__module__ == "massline" and ml.OrgLevel.__module__ == "massline"
    import massline._core.model as model  # importable by name (pickle needs it for private classes)

    assert model is _core.model


# ---- stubs match the compiled module -------------------------------------------------------------


def stub_tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def stub_names(tree: ast.Module) -> dict:
    """Top-level names of a stub -> set of member names for classes (None for others)."""
    names = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            members = set()
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    members.add(item.name)
                elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    members.add(item.target.id)
                elif isinstance(item, ast.Assign):
                    members.update(t.id for t in item.targets if isinstance(t, ast.Name))
            names[node.name] = members
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names[node.name] = None
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names[node.target.id] = None
        elif isinstance(node, ast.Assign):
            for t in node.targets:
                if isinstance(t, ast.Name):
                    names[t.id] = None
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if alias.asname and alias.asname == alias.name:  # explicit re-export
                    names[alias.asname] = None
    return names


def public(name: str) -> bool:
    return not name.startswith("_")


def runtime_members(cls: type) -> set:
    members = set()
    for klass in cls.__mro__:
        if klass.__module__ in ("builtins", "pybind11_builtins"):
            continue
        members.update(n for n in vars(klass) if public(n))
    if issubclass(cls, BaseException) and "__init__" in vars(cls):
        members.update(n for n in vars(cls("message")) if public(n))  # attributes set by __init__
    return members


@pytest.mark.parametrize("layer", LAYERS)
def test_core_stubs_cover_the_compiled_module(layer):
    module = getattr(_core, layer)
    stubs = stub_names(stub_tree(PACKAGE_SOURCE / "_core" / f"{layer}.pyi"))
    runtime = {n for n in dir(module) if public(n)}
    assert set(n for n in stubs if public(n)) == runtime, layer
    for name in sorted(runtime):
        obj = getattr(module, name)
        if isinstance(obj, type) and stubs[name] is not None:
            missing = runtime_members(obj) - stubs[name]
            extra = {n for n in stubs[name] if public(n)} - runtime_members(obj)
            assert not missing and not extra, (name, sorted(missing), sorted(extra))


def split_params(text: str) -> list:
    parts, depth, current = [], 0, ""
    for ch in text:
        if ch in "[(":
            depth += 1
        elif ch in "])":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += ch
    if current.strip():
        parts.append(current.strip())
    return [p.split(":")[0].split("=")[0].strip() for p in parts]


def runtime_signatures(func) -> list:
    """Parameter-name lists of every overload of a pybind11 function, from its docstring."""
    sigs = []
    for line in (func.__doc__ or "").splitlines():
        m = SIGNATURE.match(line.strip())
        if m and m.group(1) == func.__name__:
            sigs.append([p.lstrip("*") for p in split_params(m.group(2)) if p not in ("self", "*")])
    return sigs


def stub_signatures(tree: ast.Module) -> dict:
    """(class or None, function) -> list of parameter-name lists (one per overload)."""
    out: dict = {}

    def params(fn):
        args = fn.args
        names = [a.arg for a in args.posonlyargs + args.args]
        names += [args.vararg.arg] if args.vararg else []
        names += [a.arg for a in args.kwonlyargs]
        names += [args.kwarg.arg] if args.kwarg else []
        return [n for n in names if n not in ("self", "cls")]

    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            out.setdefault((None, node.name), []).append(params(node))
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    out.setdefault((node.name, item.name), []).append(params(item))
    return out


@pytest.mark.parametrize("layer", LAYERS)
def test_core_stub_parameters_match(layer):
    module = getattr(_core, layer)
    stubs = stub_signatures(stub_tree(PACKAGE_SOURCE / "_core" / f"{layer}.pyi"))
    checked = 0
    for (cls_name, fn_name), stub_sigs in stubs.items():
        owner = module if cls_name is None else getattr(module, cls_name)
        func = getattr(owner, fn_name, None)
        if func is None or isinstance(func, property) or not callable(func):
            continue  # properties carry no parameters; the member check above covers them
        sigs = runtime_signatures(func)
        if not sigs:
            continue  # not a pybind11 function with a signature line (e.g. a Python-defined error class)
        for sig in stub_sigs:
            assert sig in sigs, (layer, cls_name, fn_name, sig, sigs)
        checked += 1
    assert checked >= min(6, len(stubs))


def python_defined(obj) -> bool:
    return getattr(obj, "__module__", "").startswith("massline") and not getattr(obj, "__module__", "").startswith(
        "massline._core")


def unannotated(func) -> list:
    """Parameters of a Python function without annotation (and "return" when that lacks one)."""
    signature = inspect.signature(func)
    missing = [p.name for p in signature.parameters.values()
               if p.annotation is inspect.Parameter.empty and p.name not in ("self", "cls")]
    if signature.return_annotation is inspect.Signature.empty and func.__name__ != "__init__":
        missing.append("return")
    return missing


@pytest.mark.parametrize("name", ["frames", "synth", "scoring", "network", "compliance", "appeals", "points", "sim",
                                  "distributed", "io", "report", "cli"])
def test_facades_carry_their_types_as_annotations(name):
    # With no .pyi twins, the annotations of the .py files are what type checkers read: every
    # public function and every public method of a Python class is fully annotated.
    module = getattr(ml, name)
    problems = {}
    for public_name in module.__all__:
        obj = getattr(module, public_name)
        if not python_defined(obj):
            continue
        if inspect.isfunction(obj) and unannotated(obj):
            problems[public_name] = unannotated(obj)
        elif isinstance(obj, type):
            for attr, member in vars(obj).items():
                if isinstance(member, (classmethod, staticmethod)):
                    member = member.__func__
                if isinstance(member, property):
                    member = member.fget
                if inspect.isfunction(member) and (public(attr) or attr == "__init__") and unannotated(member):
                    problems[f"{public_name}.{attr}"] = unannotated(member)
    assert problems == {}


# ---- pip install (slow; only from the python_pip_install CTest) --------------------------------

needs_pip = pytest.mark.skipif(os.environ.get("MASSLINE_TEST_PIP_INSTALL") != "1",
                               reason="set MASSLINE_TEST_PIP_INSTALL=1 (the python_pip_install CTest does)")

CHECK = (
    "import massline, sys; "
    "r = massline.synth.generate('quyuan', seed=1); "
    "assert len(r.households) == 7902, len(r.households); "
    "assert len(massline.frames.households(r)) == 7902; "
    "assert [o for o in r.organizations if o.level == 4]; "
    "print(massline.__file__)"
)


def run(cmd, **kwargs):
    result = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, f"{cmd}\n--- stdout\n{result.stdout[-4000:]}\n--- stderr\n{result.stderr[-4000:]}"
    return result


def clean_env() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PIP_NO_INDEX"] = "1"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env.setdefault("CMAKE_BUILD_PARALLEL_LEVEL", "2")
    return env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """One offline wheel built from the source tree by pip (setuptools driving CMake); both
    install tests install it, so the C++ is compiled once, not once per test."""
    out = tmp_path_factory.mktemp("wheel")
    run([sys.executable, "-m", "pip", "wheel", "--no-build-isolation", "--no-deps", "--no-index", "-w", str(out),
         str(REPO)], env=clean_env())
    built = sorted(out.glob("massline-*.whl"))
    assert len(built) == 1, built
    assert not list((REPO / "python").glob("*.egg-info")), "setuptools wrote into the source tree"
    return built[0]


@pytest.mark.packaging
@needs_pip
def test_pip_install_into_target(tmp_path, wheel):
    target = tmp_path / "site"
    run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--target", str(target), str(wheel)],
        env=clean_env())
    installed = target / "massline"
    assert (installed / "py.typed").exists() and (installed / "_core" / "model.pyi").exists()
    assert list(installed.glob("_core*" + sysconfig.get_config_var("EXT_SUFFIX")))
    env = clean_env()
    env["PYTHONPATH"] = str(target)
    out = run([sys.executable, "-c", CHECK], env=env, cwd=tmp_path)
    assert out.stdout.strip() == str(installed / "__init__.py")
    # The massline command ships inside the package and runs from there.
    program = installed / "bin" / "massline"
    assert program.is_file()
    out = run([sys.executable, "-c", "import massline.cli as c; print(c.executable()); "
               "print(c.run(['--version'], check=True).stdout.strip())"], env=env, cwd=tmp_path)
    assert out.stdout.split() == [str(program), ml.__version__]


@pytest.mark.packaging
@needs_pip
def test_pip_install_into_venv(tmp_path, wheel):
    venv = tmp_path / "venv"
    run(["/usr/bin/python3" if Path("/usr/bin/python3").exists() else sys.executable, "-m", "venv",
         "--system-site-packages", str(venv)], env=clean_env())
    python = venv / "bin" / "python"
    run([str(python), "-m", "pip", "install", "--no-index", str(wheel)], env=clean_env())
    out = run([str(python), "-c", CHECK], env=clean_env(), cwd=tmp_path)
    assert out.stdout.strip().startswith(str(venv)), out.stdout
    # pip put the console script `massline` on the environment's PATH: the whole pipeline's
    # first steps through it, from a directory that knows nothing of the build.
    script = venv / "bin" / "massline"
    assert script.is_file()
    assert run([str(script), "--version"], env=clean_env(), cwd=tmp_path).stdout.strip() == ml.__version__
    run([str(script), "generate", "quyuan", "--seed", "1", "--out", str(tmp_path / "q.sqlite")], env=clean_env(), cwd=tmp_path)
    out = run([str(script), "validate", str(tmp_path / "q.sqlite"), "--json"], env=clean_env(), cwd=tmp_path)
    assert '"households": 7902' in out.stdout, out.stdout
