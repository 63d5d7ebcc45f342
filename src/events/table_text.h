// Internal to the events stage: splitting the lines of its TSV tables (patterns, codes,
// predicates), shared by the loaders so they split the same way.
#pragma once

#include <string_view>
#include <vector>

namespace wirewatch::events_internal {

// "a\tb\t" -> {"a", "b", ""}: every field, empty ones included.
inline std::vector<std::string_view> SplitOn(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t pos = 0;
  while (true) {
    size_t next = s.find(sep, pos);
    parts.push_back(s.substr(pos, next == std::string_view::npos ? s.size() - pos : next - pos));
    if (next == std::string_view::npos) break;
    pos = next + 1;
  }
  return parts;
}

}  // namespace wirewatch::events_internal
