#!/usr/bin/env python3
"""Builds the compact CJK CMap tables embedded in budget-extract.

Usage:
    scripts/gen-cjk-cmaps.py [CMAP_DIR] [OUT_DIR]

CMAP_DIR is a copy of Adobe's cmap-resources laid out as
<collection>/<cmap name>: Debian's poppler-data installs one at
/usr/share/poppler/cMap (the default; `apt-get install poppler-data`).
OUT_DIR defaults to crates/budget-extract/data/cmap.

Only Adobe's CMap files are read (BSD-3-Clause, see LICENSE-Adobe in
OUT_DIR); poppler-data's cidToUnicode tables are GPL and are not used: the
CID -> Unicode table of a collection comes from Adobe's own
<collection>-UCS2 CMap.

Two kinds of table are written, both in one format (".bcm"):

- a predefined CMap (UniGB-UTF16-H, GBK-EUC-H, ...): its codespace ranges and
  its code -> CID mappings (`usecmap` resolved; notdef ranges left out);
- a collection (Adobe-GB1, Adobe-CNS1): CID -> Unicode scalar, from
  <collection>-UCS2. A UTF-16 surrogate pair becomes its scalar; the few
  entries that are a character followed by a variation selector keep the
  character alone; U+FFFD (what CID 0 maps to) is left out.

Format (all integers unsigned LEB128 varints unless said otherwise):

    magic     4 bytes  b"BCM1"
    n         varint   number of codespace ranges
    n times:  width    1 byte (bytes per code), then lo, hi as varints
              (lo and hi are the range's first and last code read as
              big-endian numbers; each byte of a code must lie between
              the bytes of lo and hi at the same position)
    m         varint   number of runs
    m times:  gap      varint   first source code minus the end of the
                                previous run (0 for the first run)
              len-1    varint   the run maps len consecutive codes
              delta    zigzag varint   first target minus the end of the
                                previous run's targets
    A run maps source codes c .. c+len-1 to targets t .. t+len-1; runs are
    sorted by source code and do not overlap.

The script is deterministic: the same input gives byte-identical output.
"""

import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_IN = "/usr/share/poppler/cMap"
DEFAULT_OUT = os.path.join(ROOT, "crates", "budget-extract", "data", "cmap")

# The CMaps shipped: (collection, name). Aliases (-V to -H, UCS2 to UTF16,
# GBKp-EUC-H to GBK2K-H) are resolved in crates/budget-extract/src/cjk/cmap.rs.
CMAPS = [
    ("Adobe-GB1", "UniGB-UTF16-H"),
    ("Adobe-GB1", "GB-EUC-H"),
    ("Adobe-GB1", "GBpc-EUC-H"),
    ("Adobe-GB1", "GBK-EUC-H"),
    ("Adobe-GB1", "GBK2K-H"),
    ("Adobe-CNS1", "UniCNS-UTF16-H"),
    ("Adobe-CNS1", "B5-H"),
    ("Adobe-CNS1", "B5pc-H"),
    ("Adobe-CNS1", "ETen-B5-H"),
    ("Adobe-CNS1", "ETenms-B5-H"),
    ("Adobe-CNS1", "HKscs-B5-H"),
]
COLLECTIONS = ["Adobe-GB1", "Adobe-CNS1"]

HEX = r"<([0-9a-fA-F]+)>"


def body(path):
    """The CMap's text without its comment lines."""
    with open(path, encoding="latin-1") as f:
        return "\n".join(l for l in f.read().splitlines() if not l.startswith("%"))


def blocks(text, name):
    return re.findall(r"begin%s(.*?)end%s" % (name, name), text, re.S)


def read_cmap(cmap_dir, collection, name):
    """(codespace, {code: cid}) of a CMap, `usecmap` resolved."""
    text = body(os.path.join(cmap_dir, collection, name))
    codespace, mapping = [], {}
    for used in re.findall(r"/(\S+)\s+usecmap", text):
        codespace, mapping = read_cmap(cmap_dir, collection, used)
    own = []
    for blk in blocks(text, "codespacerange"):
        for lo, hi in re.findall(HEX + r"\s*" + HEX, blk):
            assert len(lo) == len(hi), (name, lo, hi)
            own.append((len(lo) // 2, int(lo, 16), int(hi, 16)))
    if own:
        codespace = own
    for blk in blocks(text, "cidrange"):
        for lo, hi, cid in re.findall(HEX + r"\s*" + HEX + r"\s*(\d+)", blk):
            first = int(lo, 16)
            for code in range(first, int(hi, 16) + 1):
                mapping[code] = int(cid) + code - first
    for blk in blocks(text, "cidchar"):
        for code, cid in re.findall(HEX + r"\s*(\d+)", blk):
            mapping[int(code, 16)] = int(cid)
    return codespace, mapping


def utf16_scalar(hexstr):
    """The first Unicode scalar of a UTF-16BE hex string."""
    units = [int(hexstr[i : i + 4], 16) for i in range(0, len(hexstr), 4)]
    if 0xD800 <= units[0] < 0xDC00:
        return 0x10000 + ((units[0] - 0xD800) << 10) + (units[1] - 0xDC00)
    return units[0]


def read_collection(cmap_dir, collection):
    """{cid: scalar} from Adobe's <collection>-UCS2 CMap."""
    text = body(os.path.join(cmap_dir, collection, collection + "-UCS2"))
    mapping = {}
    for blk in blocks(text, "bfrange"):
        assert "[" not in blk, "array form of bfrange is not expected here"
        for lo, hi, dst in re.findall(HEX + r"\s*" + HEX + r"\s*" + HEX, blk):
            first, start = int(lo, 16), utf16_scalar(dst)
            for cid in range(first, int(hi, 16) + 1):
                mapping[cid] = start + cid - first
    for blk in blocks(text, "bfchar"):
        for cid, dst in re.findall(HEX + r"\s*" + HEX, blk):
            mapping[int(cid, 16)] = utf16_scalar(dst)
    return {cid: u for cid, u in mapping.items() if u != 0xFFFD}


def varint(n):
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def zigzag(n):
    return n << 1 if n >= 0 else ((-n) << 1) - 1


def encode(codespace, mapping):
    out = bytearray(b"BCM1")
    out += varint(len(codespace))
    for width, lo, hi in codespace:
        out.append(width)
        out += varint(lo) + varint(hi)
    runs = []
    for src in sorted(mapping):
        dst = mapping[src]
        if runs and runs[-1][0] + runs[-1][2] == src and runs[-1][1] + runs[-1][2] == dst:
            runs[-1][2] += 1
        else:
            runs.append([src, dst, 1])
    out += varint(len(runs))
    src_end = dst_end = 0
    for src, dst, n in runs:
        out += varint(src - src_end) + varint(n - 1) + varint(zigzag(dst - dst_end))
        src_end, dst_end = src + n, dst + n
    return bytes(out)


def write(out_dir, name, data):
    with open(os.path.join(out_dir, name + ".bcm"), "wb") as f:
        f.write(data)
    print("%-20s %7d bytes" % (name + ".bcm", len(data)))


def main():
    cmap_dir = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_IN
    out_dir = sys.argv[2] if len(sys.argv) > 2 else DEFAULT_OUT
    os.makedirs(out_dir, exist_ok=True)
    for collection, name in CMAPS:
        write(out_dir, name, encode(*read_cmap(cmap_dir, collection, name)))
    for collection in COLLECTIONS:
        write(out_dir, collection, encode([], read_collection(cmap_dir, collection)))


if __name__ == "__main__":
    main()
