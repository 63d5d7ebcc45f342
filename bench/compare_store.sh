#!/usr/bin/env bash
# Peer for bench/store_bench: the sqlite3 CLI loads the same generated corpus (WORKDIR/corpus.jsonl,
# written by store_bench) into a plain table plus an FTS5 index over title and text, with the
# same tokenizer, in one transaction. It stores no entity/quote/event/time rows, so it is the
# floor for "SQLite doing the least": wirewatch's store does that and fills five more tables.
#   bench/compare_store.sh [WORKDIR=/tmp/wirewatch_store_bench]
set -euo pipefail
work="${1:-/tmp/wirewatch_store_bench}"
corpus="$work/corpus.jsonl"
db="$work/peer.db"
[ -f "$corpus" ] || { echo "compare_store: run store_bench first ($corpus missing)" >&2; exit 2; }
rm -f "$db" "$db-wal" "$db-shm"
records=$(wc -l < "$corpus")
sep=$'\x1f'  # a byte JSON text never holds unescaped: each line is one field
start=$(date +%s.%N)
sqlite3 "$db" <<SQL
.output /dev/null
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
CREATE TABLE raw(j TEXT);
.output stdout
.mode ascii
.separator "$sep" "\n"
.import $corpus raw
BEGIN;
CREATE TABLE records(rowid INTEGER PRIMARY KEY, id TEXT UNIQUE, published TEXT, json TEXT);
INSERT INTO records(id, published, json)
  SELECT json_extract(j, '\$.id'), json_extract(j, '\$.published'), j FROM raw;
CREATE VIRTUAL TABLE records_fts USING fts5(title, text, content='',
  tokenize='unicode61 remove_diacritics 2');
INSERT INTO records_fts(rowid, title, text)
  SELECT rowid, json_extract(json, '\$.title'), json_extract(json, '\$.text') FROM records;
DROP TABLE raw;
COMMIT;
SQL
end=$(date +%s.%N)
secs=$(echo "$end - $start" | bc -l)
size=$(stat -c %s "$db")
printf 'sqlite3 CLI peer: %d records in %.1f s, %.0f records/s, %.1f MB (%.2f MB per 1,000)\n' \
  "$records" "$secs" "$(echo "$records / $secs" | bc -l)" "$(echo "$size / 1000000" | bc -l)" \
  "$(echo "$size / 1000 / $records" | bc -l)"
