#!/usr/bin/env bash
# One command: install what is missing, then build and run every test.
#   1. dev preset (warnings as errors): all C++ tests, examples, install/consumer test and
#      packaging test through CTest, then the Python suite with pytest;
#   2. asan-ubsan preset: every C++ test and example under AddressSanitizer + UBSan (the
#      compile-time and packaging checks of step 1 are not repeated: they do not run code).
# Usage: scripts/test.sh [--no-sanitizers]
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
phase "setup"
"$MASSLINE_ROOT/scripts/setup.sh"
cd "$MASSLINE_ROOT"

sanitizers=1
[ "${1:-}" = "--no-sanitizers" ] && sanitizers=0

status=0
phase "dev: build"
cmake --preset dev -DPython3_EXECUTABLE="$MASSLINE_PYTHON"
cmake --build --preset dev -j "$MASSLINE_JOBS"
phase "dev: ctest (C++, examples, packaging)"
ctest --preset dev -LE python -j "$MASSLINE_JOBS" || status=1
phase "dev: pytest"
PYTHONPATH="$MASSLINE_ROOT/build/dev/python/stage" "$MASSLINE_PYTHON" -m pytest -W error --strict-markers -q \
  -p no:cacheprovider "$MASSLINE_ROOT/python/tests" || status=1

if [ "$sanitizers" = 1 ]; then
  phase "asan-ubsan: build"
  cmake --preset asan-ubsan
  cmake --build --preset asan-ubsan -j "$MASSLINE_JOBS"
  phase "asan-ubsan: ctest"
  ctest --preset asan-ubsan -LE packaging -j "$MASSLINE_JOBS" || status=1
fi
phase ""
echo "== total: $SECONDS s"
exit $status
