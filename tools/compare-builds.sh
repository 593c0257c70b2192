#!/usr/bin/env bash
# Runs the same agix command lines with two builds (for example the JIT build and the Native AOT tool) and compares
# every byte they write: standard output, standard error, the exit code and each output file (charts included).
#
#   tools/compare-builds.sh BASE_AGIX OTHER_AGIX [MARKET_DIR]
#
# BASE_AGIX and OTHER_AGIX are commands (a path to an executable, or "dotnet path/to/agix.dll"); MARKET_DIR holds the
# real prices.csv and benchmarks.csv (default: ../shared/data/market beside the repository). Prints one line per
# command line and exits 1 when anything differs.
set -uo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 BASE_AGIX OTHER_AGIX [MARKET_DIR]" >&2
  exit 64
fi
# Each command runs in a folder of its own: make the words that are relative paths to existing files absolute.
absolute() {
  local word out=()
  for word in $1; do
    if [ -e "$word" ] && [ "${word#/}" = "$word" ]; then word="$PWD/$word"; fi
    out+=("$word")
  done
  echo "${out[*]}"
}
base=$(absolute "$1")
other=$(absolute "$2")
repo=$(cd "$(dirname "$0")/.." && pwd)
market=$(cd "${3:-$repo/../shared/data/market}" && pwd) || { echo "no market data folder" >&2; exit 64; }
real="--prices $market/prices.csv --benchmarks $market/benchmarks.csv"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A holdings file and two methodologies for trades and compare.
printf 'symbol,shares\nNVDA,100\nMSFT,40\nAAPL,25\n' > "$work/holdings.csv"
cp "$repo/data/methodology.json" "$work/cap10.json"
sed 's/"stockCap": *0\.10/"stockCap": 0.15/' "$repo/data/methodology.json" > "$work/cap15.json"
# A data folder with the real prices, for the commands that read a whole folder (compare).
mkdir -p "$work/real"
cp "$market/prices.csv" "$market/benchmarks.csv" "$repo/data/universe.csv" "$repo/data/methodology.json" "$work/real/"

cases=(
  "--version"
  "--help"
  "backtest --help"
  "backtest"
  "backtest --format json"
  "backtest --format csv"
  "backtest --format markdown"
  "backtest --format html -o report.html"
  "backtest --chart index.png --chart-years years.png --rolling rolling.csv --theme-weights themes.csv"
  "backtest --chart index.svg --chart-years years.svg --log-scale"
  "backtest $real"
  "backtest $real --format json"
  "backtest $real --format csv"
  "backtest $real --format markdown"
  "backtest $real --format html -o report.html"
  "backtest $real --chart index.png --chart-years years.png --rolling rolling.csv --theme-weights themes.csv"
  "backtest $real --chart index.svg --chart-years years.svg --log-scale"
  "backtest $real --from 2024-01-01 --to 2024-12-31 --return-type net --risk-free 0.04 -b SPY --format json"
  "levels $real --format csv"
  "levels --format json"
  "rebalance $real --date 2025-06-20 --format json"
  "rebalance --date 2025-12-19"
  "rebalance --date 2026-03-20 --format csv"
  "rebalance --date 2025-09-19 --format csv"
  "validate $real --format json"
  "validate"
  "schedule --from 2023-01-01 --to 2026-12-31 --format json"
  "trades --date 2025-12-19 --holdings $work/holdings.csv --cash 25000 --lot 10 --format json"
  "compare --data $work/real --methodology $work/cap10.json --methodology $work/cap15.json --format json"
  "compare --methodology $work/cap10.json --methodology $work/cap15.json --format html -o compare.html"
  "sweep $real --vary weighting.stockCap=0.10,0.15 --vary transactionCostBps=0,25 --format csv"
  "sweep $real --vary weighting.stockCap=0.10,0.15 --vary transactionCostBps=0,25 --format html -o sweep.html"
  "compare --data $work/real --methodology $work/cap10.json --methodology $work/cap15.json --format html -o compare-real.html --chart compare.svg"
  "backtest --from 2025-13-01"
  "backtest --prices ../missing.csv"
  "backtest --format xml"
)

differ=0
n=0
for args in "${cases[@]}"; do
  n=$((n + 1))
  for side in base other; do
    dir="$work/$side/$n"
    mkdir -p "$dir"
    cmd=$base
    [ "$side" = other ] && cmd=$other
    # shellcheck disable=SC2086 # the command and the arguments are word lists
    (cd "$dir" && $cmd $args > stdout 2> stderr; echo $? > exit)
  done
  if diff -r "$work/base/$n" "$work/other/$n" > "$work/diff" 2>&1; then
    echo "same: agix $args (exit $(cat "$work/base/$n/exit"), $(ls "$work/base/$n" | wc -l) files)"
  else
    differ=$((differ + 1))
    echo "DIFFERENT: agix $args"
    head -20 "$work/diff"
  fi
done
echo "$((n - differ)) of $n command lines byte-identical"
[ "$differ" -eq 0 ]
