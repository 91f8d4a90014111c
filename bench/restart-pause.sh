#!/usr/bin/env bash
# Measures how long a run stalls after a fault mid-run, and how soon after the restart it is done (issues 12, 31).
# Rounds, each a fresh upload of new people (AI off, Release build, the sweeper's defaults):
#   clean    no fault: how long the run takes from the moment the others are faulted (a third scored) to done;
#   SIGTERM  the host is stopped gracefully (it releases what it holds) and started again;
#   SIGKILL  the host is killed (what it received stays hidden for the listener's 10-minute receive visibility,
#            until the sweeper sends it again) and started again;
#   storage  Azurite is stopped for 10 s (the host keeps running) and started again on the same data.
# Prints a Markdown table: seconds from the restart until the run's counters move again and until it is done.
# Usage: bench/restart-pause.sh [leads] (default 3000). Needs the repo's npm install (Azurite).
set -euo pipefail
cd "$(dirname "$0")/.."
leads=${1:-3000}
work=$(mktemp -d)
ports=(21000 21001 21002) host_port=21071
conn="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:${ports[0]}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:${ports[1]}/devstoreaccount1;TableEndpoint=http://127.0.0.1:${ports[2]}/devstoreaccount1;"
dotnet build -c Release src/LeadScoring.LocalHost -v quiet -nologo >/dev/null
dll=src/LeadScoring.LocalHost/bin/Release/net10.0/LeadScoring.LocalHost.dll

azurite="" host=""
start_azurite() {
  node node_modules/azurite/dist/src/azurite.js --silent --skipApiVersionCheck --disableTelemetry --location "$work/azurite" \
    --blobPort "${ports[0]}" --queuePort "${ports[1]}" --tablePort "${ports[2]}" >>"$work/azurite.log" 2>&1 &
  azurite=$!
  until (exec 3<>"/dev/tcp/127.0.0.1/${ports[2]}") 2>/dev/null; do sleep 0.1; done
}
# Azurite must have exited before its folder goes, or it hangs in its own shutdown; SIGTERM lets it save its data.
stop_azurite() { kill -TERM "$azurite"; wait "$azurite" 2>/dev/null || true; }
trap 'kill $host 2>/dev/null; kill $azurite 2>/dev/null; wait $azurite 2>/dev/null; rm -rf "$work"' EXIT

start_host() {
  AzureWebJobsStorage="$conn" GEMINI_API_KEY="" Gemini__ApiKey="" dotnet "$dll" --urls "http://127.0.0.1:$host_port" >>"$work/host.log" 2>&1 &
  host=$!
  until curl -fs "http://127.0.0.1:$host_port/health" >/dev/null; do sleep 0.2; done
}
api() { curl -fs "http://127.0.0.1:$host_port/$1" "${@:2}"; }
# A status read may fail while storage is away; the caller's loop tries again.
field() { sed -nE "s/.*\"$1\":([0-9a-z]+).*/\1/p"; }
status() { api "score/runs/$1" 2>/dev/null || true; }
now() { date +%s.%N; }

start_azurite
start_host
api offer -H 'Content-Type: application/json' -d '{"name":"Pause","value_props":"analytics","ideal_use_cases":"sales teams"}' >/dev/null
echo "| fault ($leads leads, AI off) | scored at the fault | counters move again after the restart | done after the restart | scored, failed | sent again: leads, fan-out steps |"
echo "| --- | --- | --- | --- | --- | --- |"
for fault in clean SIGTERM SIGKILL storage; do
  # New people each round: a person uploaded before is kept once and not queued again (a run would have nothing to do).
  { echo "name,role,company,industry"; for i in $(seq 1 "$leads"); do echo "Lead $i $fault,Head of Sales,Acme $i,SaaS"; done; } >"$work/leads.csv"
  api leads/upload -F "file=@$work/leads.csv" >/dev/null
  run=$(api score -H 'Content-Type: application/json' -d '{}' | sed -E 's/.*"run_id":"([^"]+)".*/\1/')
  until [ "$(status "$run" | field scored)" -ge $((leads / 3)) ] 2>/dev/null; do sleep 0.2; done
  case $fault in
    SIGTERM | SIGKILL) kill -"${fault#SIG}" "$host"; wait "$host" 2>/dev/null || true; start_host ;;
    storage) stop_azurite; sleep 10; start_azurite ;;
  esac
  restarted=$(now)
  at_fault=$(status "$run" | field scored)
  at_fault=${at_fault:-0}
  until [ "$(status "$run" | field scored)" -gt "$at_fault" ] 2>/dev/null; do sleep 0.1; done
  moving=$(now)
  until [ "$(status "$run" | field done)" = "true" ]; do sleep 0.2; done
  done_at=$(now)
  final=$(status "$run")
  printf '| %s | %s | %.1f s | %.1f s | %s, %s | %s, %s |\n' \
    "$fault" "$at_fault" "$(echo "$moving - $restarted" | bc)" "$(echo "$done_at - $restarted" | bc)" \
    "$(field scored <<<"$final")" "$(field failed <<<"$final")" "$(field leads <<<"$final")" "$(field fan_out_steps <<<"$final")"
done
