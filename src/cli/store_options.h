// Options the store commands share (ingest, stats, search, events, quotes, timeline, export):
// the store file and the query filters. Kept in one place so every command reads them alike.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "store/store.h"

namespace wirewatch::cli {

// The store file when --db is not given.
inline constexpr const char* kDefaultStore = "wirewatch.db";

struct StoreArgs {
  std::string db = kDefaultStore;
  std::string format;                  // first of `formats` unless --format is given
  QueryFilter filter;
  std::vector<std::string> positional;
  bool explain = false;                // timeline --explain
  std::string by = "day";              // timeline --by
};

// What ParseStoreArgs found: go on, or stop with the exit code (0 after --help, 2 usage).
struct ParseOutcome {
  bool proceed = true;
  int exit_code = 0;
};

// Parses --db, --format (one of `formats`), and with `with_filters` the query filters
// (QUERY words are the positional arguments unless `positional_is_query` is false).
// Usage errors are printed as "wirewatch <command>: ..." and give exit code 2.
ParseOutcome ParseStoreArgs(const char* command, const Args& args, const char* help,
                            const std::vector<std::string>& formats, bool with_filters,
                            StoreArgs& out);

// JSON string literal of `s` (quotes included), for the jsonl/json outputs.
std::string JsonString(const std::string& s);

// Opens a.db read-only; on failure prints "wirewatch <command>: <why>" (search_command.cc).
StatusOr<std::unique_ptr<Store>> OpenForQuery(const char* command, const StoreArgs& a);

// QUERY words joined by spaces (search_command.cc).
std::string JoinWords(const std::vector<std::string>& words);

// The body of search, events and quotes: parse the shared options (QUERY words as the text),
// open the store, run `query` (a Store method) and hand each row to `print` with the parsed
// options. Errors are printed as "wirewatch <command>: ..."; returns the exit code.
template <typename Row, typename Query, typename Print>
int RunStoreQuery(const char* command, const Args& args, const char* help, Query query, Print print) {
  StoreArgs a;
  ParseOutcome p = ParseStoreArgs(command, args, help, {"text", "jsonl"}, true, a);
  if (!p.proceed) return p.exit_code;
  a.filter.text = JoinWords(a.positional);
  auto store = OpenForQuery(command, a);
  if (!store.ok()) return 1;
  StatusOr<std::vector<Row>> rows = ((**store).*query)(a.filter);
  if (!rows.ok()) {
    std::fprintf(stderr, "wirewatch %s: %s\n", command, rows.status().message().c_str());
    return rows.status().code() == StatusCode::kInvalidArgument ? 2 : 1;
  }
  for (const Row& row : *rows) print(row, a);
  return 0;
}

// An event row as one JSON object, and as two text lines (events_command.cc; timeline uses both).
std::string EventRowJson(const EventRow& e);
void PrintEventText(const EventRow& e, const char* indent);

}  // namespace wirewatch::cli
