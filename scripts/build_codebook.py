#!/usr/bin/env python3
"""Builds the code book of crates/budget-check/data/codebook.tsv.

The code book lists, for the 功能分类 (类 `201`, 款 `20103`, 项 `2010301`),
the 部门经济分类 (`301`, `30101`) and the 政府经济分类 (`501`, `50101`), every
name the corpora print for a code, with the number of distinct issuers
(departments) that print it. The check `code_name` (budget-check, module
codebook) reads it.

Input: conversions made with the current binary, one folder per corpus:

    B=target/release/budget2csv
    for c in seeds corpus/real corpus/national corpus/dev; do
        $B convert ../shared/$c --out /tmp/cb/$(basename $c) --jobs 2
    done
    python3 scripts/build_codebook.py /tmp/cb/seeds /tmp/cb/real /tmp/cb/national /tmp/cb/dev

With `--holdout` first, it writes nothing and reports, for each issuer, the
code_name failures its documents would get from a book built without them
(how the check fares on documents the corpora do not hold).

Each document's `document.json` is read (not cells.csv alone: the class of a
table follows from its printed label columns, and a row's second pair of
政府经济分类 is kept there, neither of which cells.csv carries).

Which class a table uses mirrors `scheme_of` in codebook.rs: label columns
naming 经济 → economic, naming 功能 → function, naming 单位/部门 codes → unit
codes (not a classification), else by the table key. An economic code is
部门 (3…) or 政府 (5…) by its first digit.

A name is accepted for a code unless a misread is likely:
- it was read only from rows that a failing check touches;
- it is a proper prefix of a name of the same code printed by more issuers
  (a wrapped name whose tail was lost: `机关事业单位职业年金缴费支`);
- it holds digits or Latin letters, or is a total (`合计`).
Names that vary only in writing (see `key` below, mirrored by `name_key` in
codebook.rs) count as one; the most printed spelling is written.
"""

import collections
import glob
import json
import os
import re
import sys

OUT = os.path.join(os.path.dirname(__file__), "..", "crates", "budget-check", "data", "codebook.tsv")

FUNCTION_KEYS = {
    "expense_summary",
    "general_budget_expense_by_function",
    "fiscal_expense_by_function",
    "government_fund_expense",
    "state_capital_expense",
    "income_summary",
}
ECONOMIC_KEYS = {
    "general_budget_basic_expense_by_economic",
    "fiscal_basic_expense_by_economic",
    "general_budget_expense_by_economic",
    "office_operating_expense",
    "project_expense",
}


def spelled(name):
    """A name with its writing made uniform: half-width brackets and letters,
    no spaces or quotes, 费用 and 缴费 as 费 (the first part of `name_key` in
    codebook.rs)."""
    out = []
    for ch in name:
        o = ord(ch)
        if 0xFF01 <= o <= 0xFF5E:
            ch = chr(o - 0xFEE0)
        if ch in "【[":
            ch = "("
        if ch in "】]":
            ch = ")"
        if ch.isspace() or ch in "“”\"'‘’":
            continue
        out.append(ch)
    return "".join(out).replace("费用", "费").replace("缴费", "费")


def key(name):
    """The writing-independent form of a name (mirrors `name_key` in
    codebook.rs): spelled uniformly, without a trailing (类)/(款)/(项) or 支出."""
    s = spelled(name)
    for tail in ("(类)", "(款)", "(项)"):
        if s.endswith(tail):
            s = s[: -len(tail)]
    if s.endswith("支出") and len(s) > 2:
        s = s[:-2]
    return s


def scheme_of(table):
    """`F` (功能), `E` (经济) or None (unit codes, or no classification)."""
    labels = "|".join(table.get("label_columns") or [])
    if "经济" in labels:
        return "E"
    if "功能" in labels:
        return "F"
    if "单位" in labels or "部门" in labels:
        return None
    if table["key"] in FUNCTION_KEYS:
        return "F"
    if table["key"] in ECONOMIC_KEYS:
        return "E"
    return None


def class_of(scheme, code):
    """`功能`, `部门经济` or `政府经济` for a code in a table of `scheme`."""
    if not code or not code.isdigit():
        return None
    if scheme == "F" and code[0] == "2" and len(code) in (3, 5, 7):
        return "功能"
    if scheme == "E" and len(code) in (3, 5):
        return {"3": "部门经济", "5": "政府经济"}.get(code[0])
    return None


def pairs(table):
    """Every (code, name) pair of a table's rows, the second pair too."""
    for row in table["rows"]:
        yield row.get("code"), row.get("name", ""), row
        if row.get("second_code"):
            yield row["second_code"], row.get("second_name", ""), row


def failing_rows(doc):
    """(table_key, code) of rows a failing check touches."""
    return {(c["table_key"], c["row_code"]) for c in doc.get("checks", []) if c["status"] == "fail"}


def collect(dirs):
    """(class, code) -> name key -> {spellings Counter, issuers set, clean issuers set}."""
    book = collections.defaultdict(lambda: collections.defaultdict(
        lambda: {"spellings": collections.Counter(), "issuers": set(), "clean": set()}))
    for d in dirs:
        for path in sorted(glob.glob(os.path.join(d, "*", "document.json"))):
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
            issuer = (doc.get("department") or "").strip() or doc.get("source", path)
            failing = failing_rows(doc)
            for table in doc.get("tables", []):
                scheme = scheme_of(table)
                for code, name, _ in pairs(table):
                    cls = class_of(scheme, code)
                    name = (name or "").strip()
                    if not cls or not name:
                        continue
                    entry = book[(cls, code)][key(name)]
                    entry["spellings"][name] += 1
                    entry["issuers"].add(issuer)
                    if (table["key"], code) not in failing:
                        entry["clean"].add(issuer)
    return book


def rejected(k, entry, names):
    """Why a name is not accepted, or None. A truncation is judged on the
    spelled names, before the trailing 支出 is dropped (`…缴费支` is a cut
    `…缴费支出`)."""
    if not entry["clean"]:
        return "only on rows of failing checks"
    if re.search(r"[0-9A-Za-z]", k) or k.endswith("合计") or k.endswith("总计"):
        return "digits, letters or a total"
    mine = spelled(entry["spellings"].most_common(1)[0][0])
    for other, e in names.items():
        longer = spelled(e["spellings"].most_common(1)[0][0])
        if other != k and longer != mine and longer.startswith(mine) and len(e["issuers"]) > len(entry["issuers"]):
            return f"prefix of {longer}"
    return None


def accepted(book):
    """(class, code) -> {name key: issuers} of the accepted names."""
    out = {}
    for cc, names in book.items():
        out[cc] = {k: len(e["issuers"]) for k, e in names.items() if not rejected(k, e, names)}
    return out


def same_name(known, printed):
    """Mirrors `same_name` in codebook.rs."""
    return printed != "" and (known == printed or known.startswith(printed) or printed.startswith(known))


def flags(accepted_names, doc):
    """The code_name failures of `doc` against a book (mirrors code_name.rs)."""
    strong = collections.defaultdict(set)
    for (cls, code), names in accepted_names.items():
        for k, n in names.items():
            if n >= 2:
                strong[(cls, k)].add(code)
    out = []
    for table in doc.get("tables", []):
        scheme = scheme_of(table)
        for second in (False, True):
            seq = []
            for row in table["rows"]:
                code = row.get("second_code") if second else row.get("code")
                name = row.get("second_name") if second else row.get("name")
                cls = class_of(scheme, code)
                if cls and name is not None:
                    seq.append((cls, code, name))
            for i, (cls, code, name) in enumerate(seq):
                own = accepted_names.get((cls, code))
                k = key(name)
                if not own or any(same_name(o, k) for o in own):
                    continue
                others = {c for c in strong.get((cls, k), ()) if c != code and len(c) == len(code)}
                beside = [seq[j] for j in (i - 1, i + 1) if 0 <= j < len(seq) and seq[j][0] == cls]
                if any(b[1] in others or b[1] == code for b in beside):
                    out.append(f"{doc['source']}\t{table['key']}\t{code}\t{name}\t{sorted(others)}")
    return out


def holdout(dirs):
    """For each issuer, the code_name failures its documents would get from
    a book built without them: how the check would fare on documents the
    corpora do not hold."""
    docs = []
    for d in dirs:
        for path in sorted(glob.glob(os.path.join(d, "*", "document.json"))):
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
            docs.append(((doc.get("department") or "").strip() or doc.get("source", path), doc))
    full = collect(dirs)
    total = 0
    for issuer in sorted({i for i, _ in docs}):
        book = collections.defaultdict(dict)
        for cc, names in full.items():
            for k, e in names.items():
                if e["issuers"] - {issuer}:
                    book[cc][k] = {"spellings": e["spellings"], "issuers": e["issuers"] - {issuer},
                                   "clean": e["clean"] - {issuer}}
        names = accepted(book)
        for i, doc in docs:
            if i == issuer:
                found = flags(names, doc)
                total += len(found)
                print("\n".join(found)) if found else None
    print(f"held out {len(docs)} documents: {total} code_name failures")


def main(dirs):
    if dirs and dirs[0] == "--holdout":
        return holdout(dirs[1:])
    book = collect(dirs)
    lines, dropped = [], []
    order = {"功能": 0, "部门经济": 1, "政府经济": 2}
    for (cls, code), names in sorted(book.items(), key=lambda kv: (order[kv[0][0]], kv[0][1])):
        ranked = sorted(names.items(), key=lambda kv: (-len(kv[1]["issuers"]), kv[0]))
        for k, entry in ranked:
            spelling = entry["spellings"].most_common(1)[0][0]
            why = rejected(k, entry, names)
            if why:
                dropped.append(f"{cls}\t{code}\t{spelling}\t{len(entry['issuers'])}\t{why}")
            else:
                lines.append(f"{cls}\t{code}\t{spelling}\t{len(entry['issuers'])}")
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# class\tcode\tname\tissuers (built by scripts/build_codebook.py; do not edit by hand)\n")
        f.write("\n".join(lines) + "\n")
    print(f"{len(lines)} names of {len(book)} codes written to {os.path.normpath(OUT)}; {len(dropped)} dropped:")
    print("\n".join(dropped))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
