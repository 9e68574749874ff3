#!/usr/bin/env bash
# One command: install what is missing, then build and run every test.
#   1. dev preset (warnings as errors): all C++ tests, examples, install/consumer test and
#      packaging test through CTest, then the Python suite with pytest;
#   2. asan-ubsan preset: the whole C++ suite under AddressSanitizer + UBSan.
# Usage: scripts/test.sh [--no-sanitizers]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
"$MASSLINE_ROOT/scripts/setup.sh"
cd "$MASSLINE_ROOT"

sanitizers=1
[ "${1:-}" = "--no-sanitizers" ] && sanitizers=0

status=0
echo "== dev: build"
cmake --preset dev -DPython3_EXECUTABLE="$MASSLINE_PYTHON"
cmake --build --preset dev -j "$MASSLINE_JOBS"
echo "== dev: ctest (C++, examples, packaging)"
ctest --preset dev -LE python -j "$MASSLINE_JOBS" || status=1
echo "== dev: pytest"
PYTHONPATH="$MASSLINE_ROOT/build/dev/python/stage" "$MASSLINE_PYTHON" -m pytest -W error --strict-markers -q \
  -p no:cacheprovider "$MASSLINE_ROOT/python/tests" || status=1

if [ "$sanitizers" = 1 ]; then
  echo "== asan-ubsan: build"
  cmake --preset asan-ubsan
  cmake --build --preset asan-ubsan -j "$MASSLINE_JOBS"
  echo "== asan-ubsan: ctest"
  ctest --preset asan-ubsan -j "$MASSLINE_JOBS" || status=1
fi
exit $status
