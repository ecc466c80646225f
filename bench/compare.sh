#!/usr/bin/env bash
# Compares full builds of vial and Hugo on the same generated catalogue.
#
#   bench/compare.sh N M        N products, M guides (e.g. 1000 200)
#
# Environment:
#   RUNS=3        timed builds per tool (after one untimed warm-up)
#   SEED=42       corpus seed (examples/gen_corpus.rs)
#   KEEP=1        keep the temporary folder (corpora, outputs, logs)
#   HUGO=hugo     the Hugo binary
#   CARGO_TARGET_DIR  honoured, as cargo does
#
# Builds vial in release, writes the vial site and its Hugo twin with
# `cargo run --release --example gen_corpus`, then for each tool runs one
# warm-up and RUNS builds under /usr/bin/time -v, and prints a markdown
# table: pages written (.html files in the output), median wall time, peak
# RSS (max over the timed runs), and the vial/Hugo ratios.
#
# Runs are sequential on purpose: the tools never compete for the CPU.
set -euo pipefail
export LC_ALL=C

[[ -n ${EPOCHREALTIME:-} ]] || { echo "needs bash 5 or later (EPOCHREALTIME)" >&2; exit 1; }

usage() {
    echo "usage: $0 PRODUCTS GUIDES   (env: RUNS=3 SEED=42 KEEP=1 HUGO=hugo)" >&2
    exit 2
}
[[ $# -eq 2 ]] || usage
N=$1
M=$2
[[ $N =~ ^[0-9]+$ && $M =~ ^[0-9]+$ ]] || usage
RUNS=${RUNS:-3}
SEED=${SEED:-42}
HUGO=${HUGO:-hugo}
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "RUNS must be a positive number" >&2; exit 2; }

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

if ! command -v "$HUGO" >/dev/null 2>&1; then
    cat >&2 <<'EOF'
hugo not found. Install it, e.g. on Debian/Ubuntu:
    sudo apt-get update && sudo apt-get install -y hugo
or download a release from https://github.com/gohugoio/hugo/releases
(or point HUGO=/path/to/hugo at one).
EOF
    exit 1
fi
if [[ ! -x /usr/bin/time ]]; then
    cat >&2 <<'EOF'
/usr/bin/time (GNU time) not found; it measures wall time and peak RSS.
Install it, e.g.: sudo apt-get update && sudo apt-get install -y time
EOF
    exit 1
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/vial-bench.XXXXXX")
cleanup() {
    if [[ -n ${KEEP:-} ]]; then
        echo "kept $WORK" >&2
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT

echo "building vial (release) ..." >&2
cargo build --release --quiet
cargo build --release --quiet --example gen_corpus
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
VIAL="$TARGET/release/vial"

echo "generating $N products, $M guides (seed $SEED) ..." >&2
"$TARGET/release/examples/gen_corpus" --products "$N" --guides "$M" --seed "$SEED" \
    --out "$WORK/vial-site" --hugo "$WORK/hugo-site" >&2

# Runs a command under GNU time and writes "wall_seconds peak_rss_kb" to
# $WORK/<label>.result. Wall time is taken around the command with bash's
# microsecond clock (GNU time only reports hundredths); peak RSS comes from
# GNU time. The command's own output goes to $WORK/<label>.log; a failure
# stops the script.
measure() {
    local label=$1
    shift
    local tfile="$WORK/$label.time" start end
    start=$EPOCHREALTIME
    if ! /usr/bin/time -v -o "$tfile" "$@" >"$WORK/$label.log" 2>&1; then
        echo "$label failed: $*" >&2
        cat "$WORK/$label.log" >&2
        exit 1
    fi
    end=$EPOCHREALTIME
    awk -F': ' -v start="$start" -v end="$end" '
        /Maximum resident set size/ { rss = $2 }
        END { printf "%.3f %d\n", end - start, rss }
    ' "$tfile" >"$WORK/$label.result"
}

# Median of numbers given as arguments.
median() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
        if (NR % 2) printf "%.3f", v[(NR + 1) / 2]
        else printf "%.3f", (v[NR / 2] + v[NR / 2 + 1]) / 2
    }'
}

# bench TOOL OUTDIR CMD...: warm-up, RUNS timed builds; sets RESULT_* vars.
# CMD is a template: the string OUT in it becomes this run's output folder.
# Every run writes a new folder, and they are deleted only at the end: file
# systems (ext4 here) get slow at creating files right after thousands were
# deleted, which would make each run pay for the clean-up of the one before.
bench() {
    local tool=$1 out=$2
    shift 2
    local walls=() peak=0 i wall rss
    echo "$tool: warm-up ..." >&2
    measure "$tool-warmup" $(printf '%s\n' "$@" | sed "s|^OUT$|$out-warmup|")
    for ((i = 1; i <= RUNS; i++)); do
        sync
        measure "$tool-run$i" $(printf '%s\n' "$@" | sed "s|^OUT$|$out-$i|")
        read -r wall rss <"$WORK/$tool-run$i.result"
        echo "$tool: run $i: ${wall}s, $((rss / 1024)) MB" >&2
        walls+=("$wall")
        if ((rss > peak)); then peak=$rss; fi
    done
    # Keep the first run's output as OUTDIR (for counting); drop the rest.
    mv "$out-1" "$out"
    rm -rf "$out"-*
    RESULT_PAGES=$(find "$out" -type f -name '*.html' | wc -l)
    RESULT_WALL=$(median "${walls[@]}")
    RESULT_RSS=$(awk -v k="$peak" 'BEGIN { printf "%.1f", k / 1024 }')
}

bench vial "$WORK/vial-out" "$VIAL" build --root "$WORK/vial-site" --output OUT
V_PAGES=$RESULT_PAGES V_WALL=$RESULT_WALL V_RSS=$RESULT_RSS
grep -E '^built ' "$WORK/vial-run1.log" >&2 || true

bench hugo "$WORK/hugo-out" "$HUGO" --quiet -s "$WORK/hugo-site" -d OUT
H_PAGES=$RESULT_PAGES H_WALL=$RESULT_WALL H_RSS=$RESULT_RSS
# Hugo also writes a redirect page for page 1 of every paginated list.
H_ALIASES=$(grep -rl --include='*.html' 'http-equiv="refresh"' "$WORK/hugo-out" | wc -l || true)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

HUGO_VERSION=$("$HUGO" version 2>/dev/null | awk '{ print $2 }')
VIAL_VERSION=$("$VIAL" --version 2>/dev/null | awk '{ print $2 }')

echo
echo "### vial vs Hugo: $N products, $M guides (seed $SEED), median of $RUNS runs after 1 warm-up"
echo
echo "| tool | pages | median wall s | peak RSS MB |"
echo "|---|---:|---:|---:|"
echo "| vial ${VIAL_VERSION} | $V_PAGES | $V_WALL | $V_RSS |"
echo "| hugo ${HUGO_VERSION} | $H_PAGES | $H_WALL | $H_RSS |"
echo "| **vial/Hugo** | $(ratio "$V_PAGES" "$H_PAGES") | $(ratio "$V_WALL" "$H_WALL") | $(ratio "$V_RSS" "$H_RSS") |"
echo
echo "Hugo pages include $H_ALIASES pagination redirect page(s) (\`page/1/\`) that vial does not write."
echo "Machine: $(nproc) CPU(s), $(uname -sr)."
