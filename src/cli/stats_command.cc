// `wirewatch stats [--db FILE] [--format text|json]`: what a store holds.
#include <cstdio>

#include "cli/commands.h"
#include "cli/store_options.h"

namespace wirewatch::cli {
namespace {

constexpr const char* kHelp = R"(usage: wirewatch stats [--db FILE] [--format text|json]

Counts what the store holds: records, articles, briefs, entities (mentions), quotes, events,
stories, duplicates (records marked duplicate_of another) and sources (distinct places records
were read from). JSON keys have those names.

exit status: 0 on success; 1 when the store cannot be read; 2 on a usage error.
)";

}  // namespace

int StatsCommand(const Args& args) {
  StoreArgs a;
  ParseOutcome p = ParseStoreArgs("stats", args, kHelp, {"text", "json"}, false, a);
  if (!p.proceed) return p.exit_code;
  if (!a.positional.empty()) {
    std::fprintf(stderr, "wirewatch stats: unexpected argument '%s'\n", a.positional[0].c_str());
    return 2;
  }
  auto store = OpenStore(a.db, OpenMode::kReadOnly);
  if (!store.ok()) {
    std::fprintf(stderr, "wirewatch stats: %s\n", store.status().message().c_str());
    return 1;
  }
  auto st = (*store)->Stats();
  if (!st.ok()) {
    std::fprintf(stderr, "wirewatch stats: %s\n", st.status().message().c_str());
    return 1;
  }
  const std::pair<const char*, int64_t> rows[] = {
      {"records", st->records}, {"articles", st->articles}, {"briefs", st->briefs},
      {"entities", st->entities}, {"quotes", st->quotes},   {"events", st->events},
      {"stories", st->stories}, {"duplicates", st->duplicates}, {"sources", st->sources}};
  if (a.format == "json") {
    std::string out = "{";
    for (const auto& [k, v] : rows) {
      if (out.size() > 1) out += ", ";
      out += std::string("\"") + k + "\": " + std::to_string(v);
    }
    std::printf("%s}\n", out.c_str());
  } else {
    for (const auto& [k, v] : rows) std::printf("%-11s %lld\n", k, static_cast<long long>(v));
  }
  return 0;
}

}  // namespace wirewatch::cli
