#!/usr/bin/env python3
"""Summarise the checks.csv of a `budget2csv convert` run as Markdown.

    ./target/release/budget2csv convert ../shared/corpus/real --out /tmp/x
    python3 scripts/checks_report.py /tmp/x

Prints a table with one line per converted document (checks made and how
many of each status), the totals, and every failed check. Documents that
failed to convert (documents.csv status `error`) are listed with their
reason. Standard library only.
"""

import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

STATUSES = ["ok", "rounding", "fail", "warning", "unchecked"]


def read(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def main(out_dir):
    out = Path(out_dir)
    checks = read(out / "checks.csv")
    documents = read(out / "documents.csv")
    counts = defaultdict(Counter)
    for c in checks:
        counts[c["source"]][c["status"]] += 1

    print("| document | checks | " + " | ".join(STATUSES) + " |")
    print("|---|---:|" + "---:|" * len(STATUSES))
    total = Counter()
    for d in documents:
        source = d["source"]
        if d["status"] == "error":
            print(f"| {source} | — | {d['error']} |" + " |" * (len(STATUSES) - 1))
            continue
        n = counts[source]
        total.update(n)
        cells = " | ".join(str(n[s]) for s in STATUSES)
        print(f"| {source} | {sum(n.values())} | {cells} |")
    cells = " | ".join(f"**{total[s]}**" for s in STATUSES)
    print(f"| **all** | **{sum(total.values())}** | {cells} |")

    failed = [c for c in checks if c["status"] == "fail"]
    if failed:
        print()
        print("| document | check | table | row | column | expected | printed | page |")
        print("|---|---|---|---|---|---:|---:|---:|")
        for c in failed:
            row = f"{c['row_code']} {c['row_name']}".strip()
            print(
                f"| {c['source']} | {c['check']} | {c['table_key']} | {row} | {c['column']} "
                f"| {c['expected']} | {c['actual']} | {c['page']} |"
            )


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: checks_report.py OUTPUT_DIR")
    main(sys.argv[1])
