#!/usr/bin/python3
"""HTML article extraction: wirewatch against readability-lxml on the same pages, in one run.

usage: bench/html_compare.py [--wirewatch BIN] [--pages DIR] [--truth JSON] [--repeat N]

Runs `wirewatch analyze -j1` over the benchmark's *.html.gz pages and readability-lxml
(python3-readability, `from readability import Document`) over the same pages, then prints for
each: pages/s, MB/s (uncompressed HTML), F1/precision/recall from shared/tools/score_extraction.py,
and the speed ratio. Both run single-threaded. wirewatch is timed as a whole CLI run (gunzip,
decoding and every pipeline stage included); readability is timed on pages already decompressed
and decoded, extraction and text conversion only, so the ratio is conservative for wirewatch.
Run it with /usr/bin/python3 (Debian's python3-readability lives there).
"""
import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SHARED = os.path.join(os.path.dirname(REPO), "shared")
BENCH = os.path.join(SHARED, "data", "article-extraction-benchmark-en")


def load_pages(folder):
    pages = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".html.gz"):
            with gzip.open(os.path.join(folder, name)) as fh:
                pages.append((name, fh.read()))
    return pages


def score(truth, jsonl_path):
    out = subprocess.run([sys.executable, os.path.join(SHARED, "tools", "score_extraction.py"),
                          truth, jsonl_path], capture_output=True, text=True, check=True).stdout
    m = re.search(r"F1 ([\d.]+) precision ([\d.]+) recall ([\d.]+)", out)
    return tuple(float(x) for x in m.groups()) if m else (0.0, 0.0, 0.0)


def run_wirewatch(binary, folder, out_path, repeat):
    best = None
    for _ in range(repeat):
        with open(out_path, "w") as out:
            start = time.perf_counter()
            subprocess.run([binary, "analyze", "-j1", folder], stdout=out,
                           stderr=subprocess.DEVNULL, check=False)
            elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best


def run_readability(pages, out_path, repeat):
    from readability import Document  # python3-readability
    import lxml.html

    texts = [(name, raw.decode("utf-8", "replace")) for name, raw in pages]
    best = None
    records = []
    for _ in range(repeat):
        records = []
        start = time.perf_counter()
        for name, html in texts:
            try:
                summary = Document(html).summary(html_partial=True)
                text = lxml.html.fromstring(summary).text_content()
            except Exception:  # readability raises on some malformed pages
                text = ""
            records.append({"source": name, "kind": "article", "text": text})
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    with open(out_path, "w", encoding="utf-8") as out:
        for r in records:
            out.write(json.dumps(r) + "\n")
    return best


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wirewatch", default=None, help="binary (default: build-html/ or build/)")
    ap.add_argument("--pages", default=os.path.join(BENCH, "html"))
    ap.add_argument("--truth", default=os.path.join(BENCH, "ground-truth.json"))
    ap.add_argument("--repeat", type=int, default=3, help="runs per tool; the fastest counts")
    args = ap.parse_args()
    binary = args.wirewatch
    if binary is None:
        for candidate in ("build-html/wirewatch", "build/wirewatch"):
            if os.access(os.path.join(REPO, candidate), os.X_OK):
                binary = os.path.join(REPO, candidate)
                break
    if binary is None or not os.path.isdir(args.pages):
        sys.exit("need a wirewatch binary and the benchmark pages (see --help)")

    pages = load_pages(args.pages)
    megabytes = sum(len(raw) for _, raw in pages) / 1e6
    with tempfile.TemporaryDirectory() as tmp:
        ww_out = os.path.join(tmp, "wirewatch.jsonl")
        rd_out = os.path.join(tmp, "readability.jsonl")
        ww_time = run_wirewatch(binary, args.pages, ww_out, args.repeat)
        rd_time = run_readability(pages, rd_out, args.repeat)
        results = [("wirewatch", ww_time, score(args.truth, ww_out)),
                   ("readability-lxml", rd_time, score(args.truth, rd_out))]

    print(f"{len(pages)} pages, {megabytes:.1f} MB of HTML, single-threaded, best of {args.repeat}")
    print(f"{'tool':<18} {'pages/s':>9} {'MB/s':>7} {'F1':>6} {'P':>6} {'R':>6}")
    for name, seconds, (f1, p, r) in results:
        print(f"{name:<18} {len(pages) / seconds:9.1f} {megabytes / seconds:7.2f} "
              f"{f1:6.3f} {p:6.3f} {r:6.3f}")
    print(f"speed ratio wirewatch/readability: {rd_time / ww_time:.1f}x")


if __name__ == "__main__":
    main()
