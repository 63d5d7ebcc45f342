// Option-value helpers every subcommand shares. Kept apart from main.cc so the option-parser
// fuzzer (fuzz/parse_count_fuzzer.cc) links them without the subcommands.
#include <cstdlib>

#include "cli/commands.h"

namespace wirewatch::cli {

std::string DataDir(const std::string& flag_value) {
  if (!flag_value.empty()) return flag_value;
  if (const char* env = std::getenv("WIREWATCH_DATA"); env != nullptr && *env != '\0') return env;
  return WIREWATCH_DATA_DIR;
}

bool ParseCount(const std::string& text, long long& value) {
  if (text.empty() || text.size() > 18) return false;
  long long v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  value = v;
  return true;
}

}  // namespace wirewatch::cli
