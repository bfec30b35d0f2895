#!/usr/bin/env bash
# The README's pictures of the seed's workbook, made by the project:
# budget2csv convert --xlsx, LibreOffice prints the workbook to PDF, pdftoppm
# crops a sheet's page into docs/. Needs libreoffice-calc-nogui and
# poppler-utils.
#   scripts/xlsx_picture.sh [target/release/budget2csv]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/budget2csv}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" convert samples/text/wuchang-gov-office-2024.txt --xlsx --jobs 1 --out "$tmp/out" 2>/dev/null
soffice "-env:UserInstallation=file://$tmp/profile" --headless --convert-to pdf --outdir "$tmp" \
  "$tmp/out/wuchang-gov-office-2024/wuchang-gov-office-2024.xlsx" >/dev/null 2>&1
mkdir -p docs
# The page of each sheet: the first page whose first line is the title.
page_of() {
  local pages i
  pages=$(pdfinfo "$tmp/wuchang-gov-office-2024.pdf" | awk '/^Pages:/ {print $2}')
  for i in $(seq 1 "$pages"); do
    if [ "$(pdftotext -f "$i" -l "$i" "$tmp/wuchang-gov-office-2024.pdf" - | head -1)" = "$1" ]; then
      echo "$i"; return
    fi
  done
  echo "no page titled $1" >&2; exit 1
}
shot() {  # title, output name, width and height in pixels at 80 dpi
  local p
  p=$(page_of "$1")
  pdftoppm -r 80 -png -singlefile -f "$p" -l "$p" -x 48 -y 64 -W "$3" -H "$4" \
    "$tmp/wuchang-gov-office-2024.pdf" "docs/$2"
}
shot "一般公共预算支出表(分功能科目)" xlsx-merged-header 790 250
shot "部门支出总表" xlsx-failed-cells 620 350
ls -l docs/xlsx-*.png
