# Sourced by build.sh and test.sh: create the project's virtual environment
# `.venv` with python3 (reused when present) and put it first on PATH, so that
# `python` and `pip` are the venv's even where the system has only `python3`
# and refuses `pip install` outside a venv (PEP 668).
if [ ! -x .venv/bin/python ]; then
  if ! python3 -c "import ensurepip, venv" >/dev/null 2>&1; then
    # Debian and Ubuntu ship venv apart from python3.
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    echo "installing python3-venv with apt-get" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-venv >/dev/null
  fi
  echo "creating .venv (once; later runs reuse it)" >&2
  python3 -m venv .venv
fi
export VIRTUAL_ENV="$PWD/.venv"
export PATH="$VIRTUAL_ENV/bin:$PATH"
