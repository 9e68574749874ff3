#!/usr/bin/env bash
# Fuzzes the readers of untrusted files (JSON, CSV, the calendar, indicator-system, policy-set,
# appeal-log and registry files)
# with libFuzzer under AddressSanitizer + UBSan, each target for a fixed time budget, two at a
# time. Inputs that find new coverage are kept in build/fuzz/corpus/<target> (the seeds in
# tests/fuzz/corpus are read, never written); a finding is written to build/fuzz/findings/
# and makes the script fail. docs/testing.md explains the contract every target checks.
# Usage: scripts/fuzz.sh [target...]   (default: every target)
#   MASSLINE_FUZZ_SECONDS  time per target (default 20)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$MASSLINE_ROOT"

seconds=${MASSLINE_FUZZ_SECONDS:-20}
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(json csv calendar indicator_system policy_set appeal_logs registry_json)

build_targets=()
for t in "${targets[@]}"; do build_targets+=("fuzz_$t"); done
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$MASSLINE_JOBS" --target "${build_targets[@]}"

out=build/fuzz
mkdir -p "$out/findings"
run_one() {
  local t=$1
  mkdir -p "$out/corpus/$t"
  # -timeout: one input taking over 10 s is a hang; -rss_limit_mb: over 2 GiB is a finding.
  if "$out/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
       -dict=tests/fuzz/json.dict -print_final_stats=1 -artifact_prefix="$out/findings/$t-" \
       "$out/corpus/$t" "tests/fuzz/corpus/$t" >"$out/$t.log" 2>&1; then
    echo "fuzz $t: clean for ${seconds} s ($(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$out/$t.log" | grep -o '[0-9]*$') runs, $(ls "$out/corpus/$t" | wc -l) inputs kept)"
  else
    echo "fuzz $t: FINDING (log: $out/$t.log)"
    tail -n 40 "$out/$t.log"
    return 1
  fi
}

status=0
pids=()
for t in "${targets[@]}"; do
  run_one "$t" &
  pids+=($!)
  # At most MASSLINE_JOBS targets at once.
  if [ ${#pids[@]} -ge "$MASSLINE_JOBS" ]; then
    wait "${pids[0]}" || status=1
    pids=("${pids[@]:1}")
  fi
done
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
exit $status
