// `wirewatch stories [--db FILE] [QUERY] [filters] [--id STORY]`: the stories of a store (records
// grouped by development as they were ingested, src/corpus), newest first, each with its title,
// counts and lead sentence; with --id, one story and its records.
#include <cstdio>

#include "cli/commands.h"
#include "cli/store_options.h"

namespace wirewatch::cli {
namespace {

constexpr const char* kHelp = R"(usage: wirewatch stories [--db FILE] [QUERY...] [filters] [--format text|jsonl]
       wirewatch stories [--db FILE] --id STORY [--format text|jsonl]

Lists stories, newest last record first: id, title (of its most central record), records
(copies and pages seen again included), independent reports (records that are no copy),
sources (distinct sites), first and last publication date, and the lead sentence (the first
sentence of the central record). A story is listed when one of its records matches every filter
given; QUERY words are matched as in search. With --id, that story alone, with its record ids
in ingest order.

filters:
  --entity NAME        a record with a mention of this canonical name or id
  --actor CODE         a record with an entity acting for CODE or an event with CODE
  --source-actor CODE  a record with an event with CODE as source
  --target-actor CODE  a record with an event with CODE as target
  --root NN            a record with an event of CAMEO root NN (01..20)
  --from DATE          a record published on or after DATE (YYYY-MM-DD)
  --to DATE            a record published on or before DATE
  --kind article|brief
  --limit N            at most N stories (default 20; 0: all)
  --db FILE            the store (default wirewatch.db)
  --format text|jsonl  text: two lines per story; jsonl: one JSON object per story

exit status: 0 on success (also when nothing matches); 1 when the store cannot be read or
--id names no story; 2 on a usage error.
)";

std::string OptJson(const std::optional<std::string>& s) { return s ? JsonString(*s) : "null"; }

void Print(const StoryRow& s, const StoreArgs& a) {
  if (a.format == "jsonl") {
    std::string out = "{\"story\":" + JsonString(s.id) + ",\"title\":" + JsonString(s.title) +
                      ",\"records\":" + std::to_string(s.records) +
                      ",\"independent_reports\":" + std::to_string(s.independent_reports) +
                      ",\"sources\":" + std::to_string(s.sources) +
                      ",\"first_published\":" + OptJson(s.first_published) +
                      ",\"last_published\":" + OptJson(s.last_published) +
                      ",\"central\":" + JsonString(s.central) + ",\"lead\":" + JsonString(s.lead);
    if (!s.record_ids.empty()) {
      out += ",\"record_ids\":[";
      for (size_t i = 0; i < s.record_ids.size(); ++i) {
        if (i) out += ',';
        out += JsonString(s.record_ids[i]);
      }
      out += "]";
    }
    out += "}\n";
    std::fwrite(out.data(), 1, out.size(), stdout);
    return;
  }
  std::string first = s.first_published.value_or("-").substr(0, 10);
  std::string last = s.last_published.value_or("-").substr(0, 10);
  std::printf("%s..%s  %s  %lld records, %lld independent, %lld sources  %s\n", first.c_str(),
              last.c_str(), s.id.c_str(), static_cast<long long>(s.records),
              static_cast<long long>(s.independent_reports), static_cast<long long>(s.sources),
              s.title.empty() ? "(no title)" : s.title.c_str());
  std::printf("    %s\n", s.lead.c_str());
  for (const std::string& id : s.record_ids) std::printf("    record %s\n", id.c_str());
}

}  // namespace

int StoriesCommand(const Args& args) {
  // --id is this command's own option; the rest are the shared query options.
  Args rest;
  std::optional<std::string> id;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--") {
      rest.insert(rest.end(), args.begin() + static_cast<long>(i), args.end());
      break;
    }
    if (args[i] == "--id") {
      if (i + 1 >= args.size() || args[i + 1].empty())
        return std::fputs("wirewatch stories: --id needs a story id\n", stderr), 2;
      id = args[++i];
    } else {
      rest.push_back(args[i]);
    }
  }
  if (!id) return RunStoreQuery<StoryRow>("stories", rest, kHelp, &Store::Stories, &Print);
  StoreArgs a;
  ParseOutcome p = ParseStoreArgs("stories", rest, kHelp, {"text", "jsonl"}, false, a);
  if (!p.proceed) return p.exit_code;
  if (!a.positional.empty()) {
    std::fprintf(stderr, "wirewatch stories: --id takes no QUERY ('%s')\n", a.positional[0].c_str());
    return 2;
  }
  auto store = OpenForQuery("stories", a);
  if (!store.ok()) return 1;
  auto story = (*store)->Story(*id);
  if (!story.ok()) {
    std::fprintf(stderr, "wirewatch stories: %s\n", story.status().message().c_str());
    return 1;
  }
  if (!*story) {
    std::fprintf(stderr, "wirewatch stories: %s: no story %s\n", a.db.c_str(), id->c_str());
    return 1;
  }
  Print(**story, a);
  return 0;
}

}  // namespace wirewatch::cli
