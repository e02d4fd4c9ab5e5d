#!/bin/sh
# bench/run.sh BUILD_DIR: the engine's speed and memory, with a named peer in the same run.
#
# 1. dossier-cli check: 1,000 profiles × all 5 packs in one run (XML output), wall time
#    and peak RSS (GNU time), against the peer xmllint --relaxng validating the same
#    1,000 files with the same schema (libxml2's own tool: parsing and validation alone,
#    no rules), so the figure shows what the rules add on top of reading the files.
# 2. bench-check: one re-check of one profile after a change, as the wizard will do.
set -eu
build=${1:-build}
here=$(cd "$(dirname "$0")/.." && pwd)
cli="$build/app/cli/dossier-cli"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DOSSIER_DATADIR="$build/data"

# Realistic variety: each profile is the example with other hours, dates and scores.
i=0
while [ $i -lt 1000 ]; do
  h=$((30 + i % 15)); r=$((3 + i % 8)); d=$((1 + i % 28))
  sed -e "s|<hours-per-week>40</hours-per-week>|<hours-per-week>$h</hours-per-week>|" \
      -e "s|reading=\"5\"|reading=\"$r\"|" \
      -e "s|<end>2024-12-31</end>|<end>2024-12-$(printf %02d $d)</end>|" \
      "$here/data/examples/maria-dela-cruz.dossier" > "$work/client-$i.dossier"
  i=$((i + 1))
done

echo "== 1,000 profiles × 5 packs, one dossier-cli check run (2 runs, best) =="
for run in 1 2; do
  /usr/bin/time -o "$work/time" -f "dossier-cli check: %e s wall, %M KB peak RSS" \
    "$cli" check --format xml --as-of 2025-03-31 "$work"/client-*.dossier > "$work/out.xml" || true
  cat "$work/time"
done
grep -c "<report " "$work/out.xml" | sed 's/^/reports written: /'
echo "== peer: xmllint --relaxng on the same 1,000 files (2 runs) =="
for run in 1 2; do
  /usr/bin/time -o "$work/time" -f "xmllint --relaxng: %e s wall, %M KB peak RSS" \
    xmllint --noout --relaxng "$build/data/schema/profile.rng" "$work"/client-*.dossier 2> "$work/xmllint.err" >/dev/null || true
  cat "$work/time"
done
grep -c validates "$work/xmllint.err" | sed 's/^/files xmllint validated: /'
echo "== one check of one profile (bench-check, 2,000 rounds) =="
"$build/bench/bench-check" "$here/data/examples/maria-dela-cruz.dossier" 2000
