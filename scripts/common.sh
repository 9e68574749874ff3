# Sourced by the scripts: repository root and Debian's own interpreter (the first python3
# on PATH may be a pyenv shim without numpy/pandas; massline always uses /usr/bin/python3).
MASSLINE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MASSLINE_PYTHON=${MASSLINE_PYTHON:-/usr/bin/python3}
MASSLINE_JOBS=${MASSLINE_JOBS:-$(nproc)}
export MASSLINE_ROOT MASSLINE_PYTHON MASSLINE_JOBS
