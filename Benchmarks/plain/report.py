#!/usr/bin/env python3
"""The benchmark report in Python with only the standard library: reads the record files itself
and writes the same CSV files as Benchmarks/report.lua, byte for byte.

    report.py CORPUS_DIR OUT_DIR

It follows the engine's rules for the layout that tools/gen-corpus.py writes: the year from the
DOI, words of the abstract, reference authors, years and languages.
"""
import os
import re
import sys
import datetime
from collections import Counter

LATEST_YEAR = datetime.date.today().year + 1

STOPWORDS = set("""
a about above after again against all also am an and any are aren't as at be because been before
being below between both but by can can't cannot could couldn't did didn't do does doesn't doing
don't down during each few for from further had hadn't has hasn't have haven't having he he'd
he'll he's her here here's hers herself him himself his how how's however i i'd i'll i'm i've if
in into is isn't it it's its itself let's may me might more most must mustn't my myself no nor not
of off on once only or other ought our ours ourselves out over own same shall shan't she she'd
she'll she's should shouldn't so some such than that that's the their theirs them themselves then
there there's therefore these they they'd they'll they're they've this those thus through to too
under until up upon us very was wasn't we we'd we'll we're we've were weren't what what's when
when's where where's whether which while who who's whom whose why why's will with within without
won't would wouldn't yet you you'd you'll you're you've your yours yourself yourselves
""".split())

FUNCTION_WORDS = [
    ("en", "the of and in to is that for on with as by was are this which from"),
    ("ru", "и в на с по что не для как из к о от это при а"),
    ("de", "der die und das den von zu mit ist im des sich auf für eine"),
    ("fr", "le la les et des du une est dans pour que sur par au"),
    ("es", "el la los las y del que en por con para una es se"),
    ("it", "il di che la e per con del della non una sono gli"),
    ("pt", "o os da do das dos e que em para com uma não são"),
]
FUNCTION_WORDS = [(code, set(words.split())) for code, words in FUNCTION_WORDS]
NOTE_LANGUAGES = [("russ", "ru"), ("mong", "mn"), ("eng", "en"), ("ukr", "uk"), ("kaz", "kk"), ("bel", "be"),
                  ("chin", "zh"), ("jap", "ja"), ("germ", "de"), ("ger", "de"), ("fr", "fr"), ("span", "es"),
                  ("ital", "it"), ("pol", "pl"), ("tat", "tt"), ("uzb", "uz"), ("kyrg", "ky"), ("arm", "hy"),
                  ("georg", "ka"), ("azerb", "az"), ("turk", "tr"), ("kor", "ko"), ("kalm", "xal"), ("bur", "bua")]
FOUR_DIGITS = re.compile(r"(?<![0-9])[0-9]{4}(?![0-9])")
NUMBER_MARKERS = {"vol.", "т.", "no.", "iss.", "issue", "№", "вып.", "pp.", "p.", "с.", "c.", "vols."}


WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")


def words(text):
    """Runs of letters and digits, with ' or - kept between two of them; lower-cased."""
    return WORD.findall(text.lower())


def doi_year(doi):
    suffix = doi.split("/", 1)[1] if "/" in doi else ""
    groups, cur, start = [], "", 0
    for i, c in enumerate(suffix + "x"):
        if c.isdigit() and c.isascii():
            if not cur:
                start = i
            cur += c
        elif cur:
            groups.append((cur, start, i))
            cur = ""
    candidates = []
    for k, (g, s, e) in enumerate(groups):
        if len(g) != 4 or not (1900 <= int(g) <= LATEST_YEAR):
            continue
        if k + 1 < len(groups) and len(groups[k + 1][0]) == 4 and suffix[e:e + 1] == "-" and groups[k + 1][1] == e + 1:
            continue
        candidates.append(-1 if (k == len(groups) - 1 and candidates) else int(g))
    for c in candidates:
        if c > 0:
            return c
    return None


CYRILLIC = re.compile("[\u0400-\u04ff]")
LATIN = re.compile("[A-Za-z]")
GREEK = re.compile("[\u0370-\u03ff]")


def script_language(text):
    cyr, lat = len(CYRILLIC.findall(text)), len(LATIN.findall(text))
    if cyr > lat:
        return "uk" if any(c in "іїєґ" for c in text) else "ru"
    if len(GREEK.findall(text)) > lat:
        return "el"
    return None


def guess_language(text):
    ws, cur = [], []
    for c in text:
        if c.isalpha():
            cur.append(c.lower())
        elif cur:
            ws.append("".join(cur))
            cur = []
    if cur:
        ws.append("".join(cur))
    ws = ws[:400]
    if len(ws) < 3:
        return script_language(text)
    counts = [sum(1 for w in ws if w in fw) for _, fw in FUNCTION_WORDS]
    best = max(range(len(counts)), key=lambda i: (counts[i], -i))
    if counts[best] > 0 and counts[best] / len(ws) >= 0.05:
        return FUNCTION_WORDS[best][0]
    return script_language(text)


def parse_author(s, p):
    """'Family I. I.' at p: (family, initials, end) or None."""
    n = len(s)
    if p >= n or not s[p].isupper():
        return None
    q, letters = p, 0
    while q < n:
        if s[q].isalpha():
            letters += 1
            q += 1
        elif s[q] in "-'\u2019" and q + 1 < n and s[q + 1].isalpha():
            q += 1
        else:
            break
    if letters < 2 or q >= n or s[q] != " ":
        return None
    family_end = q
    while q < n and s[q] == " ":
        q += 1
    init_start, init_end = q, -1
    while q < n and s[q].isupper():
        r = q + 1
        if r < n and s[r].islower():
            r += 1
        if not (r < n and s[r] == "."):
            break
        init_end = r + 1
        q = r + 1
        if q < n and s[q] == "-":
            q += 1
            continue
        nxt = q + (1 if q < n and s[q] == " " else 0)
        if nxt < n and s[nxt].isupper():
            r = nxt + 1
            if r < n and s[r].islower():
                r += 1
            if r < n and s[r] == ".":
                q = nxt
                continue
        break
    if init_end < 0:
        return None
    initials = "".join(part + "." for part in s[init_start:init_end].replace("-", " - ").replace(".", " ").split() if part != "-")
    return s[p:family_end], initials, init_end


def parse_authors(s):
    names, p = [], 0
    while True:
        a = parse_author(s, p)
        if not a:
            break
        names.append((a[0], a[1]))
        p = a[2]
        if p < len(s) and s[p] == ",":
            q = p + 1
            while q < len(s) and s[q] == " ":
                q += 1
            if s.startswith("et al.", q):
                p = q + 6
                break
            p = q
        else:
            break
    return names, p


def clean(t):
    t = t.strip()
    for lead in ("In:", "In :", "//", "Ser.:"):
        if t.endswith(lead):
            t = t[: -len(lead)].strip()
    return t.rstrip(".,:;/ ").lstrip(".,:; ")


def parse_reference(raw):
    end, language = len(raw), None
    stripped = raw.rstrip(" .")
    if stripped.endswith(")") and len(stripped) > 5:
        i = stripped.rfind("(", 0, len(stripped) - 1)
        j = stripped.rfind(")", 0, len(stripped) - 1)
        if i >= 0 and j < i:
            inner = stripped[i + 1:-1].strip()
            if inner.startswith("In "):
                word = ""
                for c in inner[3:]:
                    if c.isascii() and c.isalpha():
                        word += c.lower()
                    else:
                        break
                language = next((code for prefix, code in NOTE_LANGUAGES if word.startswith(prefix)), None)
                end = i
    if language is None:
        language = script_language(raw)
    names, p = parse_authors(raw[:end])
    body = raw[p:end].lstrip(" .,")
    title = None
    a = body.find("*")
    b = body.find("*", a + 1) if a >= 0 else -1
    if a >= 0 and b >= 0:
        before, italic = clean(body[:a]), clean(body[a + 1:b])
        title = before if before else italic
    if language is None and title:
        language = guess_language(title)
    year, tokens = None, raw[:end].split(" ")
    tokens = [t for t in tokens if t]
    for k, tok in enumerate(tokens):
        if k > 0 and tokens[k - 1].lower() in NUMBER_MARKERS:
            continue
        if "/" in tok or tok.startswith("10."):
            continue
        for run in FOUR_DIGITS.findall(tok):
            if 1500 <= int(run) <= LATEST_YEAR:
                year = int(run)
    return names, year, language


def csv_cell(v):
    s = str(v)
    if s[:1] in ("=", "+", "-", "@", "\t", "\r") and not isinstance(v, int):
        try:
            float(s)
        except ValueError:
            s = "'" + s
    if any(c in s for c in ',"\n\r') or s.startswith(" ") or s.endswith(" "):
        s = '"' + s.replace('"', '""') + '"'
    return s


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(",".join(header) + "\r\n")
        for row in rows:
            f.write(",".join(csv_cell(c) for c in row) + "\r\n")


def ranked(counter, top=None):
    rows = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    return rows[:top] if top else rows


def main():
    corpus, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    years, terms, term_docs, bigrams, bigram_docs = Counter(), Counter(), Counter(), Counter(), Counter()
    ref_years, ref_langs, ref_authors, author_label = Counter(), Counter(), Counter(), {}
    keyword_label, pairs = {}, Counter()
    for name in sorted(os.listdir(corpus)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(corpus, name), encoding="utf-8") as f:
            lines = f.read().split("\n")
        section, abstract, keywords, refs, doi = None, [], [], [], None
        for line in lines:
            line = line.rstrip()
            if line in ("Abstract", "Keywords", "References"):
                section = line
            elif "doi.org/" in line:
                doi = line[line.index("doi.org/") + 8:].rstrip(">")
            elif line and section == "Abstract":
                abstract.append(line)
            elif line and section == "Keywords":
                keywords.append(line)
            elif line.startswith("- [") and section == "References":
                refs.append(line[line.index("]") + 2:])
        year = doi_year(doi) if doi else None
        if year is not None:
            years[year] += 1
        ws = words(" ".join(abstract).replace("**", ""))
        seen = set()
        for w in ws:
            if w not in STOPWORDS:
                terms[w] += 1
                if w not in seen:
                    seen.add(w)
                    term_docs[w] += 1
        seen = set()
        for a, b in zip(ws, ws[1:]):
            if a in STOPWORDS or b in STOPWORDS:
                continue
            g = a + " " + b
            bigrams[g] += 1
            if g not in seen:
                seen.add(g)
                bigram_docs[g] += 1
        items = []
        for k in " ".join(keywords).split(","):
            k = k.strip()
            if k.endswith("."):
                k = k[:-1]
            if not k:
                continue
            key = k.lower()
            keyword_label.setdefault(key, k)
            if key not in items:
                items.append(key)
        for i in range(len(items)):
            for j in range(i + 1, len(items)):
                a, b = keyword_label[items[i]], keyword_label[items[j]]
                pairs[(a, b) if a < b else (b, a)] += 1
        for raw in refs:
            names, ryear, lang = parse_reference(raw)
            if ryear is not None:
                ref_years[ryear] += 1
            if lang:
                ref_langs[lang] += 1
            keys = []
            for family, initials in names:
                key = family.lower() + (", " + initials.lower() if initials else "")
                if key not in keys:
                    keys.append(key)
                    author_label.setdefault(key, family + (" " + initials if initials else ""))
                    ref_authors[key] += 1
    write_csv(os.path.join(out, "years.csv"), ["year", "count"], ranked(years))
    write_csv(os.path.join(out, "terms.csv"), ["term", "count", "documents"],
              [(t, c, term_docs[t]) for t, c in ranked(terms, 100)])
    write_csv(os.path.join(out, "bigrams.csv"), ["term", "count", "documents"],
              [(t, c, bigram_docs[t]) for t, c in ranked(bigrams, 100)])
    write_csv(os.path.join(out, "reference_years.csv"), ["year", "count"], ranked(ref_years))
    write_csv(os.path.join(out, "reference_languages.csv"), ["language", "count"], ranked(ref_langs))
    write_csv(os.path.join(out, "keyword_pairs.csv"), ["a", "b", "count"],
              [(a, b, c) for (a, b), c in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][1]))[:50]])
    authors = sorted(((author_label[k], c) for k, c in ref_authors.items()), key=lambda x: (-x[1], x[0]))[:20]
    write_csv(os.path.join(out, "reference_authors.csv"), ["authors", "count"], authors)


if __name__ == "__main__":
    main()
