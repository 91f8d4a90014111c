#!/usr/bin/env bash
# Measures how long a run stalls when the local host is stopped mid-run and started again (issue 12):
# once with SIGTERM (graceful: the WebJobs listener cancels in-flight invocations and releases their messages)
# and once with SIGKILL (nothing released: the messages it held stay hidden for the listener's receive
# visibility). Prints, per signal, seconds from the restart until the run's counters move again and until the
# run is done. Usage: bench/restart-pause.sh [leads] (default 3000). Needs the repo's npm install (Azurite).
set -euo pipefail
cd "$(dirname "$0")/.."
leads=${1:-3000}
work=$(mktemp -d)
ports=(21000 21001 21002) host_port=21071
conn="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:${ports[0]}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:${ports[1]}/devstoreaccount1;TableEndpoint=http://127.0.0.1:${ports[2]}/devstoreaccount1;"
dotnet build -c Release src/LeadScoring.LocalHost -v quiet -nologo >/dev/null
dll=src/LeadScoring.LocalHost/bin/Release/net10.0/LeadScoring.LocalHost.dll

node node_modules/azurite/dist/src/azurite.js --silent --skipApiVersionCheck --disableTelemetry --location "$work/azurite" \
  --blobPort "${ports[0]}" --queuePort "${ports[1]}" --tablePort "${ports[2]}" &
azurite=$!
host=""
# Azurite must have exited before its folder goes, or it hangs in its own shutdown.
trap 'kill $host 2>/dev/null; kill $azurite 2>/dev/null; wait $azurite 2>/dev/null; rm -rf "$work"' EXIT

start_host() {
  AzureWebJobsStorage="$conn" GEMINI_API_KEY="" Gemini__ApiKey="" dotnet "$dll" --urls "http://127.0.0.1:$host_port" >>"$work/host.log" 2>&1 &
  host=$!
  until curl -fs "http://127.0.0.1:$host_port/health" >/dev/null; do sleep 0.2; done
}
api() { curl -fs "http://127.0.0.1:$host_port/$1" "${@:2}"; }
field() { sed -E "s/.*\"$1\":([0-9a-z]+).*/\1/"; }
now() { date +%s.%N; }

sleep 2
start_host
api offer -H 'Content-Type: application/json' -d '{"name":"Pause","value_props":"analytics","ideal_use_cases":"sales teams"}' >/dev/null
for signal in TERM KILL; do
  # New people each round: a person uploaded before is kept once and not queued again (a run would have nothing to do).
  { echo "name,role,company,industry"; for i in $(seq 1 "$leads"); do echo "Lead $i $signal,Head of Sales,Acme $i,SaaS"; done; } >"$work/leads.csv"
  api leads/upload -F "file=@$work/leads.csv" >/dev/null
  run=$(api score -H 'Content-Type: application/json' -d '{}' | sed -E 's/.*"run_id":"([^"]+)".*/\1/')
  sleep 1
  queued=$(api "score/runs/$run" | field queued)
  [ "$queued" -gt 0 ] || { echo "SIG$signal: the run queued no leads; nothing to measure" >&2; exit 1; }
  until [ "$(api "score/runs/$run" | field scored)" -ge $((leads / 3)) ]; do sleep 0.2; done
  kill -"$signal" "$host"; wait "$host" 2>/dev/null || true
  start_host
  restarted=$(now)
  at_stop=$(api "score/runs/$run" | field scored)
  until [ "$(api "score/runs/$run" | field scored)" -gt "$at_stop" ]; do sleep 0.1; done
  moving=$(now)
  until [ "$(api "score/runs/$run" | field done)" = "true" ]; do sleep 0.5; done
  done_at=$(now)
  final=$(api "score/runs/$run")
  printf 'SIG%s: %s of %s leads scored at the stop; counters moved %.1f s after the restart; run done %.1f s after it (%s scored, %s failed)\n' \
    "$signal" "$at_stop" "$leads" "$(echo "$moving - $restarted" | bc)" "$(echo "$done_at - $restarted" | bc)" \
    "$(field scored <<<"$final")" "$(field failed <<<"$final")"
done
