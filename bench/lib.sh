# What the benchmark scripts share; sourced, not run.

# median of numbers on stdin
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# measure RUNS PREPARE CMD...: runs PREPARE N (N = 1 … RUNS; `:` for
# nothing), then times CMD once, RUNS times; prints "wall_s cpu_s peak_mb"
# medians, CPU being user + system.
measure() {
  local runs=$1 prepare=$2; shift 2
  local walls=() cpus=() mems=() times
  times=$(mktemp)
  for n in $(seq "$runs"); do
    "$prepare" "$n"
    /usr/bin/time -o "$times" -f "%e %U %S %M" "$@" >/dev/null 2>&1
    read -r wall user sys mem <"$times"
    walls+=("$wall"); cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')"); mems+=("$mem")
  done
  rm -f "$times"
  printf '%s %s %s\n' \
    "$(printf '%s\n' "${walls[@]}" | median)" \
    "$(printf '%s\n' "${cpus[@]}" | median)" \
    "$(printf '%s\n' "${mems[@]}" | median | awk '{printf "%.0f", $1/1024}')"
}
