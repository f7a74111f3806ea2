#!/usr/bin/env python3
"""Pick real author-affiliation addresses from the shared bibliographic exports for hand-labelling.

Reads every address-bearing field of the shared corpora (../shared/corpora beside the repository):

    wos-c1    Web of Science plain text, C1 lines (the leading "[Author; Author]" bracket removed)
    wos-rp    Web of Science plain text, RP field split per address ("Name (reprint author), " removed)
    scopus    Scopus CSV: "Affiliations" split at "; ", and the address (plus its "; email: ...")
              of each person in "Correspondence Address"
    bibtex    Scopus BibTeX: the same from `affiliation` and `correspondence_address1`
    ris       RIS `AD` tags (the shared RIS export has none; kept so a future file is read)
    pubmed    PubMed XML <AffiliationInfo><Affiliation> (also the gzipped 2020 baseline file)
    medline   MEDLINE/nbib `AD  -` lines, continuation lines joined with one space
    jats      JATS <aff> text content without its <label>
    crossref  Crossref works: author affiliation `name`

deduplicates them (case and spacing ignored, a final full stop ignored; the first source in the
order above keeps a text), and draws a stratified, deterministic sample (fixed seed): first up to a
quota of each hard case (US state + ZIP, "Peoples R China", England/Scotland/Wales/Northern
Ireland, Korea, Russia, Czech Republic, Taiwan, Hong Kong, e-mail addresses, no country named,
non-ASCII letters), then round-robin over the country the address seems to end with, so that
many countries appear, then at random. Writes Tools/addresses/candidates.jsonl (id, source,
text). The labels themselves were written by hand into Tests/CorpusTests/Addresses/labelled.jsonl.

    python3 Tools/addresses/build.py                 # write candidates.jsonl
    python3 Tools/addresses/build.py --check         # check labelled.jsonl, print the summary
    python3 Tools/addresses/build.py --check --readme-counts   # also print the README count tables

Python 3 standard library only.
"""

import argparse
import collections
import csv
import glob
import gzip
import hashlib
import html
import json
import os
import random
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_CORPORA = os.path.join(os.path.dirname(REPO), "shared", "corpora")
CANDIDATES = os.path.join(HERE, "candidates.jsonl")
LABELLED = os.path.join(REPO, "Tests", "CorpusTests", "Addresses", "labelled.jsonl")

SEED = 20240611
SOURCES = ["wos-c1", "wos-rp", "scopus", "bibtex", "ris", "pubmed", "medline", "jats", "crossref"]

# How many to draw from each source (None: all of them).
QUOTA = {
    "wos-c1": 205, "wos-rp": 45,
    "scopus": 75, "bibtex": 45, "ris": 10,
    "pubmed": 100, "medline": 35,
    "jats": None,
    "crossref": 32,
}

# ---------------------------------------------------------------------------------------------
# Reading the exports


def clean(s):
    return re.sub(r"\s+", " ", s).strip()


def read_wos(corpora):
    out = []
    for path in sorted(glob.glob(os.path.join(corpora, "wos", "**", "*.txt"), recursive=True)):
        tag = None
        with open(path, encoding="utf-8-sig", errors="replace") as f:
            for line in f:
                line = line.rstrip("\n").rstrip("\r")
                if re.match(r"^[A-Z][A-Z0-9] ", line) or line in ("ER", "EF"):
                    tag, value = line[:2], line[3:]
                elif line.startswith("   "):
                    value = line[3:]
                else:
                    tag, value = None, ""
                if tag == "C1":
                    text = re.sub(r"^\[[^\]]*\]\s*", "", value.strip())
                    if text:
                        out.append(("wos-c1", clean(text), path))
                elif tag == "RP":
                    # "Name (reprint author), address.; Name (reprint author), address."
                    # (several people may share one address: "Ho, CL; Wong, WY (reprint author), ...")
                    parts = re.split(r"(?<=\.);\s*(?=(?:[^;,()]+,[^;,()]+;\s*)*[^;,()]+,[^;()]*"
                                     r"\((?:reprint|corresponding) author\))", value.strip())
                    for part in parts:
                        m = re.match(r"^(?:[^;()]+;\s*)*[^;()]*\((?:reprint|corresponding) author\),\s*(.*)$", part)
                        if m and m.group(1).strip():
                            out.append(("wos-rp", clean(m.group(1)), path))
    return out


def split_correspondence(value):
    """Scopus "Correspondence Address": "Name; address; email: x; Name; address; email: y"."""
    out = []
    parts = [p.strip() for p in value.split(";")]
    i = 0
    while i < len(parts):
        # parts[i] is the person's name
        if i + 1 < len(parts) and not parts[i + 1].lower().startswith("email:"):
            addr = parts[i + 1]
            i += 2
            if i < len(parts) and parts[i].lower().startswith("email:"):
                addr = addr + "; " + parts[i]
                i += 1
            if len(addr) > 8 and "," in addr:
                out.append(addr)
        else:
            i += 1
    return out


def read_scopus(corpora):
    out = []
    for path in sorted(glob.glob(os.path.join(corpora, "scopus", "*.csv"))):
        with open(path, encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f):
                for a in (row.get("Affiliations") or "").split("; "):
                    if clean(a):
                        out.append(("scopus", clean(a), path))
                for a in split_correspondence(row.get("Correspondence Address") or ""):
                    out.append(("scopus", clean(a), path))
    return out


def bibtex_fields(text, name):
    """Values of `name={...}` fields (brace-balanced)."""
    for m in re.finditer(r"(?im)^\s*" + name + r"\s*=\s*\{", text):
        i, depth, start = m.end(), 1, m.end()
        while i < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        yield text[start:i - 1]


def read_bibtex(corpora):
    out = []
    for path in sorted(glob.glob(os.path.join(corpora, "bibtex", "*.bib"))):
        text = open(path, encoding="utf-8", errors="replace").read()
        for field in ("affiliations", "affiliation"):
            for v in bibtex_fields(text, field):
                for a in v.split("; "):
                    if clean(a):
                        out.append(("bibtex", clean(a), path))
        for v in bibtex_fields(text, r"correspondence_address\d*"):
            for a in split_correspondence(v):
                out.append(("bibtex", clean(a), path))
    return out


def read_ris(corpora):
    out = []
    for path in sorted(glob.glob(os.path.join(corpora, "ris", "*.ris"))):
        for line in open(path, encoding="utf-8-sig", errors="replace"):
            m = re.match(r"^AD  - (.*)$", line.rstrip("\r\n"))
            if m:
                for a in m.group(1).split("; "):
                    if clean(a):
                        out.append(("ris", clean(a), path))
    return out


def several_addresses(text):
    """A PubMed affiliation that holds more than one address (joined by ';')."""
    parts = [p for p in re.split(r"\s*;\s*", text) if p.strip()]
    return sum(1 for p in parts if len(p.split()) >= 4) > 1


def read_pubmed(corpora):
    out = []
    paths = sorted(glob.glob(os.path.join(corpora, "pubmed", "**", "*.xml"), recursive=True))
    paths += sorted(glob.glob(os.path.join(corpora, "pubmed", "**", "*.xml.gz"), recursive=True))
    for path in paths:
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rb") as f:
            for _, el in ET.iterparse(f):
                if el.tag == "Affiliation":
                    text = clean("".join(el.itertext()))
                    if text and not several_addresses(text):
                        out.append(("pubmed", text, path))
                elif el.tag == "PubmedArticle":
                    el.clear()
    return out


def read_medline(corpora):
    out = []
    paths = sorted(p for p in glob.glob(os.path.join(corpora, "medline", "**", "*"), recursive=True)
                   if os.path.isfile(p))
    for path in paths:
        current = None
        for line in open(path, encoding="utf-8-sig", errors="replace"):
            line = line.rstrip("\r\n")
            if current is not None and line.startswith("      "):
                current += " " + line.strip()
                continue
            if current is not None:
                out.append(("medline", clean(current), path))
                current = None
            if line.startswith("AD  - "):
                current = line[6:]
        if current is not None:
            out.append(("medline", clean(current), path))
    return [x for x in out if x[1] and not several_addresses(x[1])]


def read_jats(corpora):
    out = []
    for path in sorted(glob.glob(os.path.join(corpora, "jats", "**", "*.nxml"), recursive=True)):
        root = ET.parse(path).getroot()
        for aff in root.iter("aff"):
            parts = []

            def walk(el):
                if el.tag != "label" and el.text:
                    parts.append(el.text)
                for child in el:
                    if child.tag != "label":
                        walk(child)
                    if child.tail:
                        parts.append(child.tail)
            walk(aff)
            text = clean("".join(parts))
            if text:
                out.append(("jats", text, path))
    return out


def read_crossref(corpora):
    out = []
    for path in sorted(glob.glob(os.path.join(corpora, "crossref", "*.json"))):
        data = json.load(open(path, encoding="utf-8"))
        items = data.get("message", {}).get("items", []) if isinstance(data, dict) else data
        for it in items:
            for a in it.get("author", []) or []:
                for af in a.get("affiliation", []) or []:
                    name = (af.get("name") or "").strip()
                    if name:
                        out.append(("crossref", name, path))
    return out


# ---------------------------------------------------------------------------------------------
# Sampling

# Country names as addresses end with them, for stratifying only (the labels are by hand).
COUNTRY_WORDS = [
    ("Peoples R China", "CN"), ("People's Republic of China", "CN"), ("P.R. China", "CN"), ("PR China", "CN"),
    ("P. R. China", "CN"), ("China", "CN"), ("Taiwan", "TW"), ("Hong Kong", "HK"), ("Macau", "MO"),
    ("USA", "US"), ("U.S.A.", "US"), ("United States of America", "US"), ("United States", "US"),
    ("England", "GB"), ("Scotland", "GB"), ("Wales", "GB"), ("North Ireland", "GB"), ("Northern Ireland", "GB"),
    ("United Kingdom", "GB"), ("UK", "GB"), ("U.K.", "GB"),
    ("South Korea", "KR"), ("Republic of Korea", "KR"), ("Korea", "KR"), ("North Korea", "KP"),
    ("Japan", "JP"), ("Germany", "DE"), ("France", "FR"), ("Italy", "IT"), ("Spain", "ES"), ("Portugal", "PT"),
    ("Netherlands", "NL"), ("The Netherlands", "NL"), ("Belgium", "BE"), ("Switzerland", "CH"), ("Austria", "AT"),
    ("Sweden", "SE"), ("Norway", "NO"), ("Denmark", "DK"), ("Finland", "FI"), ("Iceland", "IS"), ("Ireland", "IE"),
    ("Poland", "PL"), ("Czech Republic", "CZ"), ("Czechia", "CZ"), ("Slovakia", "SK"), ("Hungary", "HU"),
    ("Romania", "RO"), ("Bulgaria", "BG"), ("Greece", "GR"), ("Turkey", "TR"), ("Türkiye", "TR"), ("Russia", "RU"),
    ("Russian Federation", "RU"), ("USSR", "SU"), ("Ukraine", "UA"), ("Belarus", "BY"), ("Israel", "IL"),
    ("Iran", "IR"), ("Iraq", "IQ"), ("Saudi Arabia", "SA"), ("United Arab Emirates", "AE"), ("Qatar", "QA"),
    ("Jordan", "JO"), ("Egypt", "EG"), ("India", "IN"), ("Pakistan", "PK"), ("Bangladesh", "BD"),
    ("Singapore", "SG"), ("Malaysia", "MY"), ("Thailand", "TH"), ("Vietnam", "VN"), ("Viet Nam", "VN"),
    ("Indonesia", "ID"), ("Philippines", "PH"), ("Australia", "AU"), ("New Zealand", "NZ"), ("Canada", "CA"),
    ("Mexico", "MX"), ("México", "MX"), ("Brazil", "BR"), ("Argentina", "AR"), ("Chile", "CL"), ("Colombia", "CO"),
    ("Peru", "PE"), ("South Africa", "ZA"), ("Nigeria", "NG"), ("Kenya", "KE"), ("Mozambique", "MZ"),
    ("Slovenia", "SI"), ("Croatia", "HR"), ("Serbia", "RS"), ("Lithuania", "LT"), ("Latvia", "LV"), ("Estonia", "EE"),
    ("Luxembourg", "LU"), ("Tunisia", "TN"), ("Algeria", "DZ"), ("Morocco", "MA"), ("Bahrain", "BH"), ("Kuwait", "KW"),
    ("Oman", "OM"), ("Lebanon", "LB"), ("Cyprus", "CY"), ("Malta", "MT"), ("Sri Lanka", "LK"), ("Nepal", "NP"),
    ("Kazakhstan", "KZ"), ("Armenia", "AM"), ("Georgia", "GE"), ("Uruguay", "UY"), ("Venezuela", "VE"),
    ("Cuba", "CU"), ("Panama", "PA"), ("Bosnia and Herzegovina", "BA"), ("Yugoslavia", "YU"), ("Ethiopia", "ET"),
    ("Ghana", "GH"), ("Uganda", "UG"), ("Tanzania", "TZ"), ("Cameroon", "CM"), ("Senegal", "SN"),
]
US_STATE = re.compile(r"\b(?:AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY)\b")


def country_key(text):
    """The country an address seems to end with ("?" when none), for stratification."""
    t = re.sub(r"[\s.;,]+$", "", re.sub(r"(?i)(e-?mail:?|electronic address:).*$", "", text))
    t = re.sub(r"\S+@\S+", "", t).strip(" .;,")
    best = None
    for word, code in COUNTRY_WORDS:
        m = re.search(r"(?:^|[\s,(])" + re.escape(word) + r"\W*$", t)
        if m and (best is None or len(word) > best[0]):
            best = (len(word), code)
    if best:
        return best[1]
    if re.search(US_STATE.pattern + r"\s*\d{5}", t):
        return "US"
    return "?"


HARD = [
    ("us-state-zip", lambda t: re.search(r"\b[A-Z]{2},? \d{5}(?:-\d{4})?\b", t) is not None, 40),
    ("peoples-r-china", lambda t: "Peoples R China" in t, 30),
    ("england", lambda t: re.search(r"\bEngland\b", t) is not None, 14),
    ("scotland", lambda t: re.search(r"\bScotland\b", t) is not None, 8),
    ("wales", lambda t: re.search(r"\bWales\b", t) is not None, 6),
    ("northern-ireland", lambda t: re.search(r"\bNorth(?:ern)? Ireland\b|\bBelfast\b", t) is not None, 6),
    ("korea", lambda t: "Korea" in t, 20),
    ("russia", lambda t: re.search(r"Russia|USSR|Moscow", t) is not None, 18),
    ("czech", lambda t: "Czech" in t, 10),
    ("taiwan", lambda t: "Taiwan" in t, 12),
    ("hong-kong", lambda t: "Hong Kong" in t, 12),
    ("email", lambda t: "@" in t, 35),
    ("no-country", lambda t: country_key(t) == "?", 60),
    ("non-ascii", lambda t: any(ord(c) > 127 for c in t), 40),
]


def norm(text):
    t = unicodedata.normalize("NFKC", html.unescape(text)).lower()
    return re.sub(r"\s+", " ", t).strip(" .")


def stable_id(source, text):
    return "%s-%s" % (source, hashlib.sha1(text.encode("utf-8")).hexdigest()[:10])


def gather(corpora):
    readers = [read_wos, read_scopus, read_bibtex, read_ris, read_pubmed, read_medline, read_jats, read_crossref]
    pools = {s: [] for s in SOURCES}
    seen = set()
    allitems = []
    for r in readers:
        allitems += r(corpora)
    # RP before C1: an address that is also someone's reprint address can be drawn as wos-rp.
    order = {s: i for i, s in enumerate(SOURCES)}
    order["wos-rp"] = -1
    allitems.sort(key=lambda x: order[x[0]])
    for source, text, _path in allitems:
        if len(text) < 6:
            continue
        k = norm(text)
        if k in seen:
            continue
        seen.add(k)
        pools[source].append(text)
    return pools


def org_key(source, text):
    """Addresses sharing this key are near-duplicates (same organisation and place); at most
    MAX_SAME of them are drawn from one source."""
    segs = [norm(x) for x in text.split(",") if x.strip()]
    if source.startswith("wos"):
        return segs[0] if segs else ""
    return "|".join(segs[-3:])


MAX_SAME = 2


def sample(pools):
    chosen = []
    hard_taken = collections.Counter()
    for source in SOURCES:
        pool = sorted(pools[source])
        rng = random.Random("%d:%s" % (SEED, source))
        rng.shuffle(pool)
        quota = QUOTA[source]
        if quota is None or quota >= len(pool):
            chosen += [(source, t) for t in pool]
            continue
        picked, picked_set = [], set()
        same = collections.Counter()

        def take(t):
            if t in picked_set or same[org_key(source, t)] >= MAX_SAME:
                return False
            picked.append(t)
            picked_set.add(t)
            same[org_key(source, t)] += 1
            return True
        # Each hard case's quota is spread over the sources in proportion to their quotas (x1.6);
        # hard cases may fill at most half of a source's quota.
        share = quota / sum(q for q in QUOTA.values() if q)
        for name, test, q in HARD:
            want = max(1, round(q * share * 1.6))
            n = 0
            for t in pool:
                if n >= want or len(picked) >= quota // 2:
                    break
                if t not in picked_set and test(t) and take(t):
                    n += 1
            hard_taken[name] += n
        # Round-robin over countries until three quarters of the quota, then at random.
        by_country = collections.OrderedDict()
        for t in pool:
            if t not in picked_set:
                by_country.setdefault(country_key(t), []).append(t)
        while len(picked) < quota * 3 // 4 and any(by_country.values()):
            for k in list(by_country):
                while by_country[k] and len(picked) < quota * 3 // 4:
                    if take(by_country[k].pop(0)):
                        break
        for t in pool:
            if len(picked) >= quota:
                break
            take(t)
        for t in pool:  # only if the near-duplicate limit left the quota short
            if len(picked) >= quota:
                break
            if t not in picked_set:
                picked.append(t)
                picked_set.add(t)
        chosen += [(source, t) for t in picked]
    return chosen, hard_taken


def write_candidates(corpora):
    pools = gather(corpora)
    chosen, hard = sample(pools)
    with open(CANDIDATES, "w", encoding="utf-8") as f:
        for source, text in chosen:
            f.write(json.dumps({"id": stable_id(source, text), "source": source, "text": text},
                               ensure_ascii=False) + "\n")
    print("pool sizes after deduplication:", {s: len(p) for s, p in pools.items()})
    print("candidates:", dict(collections.Counter(s for s, _ in chosen)), "total", len(chosen))
    print("hard cases drawn first:", dict(hard))


# ---------------------------------------------------------------------------------------------
# Checking the hand labels

ISO = set("""AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS
BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET
FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ
IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML
MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS
PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL
TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW""".split())


def check(readme_counts=False):
    cands = {}
    for line in open(CANDIDATES, encoding="utf-8"):
        c = json.loads(line)
        cands[c["id"]] = c
    rows, errors = [], []
    ids = set()
    for n, line in enumerate(open(LABELLED, encoding="utf-8"), 1):
        r = json.loads(line)
        rows.append(r)
        where = "line %d (%s)" % (n, r.get("id"))
        if r["id"] in ids:
            errors.append(where + ": duplicate id")
        ids.add(r["id"])
        c = cands.get(r["id"])
        if c is None:
            errors.append(where + ": not among the candidates")
        elif c["text"] != r["text"] or c["source"] != r["source"]:
            errors.append(where + ": text or source differs from the candidate")
        e = r.get("expected", {})
        if set(e) != {"institution", "city", "postal_code", "country"}:
            errors.append(where + ": expected must have institution, city, postal_code, country")
        for k in ("institution", "city", "postal_code"):
            v = e.get(k)
            if v is not None and (not v or v not in r["text"]):
                errors.append(where + ": %s %r is not written in the text" % (k, v))
        if e.get("country") is not None and e["country"] not in ISO:
            errors.append(where + ": country %r is not an ISO 3166-1 alpha-2 code" % e["country"])
    for e in errors:
        print("ERROR", e)
    per_source = collections.Counter(r["source"] for r in rows)
    per_country = collections.Counter(r["expected"]["country"] for r in rows)
    print("labelled addresses:", len(rows))
    print("per source:", ", ".join("%s %d" % (s, per_source[s]) for s in SOURCES if per_source[s]))
    print("country null:", per_country[None])
    print("distinct countries:", len([c for c in per_country if c]))
    print("institution null:", sum(1 for r in rows if r["expected"]["institution"] is None),
          "city null:", sum(1 for r in rows if r["expected"]["city"] is None),
          "postal_code given:", sum(1 for r in rows if r["expected"]["postal_code"] is not None))
    if readme_counts:
        print("\n| source | addresses |\n|---|---:|")
        for s in SOURCES:
            if per_source[s]:
                print("| %s | %d |" % (s, per_source[s]))
        print("| **total** | **%d** |" % len(rows))
        print("\n| country | addresses |\n|---|---:|")
        for c, n in sorted(((c, n) for c, n in per_country.items() if c), key=lambda x: (-x[1], x[0]))[:20]:
            print("| %s | %d |" % (c, n))
    return 1 if errors else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpora", default=DEFAULT_CORPORA)
    ap.add_argument("--check", action="store_true", help="check labelled.jsonl against candidates.jsonl")
    ap.add_argument("--readme-counts", action="store_true")
    args = ap.parse_args()
    if args.check:
        sys.exit(check(args.readme_counts))
    if not os.path.isdir(args.corpora):
        sys.exit("no shared corpora at %s" % args.corpora)
    write_candidates(args.corpora)


if __name__ == "__main__":
    main()
