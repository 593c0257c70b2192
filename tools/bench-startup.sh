#!/usr/bin/env bash
# Cold-start benchmark of the agix command line (issue 12): each run is a new process, timed from exec to exit.
#
#   tools/bench-startup.sh [--runs N] [--market DIR] AGIX [AGIX...]
#
# AGIX is a command: the installed tool (~/.dotnet/tools/agix), a published binary (out/agix), or the JIT build
# ("dotnet src/Agix.Cli/bin/Release/net10.0/agix.dll"). For each it times `agix --version` and
# `agix backtest --format json` on the real data (MARKET_DIR/prices.csv and benchmarks.csv, by default
# ../shared/data/market beside the repository), N runs each (default 30) after 3 warm-up runs, and prints the median,
# the fastest and the slowest run in milliseconds (wall time), and with hyperfine the mean CPU time (user + system),
# which other work on the machine disturbs less. Uses hyperfine when installed (Debian: apt-get install hyperfine),
# else a shell loop (about 1 ms of its own overhead per run).
set -euo pipefail
runs=30
repo=$(cd "$(dirname "$0")/.." && pwd)
market="$repo/../shared/data/market"
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --market) market=$2; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) break ;;
  esac
done
if [ $# -eq 0 ]; then
  echo "usage: $0 [--runs N] [--market DIR] AGIX [AGIX...]" >&2
  exit 64
fi
market=$(cd "$market" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# median min max (ms) of the numbers (seconds) in a file, one a line
summary() {
  sort -g "$1" | awk '{ t[NR] = $1 * 1000 } END {
    m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
    printf "median %6.1f ms (min %.1f, max %.1f, %d runs)", m, t[1], t[NR], NR }'
}

measure() {   # label command...
  local label=$1; shift
  local times="$work/times" cpu=""
  : > "$times"
  if command -v hyperfine > /dev/null 2>&1; then
    hyperfine --shell=none --warmup 3 --runs "$runs" --output=null --style=none \
      --export-json "$work/h.json" -- "$*" > /dev/null 2> "$work/h.err" || { cat "$work/h.err" >&2; exit 1; }
    python3 -c 'import json,sys; [print(t) for t in json.load(open(sys.argv[1]))["results"][0]["times"]]' "$work/h.json" > "$times"
    cpu=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.1f" % ((r["user"] + r["system"]) * 1000))' "$work/h.json")
  else
    for _ in 1 2 3; do "$@" > /dev/null 2>&1; done
    for _ in $(seq "$runs"); do
      local start end
      start=$(date +%s%N)
      "$@" > /dev/null 2>&1
      end=$(date +%s%N)
      echo "($end - $start) / 1000000000" | bc -l >> "$times"
    done
  fi
  printf '  %-24s %s%s\n' "$label" "$(summary "$times")" "${cpu:+, CPU $cpu ms a run}"
}

echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(uname -m)"
for agix in "$@"; do
  echo "$agix"
  # shellcheck disable=SC2086 # AGIX may be a command with arguments (dotnet path/agix.dll)
  measure "--version" $agix --version
  # shellcheck disable=SC2086
  measure "backtest --format json" $agix backtest --prices "$market/prices.csv" --benchmarks "$market/benchmarks.csv" --format json
done
