#!/bin/sh
# check-catalogues.sh SRCDIR [LANG]: every catalogue locale/LINGUAS names compiles with
# `msgfmt --check` (header, format specifiers against the English, plural forms,
# mnemonics); with LANG, that catalogue must also translate every message of the
# sources as they are now: nothing untranslated, nothing fuzzy (French stays at 100 %).
# TAP output.
#
# Copyright 2026 The Dossier authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u
src=$1
complete=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

langs=$(sed -e 's/#.*//' "$src/locale/LINGUAS" | tr -s ' \t' '\n\n' | grep -v '^$')
if [ -n "$complete" ]; then
  n=1
else
  n=$(echo "$langs" | grep -c .)
fi
echo "1..$n"
i=0
status=0

if [ -n "$complete" ]; then
  po=$src/locale/$complete.po
  i=1
  if ! echo "$langs" | grep -qx "$complete"; then
    echo "not ok $i - $complete is not in locale/LINGUAS"
    exit 1
  fi
  if ! "$here/make-pot.sh" "$src" "$tmp/dossier.pot"; then
    echo "not ok $i - xgettext could not read the sources"
    exit 1
  fi
  # The catalogue as it would be merged with the sources now: what is new there is
  # untranslated, what changed is fuzzy.
  msgmerge --quiet --no-fuzzy-matching -o "$tmp/merged.po" "$po" "$tmp/dossier.pot" 2>"$tmp/err" ||
    { echo "not ok $i - msgmerge failed: $(cat "$tmp/err")"; exit 1; }
  stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$tmp/merged.po" 2>&1)
  untranslated=$(echo "$stats" | sed -n 's/.* \([0-9][0-9]*\) untranslated message.*/\1/p')
  fuzzy=$(echo "$stats" | sed -n 's/.* \([0-9][0-9]*\) fuzzy translation.*/\1/p')
  untranslated=${untranslated:-0}
  fuzzy=${fuzzy:-0}
  if [ "$untranslated" -eq 0 ] && [ "$fuzzy" -eq 0 ]; then
    echo "ok $i - $complete.po translates every message of the sources ($stats)"
  else
    echo "not ok $i - $complete.po: $untranslated untranslated, $fuzzy fuzzy: run 'ninja -C BUILD dossier-pot', then 'msgmerge -U locale/$complete.po locale/dossier.pot', and translate them"
    msgattrib --untranslated --no-obsolete --force-po -o - "$tmp/merged.po" | sed -n -e '/^msgid/,/^msgstr/p' |
      grep -v '^msgstr' | sed -e 's/^/#   /' | tail -n +2 | head -40
    msgattrib --only-fuzzy --no-obsolete --force-po -o - "$tmp/merged.po" | sed -n -e '/^msgid/,/^msgstr/p' |
      grep -v '^msgstr' | sed -e 's/^/#   /' | tail -n +2 | head -40
    status=1
  fi
  exit $status
fi

for lang in $langs; do
  i=$((i + 1))
  po=$src/locale/$lang.po
  if [ ! -f "$po" ]; then
    echo "not ok $i - $lang is in locale/LINGUAS but $lang.po is not there"
    status=1
  elif msgfmt --check --check-accelerators=_ -o /dev/null "$po" 2>"$tmp/err"; then
    echo "ok $i - $lang.po"
  else
    echo "not ok $i - $lang.po does not pass msgfmt --check"
    sed -e 's/^/# /' "$tmp/err"
    status=1
  fi
done
exit $status
