// `wirewatch events [--db FILE] [QUERY] [filters]`: coded events, each with its sentence.
#include <cstdio>

#include "cli/commands.h"
#include "cli/store_options.h"

namespace wirewatch::cli {
namespace {

constexpr const char* kHelp = R"(usage: wirewatch events [--db FILE] [QUERY...] [filters] [--format text|jsonl]

Lists coded events in date order (the event's own date, else the record's publication day), each
with the sentence it was coded from. Filters as `wirewatch search`, applied to the event:
--actor (source or target), --source-actor, --target-actor, --root, --entity (source or target
entity, by id or canonical name), --from/--to (event day); QUERY and --kind select the records.
--limit defaults to 20 (0: all).

exit status: 0 on success; 1 when the store cannot be read; 2 on a usage error.
)";

std::string Opt(const std::optional<std::string>& s) { return s ? JsonString(*s) : "null"; }

}  // namespace

std::string EventRowJson(const EventRow& e) {
  char goldstein[32];
  std::snprintf(goldstein, sizeof goldstein, "%.1f", e.goldstein);
  return "{\"record\": " + JsonString(e.record_id) + ", \"date\": " + Opt(e.date) +
         ", \"source\": {\"text\": " + JsonString(e.source_text) + ", \"actor\": " +
         Opt(e.source_actor) + "}, \"target\": " +
         (e.target_text ? "{\"text\": " + JsonString(*e.target_text) + ", \"actor\": " +
                              Opt(e.target_actor) + "}"
                        : std::string("null")) +
         ", \"cameo\": " + JsonString(e.cameo) + ", \"root\": " + JsonString(e.root) +
         ", \"quad_class\": " + std::to_string(e.quad_class) + ", \"goldstein\": " + goldstein +
         ", \"plover\": " + JsonString(e.plover) + ", \"trigger\": " + JsonString(e.trigger) +
         ", \"negated\": " + (e.negated ? "true" : "false") +
         ", \"sentence\": " + JsonString(e.sentence) + "}";
}

void PrintEventText(const EventRow& e, const char* indent) {
  std::printf("%s%-10s  %s (%s) -> %s (%s)  %s %s%s %+.1f  %s\n%s    %s\n", indent,
              e.date.value_or("-").c_str(), e.source_text.c_str(),
              e.source_actor.value_or("?").c_str(), e.target_text.value_or("-").c_str(),
              e.target_actor.value_or("?").c_str(), e.cameo.c_str(), e.plover.c_str(),
              e.negated ? " (negated)" : "", e.goldstein, e.record_id.c_str(), indent,
              e.sentence.c_str());
}

int EventsCommand(const Args& args) {
  auto print = [](const EventRow& e, const StoreArgs& a) {
    if (a.format == "jsonl") std::printf("%s\n", EventRowJson(e).c_str());
    else PrintEventText(e, "");
  };
  return RunStoreQuery<EventRow>("events", args, kHelp, &Store::Events, print);
}

}  // namespace wirewatch::cli
