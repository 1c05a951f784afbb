#!/usr/bin/env bash
# Install what the tests need and run them all: the project with its `test`
# extra into .venv (created with python3 on the first run), and, with apt-get,
# Debian's Chromium with its driver for the browser tests (nothing downloads a
# browser of its own). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh
python -m pip install --quiet --disable-pip-version-check -e '.[test]'
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
fi
exec python -m pytest "$@"
