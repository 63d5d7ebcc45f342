#!/usr/bin/env bash
# The whole `wirewatch analyze` pipeline on one thread (cleaning, language, tokens, sentences,
# times, entities, quotes, events) against ucto's tokenising alone, on the same articles in the
# same run. Prints both times, docs/s and the ratio (issue: analyze >= 10x ucto).
#
#   bench/compare_pipeline.sh [BUILD_DIR] [JSONL]
#   ANALYZE_OPTS=--with-syntax bench/compare_pipeline.sh     # with the dependency parser
#
# JSONL defaults to the DpgMedia 2019 articles in ../shared. Needs ucto and python3.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$here/build}"
input="${2:-$here/../shared/data/dpgmedia2019-nl-news/dpgMedia2019-articles-byarticle-all.jsonl}"
[ -x "$build/wirewatch" ] || { echo "missing $build/wirewatch" >&2; exit 2; }
command -v ucto >/dev/null || { echo "ucto not installed (apt-get install ucto)" >&2; exit 2; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# ucto reads the same article texts, one per paragraph.
python3 - "$input" > "$tmp/texts.txt" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.strip()
    if line:
        doc = json.loads(line)
        if doc.get("text"):
            print(doc["text"] + "\n")
PY
docs=$(grep -c . "$tmp/texts.txt")

# CPU seconds (user + system) and peak RSS (kB) of each process: fairer than wall time on a
# shared machine. Usage: cpu OUTFILE COMMAND...
cpu() {
  local out="$1"
  shift
  /usr/bin/time -f '%U %S %M' -o "$tmp/time.txt" "$@" > "$out" 2>/dev/null || true
  tail -n 1 "$tmp/time.txt" | awk '{printf "%.3f %d\n", $1 + $2, $3}'
}
read -r ucto_s _ < <(cpu /dev/null ucto -L nld -n "$tmp/texts.txt" "$tmp/ucto.out")
read -r ours_s rss < <(cpu "$tmp/records.jsonl" "$build/wirewatch" analyze -j1 ${ANALYZE_OPTS:-} "$input")

printf 'articles: %d\n' "$docs"
printf 'ucto -L nld -n (tokenising only):   %7.2f CPU s  %7.0f docs/s\n' "$ucto_s" "$(echo "$docs / $ucto_s" | bc -l)"
printf 'wirewatch analyze -j1 %s(everything): %7.2f CPU s  %7.0f docs/s  peak RSS %d MB\n' "${ANALYZE_OPTS:+$ANALYZE_OPTS }" "$ours_s" \
  "$(echo "$docs / $ours_s" | bc -l)" "$((rss / 1024))"
printf 'ratio (ucto CPU time / wirewatch CPU time): %.1fx\n' "$(echo "$ucto_s / $ours_s" | bc -l)"
