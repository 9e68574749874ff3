#!/usr/bin/env bash
# One command: install what is missing, then build and run every test. The packages only the
# tests need install while the dev build compiles (scripts/setup.sh build, then test).
#   1. dev preset (warnings as errors): all C++ tests, examples, install/consumer test and
#      packaging test through CTest, then the Python suite with pytest;
#   2. asan-ubsan preset: every C++ test and example under AddressSanitizer + UBSan, and the
#      Python files that drive the bindings' memory against a sanitized massline._core (the
#      compile-time and packaging checks of step 1 are not repeated: they do not run code);
#      its build runs niced in the background during step 1's tests, on the cores they leave idle;
#   3. fuzz preset: the libFuzzer targets for the file readers, each for a fixed time budget
#      (scripts/fuzz.sh; MASSLINE_FUZZ_SECONDS per target, default 20).
# Usage: scripts/test.sh [--no-sanitizers] [--no-fuzz]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# Each phase prints how long the previous one took, so CI logs show where the time goes.
phase_name="" phase_start=$SECONDS
phase() {
  [ -n "$phase_name" ] && echo "== $phase_name: $((SECONDS - phase_start)) s"
  phase_name=$1 phase_start=$SECONDS
  [ -n "$phase_name" ] && echo "== $phase_name"
  return 0
}
phase "setup: what the build needs"
"$MASSLINE_ROOT/scripts/setup.sh" build
cd "$MASSLINE_ROOT"

sanitizers=1 fuzz=1
for arg in "$@"; do
  case $arg in
    --no-sanitizers) sanitizers=0 ;;
    --no-fuzz) fuzz=0 ;;
    *) echo "usage: scripts/test.sh [--no-sanitizers] [--no-fuzz]" >&2; exit 2 ;;
  esac
done

status=0
phase "dev: build"
# What only the tests need installs meanwhile: apt waits mostly on the network and the disk,
# the compiler on the cores. Its output goes to a log, shown when it fails.
mkdir -p "$MASSLINE_ROOT/build"
setup_log="$MASSLINE_ROOT/build/setup-test.log"
"$MASSLINE_ROOT/scripts/setup.sh" test >"$setup_log" 2>&1 &
setup_test=$!
# Through ccache, so that the packaging test's wheel, built with the same flags in another build
# tree (python/CMakeLists.txt), takes its objects from the cache instead of compiling them again.
# The build directory stays out of the cache key (it differs between the two trees).
export CCACHE_NOHASHDIR=1
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake --preset dev -DPython3_EXECUTABLE="$MASSLINE_PYTHON" "${launcher[@]}"
cmake --build --preset dev -j "$MASSLINE_JOBS"
phase "setup: what the tests need (the part not done during the dev build)"
if ! wait "$setup_test"; then
  echo "installing the test packages failed; the end of $setup_log:"
  tail -n 40 "$setup_log"
  exit 1
fi

# The sanitizer build needs nothing from the dev tests: it starts now, niced, so the tests keep
# priority and it uses the cores they leave idle (pytest is mostly one thread). Its output goes
# to a log, shown when it fails.
asan_log="$MASSLINE_ROOT/build/asan-ubsan-build.log"
if [ "$sanitizers" = 1 ]; then
  (cmake --preset asan-ubsan -DMASSLINE_BUILD_PYTHON=ON -DPython3_EXECUTABLE="$MASSLINE_PYTHON" &&
     nice -n 10 cmake --build --preset asan-ubsan -j "$MASSLINE_JOBS") >"$asan_log" 2>&1 &
  asan_build=$!
fi

phase "dev: ctest (C++, examples, packaging)"
ctest --preset dev -LE python -j "$MASSLINE_JOBS" || status=1
phase "dev: pytest"
PYTHONPATH="$MASSLINE_ROOT/build/dev/python/stage" "$MASSLINE_PYTHON" -m pytest -W error --strict-markers -q \
  -p no:cacheprovider "$MASSLINE_ROOT/python/tests" || status=1

if [ "$sanitizers" = 1 ]; then
  phase "asan-ubsan: build (the part not done during the dev tests)"
  built=1
  wait "$asan_build" || built=0
  if [ "$built" = 1 ]; then
    tail -n 1 "$asan_log"
    phase "asan-ubsan: ctest (C++, examples, Python binding files)"
    ctest --preset asan-ubsan -LE packaging -j "$MASSLINE_JOBS" || status=1
  else
    echo "asan-ubsan build failed; the end of $asan_log:"
    tail -n 60 "$asan_log"
    status=1
  fi
fi
if [ "$fuzz" = 1 ]; then
  phase "fuzz: build and run"
  "$MASSLINE_ROOT/scripts/fuzz.sh" || status=1
fi
phase ""
echo "== total: $SECONDS s"
exit $status
