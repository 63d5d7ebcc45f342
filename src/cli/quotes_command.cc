// `wirewatch quotes [--db FILE] [QUERY] [filters]`: quotes with speaker, each with its sentence.
#include <cstdio>

#include "cli/commands.h"
#include "cli/store_options.h"

namespace wirewatch::cli {
namespace {

constexpr const char* kHelp = R"(usage: wirewatch quotes [--db FILE] [QUERY...] [filters] [--format text|jsonl]

Lists quotes in date order (record publication day) with speaker and the sentence holding the
quote's start. Filters as `wirewatch search`: --entity matches the speaker (canonical name or
id), --actor and --source-actor the speaker's actor; --target-actor, --root, QUERY and --kind
select the records; --from/--to the day. --limit defaults to 20 (0: all).

exit status: 0 on success; 1 when the store cannot be read; 2 on a usage error.
)";

std::string Opt(const std::optional<std::string>& s) { return s ? JsonString(*s) : "null"; }

}  // namespace

int QuotesCommand(const Args& args) {
  auto print = [](const QuoteRow& q, const StoreArgs& a) {
    if (a.format == "jsonl") {
      std::printf("{\"record\": %s, \"date\": %s, \"speaker\": %s, \"speaker_actor\": %s, "
                  "\"cue\": %s, \"direct\": %s, \"text\": %s, \"sentence\": %s}\n",
                  JsonString(q.record_id).c_str(), Opt(q.date).c_str(),
                  JsonString(q.speaker).c_str(), Opt(q.speaker_actor).c_str(),
                  JsonString(q.cue).c_str(), q.direct ? "true" : "false",
                  JsonString(q.text).c_str(), JsonString(q.sentence).c_str());
    } else {
      std::printf("%-10s  %s (%s) %s: \"%s\"  %s\n    %s\n", q.date.value_or("-").c_str(),
                  q.speaker.c_str(), q.speaker_actor.value_or("?").c_str(), q.cue.c_str(),
                  q.text.c_str(), q.record_id.c_str(), q.sentence.c_str());
    }
  };
  return RunStoreQuery<QuoteRow>("quotes", args, kHelp, &Store::Quotes, print);
}

}  // namespace wirewatch::cli
