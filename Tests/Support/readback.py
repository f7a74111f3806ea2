#!/usr/bin/env python3
"""readback.py: reads report files back with independent parsers, for the end-to-end tests.

  readback.py tables FILE.md   -> JSON list of the Markdown tables as pandoc parses them (GFM):
                                  [{"header": [...], "rows": [[...], ...]}, ...]
  readback.py csv FILE.csv [SEP] -> JSON list of rows as Python's csv module reads them
"""
import csv
import json
import subprocess
import sys


def inline_text(inlines):
    out = []
    for node in inlines:
        kind = node.get("t")
        if kind == "Str":
            out.append(node["c"])
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif kind in ("Emph", "Strong", "Strikeout", "SmallCaps", "Superscript", "Subscript"):
            out.append(inline_text(node["c"]))
        elif kind in ("Link", "Image", "Span", "Quoted"):
            out.append(inline_text(node["c"][1] if kind != "Quoted" else node["c"][1]))
        elif kind == "Code":
            out.append(node["c"][1])
        elif kind == "RawInline":
            out.append(node["c"][1])
    return "".join(out)


def cell_text(cell):
    blocks = cell[4]
    return " ".join(inline_text(b["c"]) for b in blocks if b.get("t") in ("Plain", "Para"))


def rows_of(rows):
    return [[cell_text(c) for c in row[1]] for row in rows]


def tables(path):
    ast = json.loads(subprocess.run(["pandoc", "-f", "gfm", "-t", "json", path],
                                    check=True, capture_output=True).stdout)
    found = []
    for block in ast["blocks"]:
        if block.get("t") != "Table":
            continue
        _, _, _, head, bodies, _ = block["c"]
        header = rows_of(head[1])
        body = []
        for b in bodies:
            body.extend(rows_of(b[3]))
        found.append({"header": header[0] if header else [], "rows": body})
    return found


def csv_rows(path, separator):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return [row for row in csv.reader(f, delimiter=separator)]


if __name__ == "__main__":
    mode, path = sys.argv[1], sys.argv[2]
    if mode == "tables":
        print(json.dumps(tables(path), ensure_ascii=False))
    elif mode == "csv":
        print(json.dumps(csv_rows(path, sys.argv[3] if len(sys.argv) > 3 else ","), ensure_ascii=False))
    else:
        sys.exit("unknown mode " + mode)
