// Store benchmark (src/store): loads a generated corpus of analysed records into a fresh
// store (SQLite, or the PostgreSQL database STORE names) and times the queries users run on it.
//
//   store_bench ANALYSED.jsonl [N=100000] [WORKDIR=/tmp/wirewatch_store_bench] [STORE]
//
// STORE defaults to WORKDIR/bench.db (deleted first); a postgresql:// URI must name an empty
// database (bench/compare_store_pg.sh makes one in a temporary cluster).
// ANALYSED.jsonl is `wirewatch analyze` output (e.g. of the DpgMedia articles). The corpus is
// N records cycled from it, each with a new id and a publication day spread over two years
// (events keep their own dates), written to WORKDIR/corpus.jsonl so bench/compare_store.sh can
// load the same bytes with the sqlite3 CLI. Prints records/s for loading (parse + store, batches
// of 500, duplicate_of/story linked by the store), the next run's open + corpus restore, store
// bytes per 1,000 records, p50/p99 latency of search (one word, two words, a
// word + actor filter), timeline (by week) and a full export scan, and peak RSS.
#include <sys/resource.h>
#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "store/store.h"

using namespace wirewatch;
using Clock = std::chrono::steady_clock;

namespace {

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

struct Latency {
  std::vector<double> ms;
  double P(double q) {
    std::sort(ms.begin(), ms.end());
    return ms.empty() ? 0 : ms[std::min(ms.size() - 1, static_cast<size_t>(q * ms.size()))];
  }
};

std::string Day(int n) {
  // Day n after 2019-01-01 (civil-from-days, Howard Hinnant's algorithm).
  long z = 17897 + n + 719468;  // 17897: days from 1970-01-01 to 2019-01-01
  long era = z / 146097, doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
  long d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04ld-%02ld-%02ld", y + (m <= 2), m, d);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: store_bench ANALYSED.jsonl [N] [WORKDIR]\n");
    return 2;
  }
  long n = argc > 2 ? std::stol(argv[2]) : 100000;
  std::filesystem::path work = argc > 3 ? argv[3] : "/tmp/wirewatch_store_bench";
  std::filesystem::create_directories(work);
  std::vector<nlohmann::json> base;
  {
    std::ifstream in(argv[1]);
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) base.push_back(nlohmann::json::parse(line));
  }
  if (base.empty()) return std::fprintf(stderr, "store_bench: no records in %s\n", argv[1]), 1;

  // The corpus, and the words and actor pairs the queries use (taken from it, so every query
  // has answers).
  std::string corpus_path = (work / "corpus.jsonl").string();
  std::vector<std::string> words;
  std::map<std::pair<std::string, std::string>, int> pairs;
  {
    std::ofstream out(corpus_path, std::ios::binary);
    for (long i = 0; i < n; ++i) {
      nlohmann::json j = base[static_cast<size_t>(i) % base.size()];
      j["id"] = j["id"].get<std::string>() + "-" + std::to_string(i);
      j["published"] = Day(static_cast<int>(i % 730));
      out << j.dump() << '\n';
      if (i < static_cast<long>(base.size())) {
        std::string title = j["title"].is_string() ? j["title"].get<std::string>() : "";
        std::string w;
        for (char c : title + " ") {
          if (std::isalpha(static_cast<unsigned char>(c))) w += c;
          else {
            if (w.size() >= 5 && words.size() < 400) words.push_back(w);
            w.clear();
          }
        }
        for (const auto& e : j["events"]) {
          if (e["source"]["actor"].is_string() && e["target"].is_object() &&
              e["target"]["actor"].is_string())
            ++pairs[{e["source"]["actor"], e["target"]["actor"]}];
        }
      }
    }
  }
  std::vector<std::pair<std::string, std::string>> top_pairs;
  for (const auto& [p, count] : pairs) top_pairs.push_back(p);
  std::sort(top_pairs.begin(), top_pairs.end(),
            [&](const auto& a, const auto& b) { return pairs[a] > pairs[b]; });
  if (top_pairs.size() > 20) top_pairs.resize(20);

  std::string db = argc > 4 ? argv[4] : (work / "bench.db").string();
  const bool postgres = IsPostgresUri(db);
  if (!postgres)
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
  auto store = OpenStore(db, OpenMode::kReadWriteCreate);
  if (!store.ok()) return std::fprintf(stderr, "%s\n", store.status().message().c_str()), 1;
  auto t0 = Clock::now();
  {
    std::ifstream in(corpus_path, std::ios::binary);
    std::vector<StoredRecord> batch;
    long line_no = 0;
    for (std::string line; std::getline(in, line);) {
      auto r = ParseStoredRecord(std::move(line), "corpus:" + std::to_string(++line_no));
      if (!r.ok()) return std::fprintf(stderr, "%s\n", r.status().message().c_str()), 1;
      batch.push_back(std::move(*r));
      if (batch.size() == 500) {
        if (!(*store)->PutBatch(batch).ok()) return 1;
        batch.clear();
      }
    }
    if (!batch.empty() && !(*store)->PutBatch(batch).ok()) return 1;
  }
  if (Status s = (*store)->SaveCorpus(); !s.ok()) return std::fprintf(stderr, "%s\n", s.message().c_str()), 1;
  double load_s = Ms(Clock::now() - t0) / 1000;
  store->reset();  // checkpoints the log into the main file
  // What the next ingest run pays before its first record: open, and restore the corpus index
  // (duplicate_of/story links) from its saved state.
  double open_ms = 0, restore_ms = 0;
  {
    auto t = Clock::now();
    auto again = OpenStore(db, OpenMode::kReadWriteCreate);  // SQLite: includes quick_check
    if (!again.ok()) return std::fprintf(stderr, "%s\n", again.status().message().c_str()), 1;
    open_ms = Ms(Clock::now() - t);
    t = Clock::now();
    if (!(*again)->PutBatch({}).ok()) return 1;
    restore_ms = Ms(Clock::now() - t);
  }
  struct stat st {};
  ::stat(db.c_str(), &st);
  struct stat corpus_st {};
  ::stat(corpus_path.c_str(), &corpus_st);
  std::printf("corpus: %ld records from %zu analysed, %.1f MB JSONL\n", n, base.size(),
              static_cast<double>(corpus_st.st_size) / 1e6);
  std::printf("load: %.1f s, %.0f records/s\n", load_s, static_cast<double>(n) / load_s);
  std::printf("reopen for writing: %.0f ms, corpus restore: %.0f ms\n",
              open_ms, restore_ms);
  if (!postgres)  // PostgreSQL: the script reads pg_database_size
    std::printf("store: %.1f MB, %.2f MB per 1,000 records\n", static_cast<double>(st.st_size) / 1e6,
                static_cast<double>(st.st_size) / 1e6 / (static_cast<double>(n) / 1000));

  auto ro = OpenStore(db, OpenMode::kReadOnly);
  if (!ro.ok()) return std::fprintf(stderr, "%s\n", ro.status().message().c_str()), 1;
  auto time_search = [&](const char* label, auto make_filter) {
    Latency lat;
    size_t hits = 0;
    for (size_t i = 0; i < words.size(); ++i) {
      QueryFilter f = make_filter(i);
      auto t = Clock::now();
      auto r = (*ro)->Search(f);
      lat.ms.push_back(Ms(Clock::now() - t));
      if (r.ok()) hits += r->size();
    }
    std::printf("%-28s p50 %7.2f ms  p99 %7.2f ms  (%zu queries, %.1f hits each)\n", label,
                lat.P(0.5), lat.P(0.99), lat.ms.size(),
                static_cast<double>(hits) / static_cast<double>(lat.ms.size()));
  };
  time_search("search one word", [&](size_t i) { QueryFilter f; f.text = words[i]; return f; });
  time_search("search two words", [&](size_t i) {
    QueryFilter f;
    f.text = words[i] + " " + words[(i * 7 + 3) % words.size()];
    return f;
  });
  time_search("search word + --actor", [&](size_t i) {
    QueryFilter f;
    f.text = words[i];
    f.actor = top_pairs.empty() ? "NLD" : top_pairs[i % top_pairs.size()].first;
    return f;
  });
  time_search("search --actor only", [&](size_t i) {
    QueryFilter f;
    f.actor = top_pairs.empty() ? "NLD" : top_pairs[i % top_pairs.size()].first;
    return f;
  });
  Latency tl;
  size_t points = 0;
  for (int round = 0; round < 5; ++round) {
    for (const auto& [a, b] : top_pairs) {
      auto t = Clock::now();
      auto r = (*ro)->Timeline(a, b, Period::kWeek, nullptr);
      tl.ms.push_back(Ms(Clock::now() - t));
      if (r.ok()) points += r->size();
    }
  }
  std::printf("%-28s p50 %7.2f ms  p99 %7.2f ms  (%zu queries over the top actor pairs, %.0f points each)\n",
              "timeline --by week", tl.P(0.5), tl.P(0.99), tl.ms.size(),
              tl.ms.empty() ? 0.0 : static_cast<double>(points) / static_cast<double>(tl.ms.size()));
  Latency ex;
  size_t bytes = 0;
  for (int round = 0; round < 3; ++round) {
    auto t = Clock::now();
    (void)(*ro)->ForEachRecord([&](const std::string& json) { bytes += json.size(); });
    ex.ms.push_back(Ms(Clock::now() - t));
  }
  std::printf("%-28s p50 %7.0f ms  (%zu MB)\n", "export jsonl scan", ex.P(0.5), bytes / 3 / 1000000);
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("peak RSS: %.0f MB\n", static_cast<double>(ru.ru_maxrss) / 1024);
  return 0;
}
