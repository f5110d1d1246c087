#!/bin/sh
# What the GitHub Action (action.yml at the top of this repository) runs, kept in a POSIX script so
# it runs, and is tested, without GitHub. The action hands its inputs over as INPUT_* environment
# variables and never splices them into script text, so a value with spaces, quotes or `$(…)` stays
# one literal argument.
#
# 1. scans for the SARIF file with --fail-on none, so the upload step always has a file to send;
# 2. scans again with --format github: workflow-command annotations on the pull request, and the
#    exit code that is the verdict for fail-on;
# 3. with $GITHUB_STEP_SUMMARY set, scans once more for a Markdown job summary.
# Exits 0 (nothing at or above fail-on), 1 (findings at or above it) or 2 (the scanner could not run
# or an input is wrong), like the CLI itself.
set -u

here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
action_root=$(dirname -- "$(dirname -- "$here")")

fail_on=${INPUT_FAIL_ON:-P1}
sarif_file=${INPUT_SARIF_FILE:-tenant-audit.sarif}
changed_only=${INPUT_CHANGED_ONLY:-false}
step_summary=${INPUT_STEP_SUMMARY:-true}
allow_incomplete=${INPUT_ALLOW_INCOMPLETE:-false}

# A wrong input is one `::error` line and exit 2, before any scan. Values are echoed without line breaks, so an
# input cannot smuggle a workflow command of its own onto a new line.
usage_error() {
  printf '::error title=tenant-audit::%s\n' "$(printf '%s' "$1" | tr '\r\n' '  ')"
  exit 2
}

case $fail_on in
  P0 | P1 | P2 | none) ;;
  *) usage_error "fail-on must be P0, P1, P2 or none, not \"$fail_on\"" ;;
esac
case $changed_only in
  true | false) ;;
  *) usage_error "changed-only must be true or false, not \"$changed_only\"" ;;
esac
case $step_summary in
  true | false) ;;
  *) usage_error "step-summary must be true or false, not \"$step_summary\"" ;;
esac
case $sarif_file in
  '' | *'
'*) usage_error 'sarif-file must be one non-empty file name' ;;
esac

# Which CLI: the `version` input from npm when given; else the project's own devDependency (after
# `npm ci`), so CI runs the version its developers run; else one on PATH; else the release of
# tenant-audit that matches this action's own version, from npm.
if [ -n "${INPUT_VERSION:-}" ]; then
  cli_package="tenant-audit@$INPUT_VERSION"
  cli_path=''
elif [ -x node_modules/.bin/tenant-audit ]; then
  cli_path="$PWD/node_modules/.bin/tenant-audit"
elif command -v tenant-audit >/dev/null 2>&1; then
  cli_path=tenant-audit
else
  own_version=$(node -e 'process.stdout.write(require(process.argv[1]).version)' "$action_root/packages/scanner/package.json") ||
    usage_error 'cannot read the version of this action; set the version input'
  cli_package="tenant-audit@$own_version"
  cli_path=''
fi

tenant_audit() {
  if [ -n "$cli_path" ]; then
    "$cli_path" "$@"
  else
    npx --yes "$cli_package" "$@"
  fi
}

# The arguments every scan shares, as the positional parameters: options first, then `--` and the
# paths, so a path that starts with a dash is still a path.
set -- --no-progress
if [ -n "${INPUT_CONFIG:-}" ]; then set -- "$@" --config "$INPUT_CONFIG"; fi
if [ -n "${INPUT_PROJECT:-}" ]; then set -- "$@" --project "$INPUT_PROJECT"; fi
if [ -n "${INPUT_BASELINE:-}" ]; then set -- "$@" --baseline "$INPUT_BASELINE"; fi
if [ "$changed_only" = true ]; then
  base_ref=${INPUT_BASE_REF:-}
  # On a pull request the base branch is known: compare with it (the checkout needs fetch-depth: 0).
  if [ -z "$base_ref" ] && [ -n "${GITHUB_BASE_REF:-}" ]; then base_ref="origin/$GITHUB_BASE_REF"; fi
  if [ -n "$base_ref" ]; then set -- "$@" "--changed=$base_ref"; else set -- "$@" --changed; fi
fi
set -- "$@" --
# `path` holds one path or glob per line; a line may contain spaces. Globs are the scanner's to
# expand, so the shell's are turned off while splitting.
paths=0
saved_ifs=$IFS
IFS='
'
set -f
for p in ${INPUT_PATH:-.}; do
  set -- "$@" "$p"
  paths=$((paths + 1))
done
set +f
IFS=$saved_ifs
if [ "$paths" -eq 0 ]; then set -- "$@" .; fi

set_output() {
  if [ -n "${GITHUB_OUTPUT:-}" ]; then printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"; fi
}

mkdir -p -- "$(dirname -- "$sarif_file")"
# The SARIF is written even when some files could not be analysed: it names them, and code scanning shows it.
tenant_audit --format sarif --fail-on none --allow-incomplete --output "$sarif_file" "$@"
status=$?
if [ "$status" -ne 0 ]; then
  printf '::error title=tenant-audit::the scanner could not run (exit %s); its message is in the line above\n' "$status"
  exit 2
fi
set_output sarif-file "$sarif_file"

# Without allow-incomplete, a scan that could not analyse some source file exits 2 here (fails closed).
if [ "$allow_incomplete" = true ]; then set -- --allow-incomplete "$@"; fi
tenant_audit --format github --fail-on "$fail_on" "$@"
verdict=$?
if [ "$verdict" -ne 0 ] && [ "$verdict" -ne 1 ]; then
  printf '::error title=tenant-audit::the scan is incomplete or the scanner could not run (exit %s); its message is in the line above\n' "$verdict"
  exit 2
fi

if [ "$step_summary" = true ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  tenant_audit --format markdown --fail-on "$fail_on" "$@" >>"$GITHUB_STEP_SUMMARY"
  status=$?
  # The summary is a courtesy: failing to write it does not change the verdict.
  if [ "$status" -ne 0 ] && [ "$status" -ne 1 ]; then
    printf '::warning title=tenant-audit::could not write the job summary (exit %s)\n' "$status"
  fi
fi

set_output exit-code "$verdict"
if [ "$verdict" -eq 1 ]; then
  printf 'tenant-audit: findings at or above %s (fail-on), so the step fails\n' "$fail_on"
fi
exit "$verdict"
