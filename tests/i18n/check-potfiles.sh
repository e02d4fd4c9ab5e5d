#!/bin/sh
# check-potfiles.sh SRCDIR: locale/POTFILES.in lists every source file with a message to
# translate (_(), N_(), C_(), NC_(), ngettext () in C; translatable="yes" in .ui; the
# desktop entry, metainfo and settings schema), and only files that exist. TAP output.
#
# Copyright 2026 The Dossier authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u
cd "$1" || exit 1
list=locale/POTFILES.in
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

grep -v '^#' "$list" | grep -v '^[[:space:]]*$' | sort >"$tmp/listed"
{
  grep -lE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|Q_|ngettext|g_dngettext|g_dpgettext2)[[:space:]]*\([[:space:]]*"' \
    app/*/*.c app/*/*.h 2>/dev/null
  grep -l 'translatable="yes"' ui/*.ui 2>/dev/null
  ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml 2>/dev/null
} | sort -u >"$tmp/needed"

echo "1..2"
missing=$(comm -13 "$tmp/listed" "$tmp/needed")
if [ -z "$missing" ]; then
  echo "ok 1 - every file with messages is in $list"
else
  echo "not ok 1 - files with messages that $list does not list (their strings are never translated):"
  echo "$missing" | sed -e 's/^/#   /'
fi
gone=$(while read -r f; do [ -e "$f" ] || echo "$f"; done <"$tmp/listed")
if [ -z "$gone" ]; then
  echo "ok 2 - every file $list lists exists"
else
  echo "not ok 2 - $list lists files that are not there:"
  echo "$gone" | sed -e 's/^/#   /'
fi
[ -z "$missing" ] && [ -z "$gone" ]
