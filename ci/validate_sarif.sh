#!/usr/bin/env bash
# Validate SARIF files against the official SARIF 2.1.0 JSON schema.
#
#   bash ci/validate_sarif.sh FILE.sarif [FILE.sarif ...]
#   bash ci/validate_sarif.sh --self-test      # broken documents must be rejected
#
# The schema is not committed: it is taken at run time from the npm package
# @microsoft/jest-sarif (which ships the OASIS schema, sarif-2.1.0-rtm.5.json)
# and checked against a pinned SHA-256. Validation runs in Python's
# `jsonschema` (with format checks), installed with pip into a throwaway
# virtual environment. Both are cached under $ANTIVENOM_CI_CACHE (default
# ${TMPDIR:-/tmp}/antivenom-ci) and reused by later runs.
#
# Exit status: 0 all valid, 1 a file is invalid (errors are listed),
# 2 usage or setup error.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${ANTIVENOM_CI_CACHE:-${TMPDIR:-/tmp}/antivenom-ci}"
python="${PYTHON:-python3}"

schema_package="@microsoft/jest-sarif@1.0.0-beta.0"
schema_member="package/lib/schemas/sarif-2.1.0-rtm.5.json"
schema_sha256="2d99159ae54a3eea97f81781cff48780548657c35949f4b7f25e99a2ba4de4f8"
requirement="jsonschema[format-nongpl]==4.25.1"

schema="$cache/sarif-2.1.0-rtm.5.json"
venv="$cache/venv"

die() {
    echo "validate_sarif: $*" >&2
    exit 2
}

if [[ $# -eq 0 || "$1" == "-h" || "$1" == "--help" ]]; then
    sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    [[ $# -eq 0 ]] && exit 2
    exit 0
fi

mkdir -p "$cache" || die "cannot create the cache directory $cache"

# Serialise concurrent set-ups sharing one cache.
if command -v flock >/dev/null 2>&1; then
    exec 9>"$cache/.lock"
    flock 9
fi

sha256_of() {
    if command -v sha256sum >/dev/null 2>&1; then
        sha256sum "$1" | cut -d' ' -f1
    else
        shasum -a 256 "$1" | cut -d' ' -f1
    fi
}

fetch_schema() {
    command -v npm >/dev/null 2>&1 || die "npm is needed to fetch the SARIF schema"
    local work
    work="$(mktemp -d "$cache/schema.XXXXXX")"
    (cd "$work" && npm pack --silent "$schema_package" >/dev/null) ||
        { rm -rf "$work"; die "npm pack $schema_package failed"; }
    tar -xzf "$work"/*.tgz -C "$work" "$schema_member" ||
        { rm -rf "$work"; die "$schema_member not found in $schema_package"; }
    local actual
    actual="$(sha256_of "$work/$schema_member")"
    if [[ "$actual" != "$schema_sha256" ]]; then
        rm -rf "$work"
        die "unexpected schema checksum $actual (expected $schema_sha256)"
    fi
    mv "$work/$schema_member" "$schema"
    rm -rf "$work"
}

if [[ ! -f "$schema" || "$(sha256_of "$schema")" != "$schema_sha256" ]]; then
    fetch_schema
fi

# The marker records what the venv was built with, so a changed pin rebuilds it.
marker="$venv/.antivenom-requirement"
if [[ ! -x "$venv/bin/python" || "$(cat "$marker" 2>/dev/null)" != "$requirement" ]]; then
    rm -rf "$venv"
    "$python" -m venv "$venv" ||
        die "cannot create a virtual environment with $python (on Debian: apt-get install python3-venv)"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$requirement" ||
        die "pip install $requirement failed"
    echo "$requirement" >"$marker"
fi

# Release the set-up lock before validating.
if command -v flock >/dev/null 2>&1; then
    exec 9>&-
fi

exec "$venv/bin/python" "$here/validate_sarif.py" --schema "$schema" "$@"
