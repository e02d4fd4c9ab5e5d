#!/bin/sh
# bench/run.sh BUILD_DIR: the engine's speed and memory, with a named peer in the same run.
#
# 1. dossier-cli check: 1,000 profiles × all 5 packs in one run (XML output), wall time
#    and peak RSS (GNU time), against the peer xmllint --relaxng validating the same
#    1,000 files with the same schema (libxml2's own tool: parsing and validation alone,
#    no rules), so the figure shows what the rules add on top of reading the files.
# 2. bench-check: one re-check of one profile after a change, as the wizard will do.
# 3. Packaging (below).
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

# 3. Packaging: ~40 MB of documents that already fit their slots, against zip -r and
#    7z (AES) archiving the same files (the package's own contents, extracted), in the
#    same run; then 500 MB with --force for memory; then one 12 MP photo fitted.
echo "== pack ~40 MB (10 PDFs of 3.9 MB and a photo), 3 runs each =="
"$build/bench/make-bench-profile" "$build/data/examples/maria-dela-cruz.dossier" "$work/p40" 3.8 > /dev/null
for run in 1 2 3; do
  rm -f "$work/p40/out.zip"
  /usr/bin/time -o "$work/time" -f "dossier-cli pack: %e s wall, %M KB peak RSS" \
    "$cli" pack "$work/p40/bench.dossier" --program hcwip-child-care --as-of 2025-03-31 -o "$work/p40/out.zip" > /dev/null
  cat "$work/time"
done
mkdir -p "$work/p40/same" && (cd "$work/p40/same" && unzip -q ../out.zip)
for run in 1 2 3; do
  rm -f "$work/p40/zipr.zip"
  (cd "$work/p40/same" && /usr/bin/time -o "$work/time" -f "zip -r (same files): %e s wall, %M KB peak RSS" zip -qr "$work/p40/zipr.zip" .)
  cat "$work/time"
done
for run in 1 2 3; do
  rm -f "$work/p40/enc.zip"
  DOSSIER_PASSPHRASE=bench-passphrase /usr/bin/time -o "$work/time" -f "dossier-cli pack --encrypt: %e s wall, %M KB peak RSS" \
    "$cli" pack "$work/p40/bench.dossier" --program hcwip-child-care --as-of 2025-03-31 --encrypt -o "$work/p40/enc.zip" > /dev/null
  cat "$work/time"
done
for run in 1 2 3; do
  rm -f "$work/p40/7z.zip"
  (cd "$work/p40/same" && /usr/bin/time -o "$work/time" -f "7z a -tzip -mem=AES256 (same files): %e s wall, %M KB peak RSS" \
    7z a -tzip -mem=AES256 -pbench-passphrase "$work/p40/7z.zip" . > /dev/null)
  cat "$work/time"
done
for f in out.zip zipr.zip enc.zip 7z.zip; do
  printf '%s: %s bytes\n' "$f" "$(stat -c %s "$work/p40/$f")"
done

echo "== pack 500 MB with --force (10 PDFs of 50 MB, over the limit) =="
"$build/bench/make-bench-profile" "$build/data/examples/maria-dela-cruz.dossier" "$work/p500" 50 > /dev/null
/usr/bin/time -o "$work/time" -f "dossier-cli pack --force: %e s wall, %M KB peak RSS" \
  "$cli" pack "$work/p500/bench.dossier" --program hcwip-child-care --as-of 2025-03-31 --force -o "$work/p500/out.zip" > /dev/null || true
cat "$work/time"
printf 'archive: %s bytes\n' "$(stat -c %s "$work/p500/out.zip" 2>/dev/null || echo none)"

echo "== fit one 12-megapixel photo into a 4 MB slot (bench-fit) =="
"$build/bench/bench-fit" 3
