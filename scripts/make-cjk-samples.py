#!/usr/bin/env python3
"""Writes small budget-table PDFs whose Chinese font uses a predefined CJK
CMap, non-embedded and without a ToUnicode map: the fonts that
crates/budget-extract/src/cjk decodes.

Usage:
    scripts/make-cjk-samples.py [OUT_DIR]

OUT_DIR defaults to crates/budget-extract/tests/fixtures. Python 3 standard
library only; the output is deterministic (no dates, no ids). Each PDF is
one A4 page: a heading, the title 三、部门支出总表, 单位：万元 and a ruled
five-column table of seven rows whose amounts add up. The files differ only
in the font:

    stsong-ucs2.pdf   STSong-Light (CIDFontType0), /Encoding /UniGB-UCS2-H,
                      widths as reportlab writes them (both /W forms)
    simsun-utf16.pdf  SimSun (CIDFontType2), /Encoding /UniGB-UTF16-H,
                      /W as Acrobat Distiller writes it for SimSun
    stsong-gbk.pdf    STSong-Light, /Encoding /GBK-EUC-H: digits are 1-byte
                      codes, 汉字 2-byte GBK codes

The expected text lines are asserted in crates/budget-extract/tests/cjk.rs.
"""

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_OUT = os.path.join(ROOT, "crates", "budget-extract", "tests", "fixtures")

HEADING = "示例区财政局2024年部门预算"
TITLE = "三、部门支出总表"
UNIT = "单位：万元"
HEADER = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
ROWS = [
    ["", "合计", "1,249.66", "1,007.83", "241.83"],
    ["201", "一般公共服务支出", "1,147.27", "905.44", "241.83"],
    ["20103", "政府办公厅（室）及相关机构事务", "1,147.27", "905.44", "241.83"],
    ["2010301", "行政运行", "905.44", "905.44", "0.00"],
    ["2010350", "事业运行", "241.83", "0.00", "241.83"],
    ["208", "社会保障和就业支出", "102.39", "102.39", "0.00"],
    ["20805", "行政事业单位养老支出", "102.39", "102.39", "0.00"],
]
# Column edges (points) and row height of the ruled table.
COLUMNS = [40, 105, 300, 385, 470, 555]
ROW_HEIGHT = 22
SIZE = 10.5

# STSong-Light's widths for the proportional Latin CIDs 1-95, in the mixed
# form reportlab writes; /W of the Distiller-made SimSun font of real_25.
STSONG_W = (
    "[1 [207 270 342 467 462 797 710 239 374] 10 [374 423 605 238 375 238 334 462] "
    "18 26 462 27 28 238 29 31 605 32 [344 748 684 560 695 739 563 511 729 793 318 312 "
    "666 526 896 758 772 544 772 628 465 607 753 711 972 647 620 607 374 333 374 606 500 "
    "239 417 503 427 529 415 264 444 518 241 230 495 228 793 527 524] 81 [524 504 338 336 "
    "277 517 450 652 466 452 407 370 258 370 605]"
)
SIMSUN_W = "[0 [1000] 1 95 500 99 [500] 668 699 500 7713 7714 500 22354 [500]]"
STSONG_DESCRIPTOR = (
    "<< /Type /FontDescriptor /FontName /STSongStd-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
    "/ItalicAngle 0 /Ascent 752 /Descent -271 /CapHeight 737 /StemV 58 >>"
)
SIMSUN_DESCRIPTOR = (
    "<< /Type /FontDescriptor /FontName /SimSun /Flags 34 /FontBBox [-8 -145 1000 859] "
    "/ItalicAngle 0 /Ascent 859 /Descent -145 /CapHeight 684 /StemV 56 >>"
)

# (file, base font, CIDFont subtype, encoding, /W, descriptor, text codec,
#  width of an ASCII character in 1/1000 em for alignment)
SAMPLES = [
    ("stsong-ucs2.pdf", "STSong-Light", "CIDFontType0", "UniGB-UCS2-H", STSONG_W + "]", STSONG_DESCRIPTOR,
     "utf-16-be", None),
    ("simsun-utf16.pdf", "SimSun", "CIDFontType2", "UniGB-UTF16-H", SIMSUN_W, SIMSUN_DESCRIPTOR,
     "utf-16-be", 500),
    # GBK-EUC-H shows ASCII with the half-width CIDs 814-907.
    ("stsong-gbk.pdf", "STSong-Light", "CIDFontType0", "GBK-EUC-H", STSONG_W + " 814 907 500]",
     STSONG_DESCRIPTOR, "gbk", 500),
]

# Widths of the digits and punctuation used, for right-aligned amounts in
# the STSong-Light UCS-2 sample (its proportional CIDs).
STSONG_ASCII = {",": 238, ".": 238, "0": 462}


def advance(text, ascii_width):
    total = 0.0
    for ch in text:
        if ord(ch) < 0x80:
            total += ascii_width if ascii_width else STSONG_ASCII.get(ch, 462)
        else:
            total += 1000
    return total * SIZE / 1000


def show(text, x, y, size, codec):
    return "BT /F1 %g Tf %.2f %.2f Td <%s> Tj ET\n" % (size, x, y, text.encode(codec).hex().upper())


def content(codec, ascii_width):
    out = [show(HEADING, 40, 780, 14, codec), show(TITLE, 40, 748, 16, codec), show(UNIT, 480, 724, SIZE, codec)]
    top = 716
    table = [HEADER] + ROWS
    bottom = top - ROW_HEIGHT * len(table)
    out.append("0.5 w\n")
    for i in range(len(table) + 1):
        y = top - i * ROW_HEIGHT
        out.append("%d %d m %d %d l S\n" % (COLUMNS[0], y, COLUMNS[-1], y))
    for x in COLUMNS:
        out.append("%d %d m %d %d l S\n" % (x, top, x, bottom))
    for r, row in enumerate(table):
        baseline = top - (r + 1) * ROW_HEIGHT + 7
        for c, cell in enumerate(row):
            if not cell:
                continue
            if r > 0 and c >= 2:
                x = COLUMNS[c + 1] - 4 - advance(cell, ascii_width)
            else:
                x = COLUMNS[c] + 4
            out.append(show(cell, x, baseline, SIZE, codec))
    return "".join(out).encode("ascii")


def pdf(base, subtype, encoding, widths, descriptor, codec, ascii_width):
    stream = content(codec, ascii_width)
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        "/Contents 4 0 R >>",
        None,  # the content stream
        "<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /%s /DescendantFonts [6 0 R] >>" % (base, encoding),
        "<< /Type /Font /Subtype /%s /BaseFont /%s /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) "
        "/Supplement 2 >> /FontDescriptor 7 0 R /DW 1000 /W %s >>" % (subtype, base, widths),
        descriptor,
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        if body is None:
            out += b"%d 0 obj\n<< /Length %d >>\nstream\n" % (n, len(stream)) + stream + b"endstream\nendobj\n"
        else:
            out += b"%d 0 obj\n%s\nendobj\n" % (n, body.encode("ascii"))
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_OUT
    os.makedirs(out_dir, exist_ok=True)
    for name, *font in SAMPLES:
        data = pdf(*font)
        with open(os.path.join(out_dir, name), "wb") as f:
            f.write(data)
        print("%-18s %6d bytes" % (name, len(data)))


if __name__ == "__main__":
    main()
