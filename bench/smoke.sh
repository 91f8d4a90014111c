#!/usr/bin/env bash
# CI smoke of the whole pipeline (issue 5): the benchmark harness's quick form. It starts its own Azurite (non-default
# ports), the Gemini stand-in and the real local host, uploads 1,000 generated leads with the AI off, then runs two
# small AI-mode passes through the stand-in (one within quota, one far over it), and checks that no lead is lost or
# duplicated and every fallback is counted. It measures nothing. Ends with "N passed, N failed"; exits non-zero on failure.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! dotnet build bench/LeadScoring.Bench/LeadScoring.Bench.csproj -v quiet -nologo; then
  echo "bench build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

out=$(mktemp)
dotnet run --no-build --project bench/LeadScoring.Bench -- smoke 2>&1 | tee "$out"
status=${PIPESTATUS[0]}
# A crash before the summary line still has to count as a failure in CI.
grep -qE '^[0-9]+ passed, [0-9]+ failed' "$out" || { echo "0 passed, 1 failed"; status=1; }
rm -f "$out"
exit "$status"
