#!/usr/bin/env bash
# Scores the chat assistant on its evaluation set (tests/Todo.Backend.Tests/Chat/Evaluation/README.md) and prints
# the accuracy per intent of the development and held-out parts. Exits non-zero below the bars CI enforces (the same
# tests run inside scripts/test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build tests/Todo.Backend.Tests -c Debug -nologo -clp:ErrorsOnly
status=0
dotnet test tests/Todo.Backend.Tests --no-build --nologo --filter "FullyQualifiedName~Chat.Evaluation.ChatEvaluationTests" >/tmp/chat-eval.log 2>&1 || status=$?
out=tests/Todo.Backend.Tests/bin/Debug/net10.0
for part in dev heldout heldout-sharing; do
  echo "== $part =="
  if [ -f "$out/chat-eval-$part.txt" ]; then cat "$out/chat-eval-$part.txt"; echo; else echo "(no report: see /tmp/chat-eval.log)"; fi
done
grep -E "^(Passed|Failed)!" /tmp/chat-eval.log || tail -20 /tmp/chat-eval.log
exit "$status"
