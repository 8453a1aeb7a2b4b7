#!/bin/sh
# Throughput of annals' TIMEX3 tagger against chrono-node on the same texts, one core each.
#
#   bench/time_vs_chrono.sh [BUILD_DIR] [CORPUS_DIR] [MB]
#
# BUILD_DIR holds bench/time_throughput (default: build). The texts are the <TEXT> of the
# TempEval-3 training corpus (default ../shared/corpus/tempeval3-train/TBAQ-cleaned), each
# parsed with its own DCT as the reference date, repeated to MB megabytes (default 20).
# chrono-node is installed with npm into a temporary folder when node and npm are on the
# PATH (apt-get install nodejs npm); without them only annals' figures are printed.
# Both sides leave file reading out; annals' "segment + tag" line is the fair comparison
# (chrono-node tokenizes on its own), "segment + POS + tag" is what `annals tag` does.
set -eu

build=${1:-build}
corpus=${2:-../shared/corpus/tempeval3-train/TBAQ-cleaned}
mb=${3:-20}
work=$(mktemp -d "${TMPDIR:-/tmp}/annals-chrono.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

pin=""
if command -v taskset >/dev/null 2>&1; then pin="taskset -c 0"; fi

$pin "$build/bench/time_throughput" "$corpus" "$mb" --dump "$work/texts" | tee "$work/annals.txt"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "time_vs_chrono: node/npm not found; install them (apt-get install nodejs npm) for the comparison"
  exit 0
fi
(cd "$work" && npm install --silent --no-audit --no-fund chrono-node@2 >/dev/null 2>&1) || {
  echo "time_vs_chrono: npm install chrono-node failed (no registry access?)"
  exit 0
}

cat >"$work/chrono_bench.js" <<'EOF'
// Parses every text with its DCT as the reference, repeated to the target size.
const fs = require('fs');
const path = require('path');
const chrono = require('chrono-node');
const dir = process.argv[2];
const target = parseFloat(process.argv[3]) * 1e6;
const texts = [];
for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
  const text = fs.readFileSync(path.join(dir, f), 'utf8');
  const dct = fs.readFileSync(path.join(dir, f.replace(/\.txt$/, '.dct')), 'utf8').trim();
  texts.push({ text, bytes: Buffer.byteLength(text), ref: new Date(dct + 'T12:00:00Z') });
}
let bytes = 0, docs = 0, found = 0;
const start = process.hrtime.bigint();
while (bytes < target) {
  for (const t of texts) {
    found += chrono.parse(t.text, t.ref).length;
    bytes += t.bytes;
    ++docs;
  }
}
const s = Number(process.hrtime.bigint() - start) / 1e9;
const version = JSON.parse(fs.readFileSync(path.join(path.dirname(require.resolve('chrono-node')), '..', '..', 'package.json'), 'utf8')).version;
console.log(`chrono-node ${version}`.padEnd(28) + ` ${String(docs).padStart(6)} docs, ${(bytes / 1e6).toFixed(1).padStart(5)} MB in ${s.toFixed(2).padStart(5)} s: ${(bytes / 1e6 / s).toFixed(1).padStart(7)} MB/s (${found} results)`);
EOF
NODE_PATH="$work/node_modules" $pin node "$work/chrono_bench.js" "$work/texts" "$mb" | tee "$work/chrono.txt"

# Ratios: annals MB/s over chrono-node MB/s, per annals stage.
chrono=$(sed -n 's/.*: *\([0-9.]*\) MB\/s.*/\1/p' "$work/chrono.txt")
[ -n "$chrono" ] || { echo "time_vs_chrono: chrono-node gave no figure"; exit 1; }
grep 'MB/s' "$work/annals.txt" | while IFS= read -r line; do
  stage=$(printf '%s' "$line" | sed 's/ *[0-9]* docs.*//')
  rate=$(printf '%s' "$line" | sed -n 's/.*: *\([0-9.]*\) MB\/s.*/\1/p')
  awk -v s="$stage" -v a="$rate" -v c="$chrono" 'BEGIN { printf "ratio %-24s %5.1fx chrono-node\n", s ":", a / c }'
done
