#!/usr/bin/env bash
# Before/after of the list of 1,000 open tasks (issue 12, target 5) in one run: builds the bench of BASE (default: the
# merge base with main) in a temporary copy beside this tree's, runs the two `list-profile` scenarios alternately
# (ROUNDS times each, default 3, so load changes hit both alike) and prints their whole-call rows side by side, each
# run with the load average it reported, then the median of each column.
#
#   bench/compare-list.sh [BASE]          e.g. bench/compare-list.sh main
#   BENCH_LOCK=/tmp/some.lock ROUNDS=5 bench/compare-list.sh
#
# BENCH_LOCK, when set, is taken (flock) around each measured run only, not around the builds.
set -euo pipefail

root=$(git rev-parse --show-toplevel)
base=${1:-$(git -C "$root" merge-base HEAD main)}
rounds=${ROUNDS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "before: $(git -C "$root" rev-parse --short "$base"), after: $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD || echo ' + uncommitted changes')"
git -C "$root" archive "$base" | tar -x -C "$work"
mkdir -p "$work/out"
dotnet build -c Release "$work/bench/Todo.Benchmarks" -nologo -clp:ErrorsOnly >/dev/null
dotnet build -c Release "$root/bench/Todo.Benchmarks" -nologo -clp:ErrorsOnly >/dev/null

run() { # side tree round
  local out="$work/out/$1-$3.txt"
  local cmd=(dotnet run -c Release --no-build --project "$2/bench/Todo.Benchmarks" -- list-profile)
  # The scenario exits 1 while the target is not met; the table is what counts here.
  if [[ -n "${BENCH_LOCK:-}" ]]; then flock "$BENCH_LOCK" "${cmd[@]}" >"$out" 2>&1 || true; else "${cmd[@]}" >"$out" 2>&1 || true; fi
  grep -q "whole call through the sidecar" "$out" || { echo "the $1 run $3 printed no table:" >&2; tail -20 "$out" >&2; exit 1; }
}

for round in $(seq "$rounds"); do
  run before "$work" "$round"
  run after "$root" "$round"
done

# Columns of a row "| name | p50 | p90 | p99 |": p50 and p99.
cell() { grep -F "| $2" "$1" | head -1 | awk -F'|' -v c="$3" '{ gsub(/ /, "", $c); print $c }'; }
load() { sed -n 's/.*load average \([0-9.]*\).*/\1/p' "$1" | head -1; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

printf '\n| round | load (1 min) | before: through the sidecar p50 / p99 ms | after: through the sidecar p50 / p99 ms | before: straight to the app p50 / p99 ms | after: straight to the app p50 / p99 ms |\n'
printf '| ---: | ---: | ---: | ---: | ---: | ---: |\n'
for round in $(seq "$rounds"); do
  b="$work/out/before-$round.txt" a="$work/out/after-$round.txt"
  printf '| %s | %s, %s | %s / %s | %s / %s | %s / %s | %s / %s |\n' "$round" "$(load "$b")" "$(load "$a")" \
    "$(cell "$b" "whole call through the sidecar" 3)" "$(cell "$b" "whole call through the sidecar" 5)" \
    "$(cell "$a" "whole call through the sidecar" 3)" "$(cell "$a" "whole call through the sidecar" 5)" \
    "$(cell "$b" "whole call straight to the app" 3)" "$(cell "$b" "whole call straight to the app" 5)" \
    "$(cell "$a" "whole call straight to the app" 3)" "$(cell "$a" "whole call straight to the app" 5)"
done

col() { for round in $(seq "$rounds"); do cell "$work/out/$1-$round.txt" "$2" "$3"; done | median; }
printf '| median | | %s / %s | %s / %s | %s / %s | %s / %s |\n' \
  "$(col before "whole call through the sidecar" 3)" "$(col before "whole call through the sidecar" 5)" \
  "$(col after "whole call through the sidecar" 3)" "$(col after "whole call through the sidecar" 5)" \
  "$(col before "whole call straight to the app" 3)" "$(col before "whole call straight to the app" 5)" \
  "$(col after "whole call straight to the app" 3)" "$(col after "whole call straight to the app" 5)"

echo
echo "the last after run's profile (where the time goes):"
sed -n '/^scenario list-profile/,$p' "$work/out/after-$rounds.txt"
