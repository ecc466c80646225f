#!/usr/bin/env bash
# Times vial builds of a generated catalogue where a share of the products
# has a picture (examples/gen_corpus --images P): a cold build (no image
# cache, no output), a warm one (both there, as after any build), and one
# with the cache but a new output folder (a CI job that keeps .vial/cache).
#
#   bench/images.sh N P        N products, P% of them with a picture (e.g. 10000 10)
#
# Environment: RUNS=3 (timed builds of each kind; the median is shown), SEED=42.
set -euo pipefail
export LC_ALL=C

[[ $# -eq 2 && $1 =~ ^[0-9]+$ && $2 =~ ^[0-9]+$ ]] || {
    echo "usage: $0 PRODUCTS PERCENT_WITH_IMAGES   (env: RUNS=3 SEED=42)" >&2
    exit 2
}
N=$1
P=$2
RUNS=${RUNS:-3}
SEED=${SEED:-42}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
[[ -x /usr/bin/time ]] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/vial-images.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cargo build --release --quiet --bin vial --example gen_corpus
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
"$TARGET/release/examples/gen_corpus" --products "$N" --guides $((N / 5)) \
    --seed "$SEED" --images "$P" --out "$WORK/site" >/dev/null
SITE=$WORK/site
VIAL=$TARGET/release/vial

# One timed build: prints "wall_s user_s sys_s max_rss_kb" and vial's summary.
timed() {
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$VIAL" build --root "$SITE" >"$WORK/out"
    echo "$(cat "$WORK/time") | $(tail -1 "$WORK/out")"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

run() {
    local kind=$1 prepare=$2
    : >"$WORK/runs"
    for _ in $(seq "$RUNS"); do
        eval "$prepare"
        timed >>"$WORK/runs"
    done
    local wall user rss
    wall=$(cut -d' ' -f1 "$WORK/runs" | median)
    user=$(awk '{print $2 + $3}' "$WORK/runs" | median)
    rss=$(cut -d' ' -f4 "$WORK/runs" | sort -n | tail -1)
    printf '| %s | %s s | %s s | %d MB |\n' "$kind" "$wall" "$user" $((rss / 1024))
    sed 's/^/    /' "$WORK/runs" >&2
}

images=$(find "$SITE/content/products" -name '*.jpg' | wc -l)
echo "$N products, $images with a 1200 x 900 JPEG picture ($(du -sh "$SITE/content/products" | cut -f1) of content/products)"
echo
echo "| build | wall (median of $RUNS) | CPU, user + sys | peak RSS |"
echo "| --- | ---: | ---: | ---: |"
run "cold: no cache, no output" 'rm -rf "$SITE/.vial" "$SITE/public"'
run "warm: cache and output" ':'
run "cache kept, new output" 'rm -rf "$SITE/public"'
