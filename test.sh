#!/usr/bin/env bash
# Runs every test of the repository: installs what the tests need, builds the solution (warnings are errors),
# runs each test project, and prints one closing line "tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"

# Tools the tests use. Nothing beyond the .NET SDK yet; later issues add apt packages here
# (docker-registry, skopeo) so that a fresh machine gets them.
if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET SDK (dotnet) is required; see global.json for the version" >&2
  exit 1
fi

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
