// The subcommands of the `wirewatch` binary. Each lives in its own cli/<name>_command.cc and
// takes the arguments after its name; the return value is the process exit code
// (0 success, 1 some input failed, 2 usage error).
#pragma once

#include <string>
#include <vector>

namespace wirewatch::cli {

using Args = std::vector<std::string>;

int AnalyzeCommand(const Args& args);
int TrainNerCommand(const Args& args);
int TagCommand(const Args& args);
int TrainSyntaxCommand(const Args& args);
int ParseCommand(const Args& args);
int IngestCommand(const Args& args);
int StatsCommand(const Args& args);
int SearchCommand(const Args& args);
int EventsCommand(const Args& args);
int QuotesCommand(const Args& args);
int TimelineCommand(const Args& args);
int ExportCommand(const Args& args);
int ServeCommand(const Args& args);
int StoriesCommand(const Args& args);

struct Command {
  const char* name;
  const char* summary;
  int (*run)(const Args& args);
};

// All subcommands, in the order `wirewatch --help` lists them.
const std::vector<Command>& Commands();

// The folder holding data/ and models/: `flag_value` when given (--data-dir), else the
// WIREWATCH_DATA environment variable, else the source tree the binary was built from.
std::string DataDir(const std::string& flag_value);

// Parses a non-negative integer option value; false when it is not one.
bool ParseCount(const std::string& text, long long& value);

}  // namespace wirewatch::cli
