#!/usr/bin/env bash
# Package the bundle as a Debian package: installer/dist/loyalty-counter_VERSION_ARCH.deb
#
#   installer/build_deb.sh          # builds the bundle first if installer/dist/loyalty is missing
#   REBUILD=1 installer/build_deb.sh   # always rebuild (and self-test) the bundle first
#
# The package puts the bundle in /opt/loyalty-counter, a launcher in /usr/bin/loyalty-counter,
# a menu entry, the icon and the hub's systemd user unit. The shop's data is never in the
# package: it lives in each user's ~/.local/share/LoyaltyCounter, which removing or purging the
# package leaves alone.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${REBUILD:-0}" = 1 ] || [ ! -x installer/dist/loyalty/loyalty ]; then
  installer/build_linux.sh
fi

# (no `| head`: with pipefail, the writer's SIGPIPE when head stops reading would fail the build)
VERSION=$(sed -n '0,/^version *= *"\(.*\)"/s//\1/p' pyproject.toml)
ARCH=$(dpkg --print-architecture)
GLIBC=$(ldd --version | awk 'NR == 1 { print $NF }')
NAME=loyalty-counter
STAGE=build/deb/${NAME}_${VERSION}_${ARCH}
OUT=installer/dist/${NAME}_${VERSION}_${ARCH}.deb

echo "== staging $STAGE"
rm -rf "$STAGE"
umask 022
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
         "$STAGE/usr/share/doc/$NAME" "$STAGE/usr/share/icons/hicolor/scalable/apps"
cp -a installer/dist/loyalty "$STAGE/opt/$NAME"
chmod -R u=rwX,go=rX "$STAGE/opt/$NAME"

cat > "$STAGE/usr/bin/$NAME" <<'EOF'
#!/bin/sh
# Loyalty Counter: no arguments opens the window; `loyalty-counter COMMAND` runs the command
# line (see `loyalty-counter --help`); `loyalty-counter --self-test` checks the installation.
exec /opt/loyalty-counter/loyalty "$@"
EOF
chmod 0755 "$STAGE/usr/bin/$NAME"

install -m 0644 installer/linux/$NAME.desktop "$STAGE/usr/share/applications/$NAME.desktop"
install -m 0644 resources/loyalty-counter.svg "$STAGE/usr/share/icons/hicolor/scalable/apps/$NAME.svg"
for png in resources/icons/loyalty-counter-*.png; do
  size=$(basename "$png" .png); size=${size##*-}
  install -D -m 0644 "$png" "$STAGE/usr/share/icons/hicolor/${size}x${size}/apps/$NAME.png"
done
install -m 0644 installer/linux/copyright "$STAGE/usr/share/doc/$NAME/copyright"
# The service that keeps a hub on this PC for the shop's other tills (loyalty/chain/autostart.py):
# a systemd user unit, enabled by the app only when the owner makes this PC keep the hub.
mkdir -p "$STAGE/usr/lib/systemd/user"
"${PYTHON:-.venv/bin/python}" -c 'from loyalty.chain.autostart import unit_text; import sys
sys.stdout.write(unit_text(["/usr/bin/loyalty-counter", "keep-hub"]))' > "$STAGE/usr/lib/systemd/user/loyalty-counter-hub.service"

# Qt's own libraries are in the bundle; these are what it takes from the system. The xcb ones
# are what Qt's X11 plugin needs to open a window on a desktop (without libxcb-cursor0 and
# friends Qt 6 cannot start under X11); the Wayland ones, its Wayland plugin.
DEPENDS="libc6 (>= $GLIBC), libegl1, libgl1, libxkbcommon0, libxkbcommon-x11-0, libfontconfig1, libdbus-1-3,
 libglib2.0-0t64 | libglib2.0-0, libx11-6, libx11-xcb1, libxcb1, libxcb-cursor0, libxcb-icccm4, libxcb-image0,
 libxcb-keysyms1, libxcb-randr0, libxcb-render-util0, libxcb-shape0, libxcb-xkb1, libdrm2,
 libwayland-client0, libwayland-cursor0, libwayland-egl1"
DEPENDS=$(echo "$DEPENDS" | tr -s ' \n' ' ' | sed 's/ $//')

cat > "$STAGE/DEBIAN/control" <<EOF
Package: $NAME
Version: $VERSION
Architecture: $ARCH
Maintainer: Loyalty Counter support <support@example.invalid>
Installed-Size: $(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
Depends: $DEPENDS
Section: misc
Priority: optional
Homepage: https://example.invalid/loyalty-counter
Description: loyalty points for a retail counter, offline
 Members, cards, a points ledger, tiers, rewards and campaigns on a local
 SQLite database, for one shop's counter PCs. Spanish and English.
 .
 The shop's data lives in each user's ~/.local/share/LoyaltyCounter and is
 kept when the package is removed or purged.
EOF

echo "== building $OUT"
mkdir -p installer/dist
dpkg-deb --root-owner-group --build "$STAGE" "$OUT"
dpkg-deb --info "$OUT" | sed -n '1,12p'
echo "== $OUT: $(du -h "$OUT" | cut -f1)"
