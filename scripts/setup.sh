#!/usr/bin/env bash
# Installs whatever Debian packages massline needs and are missing. Safe to run repeatedly:
# when everything is present it does nothing (no apt-get update, no network).
# Usage: scripts/setup.sh [build|test|all]   (default all)
#   build  what configuring and compiling the dev and asan-ubsan builds need (compilers, CMake,
#          the libraries and headers, Python's headers);
#   test   the rest: what the tests, the fuzz preset and the demo run (numpy, pandas, pytest,
#          the oracles, R, chromium, clang, the sqlite3 shell).
# scripts/test.sh installs "build", then "test" in the background while the dev build compiles.
set -euo pipefail

build_packages=(
  build-essential cmake ninja-build g++ git pkg-config ccache
  libboost-dev libboost-date-time-dev libboost-graph-dev libeigen3-dev liblemon-dev
  libgtest-dev libgmock-dev libbenchmark-dev pybind11-dev nlohmann-json3-dev libtomlplusplus-dev
  libsqlite3-dev libcli11-dev python3 python3-dev
)
test_packages=(
  clang libclang-rt-14-dev sqlite3
  python3-numpy python3-pandas python3-pytest python3-hypothesis
  python3-statsmodels python3-scipy python3-networkx python3-igraph python3-setuptools python3-pip python3-wheel
  python3-dask python3-distributed python3-matplotlib python3-numba
  r-base-core r-cran-survey
  chromium fonts-wqy-zenhei
)

case ${1:-all} in
  build) packages=("${build_packages[@]}") ;;
  test) packages=("${test_packages[@]}") ;;
  all) packages=("${build_packages[@]}" "${test_packages[@]}") ;;
  *) echo "usage: scripts/setup.sh [build|test|all]" >&2; exit 2 ;;
esac

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "massline setup: installing ${missing[*]}" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "massline setup: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
