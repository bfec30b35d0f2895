#!/usr/bin/env bash
# Whole-process benchmark of budget2csv against pdftotext, in one run.
#
#   scripts/bench.sh [BIN] [RUNS]
#
# BIN   the budget2csv binary (default target/release/budget2csv, built
#       with `cargo build --release` first);
# RUNS  hyperfine runs per command (default 10).
#
# Inputs: the 23 PDFs of ../shared/corpus/real with a text layer
# (real_01–real_23; real_24 is scanned and real_25 is a government's
# report, not a department's). real_16 and real_21 have no department
# tables: the converter reads them in full and reports "no budget tables
# found".
#
# Measured, each over all the files, in one hyperfine run:
#   pdftotext -layout FILE -      poppler's layout mode, one process per file
#   pdftotext FILE -              poppler's reading order, one process per file
#   budget2csv convert FILE --out DIR/FILE --jobs 1
#                                 the whole pipeline (PDF → tables → checks →
#                                 CSV and JSON written), one process per file
#   budget2csv convert FOLDER --out DIR --jobs 1 | --jobs 2
#                                 the same files as one batch
# Output folders are emptied before each run, outside the time measured.
#
# Then ROUNDS (default 15) alternating rounds of pdftotext -layout and the
# folder with --jobs 1, back to back, for their ratio round by round.
#
# Reports pages/s (from the median and from the fastest run), the ratio to
# pdftotext -layout, and peak resident set size: GNU time's "Maximum
# resident set size", the largest single process among the one started and
# those it waited for (for budget2csv, its main process and its workers),
# the largest over the files for the one-file commands.
#
# Needs hyperfine, pdftotext and pdfinfo (poppler-utils), GNU time and
# python3: `apt-get install -y hyperfine poppler-utils time`.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/target/release/budget2csv}
runs=${2:-10}
corpus=$root/../shared/corpus/real

for tool in hyperfine pdftotext pdfinfo python3 /usr/bin/time; do
    command -v "$tool" > /dev/null || { echo "bench.sh: $tool is missing (apt-get install -y hyperfine poppler-utils time)" >&2; exit 2; }
done
[ -x "$bin" ] || { echo "bench.sh: $bin not found (cargo build --release)" >&2; exit 2; }
[ -d "$corpus" ] || { echo "bench.sh: $corpus not found" >&2; exit 2; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/in"
pages=0
for i in $(seq -w 1 23); do
    ln -s "$corpus/real_$i.pdf" "$work/in/real_$i.pdf"
    n=$(pdfinfo "$corpus/real_$i.pdf" 2> /dev/null | awk '/^Pages:/ {print $2}')
    pages=$((pages + n))
done
files=$(ls "$work"/in/*.pdf | tr '\n' ' ')

# each.sh KIND BIN OUT FILE...: runs one tool on each file in turn; text is
# discarded, budget2csv writes each file's output into OUT/<name>.
cat > "$work/each.sh" << 'SCRIPT'
#!/usr/bin/env bash
kind=$1 bin=$2 out=$3
shift 3
for f in "$@"; do
    case $kind in
        layout) pdftotext -layout "$f" - 2> /dev/null ;;
        plain) pdftotext "$f" - 2> /dev/null ;;
        convert) "$bin" convert "$f" --out "$out/$(basename "$f" .pdf)" --jobs 1 2> /dev/null || true ;;
    esac > /dev/null
done
SCRIPT
chmod +x "$work/each.sh"

echo "== $(wc -w <<< "$files") PDFs, $pages pages; $runs runs each; $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== budget2csv: $bin ($("$bin" --version 2> /dev/null || echo unknown version))"
echo "== $(pdftotext -v 2>&1 | head -1); $(hyperfine --version)"
names=(
    "pdftotext -layout"
    "pdftotext"
    "budget2csv convert (one process per file)"
    "budget2csv convert FOLDER --jobs 1"
    "budget2csv convert FOLDER --jobs 2"
)
commands=(
    "$work/each.sh layout - - $files"
    "$work/each.sh plain - - $files"
    "$work/each.sh convert $bin $work/out $files"
    "$bin convert $work/in --out $work/batch --jobs 1 > /dev/null 2>&1 || true"
    "$bin convert $work/in --out $work/batch --jobs 2 > /dev/null 2>&1 || true"
)
prepares=(true true "rm -rf $work/out" "rm -rf $work/batch" "rm -rf $work/batch")
hyperfine_args=(--warmup 1 --runs "$runs" --export-json "$work/times.json" --style basic)
for i in "${!commands[@]}"; do
    hyperfine_args+=(--prepare "${prepares[$i]}" -n "${names[$i]}" "${commands[$i]}")
done
hyperfine "${hyperfine_args[@]}" > "$work/hyperfine.log"

# Peak RSS in KB of one command (GNU time).
rss() {
    /usr/bin/time -f %M -o "$work/time.txt" "$@" > /dev/null 2>&1 || true
    tail -1 "$work/time.txt"
}
# The largest over the files of KIND, one process per file.
max_over_files() {
    local max=0 kb f
    for f in $files; do
        rm -rf "$work/rss"
        case $1 in
            layout) kb=$(rss pdftotext -layout "$f" -) ;;
            plain) kb=$(rss pdftotext "$f" -) ;;
            convert) kb=$(rss "$bin" convert "$f" --out "$work/rss" --jobs 1) ;;
        esac
        if [ "${kb:-0}" -gt "$max" ]; then max=$kb; fi
    done
    echo "$max"
}
rss_layout=$(max_over_files layout)
rss_plain=$(max_over_files plain)
rss_convert=$(max_over_files convert)
rm -rf "$work/batch"
rss_jobs1=$(rss "$bin" convert "$work/in" --out "$work/batch" --jobs 1)
rm -rf "$work/batch"
rss_jobs2=$(rss "$bin" convert "$work/in" --out "$work/batch" --jobs 2)

# Alternating rounds: pdftotext -layout over the files, then the folder
# with --jobs 1, back to back, ROUNDS times; the ratio of each round. A
# load that comes and goes on the machine then falls on both alike.
rounds=${ROUNDS:-15}
for _ in $(seq "$rounds"); do
    t0=$(date +%s.%N)
    "$work/each.sh" layout - - $files
    t1=$(date +%s.%N)
    rm -rf "$work/batch"
    t2=$(date +%s.%N)
    "$bin" convert "$work/in" --out "$work/batch" --jobs 1 > /dev/null 2>&1 || true
    t3=$(date +%s.%N)
    echo "$t0 $t1 $t2 $t3"
done > "$work/rounds.txt"

python3 - "$work/times.json" "$pages" "$rss_layout" "$rss_plain" "$rss_convert" "$rss_jobs1" "$rss_jobs2" "$work/rounds.txt" << 'REPORT'
import json, statistics, sys

times, pages = json.load(open(sys.argv[1]))["results"], int(sys.argv[2])
rss = [int(kb) for kb in sys.argv[3:8]]
base = statistics.median(times[0]["times"])
print("| command | median s | fastest s | pages/s (median) | pages/s (fastest) | vs pdftotext -layout (median) | peak RSS MB |")
print("|---|---:|---:|---:|---:|---:|---:|")
for r, kb in zip(times, rss):
    med, fast = statistics.median(r["times"]), min(r["times"])
    print(f"| {r['command']} | {med:.2f} | {fast:.2f} | {pages / med:.0f} | {pages / fast:.0f} | {base / med:.2f}× | {kb / 1024:.0f} |")
one, two = (statistics.median(r["times"]) for r in times[3:5])
print(f"\n--jobs 2 against --jobs 1 on the folder (medians): {one / two:.2f}× as fast")
rounds = [[float(x) for x in line.split()] for line in open(sys.argv[8])]
ratios = [(t1 - t0) / (t3 - t2) for t0, t1, t2, t3 in rounds]
print(f"alternating rounds ({len(rounds)}), folder --jobs 1 against pdftotext -layout: "
      f"median {statistics.median(ratios):.2f}×, from {min(ratios):.2f}× to {max(ratios):.2f}×")
REPORT
