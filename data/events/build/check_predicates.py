#!/usr/bin/env python3
"""Check data/events/predicates.tsv (the lemma-based Dutch CAMEO event dictionary).

Usage: check_predicates.py [path]      (default: ../predicates.tsv next to this script)

Validates the version line, the header, 7 TAB-separated fields per row, the kind, that every
CAMEO code exists in ../codes.tsv, the target and option syntax, the expect field, that the
example sentence contains a form of the predicate (lenient: stems, separable particles, a table
of strong verbs), duplicates, and that each row sits under the comment of its own root
("# ---- 01 MAKE PUBLIC STATEMENT ----"). Prints counts per root and kind and the code coverage.
Exits 1 on any error. Python 3 standard library only.
"""
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
FIRST_LINE = ("# wirewatch events: predicates.tsv version 2026.12.1; format TSV UTF-8: "
              "predicate, kind, cameo, target, options, example, expect")
HEADER = ["predicate", "kind", "cameo", "target", "options", "example", "expect"]
KINDS = {"verb", "light", "noun"}
OPTIONS = {"frame", "recip", "negative", "needs_target", "self"}
PREPS = {
    "aan", "achter", "bij", "binnen", "boven", "buiten", "door", "in", "jegens", "langs", "met",
    "na", "naar", "naast", "om", "onder", "op", "over", "richting", "rond", "sinds", "tegen",
    "tegenover", "ten", "ter", "tot", "tussen", "uit", "van", "vanuit", "via", "voor", "wegens",
    "zonder", "namens", "omtrent", "aangaande",
}
EXPECT_RE = re.compile(r"^[A-Z]{2,6}>([A-Z]{2,6}|-)$")
WORD_RE = re.compile(r"^[a-zà-ÿ][a-zà-ÿ'-]*$")
SECTION_RE = re.compile(r"^# -{2,} (\d\d) [A-Z].* -{2,}$")
# English function words that should never appear in a Dutch example sentence.
ENGLISH = {"the", "and", "with", "to", "has", "have", "will", "that", "which", "from", "by",
           "for", "on", "it", "its", "this", "said", "says", "would", "after", "against"}
REFLEXIVE = {"zich", "zichzelf", "ons", "onszelf", "me", "mij", "je", "jezelf", "u", "hen"}

# Separable verb particles, longest first.
PARTICLES = sorted("""dood deel terug samen tegen binnen voorbij achter over door weg vast vrij neer mee aan
af op uit in toe bij na voor om los dicht open stop kapot bijeen rond gade teweeg plaats bekend
goed uiteen heen tentoon kwijt tegemoet omver fijn stil gevangen onder""".split(),
                   key=len, reverse=True)
INSEPARABLE = ("be", "ver", "ont", "ge", "her", "er", "onder", "over", "door", "mis", "voor",
               "achter", "om", "weer", "vol")

# Strong and irregular Dutch verbs: base -> past and participle forms (without prefixes).
STRONG = {
    "bederven": "bedierf bedierven bedorven", "bedriegen": "bedroog bedrogen",
    "beginnen": "begon begonnen", "bergen": "borg borgen geborgen", "bevelen": "beval bevalen bevolen",
    "bewegen": "bewoog bewogen", "bezweren": "bezwoer bezworen", "bidden": "bad baden gebeden",
    "bieden": "bood boden geboden", "binden": "bond bonden gebonden", "blazen": "blies bliezen",
    "blijken": "bleek bleken", "blijven": "bleef bleven", "breken": "brak braken gebroken",
    "brengen": "bracht brachten gebracht", "buigen": "boog bogen gebogen", "denken": "dacht dachten",
    "doen": "deed deden gedaan doet", "dragen": "droeg droegen", "drijven": "dreef dreven",
    "dringen": "drong drongen gedrongen", "dwingen": "dwong dwongen gedwongen", "eten": "at aten",
    "gaan": "ging gingen gegaan gaat", "gelden": "gold golden gegolden", "geven": "gaf gaven gegeven",
    "gieten": "goot goten gegoten", "glijden": "gleed gleden", "graven": "groef groeven",
    "grijpen": "greep grepen gegrepen", "hangen": "hing hingen gehangen", "heffen": "hief hieven geheven",
    "helpen": "hielp hielpen geholpen", "hijsen": "hees hesen gehesen", "houden": "hield hielden gehouden",
    "jagen": "joeg joegen", "kiezen": "koos kozen gekozen", "kijken": "keek keken",
    "komen": "kwam kwamen gekomen", "kopen": "kocht kochten gekocht", "krijgen": "kreeg kregen",
    "kruipen": "kroop kropen", "laden": "laadde", "laten": "liet lieten gelaten", "lezen": "las lazen",
    "liegen": "loog logen gelogen", "liggen": "lag lagen", "lijden": "leed leden geleden",
    "lijken": "leek leken", "lopen": "liep liepen", "meten": "mat maten", "mijden": "meed meden",
    "nemen": "nam namen genomen", "schenken": "schonk schonken geschonken", "prijzen": "prees prezen geprezen", "raden": "ried rieden",
    "rijden": "reed reden", "rijzen": "rees rezen", "roepen": "riep riepen", "schelden": "schold",
    "scheppen": "schiep schiepen", "schieten": "schoot schoten geschoten", "schijnen": "scheen",
    "schenden": "schond schonden geschonden", "schrijven": "schreef schreven",
    "schuiven": "schoof schoven", "slaan": "sloeg sloegen geslagen slaat", "slapen": "sliep",
    "sluipen": "sloop slopen", "sluiten": "sloot sloten gesloten", "smijten": "smeet smeten",
    "snijden": "sneed sneden", "spreken": "sprak spraken gesproken", "springen": "sprong sprongen",
    "staan": "stond stonden gestaan staat", "steken": "stak staken gestoken", "stelen": "stal stalen gestolen",
    "sterven": "stierf stierven gestorven", "stijgen": "steeg stegen", "stoten": "stootte stiet",
    "strijden": "streed streden", "strijken": "streek streken", "treden": "trad traden",
    "treffen": "trof troffen getroffen", "trekken": "trok trokken getrokken", "vallen": "viel vielen",
    "vangen": "ving vingen", "varen": "voer voeren", "vechten": "vocht vochten gevochten",
    "verdwijnen": "verdween", "vergeten": "vergat", "verliezen": "verloor verloren",
    "vinden": "vond vonden gevonden", "vliegen": "vloog vlogen gevlogen", "vragen": "vroeg vroegen",
    "vriezen": "vroor vroren", "wegen": "woog wogen", "werpen": "wierp wierpen geworpen",
    "werven": "wierf wierven geworven", "weten": "wist wisten", "wijken": "week weken",
    "wijten": "weet weten", "wijzen": "wees wezen gewezen", "winnen": "won wonnen gewonnen",
    "worden": "werd werden", "zeggen": "zei zeiden gezegd zegt", "zenden": "zond zonden gezonden",
    "zien": "zag zagen gezien ziet", "zijn": "is was waren", "zinken": "zonk", "zitten": "zat zaten",
    "zoeken": "zocht zochten gezocht", "zuigen": "zoog", "zwijgen": "zweeg zwegen gezwegen",
    "zweren": "zwoer zwoeren gezworen", "verwijten": "verweet verweten", "bijten": "beet",
    "belijden": "beleed", "verbieden": "verbood verboden", "ontbieden": "ontbood ontboden",
    "bezoeken": "bezocht bezochten", "verkopen": "verkocht", "schrikken": "schrok",
    "genezen": "genas", "wreken": "wreekte gewroken", "heten": "heette", "mogen": "mocht",
    "kunnen": "kon konden", "willen": "wilde wou", "hebben": "had hadden heeft",
    "verzwijgen": "verzweeg", "onderscheiden": "onderscheidde", "ontvangen": "ontving ontvingen",
    "beschieten": "beschoot beschoten", "verslaan": "versloeg versloegen", "ontslaan": "ontsloeg",
    "ondergaan": "onderging", "begaan": "beging begingen", "ontvluchten": "ontvluchtte",
    "verwerpen": "verwierp verwierpen verworpen", "ontwijken": "ontweek", "bestrijden": "bestreed",
    "vermijden": "vermeed", "verbinden": "verbond verbonden", "ontbinden": "ontbond",
    "begrijpen": "begreep", "verschijnen": "verscheen", "ontnemen": "ontnam", "vernemen": "vernam",
    "ontsnappen": "ontsnapte", "verlaten": "verliet verlieten", "ontheffen": "onthief ontheven",
}
IRREG_NOUN = {"schip": ["schep"], "stad": ["sted"], "lid": ["leden"], "gelid": ["gelederen"],
              "kind": ["kinder"], "volk": ["volk"], "rund": ["runder"]}


def fold(s):
    """Lower case, strip diacritics, collapse doubled vowels, f->v, s->z (spelling alternations)."""
    s = unicodedata.normalize("NFKD", s.lower())
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"([aeou])\1", r"\1", s)
    return s.replace("f", "v").replace("s", "z")


def tokens(sentence):
    return [fold(t) for t in re.findall(r"[^\W\d_]+(?:[-'][^\W\d_]+)*", sentence)]


def verb_stem(inf):
    if inf.endswith("en") and len(inf) >= 4:
        s = inf[:-2]
    elif inf.endswith("n"):
        s = inf[:-1]
    else:
        s = inf
    if len(s) > 3 and s[-1] == s[-2] and s[-1] not in "aeiou":
        s = s[:-1]
    return s


def stem_in(stem, toks):
    p = fold(stem)[:4]
    return any(p in t for t in toks)


def strong_forms(verb):
    """Forms of a (possibly prefixed) strong verb: (prefix, [forms]) or None."""
    for base in sorted(STRONG, key=len, reverse=True):
        if verb.endswith(base):
            return verb[: -len(base)], STRONG[base].split()
    return None


def verb_in(verb, toks):
    """True if some form of the verb lemma occurs in the tokens."""
    if stem_in(verb_stem(verb), toks):
        return True
    sf = strong_forms(verb)
    if sf:
        pre, forms = sf
        for f in forms:
            if any(fold(pre + f) in t for t in toks):
                return True
            if pre and pre in PARTICLES and any(fold(f) in t for t in toks):
                if any(t.startswith(fold(pre)) for t in toks):
                    return True
    for p in PARTICLES:
        rest = verb[len(p):]
        if verb.startswith(p) and len(rest) >= 3:
            if not any(t == fold(p) or t.startswith(fold(p)) for t in toks):
                continue
            if stem_in(verb_stem(rest), toks):
                return True
            sf = strong_forms(rest)
            if sf:
                pre, forms = sf
                if any(fold(pre + f) in t for f in forms for t in toks):
                    return True
    return False


def noun_in(noun, toks):
    n = fold(noun)
    cands = [n[: max(4, len(n) - 2)]] + [fold(x) for x in IRREG_NOUN.get(noun, [])]
    return any(c in t for c in cands for t in toks)


def predicate_in(pred, kind, example):
    toks = tokens(example)
    words = pred.split()
    if kind == "noun":
        return noun_in(pred, toks)
    if kind == "light":
        return noun_in(words[0], toks) and verb_in(words[1], toks)
    if words[0] == "zich":
        return any(t in {fold(r) for r in REFLEXIVE} for t in toks) and verb_in(words[1], toks)
    return verb_in(words[0], toks)


def load_codes(path):
    codes = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("code\t") or not line.strip():
                continue
            parts = line.rstrip("\n").split("\t")
            codes[parts[0]] = parts[3] if len(parts) > 3 else ""
    return codes


def main(argv):
    path = argv[1] if len(argv) > 1 else os.path.join(HERE, "..", "predicates.tsv")
    codes = load_codes(os.path.join(HERE, "..", "codes.tsv"))
    errors, warnings = [], []

    def err(n, msg):
        errors.append(f"{path}:{n}: {msg}")

    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or lines[0] != FIRST_LINE:
        err(1, "first line must be exactly: " + FIRST_LINE)

    header_seen = False
    section = None
    seen = {}
    by_pk = defaultdict(list)
    examples = {}
    per_root = Counter()
    per_kind = Counter()
    per_root_kind = defaultdict(Counter)
    used = set()
    rows = 0
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip():
            err(n, "empty line")
            continue
        if line.startswith("#"):
            m = SECTION_RE.match(line)
            if m:
                if not header_seen:
                    err(n, "root section before the header line")
                section = m.group(1)
                if section not in codes:
                    err(n, f"section root {section} not in codes.tsv")
            elif line.startswith("# ----"):
                err(n, "malformed section comment (want '# ---- NN NAME ----')")
            continue
        fields = line.split("\t")
        if not header_seen:
            if fields != HEADER:
                err(n, "header line must be: " + "\\t".join(HEADER))
            header_seen = True
            continue
        if len(fields) != 7:
            err(n, f"{len(fields)} fields, want 7")
            continue
        pred, kind, cameo, target, options, example, expect = fields
        rows += 1
        if any(x != x.strip() or not x for x in fields):
            err(n, "empty field or leading/trailing blank")
        # kind and predicate shape
        if kind not in KINDS:
            err(n, f"kind {kind!r} not in {sorted(KINDS)}")
        words = pred.split(" ")
        if pred != pred.lower() or not all(WORD_RE.match(w) for w in words):
            err(n, f"predicate {pred!r}: lower-case words only")
        if kind == "verb":
            core = words[1:] if words[0] == "zich" else words
            if len(core) != 1 or not core[0].endswith("n"):
                err(n, f"verb {pred!r}: one infinitive, optionally after 'zich'")
        elif kind == "noun":
            if len(words) != 1:
                err(n, f"noun {pred!r}: one singular noun lemma")
        elif kind == "light":
            if len(words) != 2 or not words[1].endswith("n") or words[0] == "zich":
                err(n, f"light {pred!r}: 'NOUN VERB' (object noun + verb lemma)")
            elif words[0] in PREPS:
                err(n, f"light {pred!r}: starts with a preposition (VERB PREP NOUN is not allowed)")
        # code
        if cameo not in codes:
            err(n, f"cameo {cameo!r} not in codes.tsv")
        else:
            used.add(cameo)
            per_root[cameo[:2]] += 1
            per_root_kind[cameo[:2]][kind] += 1
            if section is None:
                err(n, "row before any root section comment")
            elif cameo[:2] != section:
                err(n, f"cameo {cameo} under section {section}")
        per_kind[kind] += 1
        # target
        if target != "-":
            items = target.split("|")
            if len(set(items)) != len(items):
                err(n, f"target {target!r}: repeated slot")
            for it in items:
                if it in ("obj", "iobj"):
                    if kind == "noun":
                        err(n, f"target {it} on a noun (use nmod:PREP)")
                    # On a light construction obj is the noun itself: its party is the target
                    # ("Amerikaanse journalisten uitzetten", "de waarnemers van de OVSE wegsturen").
                    continue
                m = re.match(r"^(obl|nmod):([a-z]+)$", it)
                if not m or m.group(2) not in PREPS:
                    err(n, f"target slot {it!r} not obj, iobj, obl:PREP or nmod:PREP")
                    continue
                if m.group(1) == "nmod" and kind == "verb":
                    err(n, f"target {it}: nmod is for nouns and light constructions")
                if m.group(1) == "obl" and kind == "noun":
                    err(n, f"target {it}: a noun takes nmod:PREP")
        # options
        opts = [] if options == "-" else options.split(",")
        for o in opts:
            if o not in OPTIONS:
                err(n, f"option {o!r} not in {sorted(OPTIONS)}")
        if len(set(opts)) != len(opts):
            err(n, "repeated option")
        if "self" in opts and target != "-":
            err(n, "option self with a target slot")
        if "self" in opts and "needs_target" in opts:
            err(n, "options self and needs_target exclude each other")
        if "needs_target" in opts and target == "-":
            err(n, "needs_target without a target slot")
        # expect
        if not EXPECT_RE.match(expect):
            err(n, f"expect {expect!r} not SOURCE>TARGET")
        else:
            src, tgt = expect.split(">")
            # Without a slot of its own a frame predicate takes its target from what it governs,
            # and any other act is coded domestic (source and target the same actor).
            if (target == "-" or "self" in opts) and tgt != "-" and tgt != src and "frame" not in opts:
                err(n, f"expect {expect}: the predicate takes no target")
            if "needs_target" in opts and tgt == "-":
                err(n, f"expect {expect}: needs_target but the example has no target")
        # example
        if not example:
            err(n, "empty example")
        else:
            if not (example[0].isupper() or example[0] in "\"'‘“,"):
                err(n, "example should start with a capital")
            if example[-1] not in ".!?\"'’”":
                err(n, "example should end with a full stop")
            eng = [w for w in re.findall(r"[A-Za-z]+", example) if w in ENGLISH]
            if eng:
                err(n, f"example contains English words {eng}")
            if pred and kind in KINDS and not predicate_in(pred, kind, example):
                err(n, f"example does not contain a form of {pred!r}: {example}")
            if example in examples:
                err(n, f"example repeats line {examples[example]}")
            examples.setdefault(example, n)
        # duplicates
        key = (pred, kind, cameo)
        if key in seen:
            err(n, f"duplicate of line {seen[key]}: {pred} / {kind} / {cameo}")
        seen.setdefault(key, n)
        for (m, c, t) in by_pk[(pred, kind)]:
            if c != cameo and t == target:
                err(n, f"{pred!r} ({kind}) under {c} (line {m}) and {cameo} with the same target slot")
            elif c != cameo:
                warnings.append(f"{path}:{n}: {pred!r} ({kind}) also under {c} (line {m}), "
                                f"separated by target {target!r}")
        by_pk[(pred, kind)].append((n, cameo, target))

    if not header_seen:
        err(len(lines), "no header line")

    # report
    print(f"rows: {rows}")
    print("kinds: " + ", ".join(f"{k} {per_kind[k]} ({100 * per_kind[k] / max(rows, 1):.0f}%)"
                                for k in ("verb", "light", "noun")))
    print("per root:")
    for root in sorted(c for c in codes if len(c) == 2):
        k = per_root_kind[root]
        print(f"  {root} {codes[root]:<34} {per_root[root]:5d}   verb {k['verb']:4d}  "
              f"light {k['light']:4d}  noun {k['noun']:4d}")
    missing_roots = [r for r in codes if len(r) == 2 and per_root[r] == 0]
    for r in missing_roots:
        errors.append(f"root {r} has no rows")
    for digits in (3, 4):
        avail = sorted(c for c in codes if len(c) == digits)
        cov = [c for c in avail if c in used]
        print(f"{digits}-digit codes covered: {len(cov)} of {len(avail)} "
              f"({100 * len(cov) / len(avail):.1f}%)")
        if digits == 3:
            print("  3-digit codes without a row: " + " ".join(c for c in avail if c not in used))
    for w in warnings:
        print("note: " + w)
    for e in errors:
        print("ERROR: " + e, file=sys.stderr)
    print(f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
