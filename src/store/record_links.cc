// WithCorpusLinks: a scan of the top level of one JSON object, skipping nested values and
// strings by their syntax only (the line was parsed as valid JSON before it gets here).
#include "store/record_links.h"

#include <nlohmann/json.hpp>

#include <vector>

namespace wirewatch {
namespace {

size_t SkipSpace(std::string_view s, size_t i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
  return i;
}

// Index just past the string starting at s[i] == '"'.
size_t SkipString(std::string_view s, size_t i) {
  for (++i; i < s.size(); ++i) {
    if (s[i] == '\\') ++i;
    else if (s[i] == '"') return i + 1;
  }
  return s.size();
}

// Index just past the value starting at s[i].
size_t SkipValue(std::string_view s, size_t i) {
  if (i >= s.size()) return i;
  if (s[i] == '"') return SkipString(s, i);
  if (s[i] == '{' || s[i] == '[') {
    int depth = 0;
    while (i < s.size()) {
      char c = s[i];
      if (c == '"') {
        i = SkipString(s, i);
        continue;
      }
      if (c == '{' || c == '[') ++depth;
      if (c == '}' || c == ']') {
        if (--depth == 0) return i + 1;
      }
      ++i;
    }
    return i;
  }
  while (i < s.size() && s[i] != ',' && s[i] != '}' && s[i] != ']' && s[i] != ' ' &&
         s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
    ++i;
  return i;
}

std::string Literal(const std::optional<std::string>& v) {
  if (!v) return "null";
  return nlohmann::json(*v).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string WithCorpusLinks(std::string_view json, const std::optional<std::string>& duplicate_of,
                            const std::optional<std::string>& story) {
  struct Field {
    const char* key;
    std::string value;
    size_t start = std::string_view::npos, end = 0;
  };
  Field fields[2] = {{"duplicate_of", Literal(duplicate_of)}, {"story", Literal(story)}};
  size_t i = SkipSpace(json, 0);
  if (i >= json.size() || json[i] != '{') return std::string(json);
  ++i;
  size_t close = std::string_view::npos;
  bool empty = true;
  while (i < json.size()) {
    i = SkipSpace(json, i);
    if (i < json.size() && json[i] == '}') {
      close = i;
      break;
    }
    if (i >= json.size() || json[i] != '"') return std::string(json);
    size_t key_end = SkipString(json, i);
    std::string_view key = json.substr(i + 1, key_end - i - 2);
    i = SkipSpace(json, key_end);
    if (i >= json.size() || json[i] != ':') return std::string(json);
    i = SkipSpace(json, i + 1);
    size_t value_end = SkipValue(json, i);
    for (Field& f : fields)
      if (key == f.key && f.start == std::string_view::npos) f.start = i, f.end = value_end;
    empty = false;
    i = SkipSpace(json, value_end);
    if (i < json.size() && json[i] == ',') ++i;
  }
  if (close == std::string_view::npos) return std::string(json);
  // Splice in text order: the fields found, then the missing ones before the closing brace.
  std::vector<const Field*> found;
  for (const Field& f : fields)
    if (f.start != std::string_view::npos) found.push_back(&f);
  if (found.size() == 2 && found[0]->start > found[1]->start) std::swap(found[0], found[1]);
  std::string out;
  out.reserve(json.size() + 64);
  size_t at = 0;
  for (const Field* f : found) {
    out.append(json.substr(at, f->start - at));
    out += f->value;
    at = f->end;
  }
  out.append(json.substr(at, close - at));
  for (const Field& f : fields) {
    if (f.start != std::string_view::npos) continue;
    if (!empty) out += ',';
    out += '"';
    out += f.key;
    out += "\":";
    out += f.value;
    empty = false;
  }
  out.append(json.substr(close));
  return out;
}

}  // namespace wirewatch
