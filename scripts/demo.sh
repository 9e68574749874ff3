#!/usr/bin/env bash
# One command: install what is missing, build, and print a summary of a preset network.
# Usage: scripts/demo.sh [preset] [seed]   (preset: quyuan (default), wujiagang, county)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
"$MASSLINE_ROOT/scripts/setup.sh"
cd "$MASSLINE_ROOT"
cmake --preset release -DPython3_EXECUTABLE="$MASSLINE_PYTHON" >/dev/null
cmake --build --preset release --target network_summary -j "$MASSLINE_JOBS" >/dev/null
exec build/release/examples/network_summary "${1:-quyuan}" "${2:-0}"
