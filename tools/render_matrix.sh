#!/usr/bin/env bash
# Every screen in both languages, in EUR and COP, at 1024×768, 1366×768 and 1920×1080, each
# on its own real X server (Xvfb, no window manager: what a kiosk or a bare X session shows),
# the window opened as the app opens it. Then look at the pictures.
#
#   tools/render_matrix.sh [OUT]        # default OUT: /tmp/loyalty-screens; about 12 minutes
#
# Needs Debian's xvfb and Qt's xcb libraries (libxcb-cursor0 and friends).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-/tmp/loyalty-screens}"
python="${PYTHON:-.venv/bin/python}"
display=90
for size in 1024x768 1366x768 1920x1080; do
  for language in es en; do
    for currency in EUR COP; do
      display=$((display + 1))
      while [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done   # a display in use
      Xvfb ":$display" -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
      server=$!
      sleep 1
      DISPLAY=":$display" QT_QPA_PLATFORM=xcb "$python" tools/render_screens.py --size screen \
        --language "$language" --currency "$currency" --out "$out/$size-$language-$currency" | tail -1
      kill "$server" 2>/dev/null || true
    done
  done
done
echo "pictures in $out"
