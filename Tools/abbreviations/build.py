#!/usr/bin/env python3
"""Build Tools/abbreviations/title-words.tsv: journal-title word abbreviations (ISO 4 style).

The engine needs to know that "journal" is written "j", "physical" "phys", "national" "natl"
and so on, to match abbreviated journal titles in references against full titles. This script
derives that table from public data: the (full title, abbreviated title) pairs found in the
shared bibliographic exports (Web of Science SO with J9 and JI, Scopus "Source title" with
"Abbreviated Source Title" in CSV, RIS and BibTeX, PubMed XML Title with ISOAbbreviation and
MedlineTA, MEDLINE JT with TA, Crossref container-title with short-container-title, JATS
journal-title with abbrev-journal-title and the nlm-ta / iso-abbrev journal-id). Those
abbreviations follow ISO 4 and the ISSN List of Title Word Abbreviations (LTWA).

For every distinct pair both titles are normalised (lower case, accents removed, '&' -> 'and',
punctuation -> spaces), the words ISO 4 omits (articles, prepositions, conjunctions) are made
optional, and the abbreviated words are aligned in order with the full words: an abbreviated
token matches a full word when it is equal to it, or starts with the same letter and its
letters are a subsequence of the word's ("natl" ~ "national"). A pair counts only when its
alignment is complete and unique. Word -> abbreviation occurrences are then counted over the
aligned pairs and, for every word that is abbreviated at least as often as it is written out,
the most frequent abbreviation is written (ties broken alphabetically). A token only one letter
shorter than its word ('laser' for 'lasers') counts as the word written out.

Standard library only; the output is deterministic (inputs read in sorted order, the date in
the header is the newest modification date of the inputs, or SOURCE_DATE_EPOCH when set).

    python3 Tools/abbreviations/build.py /work/shared/corpora Tools/abbreviations/title-words.tsv
"""

import collections
import csv
import datetime
import gzip
import html
import json
import os
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET

# Words ISO 4 omits from abbreviated titles: articles, prepositions and conjunctions in
# English, French, German, Spanish, Italian, Portuguese and Dutch, and the commonest ones of
# the transliterated Slavic and Romanian titles in PubMed (after accent removal). In the
# alignment they may be dropped from the abbreviation, or kept unchanged; so may numbers and
# single letters ('Physical Review B', 'Series A').
STOP_WORDS = frozenset("""
    a an the of and or in on for at to by with from into as via per nor but its
    de la le les des du d l et en au aux pour sur dans par un une ou
    der die das des dem den und fur zur zum im am auf von vom mit ein eine einer eines einem
    uber bei aus oder ihre ihrer
    el los las y e del con para por una
    di della delle dei degli dello dell il lo gli ed nel nella nelle negli al alla alle ai agli
    da do dos das em no na nos nas o os com
    van voor het op
    i si u v na za po pri
""".split())

NUMBER = re.compile(r"^(\d+|\d+(st|nd|rd|th|e|er|eme|ieme))$")


# ---------------------------------------------------------------------------------------------
# Normalisation and alignment

def normalise(text):
    """Lower-case words of a title: accents removed, '&' -> 'and', punctuation -> spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower().replace("&", " and ")
    # elision: d'odontologie, l'Institut, dell'Istituto -> two words; other apostrophes
    # (Child's, Naunyn-Schmiedeberg's, transliterated soft signs) are dropped
    text = re.sub(r"\b(d|l|dell|nell|all|dall|sull|qu)['\u2019](?=\w)", r"\1 ", text)
    text = re.sub(r"(?<=\w)['\u2019\u02bc](?=\w)|(?<=\w)['\u2019\u02bc](?!\w)", "", text)
    text = re.sub(r"[\W_]+", " ", text)
    return text.split()


def token_matches(word, token):
    """True when the abbreviated token can stand for the full word."""
    if token == word:
        return True
    if not token or token[0] != word[0] or len(token) >= len(word):
        return False
    if not token.isalpha():
        return False
    i = 0
    for c in word:
        if c == token[i]:
            i += 1
            if i == len(token):
                return True
    return False


def alignments(words, tokens, limit=2):
    """Up to `limit` distinct alignments of tokens to words, as sorted tuples of
    (word, token) pairs. Every token matches one distinct word, in order; every word
    that is not a stop word, a number or a single letter is matched; those may be
    skipped but, when matched, only by an equal token."""
    optional = [w in STOP_WORDS or len(w) == 1 or bool(NUMBER.match(w)) for w in words]
    # suffix_required[i]: number of required words in words[i:], for pruning
    suffix_required = [0] * (len(words) + 1)
    for i in range(len(words) - 1, -1, -1):
        suffix_required[i] = suffix_required[i + 1] + (0 if optional[i] else 1)
    found = set()

    def walk(i, j, acc):
        if len(found) >= limit:
            return
        if j == len(tokens):
            if suffix_required[i] == 0:
                found.add(tuple(sorted(acc)))
            return
        if i == len(words):
            return
        if len(tokens) - j < suffix_required[i]:
            return
        w, t = words[i], tokens[j]
        if optional[i]:
            if t == w:
                walk(i + 1, j + 1, acc + [(w, t)])
            walk(i + 1, j, acc)
        elif token_matches(w, t):
            walk(i + 1, j + 1, acc + [(w, t)])

    walk(0, 0, [])
    return sorted(found)


PAREN = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
SEPARATOR = re.compile(r"\s*[.,;:=/]\s+|\s+[:=/-]\s*|\s*/\s*")
HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


def variants(full, abbr):
    """The title pair as given; with parenthesised qualifiers removed from both ('Applied
    Sciences (Switzerland)', 'Medicine (Baltimore)'); then the full title cut after its first,
    second, ... part at '.', ',', ';', ':', '=', '/', ' - ' ('Nihon rinsho. Japanese journal of clinical medicine', 'Toxicon : official
    journal of ...'). Each also with the full title's hyphenated compounds joined
    ('bio-medical' ~ 'Biomed')."""
    f2, a2 = PAREN.sub(" ", full), PAREN.sub(" ", abbr)
    candidates = [(full, abbr), (f2, a2)]
    parts = SEPARATOR.split(f2)
    for k in range(1, len(parts)):
        candidates.append((" ".join(parts[:k]), a2))
    seen = set()
    for f, a in candidates:
        for v in ((f, a), (HYPHEN.sub("", f), a)):
            if v not in seen:
                seen.add(v)
                yield v


def align_pair(full, abbr):
    """The (word, token) pairs of the first variant of the pair that aligns in exactly one
    way; None when none does."""
    for f, a in variants(full, abbr):
        words, tokens = normalise(f), normalise(a)
        if not words or not tokens or words == tokens:
            continue
        found = alignments(words, tokens)
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            return None          # ambiguous: do not guess
    return None


# ---------------------------------------------------------------------------------------------
# Readers: each yields (full title, abbreviated title) pairs

def files_under(folder, suffixes):
    out = []
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            if name.lower().endswith(suffixes):
                out.append(os.path.join(root, name))
    return sorted(out)


def read_text(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8-sig", errors="replace") as f:
        return f.read()


def clean(text):
    return re.sub(r"\s+", " ", html.unescape(text or "")).strip()


def tagged_records(lines, tag_re, cont_prefix, end_tags=(), blank_ends=False):
    """Records of a field-tagged text format as lists of (tag, value); continuation lines
    are appended to the previous field's value."""
    record = []
    for line in lines:
        line = line.rstrip("\r\n")
        m = tag_re.match(line)
        if m:
            tag, value = m.group(1), m.group(2) or ""
            if tag in end_tags:
                if record:
                    yield record
                record = []
                continue
            record.append([tag, value.strip()])
        elif line.startswith(cont_prefix) and line.strip() and record:
            record[-1][1] += " " + line.strip()
        elif not line.strip() and blank_ends and record:
            yield record
            record = []
    if record:
        yield record


def wos_pairs(folder):
    tag_re = re.compile(r"^([A-Z][A-Z0-9])(?: (.*))?$")
    for path in files_under(folder, (".txt", ".ciw")):
        for rec in tagged_records(read_text(path).splitlines(), tag_re, "   ",
                                  end_tags=("ER",)):
            fields = collections.defaultdict(list)
            for tag, value in rec:
                fields[tag].append(value)
            for full in fields.get("SO", [])[:1]:
                for tag in ("J9", "JI"):
                    for abbr in fields.get(tag, []):
                        yield full, abbr


def scopus_csv_pairs(folder):
    for path in files_under(folder, (".csv",)):
        with open(path, newline="", encoding="utf-8-sig") as f:
            for row in csv.DictReader(f):
                full = row.get("Source title") or ""
                abbr = row.get("Abbreviated Source Title") or ""
                if full and abbr:
                    yield full, abbr


def ris_pairs(folder):
    tag_re = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")
    for path in files_under(folder, (".ris",)):
        for rec in tagged_records(read_text(path).splitlines(), tag_re, "      ",
                                  end_tags=("ER",)):
            fields = collections.defaultdict(list)
            for tag, value in rec:
                fields[tag].append(value)
            kind = (fields.get("TY") or [""])[0]
            full_tags = ("JF", "T2") if kind in ("JOUR", "JFULL", "EJOUR", "MGZN") else ("JF", "T2", "C3")
            fulls = [v for t in full_tags for v in fields.get(t, [])]
            abbrs = [v for t in ("JA", "J2", "J1", "JO") for v in fields.get(t, [])]
            if fulls:
                for abbr in abbrs:
                    yield fulls[0], abbr


def bibtex_entries(text):
    """Entries of a BibTeX file as dicts of lower-case field name -> value, with @string
    macros expanded. Entries are taken to start at an '@' at the beginning of a line, so that
    an unbalanced brace in one field (Scopus abstracts have them) spoils at most that entry's
    fields after it; a braced value that is not closed ends at the end of its line."""
    macros = {}
    name_re = re.compile(r"[\s,]*([A-Za-z][\w\-:.]*)\s*=\s*")
    word_re = re.compile(r"[^\s,#{}()=\"]+")

    def braced(body, k):        # body[k] == '{'
        depth = 0
        for e in range(k, len(body)):
            c = body[e]
            if c == "{" and body[e - 1] != "\\":
                depth += 1
            elif c == "}" and body[e - 1] != "\\":
                depth -= 1
                if depth == 0:
                    return body[k + 1:e], e + 1
        m = re.compile(r"\}\s*,?[ \t]*(?:\n|$)").search(body, k)
        if m:
            return body[k + 1:m.start()], m.end()
        return body[k + 1:], len(body)

    def value(body, k):
        parts = []
        while k < len(body):
            while k < len(body) and body[k].isspace():
                k += 1
            if k >= len(body):
                break
            if body[k] == "{":
                v, k = braced(body, k)
                parts.append(v)
            elif body[k] == '"':
                e, depth = k + 1, 0
                while e < len(body) and not (body[e] == '"' and depth == 0):
                    depth += {"{": 1, "}": -1}.get(body[e], 0)
                    e += 1
                parts.append(body[k + 1:e])
                k = e + 1
            else:
                m = word_re.match(body, k)
                if not m:
                    break
                word = m.group(0)
                parts.append(word if word.isdigit() else macros.get(word.lower(), ""))
                k = m.end()
            while k < len(body) and body[k].isspace():
                k += 1
            if k < len(body) and body[k] == "#":
                k += 1
                continue
            break
        return "".join(parts), k

    def fields(body):
        out, k = {}, 0
        while k < len(body):
            m = name_re.match(body, k)
            if not m:
                nxt = body.find(",", k + 1)
                if nxt < 0:
                    break
                k = nxt
                continue
            v, k = value(body, m.end())
            out.setdefault(m.group(1).lower(), v)
        return out

    for chunk in re.split(r"(?m)^(?=[ \t]*@)", text):
        m = re.match(r"\s*@\s*(\w+)\s*[{(]", chunk)
        if not m:
            continue
        kind = m.group(1).lower()
        body = chunk[m.end():].rstrip()
        if body.endswith(("}", ")")):
            body = body[:-1]
        if kind in ("comment", "preamble"):
            continue
        if kind == "string":
            macros.update(fields(body))
            continue
        comma = body.find(",")
        if comma >= 0:
            yield fields(body[comma + 1:])


def detex(text):
    text = text.replace("\\&", "&").replace("~", " ")
    text = re.sub(r"\\([`'^\"~=.]|[uvHcdbkrt](?=[\s{]))\s*", "", text)
    text = re.sub(r"\\([A-Za-z]+)\s*", r"\1", text)
    return text.replace("{", "").replace("}", "")


def bibtex_pairs(folder):
    for path in files_under(folder, (".bib",)):
        for entry in bibtex_entries(read_text(path)):
            full = entry.get("journal") or entry.get("journaltitle") or ""
            for key in ("abbrev_source_title", "shortjournal", "journal-iso", "journal_abbrev",
                        "journalabbr", "journal-abbrev", "iso4"):
                if full and entry.get(key):
                    yield detex(full), detex(entry[key])


def pubmed_pairs(folder):
    for path in files_under(folder, (".xml", ".xml.gz")):
        opener = gzip.open if path.endswith(".gz") else open
        try:
            with opener(path, "rb") as f:
                for _, elem in ET.iterparse(f, events=("end",)):
                    if elem.tag != "MedlineCitation":
                        continue
                    title = elem.find("Article/Journal/Title")
                    full = clean("".join(title.itertext())) if title is not None else ""
                    if full:
                        for abbr_path in ("Article/Journal/ISOAbbreviation",
                                          "MedlineJournalInfo/MedlineTA"):
                            a = elem.find(abbr_path)
                            if a is not None and clean("".join(a.itertext())):
                                yield full, clean("".join(a.itertext()))
                    elem.clear()
        except ET.ParseError as e:
            print(f"  pubmed: {os.path.basename(path)}: not parsed ({e})", file=sys.stderr)


def medline_pairs(folder):
    tag_re = re.compile(r"^([A-Z][A-Z0-9 ]{1,3})- ?(.*)$")
    for path in files_under(folder, (".txt", ".nbib", ".medline")):
        lines = read_text(path).splitlines()
        for rec in tagged_records(lines, tag_re, "      ", blank_ends=True):
            fields = collections.defaultdict(list)
            for tag, value in rec:
                fields[tag.strip()].append(value)
            for full in fields.get("JT", [])[:1]:
                for abbr in fields.get("TA", []):
                    yield full, abbr


def crossref_pairs(folder):
    def works(node):
        if isinstance(node, dict):
            if "container-title" in node or "short-container-title" in node:
                yield node
            for v in node.values():
                if isinstance(v, (dict, list)):
                    yield from works(v)
        elif isinstance(node, list):
            for v in node:
                yield from works(v)

    def as_list(v):
        return [v] if isinstance(v, str) else [x for x in (v or []) if isinstance(x, str)]

    for path in files_under(folder, (".json", ".json.gz")):
        try:
            data = json.loads(read_text(path))
        except ValueError:
            continue
        for work in works(data):
            fulls = [clean(x) for x in as_list(work.get("container-title")) if clean(x)]
            shorts = [clean(x) for x in as_list(work.get("short-container-title")) if clean(x)]
            if not fulls or not shorts:
                continue
            if len(fulls) == len(shorts):
                yield from zip(fulls, shorts)
            else:
                for s in shorts:
                    yield fulls[0], s


def jats_pairs(folder):
    def text_of(fragment):
        return clean(re.sub(r"<[^>]+>", " ", fragment))

    for path in files_under(folder, (".nxml", ".xml")):
        text = read_text(path)
        for meta in re.findall(r"<journal-meta\b.*?</journal-meta>", text, re.S):
            fulls = [text_of(x) for x in re.findall(
                r"<journal-title\b[^>]*>(.*?)</journal-title>", meta, re.S)]
            abbrs = [text_of(x) for x in re.findall(
                r"<abbrev-journal-title\b[^>]*>(.*?)</abbrev-journal-title>", meta, re.S)]
            abbrs += [text_of(x) for x in re.findall(
                r"<journal-id\b[^>]*journal-id-type=\"(?:nlm-ta|iso-abbrev)\"[^>]*>(.*?)</journal-id>",
                meta, re.S)]
            fulls = [f for f in fulls if f]
            for abbr in abbrs:
                if fulls and abbr:
                    yield fulls[0], abbr


SOURCES = [
    # name, folder under the corpora root, reader, what the pairs are
    ("wos", "wos", wos_pairs, "Web of Science SO / J9, JI"),
    ("scopus-csv", "scopus", scopus_csv_pairs, "Scopus CSV Source title / Abbreviated Source Title"),
    ("ris", "ris", ris_pairs, "RIS T2, JF, C3 / J2, JA, J1, JO"),
    ("bibtex", "bibtex", bibtex_pairs, "BibTeX journal / abbrev_source_title, shortjournal"),
    ("pubmed", "pubmed", pubmed_pairs, "PubMed XML Journal/Title / ISOAbbreviation, MedlineTA"),
    ("medline", "medline", medline_pairs, "MEDLINE JT / TA"),
    ("crossref", "crossref", crossref_pairs, "Crossref container-title / short-container-title"),
    ("jats", "jats", jats_pairs, "JATS journal-title / abbrev-journal-title, journal-id nlm-ta, iso-abbrev"),
]


# ---------------------------------------------------------------------------------------------

# Words abbreviated only inside the place names and fixed phrases of some titles ("N Y" for New
# York, "N Z" for New Zealand in NLM's forms), which ISO 4 writes out on their own, and words of
# titles that were themselves abbreviations ("Ausg. A").
PHRASE_ONLY = frozenset("""
    ausg carolina dakota guinea island jersey kingdom new papua puerto rhode rico states united
    virginia west york zealand
""".split())

# Where the exports' few pairs outvote the LTWA's own form, and words of common titles that the
# exports happen not to abbreviate anywhere ("Zeitschrift für Physik"), with the LTWA's forms.
CORRECTIONS = {"management": "manag"}
ADDITIONS = {"physik": "phys", "lecture": "lect", "notes": "notes", "physique": "phys", "fisica": "fis",
             "workshop": "workshop", "meeting": "meet"}


def choose(counter, word):
    """The most frequent abbreviation of `word` (ties alphabetical), or None when the word is
    never abbreviated or is written out more often than abbreviated."""
    abbreviated = [(t, c) for t, c in counter.items() if t != word]
    if not abbreviated:
        return None
    best, count = min(abbreviated, key=lambda tc: (-tc[1], tc[0]))
    if counter.get(word, 0) > count:
        return None
    return best, count


def main(argv):
    if len(argv) != 3:
        print("usage: build.py CORPORA_ROOT OUTPUT.tsv\n"
              "  e.g. python3 Tools/abbreviations/build.py /work/shared/corpora "
              "Tools/abbreviations/title-words.tsv", file=sys.stderr)
        return 2
    root, out_path = argv[1], argv[2]
    if not os.path.isdir(root):
        print(f"build.py: {root}: no such folder", file=sys.stderr)
        return 1

    unique = {}                  # (full words, abbr words, full, abbr) -> (full, abbr)
    found = collections.Counter()
    distinct = {}                # source -> its distinct normalised pairs
    newest = 0.0
    for name, sub, reader, _ in SOURCES:
        folder = os.path.join(root, sub)
        if not os.path.isdir(folder):
            print(f"  {name}: {folder} absent, skipped")
            continue
        seen_here = set()
        for full, abbr in reader(folder):
            full, abbr = clean(full), clean(abbr)
            fw, aw = normalise(full), normalise(abbr)
            if not fw or not aw or fw == aw:
                continue
            found[name] += 1
            key = (tuple(fw), tuple(aw), full.lower(), abbr.lower())
            seen_here.add(key[:2])
            unique.setdefault(key, (full, abbr))
        distinct[name] = seen_here
        for path in files_under(folder, ("",)):
            newest = max(newest, os.path.getmtime(path))

    # distinct pairs after normalisation; of the raw spellings (which can differ in case and
    # punctuation, which the variants look at) the first in sorted order is kept
    pairs = {}
    for key in sorted(unique):
        pairs.setdefault(key[:2], unique[key])

    counts = collections.defaultdict(collections.Counter)
    aligned_keys = set()
    for key in sorted(pairs):
        full, abbr = pairs[key]
        result = align_pair(full, abbr)
        if result is None:
            continue
        aligned_keys.add(key)
        for word, token in result:
            if word in STOP_WORDS or not word.isalpha():
                continue             # 'gc10' ('GC'10') is no title word
            if len(token) >= len(word) - 1:
                # saves one letter at most: a spelling variant, not an abbreviation (Web of
                # Science J9 singulars such as 'LASER' for 'LASERS'); counts as written out
                token = word
            counts[word][token] += 1

    rows = []
    for word in sorted(counts):
        chosen = choose(counts[word], word)
        if chosen and word not in PHRASE_ONLY:
            rows.append((word, CORRECTIONS.get(word, chosen[0]), chosen[1]))
    for word, abbreviation in ADDITIONS.items():
        if word not in counts or not choose(counts[word], word):
            if word != abbreviation:
                rows.append((word, abbreviation, 0))
    rows.sort()

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    stamp = datetime.datetime.fromtimestamp(int(epoch) if epoch else newest, datetime.timezone.utc)
    header = [
        "# Journal-title word abbreviations (ISO 4 style): word<TAB>abbreviation<TAB>count",
        "#",
        "# Derived from the abbreviated journal titles in the shared bibliographic exports",
        "# (Web of Science J9 and JI, Scopus Abbreviated Source Title in CSV, RIS J2 and BibTeX,",
        "# NLM ISO abbreviations and MedlineTA in PubMed XML and MEDLINE TA, Crossref",
        "# short-container-title, JATS abbrev-journal-title and nlm-ta journal-id), which follow",
        "# ISO 4 and the ISSN List of Title Word Abbreviations (LTWA). Each distinct",
        "# (full title, abbreviated title) pair was aligned word by word; count is the number of",
        "# aligned pairs in which the word has this abbreviation. Words that are never abbreviated,",
        "# or written out more often than abbreviated, are left out; a form only one letter shorter",
        "# than the word ('laser' for 'lasers') counts as written out. Words are lower case, without",
        "# accents; abbreviations without the final dot. Words abbreviated only inside place names",
        "# ('N Y' for New York) are left out, a few forms are corrected to the LTWA's, and a few",
        "# words the exports never abbreviate are added with the LTWA's forms (count 0; build.py).",
        "#",
        f"# Pairs: {len(pairs)} distinct, {len(aligned_keys)} aligned; {len(rows)} words.",
        f"# Date: {stamp:%Y-%m-%d} (newest input file).",
        "# Regenerate: python3 Tools/abbreviations/build.py /work/shared/corpora Tools/abbreviations/title-words.tsv",
    ]
    os.makedirs(os.path.dirname(os.path.abspath(out_path)), exist_ok=True)
    with open(out_path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(header) + "\n")
        for word, abbr, count in rows:
            f.write(f"{word}\t{abbr}\t{count}\n")

    print("pairs per source (records with a pair / distinct pairs / distinct pairs aligned):")
    for name, _, _, what in SOURCES:
        here = distinct.get(name, set())
        print(f"  {name:<11} {found[name]:>7} / {len(here):>5} / {len(here & aligned_keys):>5}"
              f"   {what}")
    print(f"distinct pairs (all sources, normalised): {len(pairs)}")
    print(f"pairs aligned: {len(aligned_keys)}")
    print(f"words output: {len(rows)} -> {out_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
