#!/usr/bin/env bash
# Tagging, lemmatising and dependency parsing: `wirewatch parse` against Frog's tagger + parser
# (`frog -n --skip=tacn -t FILE`) on the same sentences, in the same run. Prints words, CPU
# seconds, tokens/s and peak RSS of each, and the speed ratio (docs/syntax.md, docs/performance.md).
#
#   bench/compare_syntax.sh [BUILD_DIR] [FROG_ARTICLES]
#
# Inputs (from ../shared): nl-test-alpino.conllu with its gold tokens, and the DpgMedia 2019
# articles, split into sentences and tokens by wirewatch; Frog gets the first FROG_ARTICLES
# articles of those (default 40: Frog runs at a few hundred tokens/s), wirewatch all of them and
# the same subset. Needs frog (apt-get install frog frogdata), python3 and /usr/bin/time.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$here/build}"
frog_articles="${2:-40}"
shared="$here/../shared/data"
treebank="$shared/ud-dutch/nl-test-alpino.conllu"
articles="$shared/dpgmedia2019-nl-news/dpgMedia2019-articles-byarticle-all.jsonl"
[ -x "$build/wirewatch" ] || { echo "missing $build/wirewatch" >&2; exit 2; }
[ -f "$treebank" ] && [ -f "$articles" ] || { echo "../shared corpora not found" >&2; exit 2; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# CPU seconds (user + system) and peak RSS (kB). Usage: cpu OUTFILE COMMAND...
cpu() {
  local out="$1"
  shift
  /usr/bin/time -f '%U %S %M' -o "$tmp/time.txt" "$@" > "$out" 2> "$tmp/stderr.txt" || true
  tail -n 1 "$tmp/time.txt" | awk '{printf "%.3f %d\n", $1 + $2, $3}'
}

# One sentence per line, words separated by spaces (Frog's -n input), from CoNLL-U.
to_lines() {
  python3 - "$1" <<'PY'
import sys
words = []
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    if not line:
        if words: print(" ".join(words))
        words = []
    elif not line.startswith("#"):
        cols = line.split("\t")
        if cols[0].isdigit(): words.append(cols[1].replace(" ", "_"))
if words: print(" ".join(words))
PY
}

# DpgMedia texts as plain text, one article per paragraph; all of them and the Frog subset.
python3 - "$articles" "$frog_articles" "$tmp/all.txt" "$tmp/subset.txt" <<'PY'
import json, sys
n = int(sys.argv[2])
with open(sys.argv[3], "w") as all_out, open(sys.argv[4], "w") as sub_out:
    k = 0
    for line in open(sys.argv[1], encoding="utf-8"):
        if not line.strip(): continue
        text = json.loads(line).get("text") or ""
        if not text: continue
        all_out.write(text + "\n\n")
        if k < n: sub_out.write(text + "\n\n")
        k += 1
PY
# The subset's sentences as wirewatch splits them: both tools parse exactly these.
"$build/wirewatch" parse --format text "$tmp/subset.txt" > "$tmp/subset.conllu"

words() { grep -cP '^\d+\t' "$1"; }
report() {  # NAME WORDS SECONDS RSS_KB
  printf '  %-44s %8d words %8.2f CPU s %10.0f tokens/s  peak RSS %5d MB\n' "$1" "$2" "$3" \
    "$(echo "$2 / ($3 + 0.0001)" | bc -l)" "$(($4 / 1024))"
}

for set in alpino dpg; do
  if [ "$set" = alpino ]; then gold="$treebank"; label="nl-test-alpino (gold tokens)"; else gold="$tmp/subset.conllu"; label="DpgMedia first $frog_articles articles"; fi
  to_lines "$gold" > "$tmp/$set.lines"
  n=$(words "$gold")
  echo "$label: $(wc -l < "$tmp/$set.lines") sentences, $n words"
  read -r ww_s ww_rss < <(cpu "$tmp/$set.ww" "$build/wirewatch" parse --format conllu "$gold")
  report "wirewatch parse" "$n" "$ww_s" "$ww_rss"
  if command -v frog >/dev/null; then
    read -r frog_s frog_rss < <(cpu "$tmp/$set.frog" frog -n --skip=tacn -t "$tmp/$set.lines")
    report "frog -n --skip=tacn (tagger, lemmas, parser)" "$n" "$frog_s" "$frog_rss"
    printf '  ratio (frog CPU time / wirewatch CPU time): %.0fx\n' "$(echo "$frog_s / ($ww_s + 0.0001)" | bc -l)"
  else
    echo "  frog not installed: apt-get install frog frogdata"
  fi
done

read -r all_s all_rss < <(cpu "$tmp/all.conllu" "$build/wirewatch" parse --format text "$tmp/all.txt")
echo "DpgMedia, all articles (tokenised, split and parsed by wirewatch):"
report "wirewatch parse --format text" "$(words "$tmp/all.conllu")" "$all_s" "$all_rss"
