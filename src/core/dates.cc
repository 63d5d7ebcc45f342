// Metadata date normalisation. Hand-written because the inputs are a handful of fixed formats
// and std::chrono parsing of offsets is incomplete in GCC 12's library.
#include "core/dates.h"

#include <array>
#include <cctype>
#include <cstdio>
#include <vector>

namespace wirewatch {
namespace {

struct Civil {
  int year = 0, month = 0, day = 0;
  int hour = -1, minute = 0, second = 0;
  int offset_minutes = 0;
  bool has_offset = false;
};

int MonthFromName(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kDutch = {
      "januari", "februari", "maart",     "april",   "mei",      "juni",
      "juli",    "augustus", "september", "oktober", "november", "december"};
  static constexpr std::array<std::string_view, 12> kEnglish = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  std::string w;
  for (char c : word) w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  while (!w.empty() && (w.back() == '.' || w.back() == ',')) w.pop_back();
  if (w.size() < 3) return 0;
  for (int i = 0; i < 12; ++i) {
    if (kDutch[i] == w || kEnglish[i] == w) return i + 1;
    if (w.size() <= 4 && (kDutch[i].substr(0, w.size()) == w || kEnglish[i].substr(0, w.size()) == w))
      return i + 1;
  }
  if (w == "mrt") return 3;
  if (w == "okt") return 10;
  return 0;
}

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

bool Valid(const Civil& c) {
  if (c.year < 1800 || c.year > 2200 || c.month < 1 || c.month > 12) return false;
  if (c.day < 1 || c.day > DaysInMonth(c.year, c.month)) return false;
  if (c.hour >= 0 && (c.hour > 23 || c.minute > 59 || c.second > 60)) return false;
  return true;
}

// Days since 1970-01-01 (Howard Hinnant's algorithm), for applying UTC offsets.
long DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(long z, int& y, int& m, int& d) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long yy = yoe + era * 400;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yy + (m <= 2));
}

std::string Format(Civil c) {
  char buf[32];
  if (c.hour < 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
    return buf;
  }
  if (c.has_offset) {
    long secs = DaysFromCivil(c.year, c.month, c.day) * 86400L + c.hour * 3600L + c.minute * 60L +
                c.second - c.offset_minutes * 60L;
    long days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
    long rest = secs - days * 86400;
    CivilFromDays(days, c.year, c.month, c.day);
    c.hour = static_cast<int>(rest / 3600);
    c.minute = static_cast<int>(rest % 3600 / 60);
    c.second = static_cast<int>(rest % 60);
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day, c.hour,
                  c.minute, c.second);
    return buf;
  }
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", c.year, c.month, c.day, c.hour,
                c.minute, c.second);
  return buf;
}

// Reads exactly `n` digits at `pos`.
bool Digits(std::string_view s, size_t& pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  pos += n;
  return true;
}

bool ParseTime(std::string_view s, size_t& pos, Civil& c) {
  if (!Digits(s, pos, 2, c.hour)) return false;
  if (pos >= s.size() || s[pos] != ':') return false;
  ++pos;
  if (!Digits(s, pos, 2, c.minute)) return false;
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    if (!Digits(s, pos, 2, c.second)) return false;
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
      ++pos;
      while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) ++pos;
    }
  }
  while (pos < s.size() && s[pos] == ' ') ++pos;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    c.has_offset = true;
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int sign = s[pos] == '-' ? -1 : 1;
    ++pos;
    int oh = 0, om = 0;
    if (!Digits(s, pos, 2, oh)) return false;
    if (pos < s.size() && s[pos] == ':') ++pos;
    Digits(s, pos, 2, om);
    // Real UTC offsets lie within -12:00 .. +14:00; "+99:00" is damage, not a time zone.
    if (om > 59 || oh > 14) return false;
    c.has_offset = true;
    c.offset_minutes = sign * (oh * 60 + om);
  } else if (s.substr(pos, 3) == "GMT" || s.substr(pos, 3) == "UTC") {
    c.has_offset = true;
    pos += 3;
  }
  return true;
}

std::optional<Civil> ParseIso(std::string_view s) {
  Civil c;
  size_t pos = 0;
  if (!Digits(s, pos, 4, c.year) || pos >= s.size() || s[pos] != '-') return std::nullopt;
  ++pos;
  if (!Digits(s, pos, 2, c.month) || pos >= s.size() || s[pos] != '-') return std::nullopt;
  ++pos;
  if (!Digits(s, pos, 2, c.day)) return std::nullopt;
  if (pos < s.size() && (s[pos] == 'T' || s[pos] == ' ') && pos + 1 < s.size() &&
      std::isdigit(static_cast<unsigned char>(s[pos + 1]))) {
    ++pos;
    Civil t = c;
    if (ParseTime(s, pos, t)) c = t;
  }
  return c;
}

// "Fri, 21 Jan 2022 14:05:00 GMT", "21 januari 2022", "January 21, 2022", "21-01-2022".
std::optional<Civil> ParseWords(std::string_view s) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == ',')) ++i;
    size_t start = i;
    while (i < s.size() && s[i] != ' ' && s[i] != ',') ++i;
    if (i > start) words.push_back(s.substr(start, i - start));
  }
  Civil c;
  for (size_t w = 0; w < words.size(); ++w) {
    std::string_view word = words[w];
    size_t pos = 0;
    int v = 0;
    if (word.size() == 10 && Digits(word, pos, 2, c.day) && (word[2] == '-' || word[2] == '/' || word[2] == '.')) {
      pos = 3;
      if (Digits(word, pos, 2, c.month) && (word[5] == word[2]) && (pos = 6, Digits(word, pos, 4, c.year)))
        continue;
      return std::nullopt;
    }
    if (int m = MonthFromName(word); m != 0 && c.month == 0) {
      c.month = m;
      continue;
    }
    bool numeric = !word.empty() && std::isdigit(static_cast<unsigned char>(word[0]));
    if (numeric && word.find(':') != std::string_view::npos) {
      pos = 0;
      std::string_view rest = s.substr(word.data() - s.data());
      Civil t = c;
      if (ParseTime(rest, pos, t)) {
        c.hour = t.hour;
        c.minute = t.minute;
        c.second = t.second;
        c.has_offset = t.has_offset;
        c.offset_minutes = t.offset_minutes;
      }
      break;
    }
    if (numeric) {
      std::string digits;
      for (char ch : word)
        if (std::isdigit(static_cast<unsigned char>(ch))) digits += ch;
      v = std::atoi(digits.c_str());
      if (digits.size() == 4 && c.year == 0) c.year = v;
      else if (digits.size() <= 2 && c.day == 0) c.day = v;
    }
  }
  if (c.year == 0 || c.month == 0 || c.day == 0) return std::nullopt;
  return c;
}

}  // namespace

std::optional<std::string> NormalizeDate(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  if (text.empty() || text.size() > 64) return std::nullopt;
  std::optional<Civil> c = ParseIso(text);
  if (!c) c = ParseWords(text);
  if (!c || !Valid(*c)) return std::nullopt;
  return Format(*c);
}

}  // namespace wirewatch

namespace wirewatch {

std::optional<int64_t> ToUnixSeconds(std::string_view iso) {
  auto c = ParseIso(iso);
  if (!c || !Valid(*c)) return std::nullopt;
  int64_t secs = DaysFromCivil(c->year, c->month, c->day) * int64_t{86400};
  if (c->hour >= 0) secs += c->hour * 3600 + c->minute * 60 + c->second - c->offset_minutes * 60;
  return secs;
}

std::string FormatUnixSeconds(int64_t seconds) {
  int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  int64_t rest = seconds - days * 86400;
  int y, m, d;
  CivilFromDays(static_cast<long>(days), y, m, d);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d,
                static_cast<int>(rest / 3600), static_cast<int>(rest % 3600 / 60),
                static_cast<int>(rest % 60));
  return buf;
}

bool IsIsoDayShape(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

}  // namespace wirewatch
