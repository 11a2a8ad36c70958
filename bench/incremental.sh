#!/usr/bin/env bash
# The build cache's figures (#22): `planpress build --no-exports` of the
# synthetic corpus from scratch, then again after editing one section, then
# after editing site.yaml, each the median of RUNS builds. Not part of CI.
#
#   bench/incremental.sh                 # 10,000 pages, 5 runs each
#   PAGES=1000 RUNS=3 bench/incremental.sh
#   PLANPRESS=/tmp/planpress bench/incremental.sh
#
# Prints wall seconds, CPU (user + system) seconds and peak memory (MB) of each kind
# of build, and the incremental builds' wall time as a share of the cold one.
set -euo pipefail
cd "$(dirname "$0")/.."
PAGES=${PAGES:-10000}
RUNS=${RUNS:-5}
WORK=${WORK:-/dev/shm/planpress-incremental}
[ -d /dev/shm ] || WORK=/tmp/planpress-incremental

# PLANPRESS=/path/to/planpress measures that binary instead of building one.
if [ -z "${PLANPRESS:-}" ]; then
  cargo build --release -q
  PLANPRESS=$PWD/target/release/planpress
fi
[ -x target/release/examples/corpus ] || cargo build --release -q --example corpus
rm -rf "$WORK"; mkdir -p "$WORK"
./target/release/examples/corpus --pages "$PAGES" --out "$WORK/corpus" >/dev/null
ROOT=$WORK/corpus/planpress
SECTION=$ROOT/content/strategies/council-0-strategy-0/sections/01-section-0.md
SITE=$ROOT/content/site.yaml
build() { "$PLANPRESS" build --no-exports --root "$ROOT" --out "$WORK/out" --cache "$WORK/cache"; }

. bench/lib.sh

cold() { rm -rf "$WORK/out" "$WORK/cache"; }
# A sentence more in one section each run, after a build that left the cache.
section() { build >/dev/null 2>&1; printf '\nAn added sentence, run %s.\n' "$1" >>"$SECTION"; }
# The accessibility statement's review date, a day later each run.
site_yaml() { build >/dev/null 2>&1; sed -i -E "s/(reviewed: \"?[0-9]{4}-[0-9]{2}-)[0-9]{2}/\1$(printf %02d "$1")/" "$SITE"; }

read -r cw cu cm < <(measure "$RUNS" cold "$PLANPRESS" build --no-exports --root "$ROOT" --out "$WORK/out" --cache "$WORK/cache")
read -r sw su sm < <(measure "$RUNS" section "$PLANPRESS" build --no-exports --root "$ROOT" --out "$WORK/out" --cache "$WORK/cache")
read -r yw yu ym < <(measure "$RUNS" site_yaml "$PLANPRESS" build --no-exports --root "$ROOT" --out "$WORK/out" --cache "$WORK/cache")
echo "machine: $(nproc) cores, $(uname -sr); $PAGES pages requested, medians of $RUNS"
printf '\n| build | wall s | CPU s | peak MB | wall ÷ cold |\n|---|---|---|---|---|\n'
printf '| cold (no output, no cache) | %s | %s | %s | 1 |\n' "$cw" "$cu" "$cm"
printf '| one section edited | %s | %s | %s | %.3f |\n' "$sw" "$su" "$sm" "$(echo "$sw / $cw" | bc -l)"
printf '| site.yaml edited | %s | %s | %s | %.3f |\n' "$yw" "$yu" "$ym" "$(echo "$yw / $cw" | bc -l)"
rm -rf "$WORK"
