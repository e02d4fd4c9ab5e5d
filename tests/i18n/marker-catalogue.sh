#!/bin/sh
# marker-catalogue.sh SRCDIR LOCALEDIR MARKER LANG...: for each LANG, a catalogue
# LOCALEDIR/LANG/LC_MESSAGES/dossier.mo that translates every message of the sources to
# itself with MARKER in front (format specifiers kept), so that a test can tell any
# translated message from the English one wherever it ends up.
#
# Copyright 2026 The Dossier authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu
src=$1
localedir=$2
marker=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

"$here/make-pot.sh" "$src" "$tmp/dossier.pot"
sed -e 's/charset=CHARSET/charset=UTF-8/' "$tmp/dossier.pot" >"$tmp/utf8.pot"
msgen --no-wrap -o "$tmp/en.po" "$tmp/utf8.pot"
# Each line of each translation but an empty one gets the marker.
msgfilter --keep-header --no-wrap -i "$tmp/en.po" -o "$tmp/marked.po" sed -e "s/^\\(.\\)/$marker\\1/"
for lang in "$@"; do
  mkdir -p "$localedir/$lang/LC_MESSAGES"
  msgfmt -o "$localedir/$lang/LC_MESSAGES/dossier.mo" "$tmp/marked.po"
done
