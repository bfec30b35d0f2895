#!/usr/bin/env python3
"""Summarise the tables of a `budget2csv convert` run as Markdown.

    ./target/release/budget2csv convert ../shared/corpus/real --out /tmp/x
    python3 scripts/tables_report.py /tmp/x

One line per document: the issuer, year and kind, then every table found
(`no key pages rows×columns`) and how many of the document's sum checks hold
(ok + rounding) out of those made (unchecked and warnings left out).
Documents that failed to convert are listed with their reason. Standard
library only.
"""

import csv
import json
import sys
from collections import Counter
from pathlib import Path


def read(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def pages(ps):
    if not ps:
        return "–"
    return f"p{ps[0]}" if len(ps) == 1 else f"p{ps[0]}–{ps[-1]}"


def main(out_dir):
    out = Path(out_dir)
    documents = read(out / "documents.csv")
    checks = Counter()
    for c in read(out / "checks.csv"):
        checks[(c["source"], c["status"])] += 1
    folders = {}
    for f in out.iterdir():
        doc = f / "document.json"
        if doc.exists():
            folders[json.loads(doc.read_text(encoding="utf-8"))["source"]] = doc
    print("| document | issuer, year | tables (no. key pages rows×columns) | sums hold |")
    print("|---|---|---|---|")
    for d in documents:
        src = d["source"]
        if d["status"] == "error":
            print(f"| {src} | | error: {d['error']} | |")
            continue
        doc = json.loads(folders[src].read_text(encoding="utf-8"))
        tables = "; ".join(
            f"{t['no'] or '–'} `{t['key']}` {pages(t['pages'])} {len(t['rows'])}×{len(t['columns'])}"
            for t in doc["tables"]
        )
        held = checks[(src, "ok")] + checks[(src, "rounding")]
        made = held + checks[(src, "fail")]
        fails = checks[(src, "fail")]
        sums = f"{held}/{made}" + (f" ({fails} fail)" if fails else "")
        print(f"| {src} | {d['department']}, {d['year']} {d['kind']} | {tables} | {sums} |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "out")
