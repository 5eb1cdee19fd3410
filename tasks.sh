#!/usr/bin/env bash
# One entry point for the README's commands and CI.
#   bash tasks.sh app        set up .venv from requirements.txt and start the app
#   bash tasks.sh test       set up .venv with the test extras (and Chromium) and run the whole suite
#   bash tasks.sh test-slow  the slow tests too (load, 50 MB uploads)
#   bash tasks.sh bench      regenerate benchmarks/results.md (options after it go to benchmarks/run.py:
#                            --only cold,load --pages /map --quick --out FILE; see its docstring)
set -euo pipefail
cd "$(dirname "$0")"

need_python() {
  PY="${PYTHON:-python3}"
  if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "Python 3.11 or newer is needed (set PYTHON=/path/to/python3.11)." >&2; exit 1
  fi
}

setup_venv() {  # $1 = requirements file
  need_python
  [ -x .venv/bin/python ] || "$PY" -m venv .venv
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$1"
  # Byte-compile the app's own modules once here: where PYTHONDONTWRITEBYTECODE is set (this machine, the image)
  # every fresh process would otherwise compile core/ and ui/ (1 MB of source, ~0.3 s) before its first chart.
  .venv/bin/python -m compileall -q -j 0 core ui >/dev/null
}

chromium_path() {
  for candidate in "${CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
  done
  return 1
}

ensure_browser() {
  if chromium_path >/dev/null; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium for the browser tests..." >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  fi
  if ! chromium_path >/dev/null; then
    echo "No Chromium found: install it (Debian/Ubuntu: 'sudo apt-get install chromium') or set CHROMIUM=/path." >&2
    if [ "${CI:-}" = "true" ]; then exit 1; fi
    echo "Browser tests will be skipped outside CI." >&2
  fi
}

case "${1:-}" in
  app)
    setup_venv requirements.txt
    exec .venv/bin/streamlit run streamlit_app.py ;;
  test)
    setup_venv requirements-dev.txt
    ensure_browser
    # One test file per worker (a browser file's server and Chromium stay with it): 8.5 min instead of 14 on 2 cores.
    exec .venv/bin/python -m pytest -m "not slow" -n auto --maxprocesses 4 --dist loadfile ;;
  test-slow)
    setup_venv requirements-dev.txt
    ensure_browser
    exec .venv/bin/python -m pytest -m slow ;;
  bench)
    setup_venv requirements-dev.txt
    ensure_browser
    exec .venv/bin/python benchmarks/run.py "${@:2}" ;;
  *)
    sed -n '2,7p' "$0" >&2; exit 2 ;;
esac
