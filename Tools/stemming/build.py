#!/usr/bin/env python3
"""Build the stemmer test fixtures Tests/AnalysisTests/Stemming/{english,russian}.tsv.

Each fixture lists words and their stems, one `word<TAB>stem` line a word, sorted and unique. The
stems are the output of the Snowball project's own Python package, `snowballstemmer` (BSD licence,
generated from the Snowball algorithm definitions), used as the oracle for the engine's Swift port of
the English (Porter2) and Russian algorithms (Sources/Analysis/Stemmer.swift).

The words:
  english  the 6,000 most frequent words (a-z and apostrophe) of the titles, abstracts and keywords of
           the shared corpora, plus a hand-written list of words that exercise the algorithm's edge
           cases (exceptional forms, -ies/-ied, -eed, -ing, -ly, apostrophes, y, the R1 prefixes).
  russian  every Cyrillic word of the shared corpora (there are few), plus inflected forms generated
           here from about 150 common nouns, adjectives and verbs, so that every step of the
           algorithm (gerunds, reflexives, participles, adjectives, verbs, nouns, superlatives,
           derivational endings, undoubling) is exercised.

The script makes a virtual environment under /tmp if needed, installs the pinned snowballstemmer from
PyPI into it, and reruns itself there. The output is deterministic.

    python3 Tools/stemming/build.py [--corpora ../shared/corpora] [--out Tests/AnalysisTests/Stemming]
"""

import argparse
import collections
import csv
import gzip
import html
import json
import os
import re
import subprocess
import sys

SNOWBALL_VERSION = "3.1.1"
VENV = "/tmp/scriptorium-stemming-venv"
ENGLISH_TOP = 6000

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def ensure_snowball():
    """Rerun this script in a venv holding the pinned snowballstemmer, unless this is that venv."""
    try:
        import snowballstemmer  # noqa: F401
        from importlib.metadata import version
        if version("snowballstemmer") == SNOWBALL_VERSION:
            return
    except ImportError:
        pass
    if os.environ.get("STEMMING_VENV_READY"):
        sys.exit(f"snowballstemmer {SNOWBALL_VERSION} could not be installed in {VENV}")
    python = os.path.join(VENV, "bin", "python")
    if not os.path.exists(python):
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
    subprocess.run([python, "-m", "pip", "install", "--quiet", f"snowballstemmer=={SNOWBALL_VERSION}"], check=True)
    env = dict(os.environ, STEMMING_VENV_READY="1")
    os.execve(python, [python, os.path.abspath(__file__)] + sys.argv[1:], env)


# ---------------------------------------------------------------------------------------------
# Text of titles, abstracts and keywords, format by format

TAG_RE = re.compile(r"<[^>]+>")


def strip_markup(text):
    return html.unescape(TAG_RE.sub(" ", text))


def tagged_fields(text, tags, value_re):
    """Fields of a tagged format (WoS, MEDLINE, RIS): a tag at the start of a line, continuation lines
    indented. `value_re` matches the tag and separator and captures the tag."""
    out, current = [], None
    for line in text.splitlines():
        m = value_re.match(line)
        if m:
            current = m.group(1) if m.group(1) in tags else None
            if current:
                out.append(line[m.end():])
        elif current and line.startswith(" "):
            out.append(line.strip())
        else:
            current = None
    return out


def wos_text(text):
    return tagged_fields(text, {"TI", "AB", "DE", "ID"}, re.compile(r"^([A-Z][A-Z0-9]) "))


def medline_text(text):
    return tagged_fields(text, {"TI", "AB", "OT", "MH"}, re.compile(r"^([A-Z]{2,4}) *- "))


def ris_text(text):
    return tagged_fields(text, {"TI", "T1", "AB", "KW"}, re.compile(r"^([A-Z][A-Z0-9])  - "))


def xml_elements(text, names):
    pattern = re.compile(r"<(%s)\b[^>]*>(.*?)</\1>" % "|".join(names), re.S)
    return [strip_markup(m.group(2)) for m in pattern.finditer(text)]


def pubmed_text(text):
    return xml_elements(text, ["ArticleTitle", "AbstractText", "Keyword", "DescriptorName"])


def jats_text(text):
    front = text.split("</front>", 1)[0]  # the article's own front matter, not its references
    return xml_elements(front, ["article-title", "abstract", "kwd"])


TEX_ACCENT_RE = re.compile(r"\\['\"`^~=.uvHckbdrt]\s*\{?([A-Za-z])\}?")
TEX_COMMAND_RE = re.compile(r"\\[A-Za-z]+")


def bibtex_field_values(text, names):
    """Values of the named fields of BibTeX entries: `name = {...}` (braces balanced) or `"..."`."""
    out = []
    for m in re.finditer(r"\b(%s)\s*=\s*([{\"])" % "|".join(names), text, re.I):
        i, depth, start = m.end(), 1, m.end()
        if m.group(2) == '"':
            end = text.find('"', i)
            out.append(text[start:end if end >= 0 else len(text)])
            continue
        while i < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        out.append(text[start:i - 1])
    cleaned = []
    for value in out:
        value = TEX_ACCENT_RE.sub(r"\1", value)
        value = TEX_COMMAND_RE.sub(" ", value)
        cleaned.append(value.replace("{", "").replace("}", ""))
    return cleaned


def bibtex_text(text):
    return bibtex_field_values(text, ["title", "abstract", "keywords", "author_keywords"])


def scopus_csv_text(text):
    rows = csv.DictReader(text.lstrip("\ufeff").splitlines())
    fields = ["Title", "Abstract", "Author Keywords", "Index Keywords"]
    return [row.get(f) or "" for row in rows for f in fields]


def crossref_text(text):
    data = json.loads(text)
    message = data.get("message", data)
    items = message.get("items", []) if isinstance(message, dict) else message
    out = []
    for item in items:
        for key in ("title", "subtitle", "subject"):
            out.extend(item.get(key) or [])
        if item.get("abstract"):
            out.append(strip_markup(item["abstract"]))
    return out


def seed_text(text):
    return [re.split(r"(?m)^References\s*$", text, 1)[0]]


def corpus_texts(corpora):
    """(path, list of text pieces) for every corpus file, in sorted order."""
    readers = [
        ("wos/", wos_text), ("medline/", medline_text), ("ris/", ris_text), ("pubmed/", pubmed_text),
        ("jats/", jats_text), ("bibtex/", bibtex_text), ("scopus/", scopus_csv_text),
        ("crossref/", crossref_text), ("seed/", seed_text),
    ]
    for folder, _, files in sorted(os.walk(corpora)):
        for name in sorted(files):
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, corpora).replace(os.sep, "/")
            reader = next((r for prefix, r in readers if rel.startswith(prefix)), None)
            if reader is None:
                continue
            opener = gzip.open if name.endswith(".gz") else open
            with opener(path, "rb") as f:
                text = f.read().decode("utf-8", "replace")
            yield rel, reader(text)


WORD_RE = re.compile(r"\w+(?:'\w+)*(?:(?<=s)')?")
ENGLISH_RE = re.compile(r"[a-z']+")
CYRILLIC_RE = re.compile(r"[а-яё]+")


def corpus_words(corpora):
    """Counts of the English (a-z and apostrophe) and Cyrillic words of the corpora, folded to lower case."""
    english, russian = collections.Counter(), collections.Counter()
    for _, pieces in corpus_texts(corpora):
        for piece in pieces:
            text = piece.lower().replace("\u2019", "'").replace("\u2018", "'")
            for word in WORD_RE.findall(text):
                if ENGLISH_RE.fullmatch(word):
                    english[word] += 1
                elif CYRILLIC_RE.fullmatch(word):
                    russian[word] += 1
    # Cyrillic words anywhere in the files (references too): there are few.
    for _, text in raw_texts(corpora):
        for word in WORD_RE.findall(text.lower()):
            if CYRILLIC_RE.fullmatch(word):
                russian[word] += 1
    return english, russian


def raw_texts(corpora):
    for folder, _, files in sorted(os.walk(corpora)):
        for name in sorted(files):
            path = os.path.join(folder, name)
            if not re.search(r"\.(txt|nbib|xml|xml\.gz|nxml|bib|ris|csv|json)$", name):
                continue
            opener = gzip.open if name.endswith(".gz") else open
            with opener(path, "rb") as f:
                yield path, f.read().decode("utf-8", "replace")


# ---------------------------------------------------------------------------------------------
# English edge cases

ENGLISH_EDGE_CASES = """
a i o an as at be by do go he if in is it me my no of on or so to up us we ox
skis skies ski sky news howe atlas cosmos bias andes idly gently ugly early only singly
dying lying tying vying hying dyings lyings tyings dye dyeing eying eyeing
inning innings outing outings canning cannings herring herrings earring earrings evening evenings
proceed proceeds proceeded proceeding proceedings exceed exceeds exceeded exceeding exceedingly
succeed succeeds succeeded succeeding agreed agreeing agree feed feeds fed bleed bleeding breed
freed freedom indeed speed speedily kneed kneel kneeled kneeling kneels knees knee deed deeds
guaranteed embeddedly heedly
kisses classes passes misses bosses addresses processes guesses dresses caresses
ties tied tie cries cried dies died lies lied flies spied spies studies studied replies replied
applies applied carried hurried pies pied ied ies series species babies copies emptied
gas gaps kiwis this us bus thus its was has dogs cats ones focus bonus campus status census
virus consensus analysis basis crisis thesis gross glass boss less pass caress
youth's youths' youths 's 'twas o'clock don't can't it's isn't children's james' o'neill
rock'n'roll 'ok' dog's' author's authors' 'tis tis' 'ab 'abc yo's
youth yellow yes yield yields yearly young year years yesterday yacht
sayings saying says said played playing player players enjoy enjoyed employ employed toy boy
boys buy buys obeyed obeying annoy annoyed annoying cry by say dry dries dried dryly shy shyly spy
fly flying flyer flyers ayyy yyy ayy sayyid yyes beyond beyonce layer prayer
happy happily happiness lovely quickly elegantly kindly badly hardly lightly carefully
hopelessly strangely fully really especially finally simply bristly burly curly surly
hopping hoped hoping hopped hope hopes luxuriated luxuriating luxuriate filing failing filed
tabled trouble troubled troubling sized sizing realized realizing added adding egged egging
offed offing ebbed ebbing aimed controlled falling filling fizzed fizzing hissing rolled
planned planning begged begging robbed shipping stopped dropped admitted referred preferred
conditional rational valency valenci hesitancy digitizer realization relational operator
feudalism legality radically hopefulness callously callousness decisiveness sensitivity
sensibility visibly analogi analogies archaeology biologist geologist technologist apology
apologist vileness faithfully heartlessly logically logistics
additional traditional rationalize duplicate electricity electrical hopeful goodness talkative
creative formative relative
revival allowance inference airliner gyroscopic adjustable defensible irritant replacement
adjustment dependent adoption activate angularity homologous effective bowdlerize
probate rate cease roll control controll hopeless
generate generates generated generating general generally generic generically generous
generously generation communism communication communicate community communities communal
commune arsenal arsenals arsenic past paste pastes pasted pasting pastime repast toothpaste
universe universes universal universally university universities later lateral laterally
emerge emerged emergence emergency emergencies emerging emergent organ organs organic organize
organization organizations organism organisms organized
consign consigned consigning consignment consist consisted consistency consistent consistently
consisting consists consolation consolations consolatory console consoled consoles consolidate
consolidated consolidating consoling consolingly consols consonant consort consorted consorting
conspicuous conspicuously conspiracy conspirator conspirators conspire conspired conspiring
constable constables constance constancy constant
knack knackeries knacks knag knave knaves knavish kneaded kneading knell knelt knew knick knif
knife knight knightly knights knit knits knitted knitting knives knob knobs knock knocked
knocker knockers knocking knocks knopp knot knots
abandoned abandonment abbreviation abilities ability abnormally absorption abstraction
academies accidentally accommodation accordingly accumulating acknowledgment acquaintance
activities actually additionally admirably adventurous affectionately aggressiveness
agreement alcoholism allegedly alternately ambiguity amusingly anarchism animated
announcement annually anonymity anticipation apparently appreciation approximately arbitrarily
arguably artistically astonishingly attentiveness authoritatively availability awkwardness
bakery barbarity beautifully beneficiary bewilderment biographical blindness boundlessly
bravely brotherhood brutality busily capability carelessness ceremonially championship
characteristically cheerfulness chronologically civilization cleverness clumsily coincidentally
collectively comfortably commercially competitively completeness complexity comprehension
conceivably conditioning conductivity confidentially conformity connectedness conscientiously
conservatism considerably continuously contradictory conventionality cooperatively
correctness courageously creativity critically cruelty curiously decentralization
definitively deliberately delightfully democratically dependency desirability destructiveness
determination diplomatically directness disagreeable discouragingly dishonestly distinctively
dramatically dutifully eagerness economically educationally effectively efficiently
electrically embarrassment emotionally encouragement endlessly enthusiastically environmentally
equality essentially eventually exaggeration excitement exclusively explicitly extraordinarily
fabulously faithfulness familiarity fearlessly feasibility fictionally flexibility foolishness
forgetfulness formality fortunately fraternity friendliness fruitfully fundamentally
gracefully gratefulness harmlessly heaviness helplessness historically hospitality
humorously hypothetically identically illogically imaginatively immeasurably impartiality
impossibly inaccurately incidentally independently individuality industrialization inevitably
informality ingeniously initially innocently instantaneously intellectually intentionally
irresponsibly joyfully judgmental kindliness laboriously legislatively liveliness loneliness
luckily magnificently marvellously materialism meaningfully mechanically memorably
mercilessly methodically mysteriously nationalization naturally nervousness nobility
normalization noticeably objectivity obviously occasionally officially operational
optimistically originality outrageously painfully particularly passionately peacefulness
perceptively permanently personality persuasively philosophically playfully pleasantly
politically popularity possibility practicality precisely preliminary presumably
productivity professionally progressively proportionally provisionally psychologically
punctuality qualification questionably rationality readily recognizable recklessness
regrettably relationally reliability remarkably repetitively resourcefulness respectfully
responsibility restlessness rhythmically ridiculously righteousness ruthlessness
sarcastically scientifically seamlessness selfishness sensationally sentimentality
seriousness significantly sincerity skillfully sociologically specifically spirituality
spontaneously statistically steadfastness strategically structurally subconsciously
successfully suitability superficiality surprisingly suspiciously sustainability
systematically technically temporarily thankfulness theoretically thoughtfulness
tremendously truthfulness typically unbelievably uncomfortably unconditionally
understandably unfortunately universality unnecessarily unquestionably usefulness
vulnerability wastefulness wholeheartedly wonderfully worthlessness
"""


def english_words(counts):
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:ENGLISH_TOP]
    words = {w for w, _ in ranked}
    words.update(w for w in ENGLISH_EDGE_CASES.split())
    return words


# ---------------------------------------------------------------------------------------------
# Russian inflected forms

HARD_ADJ = ["ый", "ая", "ое", "ые", "ого", "ому", "ым", "ом", "ой", "ую", "ою", "ых", "ыми"]
VELAR_ADJ = ["ий", "ая", "ое", "ие", "ого", "ому", "им", "ом", "ой", "ую", "ою", "их", "ими"]
STRESSED_ADJ = ["ой", "ая", "ое", "ые", "ого", "ому", "ым", "ом", "ую", "ых", "ыми"]
STRESSED_VELAR_ADJ = ["ой", "ая", "ое", "ие", "ого", "ому", "им", "ом", "ую", "их", "ими"]
SOFT_ADJ = ["ий", "яя", "ее", "ие", "его", "ему", "им", "ем", "ей", "юю", "ею", "их", "ими"]
# After ж, ш, ч, щ (participles in -ющ-/-ущ-/-вш-, superlatives in -ейш-).
SIBILANT_ADJ = ["ий", "ая", "ее", "ие", "его", "ему", "им", "ем", "ей", "ую", "ею", "их", "ими"]

# Nouns by declension: (stem, class). The endings of each class are below.
NOUN_ENDINGS = {
    "m": ["", "а", "у", "ом", "е", "ы", "ов", "ам", "ами", "ах"],
    "m_velar": ["", "а", "у", "ом", "е", "и", "ов", "ам", "ами", "ах"],
    "m_sibilant": ["", "а", "у", "ом", "е", "и", "ей", "ам", "ами", "ах"],
    "m_soft": ["ь", "я", "ю", "ем", "е", "и", "ей", "ям", "ями", "ях"],
    "m_j": ["й", "я", "ю", "ем", "е", "и", "ев", "ям", "ями", "ях"],
    "m_ij": ["ий", "ия", "ию", "ием", "ии", "иев", "иям", "иями", "иях"],
    "f": ["а", "ы", "е", "у", "ой", "ою", "", "ам", "ами", "ах"],
    "f_velar": ["а", "и", "е", "у", "ой", "ою", "", "ам", "ами", "ах"],
    "f_soft": ["я", "и", "е", "ю", "ей", "ею", "ь", "ям", "ями", "ях"],
    "f_ija": ["ия", "ии", "ию", "ией", "иею", "ий", "иям", "иями", "иях"],
    "f_sign": ["ь", "и", "ью", "ей", "ям", "ями", "ях"],
    "f_sign_sibilant": ["ь", "и", "ью", "ей", "ам", "ами", "ах"],
    "n": ["о", "а", "у", "ом", "е", "", "ам", "ами", "ах"],
    "n_soft": ["е", "я", "ю", "ем", "ей", "ям", "ями", "ях"],
    "n_ije": ["ие", "ия", "ию", "ием", "ии", "ий", "иям", "иями", "иях"],
    "n_je": ["ье", "ья", "ью", "ьем", "ьи", "ий", "ьям", "ьями", "ьях"],
}

NOUNS = """
стол:m город:m метод:m анализ:m результат:m процесс:m журнал:m закон:m народ:m автор:m
вопрос:m проект:m институт:m университет:m регион:m доклад:m договор:m объект:m факт:m
опыт:m материал:m документ:m элемент:m характер:m
учебник:m_velar язык:m_velar подход:m союзник:m_velar историк:m_velar
врач:m_sibilant товарищ:m_sibilant гараж:m_sibilant карандаш:m_sibilant
словар:m_soft учител:m_soft писател:m_soft руководител:m_soft показател:m_soft автомобил:m_soft
музе:m_j геро:m_j кра:m_j случа:m_j
санатор:m_ij критер:m_ij комментар:m_ij сценар:m_ij
работ:f стран:f систем:f проблем:f школ:f групп:f границ:f культур:f структур:f форм:f
книг:f_velar наук:f_velar политик:f_velar экономик:f_velar библиотек:f_velar
земл:f_soft недел:f_soft
истор:f_ija станц:f_ija теор:f_ija категор:f_ija территор:f_ija революц:f_ija методолог:f_ija
организац:f_ija информац:f_ija
област:f_sign част:f_sign связ:f_sign деятельност:f_sign возможност:f_sign ценност:f_sign
новост:f_sign ответственност:f_sign плотност:f_sign скорост:f_sign активност:f_sign
промышленност:f_sign тетрад:f_sign
реч:f_sign_sibilant мощ:f_sign_sibilant
слов:n дел:n прав:n мест:n обществ:n государств:n производств:n качеств:n числ:n средств:n
сотрудничеств:n
пол:n_soft мор:n_soft
исследован:n_ije развит:n_ije значен:n_ije отношен:n_ije управлен:n_ije движен:n_ije
соглашен:n_ije образован:n_ije явлен:n_ije положен:n_ije решен:n_ije
"""

ADJECTIVES = """
нов:hard научн:hard важн:hard международн:hard социальн:hard красн:hard бел:hard стар:hard
полезн:hard современн:hard государственн:hard длинн:hard
экономическ:velar политическ:velar историческ:velar российск:velar советск:velar русск:velar
высок:velar широк:velar
больш:stressed_velar друг:stressed_velar дорог:stressed_velar
молод:stressed миров:stressed основн:stressed
син:soft последн:soft внешн:soft внутренн:soft древн:soft летн:soft
общ:sibilant хорош:sibilant
"""

SUPERLATIVES = ["нов", "важн", "крупн", "сильн", "длинн", "стар", "умн"]

# Verbs: (infinitive, class).
VERBS = """
делать:a читать:a играть:a работать:a изучать:a понимать:a знать:a думать:a
гулять:a стрелять:a выполнять:a объяснять:a терять:a
организовать:ova использовать:ova исследовать:ova существовать:ova действовать:ova
рекомендовать:ova
говорить:i строить:i хвалить:i варить:i дарить:i верить:i творить:i спорить:i
смотреть:e терпеть:e вертеть:e
уметь:ej иметь:ej болеть:ej
открыть:y мыть:y
заниматься:a_refl развиваться:a_refl появляться:a_refl являться:a_refl считаться:a_refl
отличаться:a_refl начинаться:a_refl
учиться:i_refl строиться:i_refl
"""


def adjective_forms(stem, kind):
    endings = {"hard": HARD_ADJ, "velar": VELAR_ADJ, "stressed": STRESSED_ADJ,
               "stressed_velar": STRESSED_VELAR_ADJ, "soft": SOFT_ADJ, "sibilant": SIBILANT_ADJ}[kind]
    forms = [stem + e for e in endings]
    if kind in ("hard", "velar", "stressed"):
        forms += [stem, stem + "а", stem + "о", stem + "ы", stem + "ее", stem + "ей"]  # short, comparative
    return forms


def verb_forms(infinitive, kind):
    forms = [infinitive]
    if kind in ("a", "ej"):
        base = infinitive[:-2]  # дела-, уме-
        forms += [base + e for e in ["ю", "ешь", "ет", "ем", "ете", "ют", "л", "ла", "ло", "ли", "й", "йте",
                                     "в", "вши", "я", "ние", "нием", "нии", "ния"]]
        forms += [base + "ющ" + e for e in SIBILANT_ADJ]
        forms += [base + "вш" + e for e in SIBILANT_ADJ]
        forms += [base + "ем" + e for e in HARD_ADJ]
        forms += [base + "нн" + e for e in HARD_ADJ] + [base + "н", base + "на", base + "но", base + "ны"]
    elif kind == "ova":
        root = infinitive[:-5]  # организ-
        forms += [root + e for e in ["ую", "уешь", "ует", "уем", "уете", "уют", "овал", "овала", "овало",
                                     "овали", "уй", "уйте", "уя", "овав", "овавши", "ование", "ования",
                                     "ованием", "ованию"]]
        forms += [root + "ующ" + e for e in SIBILANT_ADJ]
        forms += [root + "овавш" + e for e in SIBILANT_ADJ]
        forms += [root + "ованн" + e for e in HARD_ADJ] + [root + "ован", root + "ована", root + "ованы"]
    elif kind == "i":
        base = infinitive[:-3]  # говор-
        u, a = ("у", "а") if base[-1] in "жшчщ" else ("ю", "я")
        forms += [base + e for e in [u, "ишь", "ит", "им", "ите", a + "т", "ил", "ила", "ило", "или", "и",
                                     "ив", "ивши", a, "ение", "ения", "ением"]]
        forms += [base + a + "щ" + e for e in SIBILANT_ADJ]
        forms += [base + "ивш" + e for e in SIBILANT_ADJ]
        forms += [base + "енн" + e for e in HARD_ADJ]
    elif kind == "e":
        base = infinitive[:-3]  # смотр-
        forms += [base + e for e in ["ю", "ишь", "ит", "им", "ите", "ят", "ел", "ела", "ело", "ели", "и",
                                     "ев", "евши", "я"]]
        forms += [base + "ящ" + e for e in SIBILANT_ADJ]
        forms += [base + "евш" + e for e in SIBILANT_ADJ]
    elif kind == "y":
        base = infinitive[:-3]  # откр-, м-
        forms += [base + e for e in ["ою", "оешь", "оет", "оем", "оете", "оют", "ыл", "ыла", "ыло", "ыли",
                                     "ой", "ойте", "ыв", "ывши", "ывшись", "ытие", "ытия"]]
        forms += [base + "ывш" + e for e in SIBILANT_ADJ]
        forms += [base + "ыт" + e for e in HARD_ADJ]
    elif kind == "a_refl":
        base = infinitive[:-4]  # занима-
        forms += [base + e for e in ["юсь", "ешься", "ется", "емся", "етесь", "ются", "лся", "лась", "лось",
                                     "лись", "йся", "йтесь", "ясь", "вшись", "ться"]]
        forms += [base + "ющ" + e + "ся" for e in SIBILANT_ADJ]
        forms += [base + "вш" + e + "ся" for e in SIBILANT_ADJ]
    elif kind == "i_refl":
        base = infinitive[:-5]  # уч-, стро-
        u, a = ("у", "а") if base[-1] in "жшчщ" else ("ю", "я")
        forms += [base + e for e in [u + "сь", "ишься", "ится", "имся", "итесь", a + "тся", "ился", "илась",
                                     "илось", "ились", "ись", a + "сь", "ившись"]]
        forms += [base + a + "щ" + e + "ся" for e in SIBILANT_ADJ]
        forms += [base + "ивш" + e + "ся" for e in SIBILANT_ADJ]
    return forms


# Words that exercise particular rules: ё, no vowel, a vowel only at the end, RV edge cases,
# superlatives with нн, -ость in and out of R2, particles and short words.
RUSSIAN_EXTRA = """
ещё её всё пришёл пришёлся тёмный тёмного зелёный зелёная ёлка ёлками ёж ежи лёд льда
мёд берёза берёзовый жёлтый идёт идёшь несёт ведёт
в к с вдрызг брр хм мгл
я а и о у оно они она это эти этот эта тот та те то
остров слив взрыв нив рыв ив ыв вши ся сь ость ост рост гость кость мост пост тост гостья
злость радость мудрость молодость стоимость стоимости стоимостью стоимостей
необходимость необходимости особенность особенности
длиннейший длиннейшая длиннейшее умнейший старейшина искреннейший
ранний ранняя раннее ранние длинна длинно длинны сильнее длиннее
бегавшая бегавший бегавшие прочитавший прочитавшая сделавший сделавшая
противоестественном величие
нн ннн анн енн инн
"""


def russian_words(corpus):
    words = set(corpus)
    for line in NOUNS.split():
        stem, kind = line.split(":")
        if kind != "skip":
            words.update(stem + e for e in NOUN_ENDINGS[kind])
    for line in ADJECTIVES.split():
        stem, kind = line.split(":")
        words.update(adjective_forms(stem, kind))
    for stem in SUPERLATIVES:
        words.update(stem + "ейш" + e for e in SIBILANT_ADJ)
    for line in VERBS.split():
        infinitive, kind = line.split(":")
        if kind != "skip":
            words.update(verb_forms(infinitive, kind))
    words.update(RUSSIAN_EXTRA.split())
    return {w for w in words if w}


# ---------------------------------------------------------------------------------------------

def write_fixture(path, words, stemmer):
    lines = sorted({f"{w}\t{stemmer.stemWord(w)}" for w in words})
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    return len(lines), os.path.getsize(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--corpora", default=os.path.join(ROOT, "..", "shared", "corpora"))
    parser.add_argument("--out", default=os.path.join(ROOT, "Tests", "AnalysisTests", "Stemming"))
    args = parser.parse_args()
    ensure_snowball()
    import snowballstemmer

    english_counts, russian_counts = corpus_words(args.corpora)
    os.makedirs(args.out, exist_ok=True)
    for name, words in (("english", english_words(english_counts)), ("russian", russian_words(russian_counts))):
        path = os.path.join(args.out, f"{name}.tsv")
        count, size = write_fixture(path, words, snowballstemmer.stemmer(name))
        print(f"{path}: {count} words, {size} bytes")
    print(f"({len(russian_counts)} Cyrillic words in the corpora; snowballstemmer {SNOWBALL_VERSION})")


if __name__ == "__main__":
    main()
