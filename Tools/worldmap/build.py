#!/usr/bin/env python3
"""Writes Sources/Reports/WorldOutlines.swift: the outline of every country, projected and ready
to draw as SVG paths, for the world map (choropleth) chart.

The outlines are Natural Earth's 1:110m admin-0 countries (https://www.naturalearthdata.com),
which are in the public domain, as carried by the geopandas 0.14 wheel on PyPI in
geopandas/datasets/naturalearth_lowres/ (a shapefile). Get and unpack it with:

    python3 -m venv /tmp/wm && /tmp/wm/bin/pip download --no-deps -d /tmp/wmdl "geopandas<1"
    cd /tmp/wmdl && unzip -o geopandas-*.whl 'geopandas/datasets/naturalearth_lowres/*'
    python3 Tools/worldmap/build.py /tmp/wmdl/geopandas/datasets/naturalearth_lowres \
        [/usr/share/iso-codes/json/iso_3166-1.json]

Each feature gets its ISO 3166-1 alpha-2 code from its iso_a3 through Debian's iso-codes
(`apt-get install iso-codes`); when iso_a3 is not a code there ("-99" and Natural Earth's own
codes), a fixed table below or the feature's name decides, and every such decision is printed.
Antarctica is left out. Coordinates are projected with Equal Earth (Šavrič, Patterson and Jenny
2018) centred on 0°, scaled to a width of 1000 with y downward, and rounded to one decimal; nothing
else is simplified. Each ring becomes an "M...Z" subpath (holes stay separate rings, so the paths
are meant to be filled with fill-rule="evenodd").

Standard library only (the .shp and .dbf are read here); the output is deterministic.
"""
import json
import math
import os
import struct
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Sources/Reports/WorldOutlines.swift")
WIDTH = 1000.0

# Features whose iso_a3 is not an ISO 3166-1 code, by Natural Earth name: (code, why).
SPECIAL = {
    "Kosovo": ("XK", "user-assigned code XK, the one in wide use (not in ISO 3166-1)"),
    "Somaliland": ("SO", "not an ISO 3166-1 country: folded into Somalia (SO)"),
    "N. Cyprus": ("CY", "not an ISO 3166-1 country: folded into Cyprus (CY)"),
}
DROP = {"Antarctica": "left out: its outline dominates the map"}

# Equal Earth (Šavrič, Patterson, Jenny 2018), on the unit sphere.
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2


def equal_earth(lon, lat):
    """Projected (x, y) of a longitude and latitude in degrees, y upward."""
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


X_MAX = equal_earth(180, 0)[0]
Y_MAX = equal_earth(0, 90)[1]
SCALE = WIDTH / (2 * X_MAX)
HEIGHT = round(2 * Y_MAX * SCALE, 1)


def read_shp(path):
    """The rings (lists of (lon, lat)) of each polygon record of an ESRI shapefile."""
    data = open(path, "rb").read()
    shapes, pos = [], 100
    while pos + 8 <= len(data):
        _, words = struct.unpack(">ii", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + 2 * words]
        pos += 8 + 2 * words
        kind = struct.unpack("<i", body[:4])[0]
        if kind == 0:
            shapes.append([])
            continue
        if kind not in (5, 15, 25):
            raise SystemExit("%s: shape type %d is not a polygon" % (path, kind))
        parts, points = struct.unpack("<ii", body[36:44])
        starts = list(struct.unpack("<%di" % parts, body[44:44 + 4 * parts])) + [points]
        xy = struct.unpack("<%dd" % (2 * points), body[44 + 4 * parts:44 + 4 * parts + 16 * points])
        shapes.append([[(xy[2 * i], xy[2 * i + 1]) for i in range(starts[p], starts[p + 1])]
                       for p in range(parts)])
    return shapes


def read_dbf(path, encoding):
    """The records of a dBASE file as dicts of stripped text keyed by lower-case field name."""
    data = open(path, "rb").read()
    count, header, size = struct.unpack("<IHH", data[4:12])
    fields, pos = [], 32
    while data[pos] != 0x0D:
        name = data[pos:pos + 11].split(b"\0")[0].decode("ascii").lower()
        fields.append((name, data[pos + 16]))
        pos += 32
    records = []
    for i in range(count):
        row = data[header + i * size:header + (i + 1) * size]
        record, at = {}, 1
        for name, length in fields:
            record[name] = row[at:at + length].decode(encoding).strip()
            at += length
        if row[:1] != b"*":
            records.append(record)
    return records


def fold(text):
    """A name without accents, case or punctuation, for matching."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def fmt(tenths):
    """An integer count of tenths as the shortest decimal text."""
    sign = "-" if tenths < 0 else ""
    whole, frac = divmod(abs(tenths), 10)
    return sign + str(whole) + ("." + str(frac) if frac else "")


def pair(a, b, letter):
    """The text of a coordinate pair after a command letter (letter true) or after a number."""
    first, second = fmt(a), fmt(b)
    sep1 = "" if letter or first.startswith("-") else " "
    sep2 = "" if second.startswith("-") else " "
    return sep1 + first + sep2 + second


def ring_path(ring):
    """The "M...Z" subpath of a ring, or None when it collapses below three points."""
    points = []
    for lon, lat in ring:
        x, y = equal_earth(lon, lat)
        p = (math.floor((x + X_MAX) * SCALE * 10 + 0.5), math.floor((Y_MAX - y) * SCALE * 10 + 0.5))
        if not points or points[-1] != p:
            points.append(p)
    while len(points) > 1 and points[-1] == points[0]:
        points.pop()
    if len(set(points)) < 3:
        return None
    # Shortest mix of absolute (L, also implied after M) and relative (l) pairs: a two-state search.
    best = {"L": "M" + pair(points[0][0], points[0][1], True), "l": None}
    for (px, py), (x, y) in zip(points, points[1:]):
        new = {}
        for mode, a, b in (("L", x, y), ("l", x - px, y - py)):
            options = []
            for previous, text in best.items():
                if text is None:
                    continue
                if previous == mode:
                    options.append(text + pair(a, b, False))
                else:
                    options.append(text + mode + pair(a, b, True))
            new[mode] = min(options, key=lambda s: (len(s), s))
        best = new
    return min((t for t in best.values() if t is not None), key=lambda s: (len(s), s)) + "Z"


def main(argv):
    if len(argv) < 2:
        raise SystemExit("usage: build.py NATURALEARTH_LOWRES_FOLDER [iso_3166-1.json]")
    folder = argv[1]
    iso_path = argv[2] if len(argv) > 2 else "/usr/share/iso-codes/json/iso_3166-1.json"
    base = os.path.join(folder, os.path.basename(os.path.normpath(folder)))
    encoding = "utf-8"
    if os.path.exists(base + ".cpg"):
        encoding = open(base + ".cpg").read().strip() or encoding
    shapes = read_shp(base + ".shp")
    records = read_dbf(base + ".dbf", encoding)
    if len(shapes) != len(records):
        raise SystemExit("%d shapes but %d records" % (len(shapes), len(records)))

    iso = json.load(open(iso_path, encoding="utf-8"))["3166-1"]
    by_alpha3 = {c["alpha_3"]: c["alpha_2"] for c in iso}
    by_name = {}
    for c in iso:
        for key in ("name", "common_name", "official_name"):
            if key in c:
                by_name.setdefault(fold(c[key]), c["alpha_2"])
                by_name.setdefault(fold(c[key].split(",")[0]), c["alpha_2"])

    rings, sources = {}, {}
    for record, shape in sorted(zip(records, shapes), key=lambda rs: rs[0]["name"]):
        name, a3 = record["name"], record["iso_a3"]
        if name in DROP:
            print("%s (%s): %s" % (name, a3, DROP[name]))
            continue
        if name in SPECIAL:
            code, why = SPECIAL[name]
            print("%s (%s) -> %s: %s" % (name, a3, code, why))
        elif a3 in by_alpha3:
            code = by_alpha3[a3]
        elif fold(name) in by_name:
            code = by_name[fold(name)]
            print("%s (%s) -> %s: by name" % (name, a3, code))
        else:
            raise SystemExit("%s (%s): no ISO 3166-1 code; add it to SPECIAL or DROP" % (name, a3))
        sources.setdefault(code, []).append(name)
        for ring in shape:
            path = ring_path(ring)
            if path is None:
                print("%s: a ring of %d points collapses when rounded; dropped" % (name, len(ring)))
            else:
                rings.setdefault(code, []).append(path)
    for code, names in sorted(sources.items()):
        if len(names) > 1:
            print("%s is drawn from %s" % (code, ", ".join(names)))

    with open(OUT, "w", encoding="utf-8") as f:
        f.write("// WorldOutlines.swift: country outlines for the world map chart. Generated by\n")
        f.write("// Tools/worldmap/build.py from Natural Earth 1:110m admin-0 countries (public domain);\n")
        f.write("// do not edit, regenerate.\n\n")
        f.write("/// Country outlines for the world map chart, projected and ready to draw.\n")
        f.write("enum WorldOutlines {\n")
        f.write("    /// The drawing's width and height in SVG user units.\n")
        f.write("    static let width: Double = %g\n" % WIDTH)
        f.write("    static let height: Double = %g\n" % HEIGHT)
        f.write("    /// ISO 3166-1 alpha-2 code and SVG path data (absolute/relative commands, integer or\n")
        f.write("    /// one-decimal coordinates), sorted by code. Equal Earth projection centred on 0°, y\n")
        f.write("    /// downward; each ring is an M...Z subpath and holes are rings of their own: fill with\n")
        f.write("    /// fill-rule=\"evenodd\". Antarctica is left out.\n")
        f.write("    static let countries: [(code: String, path: String)] = [\n")
        for code in sorted(rings):
            f.write("        (\"%s\", \"%s\"),\n" % (code, "".join(rings[code])))
        f.write("    ]\n}\n")
    print("%d countries, %d rings, width %g, height %g -> %s (%d bytes)" % (
        len(rings), sum(len(r) for r in rings.values()), WIDTH, HEIGHT,
        os.path.relpath(OUT, ROOT), os.path.getsize(OUT)))


if __name__ == "__main__":
    main(sys.argv)
