#!/usr/bin/env bash
# Installs whatever Debian packages massline needs and are missing. Safe to run repeatedly:
# when everything is present it does nothing (no apt-get update, no network).
set -euo pipefail

packages=(
  build-essential cmake ninja-build g++ clang libclang-rt-14-dev git pkg-config
  libboost-dev libboost-date-time-dev libboost-graph-dev libeigen3-dev liblemon-dev
  libgtest-dev libgmock-dev libbenchmark-dev pybind11-dev nlohmann-json3-dev libtomlplusplus-dev
  libsqlite3-dev sqlite3 libcli11-dev ccache
  python3 python3-dev python3-numpy python3-pandas python3-pytest python3-hypothesis
  python3-statsmodels python3-scipy python3-networkx python3-igraph python3-setuptools python3-pip python3-wheel
  python3-dask python3-distributed python3-matplotlib python3-numba
  r-base-core r-cran-survey
  chromium fonts-wqy-zenhei
)

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
