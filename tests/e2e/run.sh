#!/usr/bin/env bash
# The dashboard's browser test, end to end: installs what it needs (Debian's Chromium, npm packages), starts
# Azurite on free ports with a fresh data folder and the local host against it (no Gemini key, so scoring takes
# the rule fallback), runs tests/e2e/*.test.mjs in headless Chromium, stops everything, and ends with
# "N passed, N failed". Exits non-zero on any failure. Used by .ci/run; runnable by hand from anywhere.
set -uo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "e2e: $*" >&2
  for log in "$work"/*.log; do [ -f "$log" ] && { echo "--- tail of $(basename "$log")"; tail -n 40 "$log"; }; done
  echo "0 passed, 1 failed"
  exit 1
}

# Ports from the kernel, so a developer's own host on 7071 or Azurite on 10000-10002 does not clash.
free_ports() {
  node -e '
    const net = require("net");
    const servers = Array.from({ length: Number(process.argv[1]) }, () => net.createServer());
    Promise.all(servers.map((s) => new Promise((r) => s.listen(0, "127.0.0.1", () => r(s.address().port)))))
      .then((ports) => { console.log(ports.join(" ")); servers.forEach((s) => s.close()); });' "$1"
}

wait_for() { # wait_for SECONDS PID COMMAND...
  local deadline=$((SECONDS + $1)) pid=$2
  shift 2
  until "$@" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || return 1
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.5
  done
}

echo "=== e2e: prerequisites"
if [ ! -x /usr/bin/chromium ]; then
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || fail "could not install chromium"
fi
[ -f node_modules/azurite/dist/src/azurite.js ] || npm ci --no-audit --no-fund --loglevel=error || fail "npm ci (Azurite) failed"
(cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error) || fail "npm ci (tests/e2e) failed"
# Builds the Functions project too, and with it the dashboard (its MSBuild target runs the npm build).
dotnet build src/LeadScoring.LocalHost/LeadScoring.LocalHost.csproj -nologo -v:q -clp:ErrorsOnly || fail "dotnet build failed"
host_dll=src/LeadScoring.LocalHost/bin/Debug/net10.0/LeadScoring.LocalHost.dll
[ -f "$host_dll" ] || fail "$host_dll is missing"

read -r blob_port queue_port table_port host_port <<<"$(free_ports 4)"

echo "=== e2e: Azurite on 127.0.0.1:$blob_port/$queue_port/$table_port (data in a fresh folder)"
node node_modules/azurite/dist/src/azurite.js --silent --location "$work/azurite" --disableTelemetry --skipApiVersionCheck \
  --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
  --blobPort "$blob_port" --queuePort "$queue_port" --tablePort "$table_port" >"$work/azurite.log" 2>&1 &
pids+=($!)
wait_for 30 "${pids[-1]}" bash -c "exec 3<>/dev/tcp/127.0.0.1/$table_port" || fail "Azurite did not start"

echo "=== e2e: local host on http://127.0.0.1:$host_port"
account="AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
export AzureWebJobsStorage="DefaultEndpointsProtocol=http;$account;BlobEndpoint=http://127.0.0.1:$blob_port/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue_port/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table_port/devstoreaccount1;"
# Empty AI settings (overriding any local.settings.json): the test expects the rule fallback's scores.
export GEMINI_API_KEY="" Gemini__ApiKey=""
# Files of more than 3 accepted rows import in the background, so a small file shows that path too.
export Upload__InlineMaxRows=3
# The outcomes test's 60 leads are enough to train on, at once: the model card shows its decision in the browser.
export Learning__MinLabelled=40 Learning__MinPerOutcome=10 Learning__TrainingDelay=00:00:01
dotnet "$host_dll" --urls "http://127.0.0.1:$host_port" >"$work/host.log" 2>&1 &
host_pid=$!
pids+=("$host_pid")
wait_for 90 "$host_pid" curl -fsS "http://127.0.0.1:$host_port/health" || fail "the local host did not answer /health"
unset AzureWebJobsStorage

echo "=== e2e: browser tests"
(cd tests/e2e && BASE_URL="http://127.0.0.1:$host_port" node --test --test-concurrency=1 --test-reporter=spec ./*.test.mjs) 2>&1 | tee "$work/tests.out"
status=${PIPESTATUS[0]}
passed=$(sed -nE 's/^ℹ pass ([0-9]+)$/\1/p' "$work/tests.out" | tail -n 1)
failed=$(sed -nE 's/^ℹ fail ([0-9]+)$/\1/p' "$work/tests.out" | tail -n 1)
passed=${passed:-0}
failed=${failed:-0}
if ! kill -0 "$host_pid" 2>/dev/null; then
  echo "e2e: the local host exited during the tests (see host.log below)"
  status=1
fi
if [ "$status" -ne 0 ]; then
  [ "$failed" -gt 0 ] || failed=1
  echo "--- tail of host.log"
  tail -n 60 "$work/host.log"
fi
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
