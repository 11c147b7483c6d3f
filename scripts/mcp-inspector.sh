#!/usr/bin/env bash
# Drives todo-backend's /mcp with the official MCP Inspector CLI (a second, independent MCP client): lists the tools,
# then calls every tool with timed tasks present (due date and time, reminders, a repeat rule). The Inspector validates
# each result's structuredContent against the tool's outputSchema and fails the call (-32602) when it does not match.
# Finally three wrong calls must come back as tool errors naming the argument.
# Usage: scripts/mcp-inspector.sh URL TOKEN     e.g. scripts/mcp-inspector.sh http://127.0.0.1:5280/mcp todo_pat_...
# MCP_INSPECTOR_VERBOSE=1 prints every Inspector output. Exits non-zero with a message when npx cannot fetch the
# inspector or a call does not answer as expected. The calls change the token owner's list: use a test account.
set -euo pipefail

url="${1:?usage: mcp-inspector.sh URL TOKEN}"
token="${2:?usage: mcp-inspector.sh URL TOKEN}"
inspector=(npx -y @modelcontextprotocol/inspector@1.0.3 --cli "$url" --transport http --header "Authorization: Bearer $token")
verbose="${MCP_INSPECTOR_VERBOSE:-0}"

if ! list="$("${inspector[@]}" --method tools/list 2>&1)"; then
  echo "mcp-inspector: tools/list failed (is npm reachable for npx to download @modelcontextprotocol/inspector@1.0.3?):" >&2
  echo "$list" >&2
  exit 2
fi

tools=(add_task add_tasks list_tasks get_task update_task complete_task reopen_task delete_task set_reminder snooze_reminder move_task assign_task)
for tool in "${tools[@]}"; do
  if ! grep -q "\"$tool\"" <<<"$list"; then
    echo "mcp-inspector: tools/list does not name $tool:" >&2
    echo "$list" >&2
    exit 3
  fi
done
echo "tools/list: all ${#tools[@]} tools listed"

called=()
out=""
# call TOOL KEY=VALUE...: must succeed (the Inspector has validated structuredContent against outputSchema).
call() {
  local tool="$1" args=()
  shift
  for pair in "$@"; do args+=(--tool-arg "$pair"); done
  if ! out="$("${inspector[@]}" --method tools/call --tool-name "$tool" "${args[@]}" 2>&1)" || grep -q '"isError": *true' <<<"$out"; then
    echo "mcp-inspector: tools/call $tool $* failed:" >&2
    echo "$out" >&2
    exit 4
  fi
  [[ "$verbose" == 1 ]] && echo "$out"
  called+=("$tool")
  echo "tools/call $tool: ok (structuredContent matches outputSchema)"
}

# refused TOOL TEXT KEY=VALUE...: must be a tool error (isError) whose message contains TEXT.
refused() {
  local tool="$1" text="$2" args=()
  shift 2
  for pair in "$@"; do args+=(--tool-arg "$pair"); done
  out="$("${inspector[@]}" --method tools/call --tool-name "$tool" "${args[@]}" 2>&1 || true)"
  if ! grep -q '"isError": *true' <<<"$out" || ! grep -qF -- "$text" <<<"$out"; then
    echo "mcp-inspector: tools/call $tool $* should be a tool error containing '$text':" >&2
    echo "$out" >&2
    exit 5
  fi
  [[ "$verbose" == 1 ]] && echo "$out"
  echo "tools/call $tool $*: refused, names the argument"
}

task_id() { grep -oE '"id": *"[0-9a-f]{32}"' <<<"$out" | head -1 | grep -oE '[0-9a-f]{32}'; }

day="$(date -u -d '+3 days' +%F)"
call add_task "title=Inspector task" priority=high "dueDate=$day" dueTime=09:30 remindMinutesBefore=30 \
  'recurrence={"frequency":"weekly","days":["monday"]}'
if ! grep -q '"time": *"09:30:00"' <<<"$out"; then
  echo "mcp-inspector: add_task did not return the due time 09:30:00:" >&2
  echo "$out" >&2
  exit 6
fi
first="$(task_id)"
call add_task "title=Inspector call" "dueDate=$day" dueTime=17:00 "remindAt=${day}T16:30"
second="$(task_id)"
call add_tasks "tasks=[{\"title\":\"Inspector standup\",\"dueDate\":\"$day\",\"dueTime\":\"10:15\",\"remindMinutesBefore\":5},{\"title\":\"Inspector bad\",\"dueDate\":\"someday\"}]"
call list_tasks limit=2
call get_task "id=$first"
call update_task "id=$first" dueTime=08:45 "notes=bring the card"
call set_reminder "id=$first" minutesBefore=10
call set_reminder "id=$second" "at=${day}T15:00:00Z"
# A snooze never brings a reminder forward (that one is days ahead): snooze one that is about to come.
refused snooze_reminder "has not come yet" "id=$second" minutes=15
call set_reminder "id=$second" "at=$(date -u -d '+2 minutes' +%FT%TZ)"
call snooze_reminder "id=$second" minutes=15
call move_task "id=$second" first=true
call assign_task "id=$second" assignee=me
call complete_task "id=$first"
call list_tasks status=all sort=due
call reopen_task "id=$first"
call set_reminder "id=$second" clear=true
call delete_task "id=$second"

for tool in "${tools[@]}"; do
  if [[ " ${called[*]} " != *" $tool "* ]]; then
    echo "mcp-inspector: $tool was never called" >&2
    exit 7
  fi
done

refused get_task "'id' must be a string" id=true
refused snooze_reminder "'minutes' must be a whole number" "id=$first" minutes=daily
refused list_tasks "'limit' must be a whole number" limit=1e308
echo "mcp-inspector: all ${#tools[@]} tools called with timed tasks present; wrong arguments named"
