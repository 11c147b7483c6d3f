#!/usr/bin/env bash
# Drives todo-backend's /mcp with the official MCP Inspector CLI (a second, independent MCP client).
# Usage: scripts/mcp-inspector.sh URL TOKEN     e.g. scripts/mcp-inspector.sh http://127.0.0.1:5280/mcp todo_pat_...
# Exits non-zero with a message when npx cannot fetch the inspector or a call does not answer as expected.
set -euo pipefail

url="${1:?usage: mcp-inspector.sh URL TOKEN}"
token="${2:?usage: mcp-inspector.sh URL TOKEN}"
inspector=(npx -y @modelcontextprotocol/inspector@1.0.3 --cli "$url" --transport http --header "Authorization: Bearer $token")

if ! list="$("${inspector[@]}" --method tools/list 2>&1)"; then
  echo "mcp-inspector: tools/list failed (is npm reachable for npx to download @modelcontextprotocol/inspector@1.0.3?):" >&2
  echo "$list" >&2
  exit 2
fi

for tool in add_task add_tasks list_tasks get_task update_task complete_task reopen_task delete_task set_reminder snooze_reminder; do
  if ! grep -q "\"$tool\"" <<<"$list"; then
    echo "mcp-inspector: tools/list does not name $tool:" >&2
    echo "$list" >&2
    exit 3
  fi
done
echo "tools/list: all 10 tools listed"

if ! call="$("${inspector[@]}" --method tools/call --tool-name add_task --tool-arg "title=Inspector task" --tool-arg "priority=high" 2>&1)"; then
  echo "mcp-inspector: tools/call add_task failed:" >&2
  echo "$call" >&2
  exit 4
fi

if ! grep -q "Inspector task" <<<"$call" || grep -q '"isError": *true' <<<"$call"; then
  echo "mcp-inspector: tools/call add_task did not add the task:" >&2
  echo "$call" >&2
  exit 5
fi
echo "tools/call add_task: added"
