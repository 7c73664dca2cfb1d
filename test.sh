#!/usr/bin/env bash
# Runs every test of the repository: installs what the tests need, builds the solution (warnings are errors),
# runs each test project, and prints one closing line "tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"

# Tools the tests use: the .NET SDK, kubectl (preinstalled on these machines) and Node.js with npm, which installs
# the official Kubernetes JavaScript client that tests drive against the embedded API server. Later issues add apt
# packages here (docker-registry, skopeo) so that a fresh machine gets them.
for tool in dotnet kubectl node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "test.sh: $tool is required (see README.md)" >&2
    exit 1
  fi
done
(cd tests/js-client && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build Orkestra.Sdk.sln --nologo -v quiet -clp:ErrorsOnly

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
# One test project at a time: the suites include timing bounds (no hang, bounded work on hostile input) that
# should not compete with another suite's publishes for the two cores.
for project in tests/*/*.Tests.csproj; do
  dotnet test "$project" --no-build --nologo 2>&1 | tee -a "$log" || status=$?
done

# Sum the per-assembly lines ("Passed!  - Failed: 0, Passed: 93, Skipped: 0, ...") into one closing line.
awk '
  /(Passed|Failed)! +- +Failed:/ {
    gsub(/,/, "");
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") failed += $(i + 1);
      if ($i == "Passed:") passed += $(i + 1);
      if ($i == "Skipped:") skipped += $(i + 1);
    }
  }
  END { printf "tests: %d passed, %d failed, %d skipped\n", passed, failed, skipped }
' "$log"
exit "$status"
