#!/bin/sh
# run-with-display.sh PROGRAM [ARGUMENT...]: runs a GUI test with a display and a D-Bus
# session of its own (Xvfb on a free display number, dbus-run-session), and stops them
# after it. Without Xvfb the test is skipped (TAP).
#
# Copyright 2026 The Dossier authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

if ! command -v Xvfb >/dev/null 2>&1 || ! command -v dbus-run-session >/dev/null 2>&1; then
  echo "1..0 # SKIP Xvfb or dbus-run-session is not installed"
  exit 0
fi

dir=$(mktemp -d)
Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp 3>"$dir/display" 2>"$dir/xvfb.log" &
xvfb=$!
trap 'kill "$xvfb" 2>/dev/null; wait "$xvfb" 2>/dev/null; rm -rf "$dir"' EXIT INT TERM

# Xvfb writes the display number once it accepts connections.
tries=0
while [ ! -s "$dir/display" ]; do
  tries=$((tries + 1))
  if [ "$tries" -gt 200 ] || ! kill -0 "$xvfb" 2>/dev/null; then
    echo "Bail out! Xvfb did not start: $(cat "$dir/xvfb.log")"
    exit 1
  fi
  sleep 0.05
done

status=0
DISPLAY=":$(head -n 1 "$dir/display")" GDK_BACKEND=x11 \
  dbus-run-session -- "$@" || status=$?
exit "$status"
