#!/usr/bin/env bash
# One command: install what is missing, build the massline command, and run the whole pipeline
# on a built-in preset through it (docs/cli.md):
#   generate the preset -> a SQLite store -> validate -> check compliance -> simulate a year
#   (recording the simulated survey's answers in the store) -> score -> print the appraisal and
#   write the HTML report.
# Usage: scripts/demo.sh [preset] [seed]   (preset: quyuan (default), wujiagang, county)
# Output: build/demo/<preset>.sqlite and build/demo/<preset>-report.html.
# MASSLINE_DEMO_PRESET (default release) picks the CMake preset the command is built with
# (dev reuses a development build).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
"$MASSLINE_ROOT/scripts/setup.sh"
cd "$MASSLINE_ROOT"

preset=${1:-quyuan}
seed=${2:-0}
year=2024  # the presets' year of contacts, pledges and appeals (docs/synth.md)

build_preset=${MASSLINE_DEMO_PRESET:-release}
cmake --preset "$build_preset" -DPython3_EXECUTABLE="$MASSLINE_PYTHON" >/dev/null
cmake --build --preset "$build_preset" --target massline_cli -j "$MASSLINE_JOBS" >/dev/null
massline=build/$build_preset/massline
out=build/demo
store=$out/$preset.sqlite
mkdir -p "$out"

step() { printf '\n== %s\n' "$*"; }

step "generate $preset (seed $seed) into $store"
"$massline" generate "$preset" --seed "$seed" --out "$store" --force

step "validate $store"
"$massline" validate "$store"

step "check compliance in $year under the standard policy"
"$massline" check "$store" --period "$year"

step "simulate $year (8 replications; the villages, level 3, are the reported and surveyed units)"
# --record-survey keeps the simulated answers in the store; they use their own 2-point scale.
"$massline" simulate "$store" --replications 8 --seed "$seed" --set report_level=3 --record-survey

step "score $year: the appraisal"
"$massline" score "$store" --period "$year" --scale simulated

step "report $year"
"$massline" report "$store" --period "$year" --scale simulated --out "$out/$preset-report.html"
