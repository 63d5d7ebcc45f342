// wirewatch: one binary, many subcommands. This file only dispatches.
#include <cstdio>
#include <cstring>

#include "cli/commands.h"

namespace wirewatch::cli {

const std::vector<Command>& Commands() {
  static const std::vector<Command> commands = {
      {"analyze", "turn pages (text, HTML, JSONL, WARC, .gz) into JSONL records", AnalyzeCommand},
      {"train-ner", "train the named-entity tagger on CoNLL-2002 files", TrainNerCommand},
      {"tag", "tag CoNLL column files with the named-entity model", TagCommand},
      {"parse", "part of speech, lemmas and dependency trees (CoNLL-U out)", ParseCommand},
      {"ingest", "analyse pages (or load analysed JSONL) into an SQLite store", IngestCommand},
      {"stats", "count what a store holds", StatsCommand},
      {"search", "ranked full-text and filtered search over a store", SearchCommand},
      {"events", "coded events in a store, each with its sentence", EventsCommand},
      {"quotes", "quotes and speakers in a store, each with its sentence", QuotesCommand},
      {"stories", "stories (records grouped by development) with titles and counts", StoriesCommand},
      {"timeline", "events between two actors per day, week or month", TimelineCommand},
      {"export", "a store out as JSONL records, events CSV or GDELT 2.0 Events", ExportCommand},
      {"serve", "the JSON API and the dashboard over a store (loopback by default)", ServeCommand},
      {"train-syntax", "train the tagger, lemmatiser and parser on UD treebanks", TrainSyntaxCommand},
  };
  return commands;
}

}  // namespace wirewatch::cli

namespace {

void PrintUsage(std::FILE* to) {
  std::fprintf(to, "usage: wirewatch <command> [options] [args]\n\ncommands:\n");
  for (const auto& c : wirewatch::cli::Commands()) std::fprintf(to, "  %-10s %s\n", c.name, c.summary);
  std::fprintf(to, "\n'wirewatch <command> --help' describes a command.\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    PrintUsage(stderr);
    return 2;
  }
  std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    PrintUsage(stdout);
    return 0;
  }
  if (name == "--version") {
    std::printf("wirewatch 0.1.0\n");
    return 0;
  }
  for (const auto& c : wirewatch::cli::Commands()) {
    if (name == c.name) return c.run(wirewatch::cli::Args(argv + 2, argv + argc));
  }
  std::fprintf(stderr, "wirewatch: unknown command '%s'\n", name.c_str());
  PrintUsage(stderr);
  return 2;
}
