#!/usr/bin/env bash
# The bytes a search downloads, measured in headless Chromium on synthetic
# sites (examples/corpus) of 1,000, 10,000 and 50,000 pages: for each query,
# every file the search page fetched from search/ (the shards, further
# chunks, meta.json and the fragments of the ten results shown), counted by
# tests/a11y/search.mjs's server. The script and the page itself are not
# counted (search.js is one file of a few KB, the same at any size).
#
#   bench/search.sh
#   SIZES="1000" bench/search.sh
#
# Needs node, Chromium and tests/a11y/node_modules (`npm ci --ignore-scripts`).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"1000 10000 50000"}
WORK=${WORK:-/tmp/planpress-search-bench}
QUERIES=(transport "young people" "housing growth investment" "care" zzqx)
PROFILE=${PROFILE:-release}
if [ "$PROFILE" = release ]; then
  cargo build --release -q --example corpus
  cargo build --release -q
else
  cargo build -q --example corpus
  cargo build -q
fi
CORPUS=$PWD/target/$PROFILE/examples/corpus
PLANPRESS=$PWD/target/$PROFILE/planpress
[ -d tests/a11y/node_modules ] || (cd tests/a11y && npm ci --ignore-scripts --no-audit --no-fund)

printf '%-8s %-28s %10s %6s %9s\n' pages query bytes files results
for n in $SIZES; do
  dir=$WORK/$n
  "$CORPUS" --pages "$n" --out "$dir" >/dev/null
  "$PLANPRESS" build --root "$dir/planpress" --out "$dir/public" >/dev/null
  (cd tests/a11y && node search.mjs "$dir/public" / "${QUERIES[@]}") > "$dir/report.json"
  python3 - "$n" "$dir/report.json" <<'PY'
import json, sys
n, path = sys.argv[1], sys.argv[2]
for q in json.load(open(path))["queries"]:
    print(f"{n:<8} {q['query']:<28} {q['bytes']:>10} {q['files']:>6} {len(q['results']):>9}")
PY
done
