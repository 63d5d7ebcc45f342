// Datelines, brief ages and heading shape: the small parsers both page cleaners share.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <array>
#include <cctype>

#include "clean/clean.h"

namespace wirewatch {
namespace {

// Decodes the code point at s[i], advancing i; U+FFFD on bad bytes.
UChar32 NextCodePoint(std::string_view s, size_t& i) {
  UChar32 c;
  int32_t pos = static_cast<int32_t>(i);
  U8_NEXT(s.data(), pos, static_cast<int32_t>(s.size()), c);
  i = static_cast<size_t>(pos);
  return c < 0 ? 0xFFFD : c;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Agency codes are short words: ANP, AFP, RTR, DPA, AP, Belga, Bloomberg.
bool IsAgencyList(std::string_view s, std::vector<std::string>& agencies) {
  agencies.clear();
  size_t start = 0;
  while (start <= s.size()) {
    size_t slash = s.find('/', start);
    std::string_view part = s.substr(start, slash == std::string_view::npos ? s.size() - start : slash - start);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (part.empty() || part.size() > 12) return false;
    if (!std::isupper(static_cast<unsigned char>(part[0]))) return false;
    for (char c : part)
      if (!std::isalpha(static_cast<unsigned char>(c)) && c != '-' && c != '.') return false;
    agencies.emplace_back(part);
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return !agencies.empty() && agencies.size() <= 8;
}

}  // namespace

std::optional<DatelineMatch> MatchDateline(std::string_view p, const PlaceSet* known_places) {
  // Place: upper-case letters with spaces, '/', '-', '.', '\'' between them (NEW YORK,
  // TEHERAN/BAGDAD, GENÈVE, 'S-HERTOGENBOSCH).
  size_t i = 0;
  size_t letters = 0;
  size_t place_end = 0;
  while (i < p.size() && i < 80) {
    size_t at = i;
    UChar32 c = NextCodePoint(p, i);
    if (u_isUAlphabetic(c)) {
      if (!u_isupper(c)) {
        i = at;
        break;
      }
      ++letters;
      place_end = i;
    } else if ((c == '-' || c == 0x2013 || c == 0x2014) && at > 0 && p[at - 1] == ' ') {
      i = at;  // " - " ends the dateline; a dash inside a name ('S-HERTOGENBOSCH) does not
      break;
    } else if (c == ' ' || c == '/' || c == '-' || c == '.' || c == '\'' || c == 0x2019) {
      // separators inside the place
    } else {
      i = at;
      break;
    }
  }
  if (letters < 2 || place_end == 0) return std::nullopt;
  std::string_view place = p.substr(0, place_end);
  // A single upper-case word followed by a lower-case one ("NAVO roept") is not a dateline: the
  // place must be followed by "(AGENCY)" or a dash.
  size_t j = place_end;
  while (j < p.size() && p[j] == ' ') ++j;
  DatelineMatch m;
  m.dateline.place = std::string(place);
  if (j < p.size() && p[j] == '(') {
    size_t close = p.find(')', j);
    if (close == std::string_view::npos || close - j > 60) return std::nullopt;
    if (!IsAgencyList(p.substr(j + 1, close - j - 1), m.dateline.agencies)) return std::nullopt;
    j = close + 1;
    while (j < p.size() && p[j] == ' ') ++j;
  } else if (letters < 3) {
    return std::nullopt;
  }
  // Separator: '-', en dash or em dash; ':' only after agencies ("NAVO: Rusland ..." is a
  // headline, not a dateline).
  if (p.substr(j, 1) == "-" || (p.substr(j, 1) == ":" && !m.dateline.agencies.empty())) {
    j += 1;
  } else if (p.substr(j, 3) == "\xE2\x80\x93" || p.substr(j, 3) == "\xE2\x80\x94") {
    j += 3;
  } else {
    return std::nullopt;
  }
  if (j >= p.size() || !IsSpace(p[j])) return std::nullopt;
  while (j < p.size() && IsSpace(p[j])) ++j;
  // Without agencies the place must be a known one: "UITSTEL - Nieuwe plannen" is a kicker.
  if (m.dateline.agencies.empty() &&
      (known_places == nullptr || !known_places->count(m.dateline.place)))
    return std::nullopt;
  m.length = j;
  return m;
}

std::optional<AgeMatch> MatchAge(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && s[i] == ' ') ++i;
  int64_t n = 0;
  size_t digits = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) && digits < 6) {
    n = n * 10 + (s[i] - '0');
    ++i;
    ++digits;
  }
  if (digits == 0) {
    // "een uur geleden", "één minuut geleden", "an hour ago"
    for (std::string_view word : {"een ", "één ", "an ", "a "}) {
      if (s.substr(i, word.size()) == word) {
        n = 1;
        i += word.size();
        digits = 1;
        break;
      }
    }
    if (digits == 0) return std::nullopt;
  }
  while (i < s.size() && s[i] == ' ') ++i;
  struct Unit {
    std::string_view word;
    int64_t seconds;
  };
  static constexpr std::array<Unit, 26> kUnits = {{
      {"seconden", 1},  {"seconde", 1},  {"sec", 1},         {"minuten", 60},  {"minuut", 60},
      {"min", 60},      {"uren", 3600},  {"uur", 3600},      {"dagen", 86400}, {"dag", 86400},
      {"weken", 604800}, {"week", 604800}, {"maanden", 2592000}, {"maand", 2592000},
      {"seconds", 1},   {"second", 1},   {"minutes", 60},    {"minute", 60},   {"hours", 3600},
      {"hour", 3600},   {"days", 86400}, {"day", 86400},     {"weeks", 604800}, {"week", 604800},
      {"months", 2592000}, {"month", 2592000},
  }};
  for (const Unit& unit : kUnits) {
    if (s.substr(i, unit.word.size()) != unit.word) continue;
    size_t k = i + unit.word.size();
    while (k < s.size() && s[k] == ' ') ++k;
    for (std::string_view tail : {"geleden", "ago"}) {
      if (s.substr(k, tail.size()) == tail) {
        return AgeMatch{n * unit.seconds, k + tail.size()};
      }
    }
  }
  return std::nullopt;
}

bool LooksLikeHeading(std::string_view line) {
  while (!line.empty() && IsSpace(line.back())) line.remove_suffix(1);
  if (line.empty() || line.size() > 160) return false;
  size_t words = 1;
  for (char c : line) words += c == ' ';
  if (words > 20) return false;
  // Strip closing quotes and brackets, then look at the last real character.
  std::string_view tail = line;
  auto strip = [&](std::string_view q) {
    if (tail.size() >= q.size() && tail.substr(tail.size() - q.size()) == q) {
      tail.remove_suffix(q.size());
      return true;
    }
    return false;
  };
  while (strip("\"") || strip("'") || strip(")") || strip("\xE2\x80\x9D") || strip("\xE2\x80\x99") ||
         strip("\xC2\xBB")) {
  }
  if (tail.empty()) return false;
  char last = tail.back();
  if (last == '.' || last == '!' || last == '?' || last == ';' || last == ',' || last == ':')
    return false;
  if (tail.size() >= 3 && tail.substr(tail.size() - 3) == "\xE2\x80\xA6") return false;  // …
  return true;
}

std::string CollapseSpaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

}  // namespace wirewatch
