#!/usr/bin/env bash
# Build the maps from the bundled data into output/ (open output/index.html).
# Installs the project into .venv (created with python3 on the first run).
# Extra arguments go to build_maps.py, e.g. `bash scripts/build.sh --static`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh
python -m pip install --quiet --disable-pip-version-check -e .
exec python build_maps.py "$@"
