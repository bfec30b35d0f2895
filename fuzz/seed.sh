#!/bin/sh
# Seeds the fuzz corpora from the bundled samples: every page of the sample
# text on its own (small inputs fuzz faster), the sample PDFs, the CJK-font
# test PDFs and the regression inputs of tests/fixtures/fuzz/.
set -eu
cd "$(dirname "$0")"
mkdir -p corpus/text_to_tables corpus/pdf
for f in ../samples/text/*.txt; do
    cp "$f" corpus/text_to_tables/
    # A page starts at a line that begins with a space.
    awk -v out="corpus/text_to_tables/$(basename "$f" .txt)-page" '
        /^ / { n++ } { print > (out sprintf("%03d", n) ".txt") }' "$f"
done
cp ../samples/pdf/*.pdf ../crates/budget-extract/tests/fixtures/*.pdf corpus/pdf/
for dir in ../tests/fixtures/fuzz/text_to_tables ../tests/fixtures/fuzz/pdf; do
    [ -d "$dir" ] && cp "$dir"/* "corpus/$(basename "$dir")/" 2>/dev/null || true
done
echo "seeded: $(ls corpus/text_to_tables | wc -l) text, $(ls corpus/pdf | wc -l) pdf"
