// `wirewatch search [--db FILE] [QUERY] [filters]`: bm25-ranked full text plus structured
// filters; --format jsonl gives back the stored records byte for byte as analyze wrote them.
#include <cstdio>

#include "cli/commands.h"
#include "cli/store_options.h"

namespace wirewatch::cli {
namespace {

constexpr const char* kHelp = R"(usage: wirewatch search [--db FILE] [QUERY...] [filters] [--format text|jsonl]

Finds records. QUERY words are matched in title and text, each as a word prefix with diacritics
folded ("grens" finds "grensconflict", "ruimte" finds "ruimté"); all words must occur; any
punctuation (", *, :, parentheses) only separates words. Ranked by bm25 (title weighs double);
without QUERY, newest first.

filters:
  --entity NAME        a mention with this canonical name or id (case-insensitive name)
  --actor CODE         an entity acting for CODE, or an event with CODE on either side
  --source-actor CODE  an event with CODE as source
  --target-actor CODE  an event with CODE as target
  --root NN            an event of CAMEO root NN (01..20)
  --from DATE          published on or after DATE (YYYY-MM-DD)
  --to DATE            published on or before DATE
  --kind article|brief
  --limit N            at most N records (default 20; 0: all)
  --db FILE            the store (default wirewatch.db)
  --format text|jsonl  text: one line per record; jsonl: the records as analyze wrote them

exit status: 0 on success (also when nothing matches); 1 when the store cannot be read;
2 on a usage error.
)";

}  // namespace

StatusOr<std::unique_ptr<Store>> OpenForQuery(const char* command, const StoreArgs& a) {
  auto store = OpenStore(a.db, OpenMode::kReadOnly);
  if (!store.ok()) std::fprintf(stderr, "wirewatch %s: %s\n", command, store.status().message().c_str());
  return store;
}

std::string JoinWords(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

int SearchCommand(const Args& args) {
  auto print = [](const SearchHit& h, const StoreArgs& a) {
    if (a.format == "jsonl") {
      std::fwrite(h.json.data(), 1, h.json.size(), stdout);
      std::fputc('\n', stdout);
    } else {
      std::printf("%-10s  %-7s  %s  [%s] %s\n", h.published.value_or("-").substr(0, 10).c_str(),
                  h.kind.c_str(), h.title.value_or("(no title)").c_str(), h.id.c_str(),
                  h.source.c_str());
    }
  };
  return RunStoreQuery<SearchHit>("search", args, kHelp, &Store::Search, print);
}

}  // namespace wirewatch::cli
