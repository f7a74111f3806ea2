"""pack_oracle.py PACK JSONL: reads a Scriptorium pack (an Arrow IPC file) with pyarrow and with
DuckDB, and compares every document with the same corpus's Scriptorium JSON Lines, field by field.
Prints "pyarrow: N rows agree" and "duckdb: N rows agree"; exits 1 naming the first difference.
Used by PackTests as an independent reader of the format."""
import json
import sys

import duckdb
import pyarrow as pa
import pyarrow.feather as feather


def absent(v):
    return v is None or v == "" or v == [] or v == {}


def clean(v):
    """Absent values dropped, so that a null, an empty string and a missing key compare equal."""
    if isinstance(v, dict):
        return {k: clean(x) for k, x in v.items() if not absent(clean(x))}
    if isinstance(v, list):
        return [clean(x) for x in v]
    return v


def from_json(d):
    """A JSON Lines document under the pack's column names."""
    out = dict(d)
    out["sources"] = out.pop("mergedSources", [])
    record = {}
    for k in list(out):
        if "." in k:
            field, part = k.split(".", 1)
            record.setdefault(field, {})[part] = out.pop(k)
    out.update(record)
    out["authors"] = [{("name" if k == "written" else k): v for k, v in a.items()} for a in out.get("authors", [])]
    refs = []
    for r in out.get("references", []):
        r = {{"selfCitation": "self_citation", "languageNote": "language_note"}.get(k, k): v for k, v in r.items()}
        r["authors"] = [{("name" if k == "written" else k): v for k, v in a.items()} for a in r.get("authors", [])]
        refs.append(r)
    out["references"] = refs
    return clean(out)


def from_pack(row):
    """A pack row as the JSON Lines write it: sections' texts taken from the abstract."""
    out = dict(row)
    abstract = (out.get("abstract") or "").encode("utf-8")
    sections = []
    for s in out.get("sections") or []:
        text = s["text"] or abstract[s["start"]:s["start"] + s["length"]].decode("utf-8")
        sections.append({"label": s["label"], "text": text})
    out["sections"] = sections
    for a in out.get("authors") or []:
        a.pop("key", None)
    # The JSON Lines leave out the affiliations' authors when none is linked.
    if not any(out.get("affiliation_authors") or []):
        out.pop("affiliation_authors", None)
    out = clean(out)
    # A reference's flag is written even when false.
    for r in out.get("references", []):
        r.setdefault("self_citation", False)
    return out


def compare(name, rows, documents):
    if len(rows) != len(documents):
        sys.exit(f"{name}: {len(rows)} rows, the JSON Lines {len(documents)} documents")
    for i, (row, doc) in enumerate(zip(rows, documents)):
        got, want = from_pack(row), from_json(doc)
        for r in want.get("references", []):
            r.setdefault("self_citation", False)
        if got != want:
            keys = sorted(set(got) | set(want))
            diff = [k for k in keys if got.get(k) != want.get(k)]
            k = diff[0]
            sys.exit(f"{name}: row {i} ({doc.get('id')}) differs in '{k}': pack {got.get(k)!r}, JSON Lines {want.get(k)!r}")
    print(f"{name}: {len(rows)} rows agree")


def main():
    pack, jsonl = sys.argv[1], sys.argv[2]
    with open(jsonl, encoding="utf-8") as f:
        lines = f.read().splitlines()
    documents = [json.loads(line) for line in lines[1:]]

    table = pa.ipc.open_file(pack).read_all()
    table.validate(full=True)
    assert feather.read_table(pack).num_rows == table.num_rows
    compare("pyarrow", table.to_pylist(), documents)

    con = duckdb.connect()
    con.register("pack", table)
    count = con.execute("select count(*) from pack").fetchone()[0]
    assert count == len(documents), (count, len(documents))
    titles = con.execute('select id, title, year, len("references") from pack').fetchall()
    for (doc_id, title, year, refs), doc in zip(titles, documents):
        want = (doc.get("id"), doc.get("title") or None, doc.get("year"), len(doc.get("references", [])))
        if (doc_id, title or None, year, refs) != want:
            sys.exit(f"duckdb: {doc_id} reads ({title!r}, {year}, {refs}), the JSON Lines {want}")
    rows = con.execute("select * from pack").to_arrow_table().to_pylist()
    compare("duckdb", rows, documents)


if __name__ == "__main__":
    main()
