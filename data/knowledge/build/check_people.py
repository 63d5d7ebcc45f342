#!/usr/bin/env python3
"""Check data/knowledge/people.tsv against the loader's rules (see ../SOURCES.md) and print counts.

Usage: python3 build/check_people.py [people.tsv] [--quiet]

Rules applied (the C++ loader, src/entities/knowledge.cc, enforces the first group at start-up):
  - line 1 is '# wirewatch knowledge: people.tsv version <v>; format ...'; valid UTF-8
  - header names the 11 columns; every row has exactly as many tab-separated fields
  - non-empty key, name, role and actor; dates YYYY-MM-DD (real calendar dates); end > start
  - actor codes known from countries.tsv (alpha3) or organisations.tsv (column actor)
  - no duplicate (key, role, actor, start); a key keeps one name on all its rows
  - a QID is well formed, used by one key only, and one key has at most one QID
Table conventions (checked here, not by the loader):
  - qid, name_en and aliases only on the first row of a key; a key's rows are contiguous
  - no alias (case- and accent-folded) shared by two keys, nor equal to another key's name
  - note starts with src=countryinfo|petrarch|knowledge on rows added from 2026-01 (rows without
    a note are older hand-written rows and are accepted)
  - no two people in one single-holder office (role/actor/title) on the same day, as
    tests/entities/knowledge_test.cc (NoOverlappingTermsForOneOffice) requires
Exit status 1 when any rule is broken; the problems are printed with their line numbers.
"""
import collections
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
KNOWLEDGE = os.path.dirname(HERE)
COLUMNS = ["key", "qid", "name", "name_en", "aliases", "role", "title", "actor", "start", "end", "note"]
SINGLE_HOLDER = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister",
                 "secretary_general", "high_representative", "president_commission",
                 "president_european_council"}
SOURCES = ("src=countryinfo", "src=petrarch", "src=knowledge")


def fold(text):
    """Case- and accent-folded form, close to the loader's kAccentFolded match level."""
    text = text.replace("\u2019", "'").replace("`", "'")
    text = unicodedata.normalize("NFD", text.casefold())
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return " ".join(text.split())


def is_date(text):
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    year, month, day = int(text[:4]), int(text[5:7]), int(text[8:])
    if not 1 <= month <= 12 or day < 1:
        return False
    days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    if month == 2 and (year % 4 == 0 and year % 100 != 0 or year % 400 == 0):
        days = 29
    return day <= days


def read_rows(path):
    """Yields (line number, fields) of data rows; the header comes back as line 0 fields."""
    with open(path, "rb") as fh:
        raw = fh.read()
    lines = raw.split(b"\n")
    for number, line in enumerate(lines, 1):
        if line.endswith(b"\r"):
            line = line[:-1]
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            yield number, None, "invalid UTF-8"
            continue
        yield number, text, None


def known_actors():
    actors = set()
    for table, column in (("countries.tsv", "alpha3"), ("organisations.tsv", "actor")):
        header = None
        with open(os.path.join(KNOWLEDGE, table), encoding="utf-8") as fh:
            for line in fh:
                line = line.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                fields = line.split("\t")
                if header is None:
                    header = fields
                    continue
                value = fields[header.index(column)].strip()
                if value:
                    actors.add(value)
    return actors


def main(argv):
    quiet = "--quiet" in argv
    args = [a for a in argv[1:] if not a.startswith("--")]
    path = args[0] if args else os.path.join(KNOWLEDGE, "people.tsv")
    actors = known_actors()
    problems = []
    header = None
    rows = []
    for number, text, error in read_rows(path):
        if error:
            problems.append(f"{number}: {error}")
            continue
        if number == 1:
            if not (text.startswith("# wirewatch knowledge: people.tsv version ") and "format" in text):
                problems.append("1: first line must be '# wirewatch knowledge: people.tsv version <v>; format ...'")
            continue
        if not text.strip() or text.startswith("#"):
            continue
        fields = text.split("\t")
        if header is None:
            header = fields
            missing = [c for c in COLUMNS if c not in header]
            if missing:
                problems.append(f"{number}: header lacks {', '.join(missing)}")
                break
            continue
        if len(fields) != len(header):
            problems.append(f"{number}: expected {len(header)} tab-separated fields, found {len(fields)}")
            continue
        rows.append((number, {c: fields[header.index(c)].strip() for c in COLUMNS}))

    first_row = {}          # key -> line of its first row
    last_row = {}           # key -> line of the row seen last (for contiguity)
    names = {}              # key -> name
    qid_of_key = {}
    key_of_qid = {}
    terms = set()
    surfaces = collections.defaultdict(set)  # folded alias -> keys
    own_names = collections.defaultdict(set)  # folded name/name_en -> keys
    offices = collections.defaultdict(list)
    previous_key = None
    for number, r in rows:
        key = r["key"]
        where = f"{number}: "
        for column in ("key", "name", "role", "actor"):
            if not r[column]:
                problems.append(where + f"empty {column}")
        if r["actor"] and r["actor"] not in actors:
            problems.append(where + f"unknown actor '{r['actor']}'")
        for column in ("start", "end"):
            if r[column] and not is_date(r[column]):
                problems.append(where + f"bad {column} date '{r[column]}' (want YYYY-MM-DD)")
        if r["start"] and r["end"] and is_date(r["start"]) and is_date(r["end"]) and not r["start"] < r["end"]:
            problems.append(where + f"term ends ({r['end']}) before it starts ({r['start']})")
        term = (key, r["role"], r["actor"], r["start"])
        if term in terms:
            problems.append(where + f"duplicate term for '{key}' ({r['role']}, {r['actor']}, {r['start']})")
        terms.add(term)
        if key in names:
            if r["name"] != names[key]:
                problems.append(where + f"name '{r['name']}' differs from earlier rows of '{key}' ('{names[key]}')")
            if previous_key != key:
                problems.append(where + f"rows of '{key}' are not contiguous (earlier row on line {last_row[key]})")
            for column in ("qid", "name_en", "aliases"):
                if r[column]:
                    problems.append(where + f"{column} given on a later row of '{key}' (first row: line {first_row[key]})")
        else:
            names[key] = r["name"]
            first_row[key] = number
            own_names[fold(r["name"])].add(key)
            if r["name_en"]:
                own_names[fold(r["name_en"])].add(key)
            for alias in r["aliases"].split("|"):
                if alias.strip():
                    surfaces[fold(alias)].add(key)
        last_row[key] = number
        previous_key = key
        qid = r["qid"]
        if qid:
            if not re.fullmatch(r"Q[1-9][0-9]*", qid):
                problems.append(where + f"malformed Wikidata id '{qid}'")
            if key in qid_of_key and qid_of_key[key] != qid:
                problems.append(where + f"conflicting QID for '{key}'")
            if qid in key_of_qid and key_of_qid[qid] != key:
                problems.append(where + f"QID {qid} already used by '{key_of_qid[qid]}'")
            qid_of_key.setdefault(key, qid)
            key_of_qid.setdefault(qid, key)
        if r["note"] and r["note"].startswith("src=") and not r["note"].startswith(SOURCES):
            problems.append(where + f"unknown source in note '{r['note'][:40]}'")
        if r["role"] in SINGLE_HOLDER and r["start"]:
            offices[(r["role"], r["actor"], r["title"].casefold())].append((r["start"], r["end"], key, number))

    for alias, keys in surfaces.items():
        others = (keys | own_names.get(alias, set()))
        if len(others) > 1:
            problems.append(f"alias '{alias}' is shared by {', '.join(sorted(others))}")
    for office, held in offices.items():
        held.sort()
        for i, (start_a, end_a, key_a, line_a) in enumerate(held):
            for start_b, end_b, key_b, line_b in held[i + 1:]:
                if end_a and end_a <= start_b:
                    continue
                problems.append(f"{line_b}: {'/'.join(office)}: {key_b} from {start_b} overlaps "
                                f"{key_a} [{start_a}, {end_a or 'open'}) on line {line_a}")

    # Two keys with one display name are allowed (two people called Andris Bērziņš) but worth a look.
    warnings = []
    by_name = collections.defaultdict(set)
    for key, name in names.items():
        by_name[name].add(key)
    for name, keys in sorted(by_name.items()):
        if len(keys) > 1:
            warnings.append(f"name '{name}' is used by {', '.join(sorted(keys))} (split person or namesakes?)")

    by_role = collections.Counter(r["role"] for _, r in rows)
    by_actor = collections.Counter(r["actor"] for _, r in rows)
    by_source = collections.Counter((r["note"].split(";")[0] if r["note"].startswith("src=") else "(no src)")
                                    for _, r in rows)
    print(f"{path}: {len(rows)} rows, {len(names)} people, {len(qid_of_key)} with QID")
    if not quiet:
        print("\nrows by role:")
        for role, n in by_role.most_common():
            print(f"  {n:5d}  {role}")
        print("\nrows by source:")
        for source, n in by_source.most_common():
            print(f"  {n:5d}  {source}")
        print(f"\nrows by actor ({len(by_actor)} actors):")
        items = sorted(by_actor.items(), key=lambda kv: (-kv[1], kv[0]))
        for i in range(0, len(items), 8):
            print("  " + "  ".join(f"{a:>6} {n:3d}" for a, n in items[i:i + 8]))
    for w in warnings:
        print("warning: " + w)
    if problems:
        print(f"\n{len(problems)} problem(s):")
        for p in problems:
            print("  " + p)
        return 1
    print("\nno problems")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
