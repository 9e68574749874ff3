"""Build glue: setuptools runs CMake to build the extension module massline._core.

Metadata lives in pyproject.toml. The CMake build directory is kept under
build/py-setuptools/ (so repeated installs are incremental); set CMAKE_ARGS to pass extra
-D options, CMAKE_BUILD_PARALLEL_LEVEL to limit the build's parallelism, and
MASSLINE_BUILD_TYPE (default Release) to choose the build type.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
BUILD_BASE = ROOT / "build" / "py-setuptools"


class CMakeExtension(Extension):
    """An extension whose sources CMake knows; setuptools only copies the result."""

    def __init__(self, name: str, target: str) -> None:
        super().__init__(name, sources=[])
        self.target = target


class CMakeBuild(build_ext):
    """Configures and builds the CMake target of each CMakeExtension, then puts the module
    where setuptools expects it (inside the package)."""

    def build_extension(self, ext: Extension) -> None:
        if not isinstance(ext, CMakeExtension):
            super().build_extension(ext)
            return
        cmake = shutil.which("cmake")
        if cmake is None:
            raise RuntimeError("building massline needs CMake >= 3.20 on PATH")
        build_type = os.environ.get("MASSLINE_BUILD_TYPE", "Debug" if self.debug else "Release")
        build_dir = Path(self.build_temp).resolve() / "cmake"
        build_dir.mkdir(parents=True, exist_ok=True)

        configure = [
            cmake,
            "-S", str(ROOT),
            "-B", str(build_dir),
            f"-DCMAKE_BUILD_TYPE={build_type}",
            "-DMASSLINE_BUILD_TESTS=OFF",
            "-DMASSLINE_BUILD_EXAMPLES=OFF",
            "-DMASSLINE_BUILD_BENCH=OFF",
            "-DMASSLINE_BUILD_PYTHON=ON",
            "-DMASSLINE_INSTALL=OFF",
            f"-DPython3_EXECUTABLE={sys.executable}",
        ]
        # A first configure picks Ninja when available; later ones must keep the generator.
        if not (build_dir / "CMakeCache.txt").exists() and shutil.which("ninja"):
            configure += ["-G", "Ninja"]
        try:  # pybind11 from PyPI, when that is how it was installed
            import pybind11  # type: ignore[import]

            configure.append(f"-Dpybind11_DIR={pybind11.get_cmake_dir()}")
        except ImportError:
            pass  # a system pybind11 (Debian: pybind11-dev) is found by CMake itself
        configure += shlex.split(os.environ.get("CMAKE_ARGS", ""))
        subprocess.run(configure, check=True)

        build = [cmake, "--build", str(build_dir), "--target", ext.target, "--config", build_type]
        if "CMAKE_BUILD_PARALLEL_LEVEL" not in os.environ:
            build += ["--parallel", str(os.cpu_count() or 1)]
        subprocess.run(build, check=True)

        stage = build_dir / "python" / "stage" / "massline"
        built = sorted(p for p in stage.glob("_core.*") if p.suffix in (".so", ".pyd", ".dylib"))
        if len(built) != 1:
            raise RuntimeError(f"expected one built _core module in {stage}, found {[p.name for p in built]}")
        destination = Path(self.get_ext_fullpath(ext.name))
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(built[0], destination)
        # The massline command, staged with the module (python/CMakeLists.txt), goes into the
        # package as massline/bin/massline; massline.cli and the console script run it.
        program = stage / "bin" / "massline"
        if not program.is_file():
            raise RuntimeError(f"expected the massline command at {program}")
        (destination.parent / "bin").mkdir(exist_ok=True)
        shutil.copy2(program, destination.parent / "bin" / "massline")


BUILD_BASE.mkdir(parents=True, exist_ok=True)
setup(
    ext_modules=[CMakeExtension("massline._core", target="_core")],
    cmdclass={"build_ext": CMakeBuild},
    # Keep setuptools' scratch files (build/lib*, *.egg-info) out of the source tree.
    options={"build": {"build_base": str(BUILD_BASE)}, "egg_info": {"egg_base": str(BUILD_BASE)}},
    zip_safe=False,
)
