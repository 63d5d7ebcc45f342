#!/usr/bin/python3
"""HTML article extraction: wirewatch against readability-lxml on the same pages, in one run.

usage: bench/html_compare.py [--wirewatch BIN] [--clean-bench BIN] [--pages DIR] [--truth JSON]
                             [--repeat N]

Runs, in one run over the benchmark's *.html.gz pages, single-threaded:
  - clean_bench --stage clean: the cleaning stage in-process (charset sniffing, DecodeToUtf8,
    libxml2 parse, extraction), on pages already gunzipped;
  - readability-lxml (python3-readability, `from readability import Document`) on pages already
    gunzipped and decoded: extraction and text conversion only;
  - `wirewatch analyze -j1` as a whole process (gunzip and every pipeline stage), for context.
For each it prints pages/s, MB/s (uncompressed HTML) and F1/precision/recall from
shared/tools/score_extraction.py, then the speed ratios against readability. Each tool's best of
--repeat passes counts. Run it with /usr/bin/python3 (Debian's python3-readability lives there).
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


def run_clean_bench(binary, folder, out_path, repeat):
    """Best seconds for one pass of the cleaning stage, timed inside clean_bench."""
    best = None
    for _ in range(repeat):
        out = subprocess.run([binary, "--stage", "clean", "--repeat", "1", "--jsonl", out_path,
                              folder], capture_output=True, text=True, check=True).stdout
        m = re.search(r"(\d+) pages, [\d.]+ MB, 1 runs: ([\d.]+) pages/s", out)
        seconds = int(m.group(1)) / float(m.group(2))
        best = seconds if best is None else min(best, seconds)
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


def find_binary(given, candidates):
    if given:
        return given
    for candidate in candidates:
        path = os.path.join(REPO, candidate)
        if os.access(path, os.X_OK):
            return path
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wirewatch", default=None, help="binary (default: build-h2/, build-html/, build/)")
    ap.add_argument("--clean-bench", default=None, help="clean_bench binary (default: beside it)")
    ap.add_argument("--pages", default=os.path.join(BENCH, "html"))
    ap.add_argument("--truth", default=os.path.join(BENCH, "ground-truth.json"))
    ap.add_argument("--repeat", type=int, default=3, help="runs per tool; the fastest counts")
    args = ap.parse_args()
    builds = ("build-h2", "build-html", "build")
    binary = find_binary(args.wirewatch, [b + "/wirewatch" for b in builds])
    bench = args.clean_bench
    if bench is None and binary is not None:
        bench = os.path.join(os.path.dirname(binary), "bench", "clean_bench")
    if binary is None or bench is None or not os.access(bench, os.X_OK) or not os.path.isdir(args.pages):
        sys.exit("need wirewatch and bench/clean_bench binaries and the benchmark pages (see --help)")

    pages = load_pages(args.pages)
    megabytes = sum(len(raw) for _, raw in pages) / 1e6
    with tempfile.TemporaryDirectory() as tmp:
        st_out = os.path.join(tmp, "stage.jsonl")
        ww_out = os.path.join(tmp, "wirewatch.jsonl")
        rd_out = os.path.join(tmp, "readability.jsonl")
        st_time = run_clean_bench(bench, args.pages, st_out, args.repeat)
        rd_time = run_readability(pages, rd_out, args.repeat)
        ww_time = run_wirewatch(binary, args.pages, ww_out, args.repeat)
        results = [("wirewatch clean stage", st_time, score(args.truth, st_out)),
                   ("wirewatch analyze", ww_time, score(args.truth, ww_out)),
                   ("readability-lxml", rd_time, score(args.truth, rd_out))]

    print(f"{len(pages)} pages, {megabytes:.1f} MB of HTML, single-threaded, best of {args.repeat}")
    print(f"{'tool':<22} {'pages/s':>9} {'MB/s':>7} {'F1':>6} {'P':>6} {'R':>6}")
    for name, seconds, (f1, p, r) in results:
        print(f"{name:<22} {len(pages) / seconds:9.1f} {megabytes / seconds:7.2f} "
              f"{f1:6.3f} {p:6.3f} {r:6.3f}")
    print(f"speed ratio clean stage/readability: {rd_time / st_time:.1f}x")
    print(f"speed ratio whole process/readability: {rd_time / ww_time:.1f}x")


if __name__ == "__main__":
    main()
