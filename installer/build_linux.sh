#!/usr/bin/env bash
# Build the one-folder bundle installer/dist/loyalty/ and check it with its own --self-test.
#
#   installer/build_linux.sh            # uses .venv if there is one, else creates build/venv
#   VENV=/path/to/venv installer/build_linux.sh
#
# Fails (exit status 1) when the build or the bundle's self-test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

if [ -z "${VENV:-}" ]; then
  if [ -x .venv/bin/python ]; then
    VENV=.venv
  else
    VENV=build/venv
  fi
fi
if [ ! -x "$VENV/bin/python" ]; then
  echo "== creating $VENV"
  python3 -m venv "$VENV"
fi
PY="$VENV/bin/python"

# A fresh venv gets the app (its dependencies, and the metadata About reads the version from);
# an existing one is left as it is apart from PyInstaller.
if ! "$PY" -c "import importlib.metadata as m; m.version('loyalty-counter')" 2>/dev/null; then
  echo "== installing the app into $VENV"
  "$PY" -m pip install -q .
fi
if ! "$PY" -m PyInstaller --version >/dev/null 2>&1; then
  echo "== installing PyInstaller into $VENV"
  "$PY" -m pip install -q "pyinstaller>=6.10"
fi

# The bundle has no lrelease: the translations are compiled here, then copied with resources/.
if [ -f tools/update_translations.py ]; then
  echo "== compiling the translations"
  "$PY" tools/update_translations.py --compile
fi

echo "== building installer/dist/loyalty/ (work files in build/pyinstaller/)"
rm -rf installer/dist/loyalty
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --workpath build/pyinstaller --distpath installer/dist installer/loyalty.spec

echo "== self-test of the bundle"
QT_QPA_PLATFORM=offscreen installer/dist/loyalty/loyalty --self-test
echo "== bundle: $(du -sh installer/dist/loyalty | cut -f1) in $ROOT/installer/dist/loyalty"
