#!/usr/bin/env bash
# Benchmark: antivenom vs `ruff check --select S` vs Bandit on the same real Python code.
#
# This is a benchmark, not a test: it prints numbers and never fails on them.
# Run `bench/compare.sh --help` for usage. Everything it downloads or builds lives under one
# cache directory, and a second run reuses the virtual environment and the corpus.
set -euo pipefail

# ---------------------------------------------------------------------------------------------
# Pinned versions. Changing one of them makes the next run rebuild what depends on it.
RUFF_VERSION="0.17.6"
BANDIT_VERSION="1.9.4"
# Large pure-Python packages used as the corpus, as exact pip requirements.
CORPUS_PACKAGES="django==5.2.19 sympy==1.14.0 ansible-core==2.19.14"
# The Python version whose wheels `pip download` selects (keeps the corpus the same on any host).
CORPUS_PYTHON="3.11"
# Directory names that `ruff check` skips by default (its `exclude` setting). The corpus drops
# them so that every tool reads the same files; in practice only the stdlib's `venv` package.
RUFF_DEFAULT_EXCLUDED_DIRS=".bzr .direnv .eggs .git .git-rewrite .hg .ipynb_checkpoints .mypy_cache .nox .pants.d .pyenv .pytest_cache .pytype .ruff_cache .svn .tox .venv .vscode __pypackages__ _build buck-out dist node_modules site-packages venv"
# ---------------------------------------------------------------------------------------------

usage() {
    cat <<EOF
Usage: bench/compare.sh [OPTIONS]

Compare antivenom with Ruff's security rules (ruff check --select S) and with Bandit on the same
corpus of real Python code: pinned wheels of ${CORPUS_PACKAGES// /, }
plus the standard library of the machine's python3, reduced to their .py files.

For each tool it records wall time, user+sys CPU time and peak RSS over several runs, counts the
findings in the tool's JSON output, and prints a table of medians with the ratios
antivenom/ruff (target <= 1.0) and bandit/antivenom.

Options:
  --runs N          timed runs of antivenom and ruff (default: 5)
  --bandit-runs N   timed runs of Bandit, which takes minutes per run (default: 1)
  --skip-bandit     do not run Bandit at all
  --no-warmup       skip the untimed warm-up run of antivenom and ruff
  --select SELECTOR antivenom's rule selection (e.g. ALL for the whole catalogue, audit rules
                    included); default: its default selection
  --ignore RULES    rules antivenom skips (its --ignore)
  --also-without RULES
                    also time antivenom without RULES (a third command, alternated with the
                    others) and print what they add, e.g. the taint rules (see bench/README.md)
  -h, --help        print this help and exit

Environment:
  ANTIVENOM_BENCH_DIR  cache directory (default: \${TMPDIR:-/tmp}/antivenom-bench); holds the
                       virtual environment (venv/), the wheels, the corpus (corpus/) and outputs
  ANTIVENOM_BIN        antivenom binary to benchmark; when unset the script runs
                       'cargo build --release -p antivenom' in the repository and uses that build
  PYTHON               Python interpreter for the venv, the helper and the stdlib (default: python3)

Needs: python3 (with venv and pip), cargo (unless ANTIVENOM_BIN is set), and access to the
Python package index through pip on the first run.
EOF
}

RUNS=5
BANDIT_RUNS=1
SKIP_BANDIT=0
WARMUP=1
SELECT=""
IGNORE=""
WITHOUT=""

die() {
    printf 'compare.sh: error: %s\n' "$*" >&2
    exit 2
}

is_count() {
    case "$1" in
        '' | *[!0-9]*) return 1 ;;
        *) [ "$1" -ge 1 ] ;;
    esac
}

while [ "$#" -gt 0 ]; do
    case "$1" in
        --runs)
            [ "$#" -ge 2 ] || die "--runs needs a value"
            RUNS="$2"
            shift 2
            ;;
        --runs=*)
            RUNS="${1#--runs=}"
            shift
            ;;
        --bandit-runs)
            [ "$#" -ge 2 ] || die "--bandit-runs needs a value"
            BANDIT_RUNS="$2"
            shift 2
            ;;
        --bandit-runs=*)
            BANDIT_RUNS="${1#--bandit-runs=}"
            shift
            ;;
        --skip-bandit)
            SKIP_BANDIT=1
            shift
            ;;
        --select)
            [ "$#" -ge 2 ] || die "--select needs a value"
            SELECT="$2"
            shift 2
            ;;
        --select=*)
            SELECT="${1#--select=}"
            shift
            ;;
        --ignore)
            [ "$#" -ge 2 ] || die "--ignore needs a value"
            IGNORE="$2"
            shift 2
            ;;
        --ignore=*)
            IGNORE="${1#--ignore=}"
            shift
            ;;
        --also-without)
            [ "$#" -ge 2 ] || die "--also-without needs a value"
            WITHOUT="$2"
            shift 2
            ;;
        --also-without=*)
            WITHOUT="${1#--also-without=}"
            shift
            ;;
        --no-warmup)
            WARMUP=0
            shift
            ;;
        -h | --help)
            usage
            exit 0
            ;;
        *)
            die "unknown argument: $1 (see --help)"
            ;;
    esac
done
is_count "$RUNS" || die "--runs must be a positive integer, got '$RUNS'"
is_count "$BANDIT_RUNS" || die "--bandit-runs must be a positive integer, got '$BANDIT_RUNS'"

SCRIPT_DIR="$(cd "$(dirname "$0")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
PYTHON="${PYTHON:-python3}"
command -v "$PYTHON" >/dev/null 2>&1 || die "$PYTHON not found"

CACHE="${ANTIVENOM_BENCH_DIR:-${TMPDIR:-/tmp}/antivenom-bench}"
VENV="$CACHE/venv"
WHEELS="$CACHE/wheels"
CORPUS="$CACHE/corpus"
MARKERS="$CACHE/markers"
OUT="$CACHE/out"
HELPER="$CACHE/helper.py"
mkdir -p "$CACHE" "$WHEELS" "$CORPUS" "$MARKERS" "$OUT"
CACHE="$(cd "$CACHE" && pwd)"
VENV="$CACHE/venv" WHEELS="$CACHE/wheels" CORPUS="$CACHE/corpus" MARKERS="$CACHE/markers"
OUT="$CACHE/out" HELPER="$CACHE/helper.py"

step() {
    printf '\n== %s\n' "$*"
}

# ---------------------------------------------------------------------------------------------
# The Python helper: timing (wait4 gives each child's own CPU time and peak RSS), finding counts,
# corpus preparation and the final table. Rewritten on every run so it always matches the script.
cat >"$HELPER" <<'PYEOF'
"""Helper for bench/compare.sh (generated; edit compare.sh instead)."""
import json
import os
import shutil
import statistics
import sys
import time
import zipfile


def cmd_run(argv):
    """run RESULTS LABEL STDOUT STDERR OK_CODES -- CMD...: time one run, append a JSON record."""
    results, label, stdout, stderr, ok_codes = argv[:5]
    if argv[5] != "--":
        raise SystemExit("helper run: expected --")
    command = argv[6:]
    ok = {int(code) for code in ok_codes.split(",")}
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, stdout, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
        (os.POSIX_SPAWN_OPEN, 2, stderr, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
    ]
    start = time.perf_counter()
    pid = os.posix_spawnp(command[0], command, os.environ, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    record = {
        "label": label,
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        # ru_maxrss is in KiB on Linux (bytes on macOS).
        "rss_mib": usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024),
        "exit": code,
    }
    with open(results, "a", encoding="utf-8") as out:
        out.write(json.dumps(record) + "\n")
    print(f"   {label:<10} wall {wall:8.2f} s   cpu {record['cpu']:8.2f} s   "
          f"rss {record['rss_mib']:8.1f} MiB   exit {code}", flush=True)
    if code not in ok:
        with open(stderr, encoding="utf-8", errors="replace") as err:
            tail = err.read()[-3000:]
        sys.stderr.write(f"{label} exited with {code}; end of its stderr:\n{tail}\n")
        raise SystemExit(1)


def cmd_count(argv):
    """count TOOL JSON_FILE: print 'findings files errors' from one tool's JSON output."""
    tool, path = argv
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    if tool == "antivenom":
        summary = data["summary"]
        findings = summary["findings"]
        files = summary["files_scanned"]
        errors = summary["files_with_errors"]
    elif tool == "ruff":
        # Only S-rule diagnostics are findings; the rest (invalid-syntax) are files Ruff could not parse.
        findings = sum(1 for d in data if str(d.get("code") or "").startswith("S"))
        errors = len({d["filename"] for d in data if not str(d.get("code") or "").startswith("S")})
        files = -1  # counted separately with --show-files
    elif tool == "bandit":
        findings = len(data["results"])
        files = len([name for name in data["metrics"] if name != "_totals"])
        errors = len(data["errors"])
    else:
        raise SystemExit(f"helper count: unknown tool {tool}")
    print(findings, files, errors)


def cmd_unzip(argv):
    """unzip WHEEL DEST: extract a wheel (a zip file) without needing unzip(1)."""
    wheel, dest = argv
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(dest)


def cmd_copy_stdlib(argv):
    """copy-stdlib DEST: copy this interpreter's stdlib without site-packages and __pycache__."""
    import sysconfig

    (dest,) = argv
    source = sysconfig.get_paths()["stdlib"]
    shutil.copytree(source, dest, symlinks=True,
                    ignore=shutil.ignore_patterns("site-packages", "__pycache__"))
    print(source)


def cmd_prune(argv):
    """prune DIR EXCLUDED...: keep only regular .py files; drop excluded dir names, empty dirs."""
    root, excluded = argv[0], set(argv[1:])
    for current, dirs, files in os.walk(root, topdown=True):
        for name in list(dirs):
            path = os.path.join(current, name)
            if name in excluded or os.path.islink(path):
                if os.path.islink(path):
                    os.unlink(path)
                else:
                    shutil.rmtree(path)
                dirs.remove(name)
        for name in files:
            path = os.path.join(current, name)
            if os.path.islink(path) or not name.endswith(".py") or not os.path.isfile(path):
                os.unlink(path)
    for current, dirs, files in os.walk(root, topdown=False):
        if current != root and not os.listdir(current):
            os.rmdir(current)


def cmd_stats(argv):
    """stats CORPUS: print files and bytes per top-level directory and in total."""
    (root,) = argv
    total_files = total_bytes = 0
    for name in sorted(os.listdir(root)):
        files = size = 0
        for current, _, names in os.walk(os.path.join(root, name)):
            for file_name in names:
                if file_name.endswith(".py"):
                    files += 1
                    size += os.path.getsize(os.path.join(current, file_name))
        total_files += files
        total_bytes += size
        print(f"   {name:<14} {files:7d} files {size / 1e6:9.1f} MB")
    print(f"   {'total':<14} {total_files:7d} files {total_bytes / 1e6:9.1f} MB "
          f"({total_bytes} bytes)")


def cmd_table(argv):
    """table RESULTS COUNTS: print the summary table and the ratios."""
    results_path, counts_path = argv
    runs = {}
    with open(results_path, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            runs.setdefault(record["label"], []).append(record)
    counts = {}
    with open(counts_path, encoding="utf-8") as handle:
        for line in handle:
            label, findings, files, errors = line.split()
            counts[label] = (int(findings), int(files), int(errors))
    rows = {}
    header = (f"{'tool':<10} {'runs':>4} {'files':>7} {'errors':>6} {'findings':>9} "
              f"{'median wall s':>13} {'median CPU s':>12} {'peak RSS MiB':>12}")
    print(header)
    print("-" * len(header))
    for label in ("antivenom", "without", "ruff", "bandit"):
        if label not in runs:
            continue
        records = runs[label]
        wall = statistics.median(r["wall"] for r in records)
        cpu = statistics.median(r["cpu"] for r in records)
        rss = max(r["rss_mib"] for r in records)
        findings, files, errors = counts.get(label, (-1, -1, -1))
        rows[label] = (wall, cpu)
        print(f"{label:<10} {len(records):>4} {files:>7} {errors:>6} {findings:>9} "
              f"{wall:>13.3f} {cpu:>12.3f} {rss:>12.1f}")
    print()
    seen = {counts[label][1] for label in rows if label in counts}
    if len(seen) > 1:
        print("WARNING: the tools report different file counts. A tool may count a file it could")
        print("not read or decode as an error rather than as scanned (see the errors column).")
        print()

    def ratio(name, top, bottom, note):
        if top in rows and bottom in rows:
            (top_wall, top_cpu), (bottom_wall, bottom_cpu) = rows[top], rows[bottom]
            print(f"{name:<19} wall {top_wall / bottom_wall:8.2f}x   "
                  f"CPU {top_cpu / bottom_cpu:8.2f}x   {note}")

    ratio("antivenom / ruff", "antivenom", "ruff", "(target: <= 1.00)")
    ratio("bandit / antivenom", "bandit", "antivenom", "(target: >= 100)")
    ratio("antivenom / without", "antivenom", "without", "(what the --also-without rules add)")


COMMANDS = {
    "run": cmd_run,
    "count": cmd_count,
    "unzip": cmd_unzip,
    "copy-stdlib": cmd_copy_stdlib,
    "prune": cmd_prune,
    "stats": cmd_stats,
    "table": cmd_table,
}

if __name__ == "__main__":
    COMMANDS[sys.argv[1]](sys.argv[2:])
PYEOF

helper() {
    "$PYTHON" "$HELPER" "$@"
}

# ---------------------------------------------------------------------------------------------
step "Tools: ruff ${RUFF_VERSION}, bandit ${BANDIT_VERSION} in $VENV"
TOOLS_MARKER="$MARKERS/venv-ruff-${RUFF_VERSION}-bandit-${BANDIT_VERSION}"
if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
    rm -f "$MARKERS"/venv-*
fi
if [ ! -f "$TOOLS_MARKER" ]; then
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
        "ruff==${RUFF_VERSION}" "bandit==${BANDIT_VERSION}"
    rm -f "$MARKERS"/venv-*
    touch "$TOOLS_MARKER"
fi
RUFF="$VENV/bin/ruff"
BANDIT="$VENV/bin/bandit"
"$RUFF" --version
"$BANDIT" --version | head -n 1

# ---------------------------------------------------------------------------------------------
step "Corpus in $CORPUS"
for requirement in $CORPUS_PACKAGES; do
    name="${requirement%%==*}"
    marker="$MARKERS/corpus-${requirement}"
    if [ -f "$marker" ] && [ -d "$CORPUS/$name" ]; then
        continue
    fi
    echo "   fetching $requirement"
    rm -rf "${CORPUS:?}/${name:?}" "${WHEELS:?}/${requirement:?}"
    rm -f "$MARKERS/corpus-${name}=="*
    mkdir -p "$WHEELS/$requirement"
    "$VENV/bin/python" -m pip download --quiet --disable-pip-version-check --no-deps \
        --only-binary=:all: --python-version "$CORPUS_PYTHON" \
        --dest "$WHEELS/$requirement" "$requirement"
    wheel=""
    for candidate in "$WHEELS/$requirement"/*.whl; do
        wheel="$candidate"
    done
    [ -f "$wheel" ] || die "no wheel downloaded for $requirement"
    helper unzip "$wheel" "$CORPUS/$name"
    # shellcheck disable=SC2086 # the list is meant to split into words
    helper prune "$CORPUS/$name" $RUFF_DEFAULT_EXCLUDED_DIRS
    touch "$marker"
done

STDLIB_VERSION="$("$PYTHON" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')"
STDLIB_MARKER="$MARKERS/corpus-stdlib-${STDLIB_VERSION}"
if [ ! -f "$STDLIB_MARKER" ] || [ ! -d "$CORPUS/stdlib" ]; then
    rm -rf "$CORPUS/stdlib"
    rm -f "$MARKERS"/corpus-stdlib-*
    printf '   copying the standard library of Python %s from ' "$STDLIB_VERSION"
    helper copy-stdlib "$CORPUS/stdlib"
    # shellcheck disable=SC2086 # the list is meant to split into words
    helper prune "$CORPUS/stdlib" $RUFF_DEFAULT_EXCLUDED_DIRS
    touch "$STDLIB_MARKER"
fi
# Anything left over from an older layout (a package no longer pinned) goes.
for entry in "$CORPUS"/* "$CORPUS"/.[!.]*; do
    [ -e "$entry" ] || continue
    keep=0
    base="$(basename "$entry")"
    [ "$base" = "stdlib" ] && keep=1
    for requirement in $CORPUS_PACKAGES; do
        [ "$base" = "${requirement%%==*}" ] && keep=1
    done
    if [ "$keep" -eq 0 ]; then
        echo "   removing stale $entry"
        rm -rf "$entry"
    fi
done
echo "   packages: $CORPUS_PACKAGES, stdlib $STDLIB_VERSION (only .py files kept)"
helper stats "$CORPUS"

# ---------------------------------------------------------------------------------------------
if [ -n "${ANTIVENOM_BIN:-}" ]; then
    step "antivenom: using ANTIVENOM_BIN=$ANTIVENOM_BIN"
    AV="$ANTIVENOM_BIN"
else
    step "antivenom: cargo build --release -p antivenom"
    (cd "$REPO_ROOT" && cargo build --release -p antivenom)
    AV="${CARGO_TARGET_DIR:-$REPO_ROOT/target}/release/antivenom"
fi
[ -x "$AV" ] || die "antivenom binary not found or not executable: $AV"
"$AV" --version

# ---------------------------------------------------------------------------------------------
RESULTS="$OUT/results.jsonl"
COUNTS="$OUT/counts.txt"
: >"$RESULTS"
: >"$COUNTS"

AV_SELECT=()
[ -n "$SELECT" ] && AV_SELECT=(--select "$SELECT")
[ -n "$IGNORE" ] && AV_SELECT+=(--ignore "$IGNORE")
run_antivenom() {
    helper run "$1" antivenom /dev/null "$OUT/antivenom.stderr" 0 -- \
        "$AV" check "$CORPUS" "${AV_SELECT[@]}" --format json --output "$OUT/antivenom.json" \
        --exit-zero --no-progress
}
run_without() {
    helper run "$1" without /dev/null "$OUT/without.stderr" 0 -- \
        "$AV" check "$CORPUS" "${AV_SELECT[@]}" --ignore "$WITHOUT" --format json \
        --output "$OUT/without.json" --exit-zero --no-progress
}
run_ruff() {
    helper run "$1" ruff "$OUT/ruff.json" "$OUT/ruff.stderr" 0 -- \
        "$RUFF" check --isolated --select S --no-cache --exit-zero --output-format json "$CORPUS"
}
run_bandit() {
    # Bandit exits with 1 when it reports findings.
    helper run "$1" bandit /dev/null "$OUT/bandit.stderr" 0,1 -- \
        "$BANDIT" -r -q -f json -o "$OUT/bandit.json" "$CORPUS"
}

if [ "$WARMUP" -eq 1 ]; then
    step "Warm-up (untimed): one run each of antivenom and ruff"
    run_antivenom "$OUT/warmup.jsonl"
    [ -n "$WITHOUT" ] && run_without "$OUT/warmup.jsonl"
    run_ruff "$OUT/warmup.jsonl"
fi

step "Timing antivenom and ruff, $RUNS runs each (alternating)"
i=1
while [ "$i" -le "$RUNS" ]; do
    run_antivenom "$RESULTS"
    [ -n "$WITHOUT" ] && run_without "$RESULTS"
    run_ruff "$RESULTS"
    i=$((i + 1))
done
echo "antivenom $(helper count antivenom "$OUT/antivenom.json")" >>"$COUNTS"
[ -n "$WITHOUT" ] && echo "without $(helper count antivenom "$OUT/without.json")" >>"$COUNTS"
# Ruff's JSON lists diagnostics, not files: ask Ruff which files it checks.
ruff_files="$("$RUFF" check --isolated --select S --no-cache --show-files "$CORPUS" | grep -c '\.py$' || true)"
helper count ruff "$OUT/ruff.json" | {
    read -r findings _ errors
    echo "ruff $findings $ruff_files $errors"
} >>"$COUNTS"

if [ "$SKIP_BANDIT" -eq 0 ]; then
    step "Timing bandit, $BANDIT_RUNS run(s) (minutes each)"
    i=1
    while [ "$i" -le "$BANDIT_RUNS" ]; do
        run_bandit "$RESULTS"
        i=$((i + 1))
    done
    echo "bandit $(helper count bandit "$OUT/bandit.json")" >>"$COUNTS"
fi

# ---------------------------------------------------------------------------------------------
step "Results (medians; CPU = user + sys; peak RSS = largest over the runs)"
echo "machine: $(nproc 2>/dev/null || echo '?') cores, $("$PYTHON" -c 'import platform; print(platform.platform())')"
echo "corpus:  $CORPUS ($CORPUS_PACKAGES, stdlib $STDLIB_VERSION)"
echo "tools:   $("$AV" --version), $("$RUFF" --version), bandit $BANDIT_VERSION"
echo
helper table "$RESULTS" "$COUNTS"
echo
echo "Findings are not comparable one to one: each tool has its own rule set and defaults"
echo "(antivenom: ${SELECT:-its default selection}${IGNORE:+ without $IGNORE}; without: the same${WITHOUT:+ without $WITHOUT}; ruff: all stable S rules; bandit: all plugins, all severities)."
echo "Raw outputs: $OUT/{antivenom,ruff,bandit}.json; per-run records: $RESULTS"
