#!/usr/bin/env python3
"""Merge curated predicate rows into data/events/predicates.tsv.

Usage: merge_predicates.py BASE PART... OUT

Keeps BASE's header lines, appends each PART's rows, drops exact (predicate, kind, cameo)
repeats (first wins), strips `frame` from statements (010 reports; it does not govern what it
reports), sorts rows by root (stable: curated order inside a root is kept) and writes the root
section comments check_predicates.py expects. Prints, on stderr, the rows it rejects and every
(predicate, kind, first target slot) that still has more than one CAMEO code: the tree coder
takes the first such reading, so each of those is a decision for the curator.
Python 3 standard library only.
"""
import collections
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CODES = os.path.join(HERE, "..", "codes.tsv")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    base, parts, out = sys.argv[1], sys.argv[2:-1], sys.argv[-1]
    codes, names = set(), {}
    for line in open(CODES, encoding="utf-8"):
        if line.startswith("#"):
            continue
        f = line.rstrip("\n").split("\t")
        codes.add(f[0])
        if len(f) >= 4 and len(f[0]) == 2:
            names[f[0]] = f[3].strip()
    head, rows, seen, bad = [], [], set(), 0

    def add(line, src):
        nonlocal bad
        f = line.rstrip("\n").split("\t")
        ok = (len(f) == 7 and f[1] in ("verb", "noun", "light") and f[2] in codes
              and re.match(r"^[A-Z]{2,6}>([A-Z]{2,6}|-)$", f[6]) and f[5].strip())
        if ok and f[1] == "light" and f[0].count(" ") != 1:
            ok = False
        if not ok:
            bad += 1
            print("rejected", src, line.strip()[:100], file=sys.stderr)
            return
        key = (f[0], f[1], f[2])
        if key in seen:
            return
        seen.add(key)
        if f[2] == "010" and "frame" in f[4].split(","):
            f[4] = ",".join(o for o in f[4].split(",") if o != "frame") or "-"
        rows.append(f)

    for line in open(base, encoding="utf-8"):
        if line.startswith("#") or line.startswith("predicate\t") or not line.strip():
            if not rows and not line.startswith("# ----"):
                head.append(line)
            continue
        add(line, base)
    for part in parts:
        for line in open(part, encoding="utf-8"):
            if line.startswith("#") or line.startswith("predicate\t") or not line.strip():
                continue
            add(line, part)
    rows.sort(key=lambda f: f[2][:2])
    with open(out, "w", encoding="utf-8") as o:
        for h in head:
            if not h.startswith("predicate\t"):
                o.write(h)
        o.write("predicate\tkind\tcameo\ttarget\toptions\texample\texpect\n")
        root = None
        for f in rows:
            if f[2][:2] != root:
                root = f[2][:2]
                o.write(f"# ---- {root} {names.get(root, '')} ----\n")
            o.write("\t".join(f) + "\n")
    readings = collections.defaultdict(list)
    for f in rows:
        readings[(f[0], f[1], f[3].split("|")[0])].append(f[2])
    for (lemma, kind, slot), cs in sorted(readings.items()):
        if len(cs) > 1:
            print(f"same reading, several codes: {lemma} ({kind}, {slot}): {' '.join(cs)}",
                  file=sys.stderr)
    per_root = collections.Counter(f[2][:2] for f in rows)
    print(len(rows), "rows,", bad, "rejected;", dict(sorted(per_root.items())), file=sys.stderr)


if __name__ == "__main__":
    main()
