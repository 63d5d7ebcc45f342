// Byline and date-line recognition (see byline.h): a left-to-right reader that consumes a line
// piece by piece and gives up on the first word it cannot place, so only lines made entirely of
// byline pieces match.
//
// The word lists below are the data: month and weekday names (Dutch and English, full and
// abbreviated), labels that mark a date as the publication or the update, credit words that
// introduce an author, anonymous roles, desks and news agencies. Adding a word to a table is all
// it takes to recognise a new byline of a known shape (docs/cleaning.md).
#include "clean/byline.h"

#include <array>
#include <cctype>
#include <cstdio>
#include <vector>

#include "clean/clean.h"
#include "core/dates.h"

namespace wirewatch {
namespace {

struct MonthWord {
  std::string_view word;
  int month;
};
// Full names and the abbreviations portals print ("5 mrt. 2019", "Mar 5, 2019").
constexpr std::array<MonthWord, 48> kMonthWords = {{
    {"januari", 1},  {"februari", 2}, {"maart", 3},     {"april", 4},    {"mei", 5},
    {"juni", 6},     {"juli", 7},     {"augustus", 8},  {"september", 9}, {"oktober", 10},
    {"november", 11}, {"december", 12}, {"january", 1}, {"february", 2}, {"march", 3},
    {"may", 5},      {"june", 6},     {"july", 7},      {"august", 8},   {"october", 10},
    {"jan", 1},      {"feb", 2},      {"febr", 2},      {"mrt", 3},      {"mar", 3},
    {"maa", 3},      {"apr", 4},      {"jun", 6},       {"jul", 7},      {"aug", 8},
    {"sep", 9},      {"sept", 9},     {"okt", 10},      {"oct", 10},     {"nov", 11},
    {"dec", 12},     {"januar", 1},   {"jänner", 1},    {"mär", 3},      {"märz", 3},
    {"mai", 5},      {"juin", 6},     {"juillet", 7},   {"août", 8},     {"octobre", 10},
    {"dez", 12},     {"décembre", 12}, {"février", 2},
}};

constexpr std::array<std::string_view, 34> kWeekdays = {
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
    "ma",      "di",      "wo",       "do",        "vr",      "za",       "zo",
    "monday",  "tuesday", "wednesday", "thursday", "friday",  "saturday", "sunday",
    "mon",     "tue",     "tues",     "wed",       "thu",     "thur",     "thurs",
    "fri",     "sat",     "sun",      "din",       "woe",     "don"};

// Labels before a date. Longer labels first: the reader takes the first that matches.
struct Label {
  std::string_view words;
  bool update;  // the date that follows is an update, not the publication
};
constexpr std::array<Label, 21> kLabels = {{
    {"laatst bijgewerkt", true}, {"laatste update", true}, {"last updated", true},
    {"laatste wijziging", true}, {"bijgewerkt", true},     {"aangepast", true},
    {"gewijzigd", true},         {"geupdate", true},       {"geüpdatet", true},
    {"updated", true},           {"update", true},         {"gepubliceerd", false},
    {"geplaatst", false},        {"verschenen", false},    {"published", false},
    {"posted", false},           {"first published", false}, {"datum", false},
    {"date", false},             {"publicatiedatum", false}, {"modified", true},
}};

// Words joining a label or credit to what follows.
constexpr std::array<std::string_view, 4> kConnectors = {"om", "op", "at", "on"};

// Words that introduce an author name (a role before a name counts too: "Correspondent Jan
// Jansen").
constexpr std::array<std::string_view, 13> kCredits = {
    "bewerkt door", "geschreven door", "written by", "door", "by",       "tekst",       "auteur",
    "author",       "verslaggever",    "correspondent", "redacteur", "columnist", "reporter"};

// Picture credits on the byline ("Foto: ANP", "Beeld Jan Jansen"): read, never the author.
constexpr std::array<std::string_view, 8> kPictureCredits = {
    "foto's", "foto", "beeld", "fotografie", "illustratie", "photo", "image", "video"};

// Anonymous credits: the possessive that opens them, then a role.
constexpr std::array<std::string_view, 8> kAnonymousOpeners = {
    "van onze", "door onze", "van een onzer", "door een onzer", "van de", "by our", "from our",
    "onze"};
constexpr std::array<std::string_view, 16> kRoles = {
    "verslaggevers", "verslaggever", "correspondenten", "correspondent", "redacteuren",
    "redacteur",     "medewerkers",  "medewerker",      "redactie",      "reporters",
    "reporter",      "staff",        "buitenlandredactie", "binnenlandredactie",
    "correspondents", "newsdesk"};

// Desks credited by name: "Redactie", "Redactie Buitenland", "Buitenlandredactie".
constexpr std::string_view kDeskSuffix = "redactie";

// News agencies credited alone or in a list ("ANP/Reuters"). Matched case-insensitively.
constexpr std::array<std::string_view, 14> kAgencies = {
    "anp", "reuters", "afp", "ap", "dpa", "belga", "bloomberg", "rtr", "efe", "novum",
    "ansa", "tass", "xinhua", "upi"};

// Lowercase particles inside names ("Jan de Vries", "Ursula von der Leyen").
constexpr std::array<std::string_view, 16> kNameParticles = {
    "de", "van", "der", "den", "het", "ter", "ten", "te", "'t", "von", "le", "la", "du", "da",
    "di", "el"};

// Words after a time that add nothing ("22:43 uur", "10:43 pm CET").
constexpr std::array<std::string_view, 12> kTimeSuffixes = {"uur", "u", "h", "am", "pm", "a.m.",
                                                            "p.m.", "cet", "cest", "gmt", "utc", "et"};

template <size_t N>
bool In(std::string_view w, const std::array<std::string_view, N>& table) {
  for (std::string_view t : table)
    if (t == w) return true;
  return false;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Bytes that separate byline pieces: spaces and punctuation, plus "·", "•", "|", dashes.
size_t SeparatorLength(std::string_view s, size_t i) {
  char c = s[i];
  if (c == ' ' || c == ',' || c == '|' || c == ':' || c == ';' || c == '(' || c == ')' ||
      c == '-' || c == '/' || c == '[' || c == ']')
    return 1;
  if (s.substr(i, 2) == "\xC2\xB7") return 2;  // ·
  if (s.substr(i, 3) == "\xE2\x80\xA2" || s.substr(i, 3) == "\xE2\x80\x93" ||
      s.substr(i, 3) == "\xE2\x80\x94" || s.substr(i, 3) == "\xE2\x80\xA3" ||
      s.substr(i, 3) == "\xE2\x80\xA7")
    return 3;  // • – — ‣ ‧
  return 0;
}

struct DateValue {
  int year = 0, month = 0, day = 0;  // year 0: not written
  int hour = -1, minute = 0;
  std::string absolute;  // set for ISO or relative dates that are complete already
  bool update = false;
};

class Reader {
 public:
  Reader(std::string_view line, std::string_view crawl_time) : orig_(line), crawl_(crawl_time) {
    lower_.reserve(line.size());
    for (char c : line) lower_ += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }

  std::optional<BylineMatch> Read() {
    bool label_update = false;
    bool have_label = false;
    bool credit_seen = false;
    bool furniture = false;   // reading time, picture credit: byline furniture, no date or author
    bool label_seen = false;  // "Laatste update: 22:43" is a byline without a date
    std::optional<std::string> bare_name;
    std::optional<std::string> author;
    size_t pieces = 0;
    while (true) {
      SkipSeparators();
      if (pos_ >= lower_.size()) break;
      size_t start = pos_;
      if (auto label = ReadLabel()) {
        have_label = true;
        label_seen = true;
        label_update = *label;
        ++pieces;
        continue;
      }
      if (ReadConnector()) continue;
      if (ReadDate(have_label && label_update)) {
        have_label = false;
        label_update = false;
        ++pieces;
        continue;
      }
      if (ReadTimeOntoLastDate()) {
        time_seen = true;
        ++pieces;
        continue;
      }
      if (ReadReadingTime()) {
        furniture = true;
        continue;
      }
      if (ReadPictureCredit()) {
        furniture = true;
        continue;
      }
      if (std::optional<std::optional<std::string>> credit = ReadCredit()) {
        credit_seen = true;
        if (!author && *credit) author = *credit;
        ++pieces;
        continue;
      }
      // A bare name ("Jan de Vries · 5 maart 2019"): only on a line that also gives a date,
      // and only when a separator other than a space ends it.
      if (!bare_name) {
        auto name = ReadName();
        size_t k = pos_;
        while (k < lower_.size() && lower_[k] == ' ') ++k;
        if (name && k < lower_.size() && SeparatorLength(lower_, k) > 0 && Words(*name) <= 5) {
          bare_name = name;
          ++pieces;
          continue;
        }
      }
      pos_ = start;
      return std::nullopt;
    }
    if (bare_name) {
      if (dates_.empty()) return std::nullopt;
      if (!author) author = bare_name;
    }
    bool label_with_time = label_seen && time_seen;
    if (dates_.empty() && !credit_seen && !furniture && !label_with_time) return std::nullopt;
    if (pieces == 0 && !furniture) return std::nullopt;
    BylineMatch m;
    m.author = author;
    m.published = Published();
    return m;
  }

  // Reads one date at the start of `text` (used by ParseBylineDate).
  std::optional<std::string> ReadOnlyDate() {
    SkipSeparators();
    if (!ReadDate(false)) return std::nullopt;
    SkipSeparators();
    while (ReadConnector()) SkipSeparators();
    ReadTimeOntoLastDate();
    SkipSeparators();
    if (pos_ < lower_.size()) return std::nullopt;
    return Published();
  }

 private:
  void SkipSeparators() {
    while (pos_ < lower_.size()) {
      size_t n = SeparatorLength(lower_, pos_);
      if (n == 0) break;
      pos_ += n;
    }
  }

  // The word at `at`: letters, digits, apostrophes, dots and UTF-8 bytes up to a separator.
  size_t WordEnd(size_t at) const {
    size_t i = at;
    while (i < lower_.size() && SeparatorLength(lower_, i) == 0) ++i;
    return i;
  }
  std::string_view WordAt(size_t at) const { return std::string_view(lower_).substr(at, WordEnd(at) - at); }

  // `phrase` (lower case, single spaces) at pos_ as whole words.
  bool MatchPhrase(std::string_view phrase, size_t at, size_t& end) const {
    if (lower_.compare(at, phrase.size(), phrase) != 0) return false;
    size_t e = at + phrase.size();
    if (e < lower_.size() && SeparatorLength(lower_, e) == 0 && lower_[e] != '.') return false;
    if (e < lower_.size() && lower_[e] == '.') ++e;  // "Bijgew." / "Tekst."
    end = e;
    return true;
  }

  std::optional<bool> ReadLabel() {
    for (const Label& l : kLabels) {
      size_t end;
      if (MatchPhrase(l.words, pos_, end)) {
        pos_ = end;
        return l.update;
      }
    }
    return std::nullopt;
  }

  bool ReadConnector() {
    std::string_view w = WordAt(pos_);
    if (!In(w, kConnectors)) return false;
    // A connector must be followed by something this reader knows (checked by the caller's
    // next step failing otherwise).
    pos_ += w.size();
    return true;
  }

  static int MonthOf(std::string_view w) {
    while (!w.empty() && w.back() == '.') w.remove_suffix(1);
    for (const MonthWord& m : kMonthWords)
      if (m.word == w) return m.month;
    return 0;
  }
  static bool IsWeekday(std::string_view w) {
    while (!w.empty() && w.back() == '.') w.remove_suffix(1);
    return In(w, kWeekdays);
  }

  // Digits at i (at most `max`); returns count and value.
  size_t Number(size_t i, size_t max, int& value) const {
    size_t n = 0;
    value = 0;
    while (i + n < lower_.size() && IsDigit(lower_[i + n]) && n < max + 1) {
      value = value * 10 + (lower_[i + n] - '0');
      ++n;
    }
    return n > max ? 0 : n;
  }

  // Skips spaces and at most one comma or dot (between date parts).
  size_t SkipDateGap(size_t i) const {
    bool punct = false;
    while (i < lower_.size()) {
      if (lower_[i] == ' ') ++i;
      else if ((lower_[i] == ',' || lower_[i] == '.') && !punct) {
        punct = true;
        ++i;
      } else break;
    }
    return i;
  }

  bool ReadDate(bool update) {
    size_t i = pos_;
    // Optional weekday: "dinsdag 5 maart", "di. 5 mrt", "Tuesday, March 5".
    std::string_view w = WordAt(i);
    bool weekday = IsWeekday(w);
    if (weekday) i = SkipDateGap(i + w.size());
    DateValue d;
    d.update = update;
    size_t end = 0;
    if (ReadRelativeDay(i, d, end) || ReadIso(i, d, end) || ReadNumeric(i, d, end) ||
        ReadDayMonth(i, d, end) || ReadMonthDay(i, d, end)) {
      pos_ = end;
      dates_.push_back(std::move(d));
      return true;
    }
    return false;
  }

  // "vandaag", "gisteren", "eergisteren", "today", "yesterday"; "3 uur geleden".
  bool ReadRelativeDay(size_t i, DateValue& d, size_t& end) {
    if (auto age = MatchAge(std::string_view(lower_).substr(i))) {
      end = i + age->length;
      if (auto crawl = ToUnixSeconds(crawl_)) d.absolute = FormatUnixSeconds(*crawl - age->seconds);
      else d.absolute = "?";
      return true;
    }
    std::string_view w = WordAt(i);
    int back = -1;
    if (w == "vandaag" || w == "today") back = 0;
    else if (w == "gisteren" || w == "yesterday") back = 1;
    else if (w == "eergisteren") back = 2;
    if (back < 0) return false;
    end = i + w.size();
    if (auto crawl = ToUnixSeconds(crawl_)) {
      std::string day = FormatUnixSeconds(*crawl - int64_t{86400} * back).substr(0, 10);
      std::sscanf(day.c_str(), "%d-%d-%d", &d.year, &d.month, &d.day);
    } else {
      d.absolute = "?";
    }
    return true;
  }

  bool ReadIso(size_t i, DateValue& d, size_t& end) {
    int y, m, dd;
    if (Number(i, 4, y) != 4 || i + 10 > lower_.size() || lower_[i + 4] != '-') return false;
    if (Number(i + 5, 2, m) != 2 || lower_[i + 7] != '-' || Number(i + 8, 2, dd) != 2) return false;
    size_t e = i + 10;
    // "2019-03-05T22:43:00+01:00": hand the whole token to NormalizeDate.
    if (e < lower_.size() && lower_[e] == 't') {
      size_t t = e;
      while (t < lower_.size() && lower_[t] != ' ') ++t;
      std::string token = std::string(orig_.substr(i, t - i));
      if (auto iso = NormalizeDate(token)) {
        d.absolute = *iso;
        end = t;
        return true;
      }
      return false;
    }
    if (e < lower_.size() && SeparatorLength(lower_, e) == 0) return false;
    d.year = y, d.month = m, d.day = dd;
    end = e;
    return true;
  }

  // "12-03-19", "05-03-2019", "5/3/2019", "05.03.2019" (day first, as in Dutch).
  bool ReadNumeric(size_t i, DateValue& d, size_t& end) {
    int day, month, year;
    size_t n1 = Number(i, 2, day);
    if (n1 == 0 || i + n1 >= lower_.size()) return false;
    char sep = lower_[i + n1];
    if (sep != '-' && sep != '/' && sep != '.') return false;
    size_t j = i + n1 + 1;
    size_t n2 = Number(j, 2, month);
    if (n2 == 0 || j + n2 >= lower_.size() || lower_[j + n2] != sep) return false;
    j += n2 + 1;
    size_t n3 = Number(j, 4, year);
    if (n3 != 2 && n3 != 4) return false;
    j += n3;
    if (j < lower_.size() && (IsDigit(lower_[j]) || IsAsciiLetter(lower_[j]))) return false;
    if (n3 == 2) year += year < 70 ? 2000 : 1900;
    if (month < 1 || month > 12 || day < 1 || day > 31) return false;
    d.year = year, d.month = month, d.day = day;
    end = j;
    return true;
  }

  // Optional ", 2019" / " 2019" after a day and month.
  size_t ReadYear(size_t i, int& year) const {
    size_t k = SkipDateGap(i);
    int y;
    if (Number(k, 4, y) == 4 && (k + 4 == lower_.size() || !IsDigit(lower_[k + 4])) &&
        (k + 4 >= lower_.size() || lower_[k + 4] != ':')) {
      year = y;
      return k + 4;
    }
    // "5 mrt. '19"
    if (k < lower_.size() && (lower_[k] == '\'' || orig_.substr(k, 3) == "\xE2\x80\x99") ) {
      size_t q = lower_[k] == '\'' ? k + 1 : k + 3;
      if (Number(q, 2, y) == 2 && (q + 2 == lower_.size() || !IsDigit(lower_[q + 2]))) {
        year = 2000 + y;
        return q + 2;
      }
    }
    return i;
  }

  // "5 maart 2019", "5 mrt. 2019", "5 Mar 2019", "5. März", "6 maart".
  bool ReadDayMonth(size_t i, DateValue& d, size_t& end) {
    int day;
    size_t n = Number(i, 2, day);
    if (n == 0 || day < 1 || day > 31) return false;
    size_t k = i + n;
    if (k < lower_.size() && lower_[k] == '.') ++k;
    if (k >= lower_.size() || lower_[k] != ' ') return false;
    while (k < lower_.size() && lower_[k] == ' ') ++k;
    std::string_view w = WordAt(k);
    int month = MonthOf(w);
    if (month == 0) return false;
    d.day = day, d.month = month;
    end = ReadYear(k + w.size(), d.year);
    return true;
  }

  // "March 5, 2019", "Mar. 5 2019", "maart 5".
  bool ReadMonthDay(size_t i, DateValue& d, size_t& end) {
    std::string_view w = WordAt(i);
    int month = MonthOf(w);
    if (month == 0) return false;
    size_t k = i + w.size();
    while (k < lower_.size() && lower_[k] == ' ') ++k;
    int day;
    size_t n = Number(k, 2, day);
    if (n == 0 || day < 1 || day > 31) return false;
    k += n;
    if (lower_.compare(k, 2, "st") == 0 || lower_.compare(k, 2, "nd") == 0 ||
        lower_.compare(k, 2, "rd") == 0 || lower_.compare(k, 2, "th") == 0)
      k += 2;
    if (k < lower_.size() && (IsDigit(lower_[k]) || lower_[k] == ':')) return false;
    d.day = day, d.month = month;
    end = ReadYear(k, d.year);
    return true;
  }

  // "22:43", "22.43 uur", "10:43 PM", attached to the last date without a time. A time with
  // no date before it is still a byline piece ("08:15 - ANP").
  bool ReadTimeOntoLastDate() {
    int h, m;
    size_t n = Number(pos_, 2, h);
    if (n == 0 || pos_ + n + 3 > lower_.size()) return false;
    char sep = lower_[pos_ + n];
    if (sep != ':' && sep != '.' && sep != 'u' && sep != 'h') return false;
    if (Number(pos_ + n + 1, 2, m) != 2) return false;
    size_t e = pos_ + n + 3;
    if (e < lower_.size() && lower_[e] == ':') {  // seconds
      int s;
      if (Number(e + 1, 2, s) != 2) return false;
      e += 3;
    }
    if (e < lower_.size() && (IsDigit(lower_[e]) || IsAsciiLetter(lower_[e]))) return false;
    if (h > 23 || m > 59) return false;
    // Suffixes: "uur", "pm", "CET".
    while (true) {
      size_t k = e;
      while (k < lower_.size() && lower_[k] == ' ') ++k;
      std::string_view w = WordAt(k);
      if (w.empty() || !In(w, kTimeSuffixes)) break;
      if ((w == "pm" || w == "p.m.") && h < 12) h += 12;
      if ((w == "am" || w == "a.m.") && h == 12) h = 0;
      e = k + w.size();
    }
    pos_ = e;
    if (!dates_.empty() && dates_.back().hour < 0 && dates_.back().absolute.empty()) {
      dates_.back().hour = h;
      dates_.back().minute = m;
    }
    return true;
  }

  static size_t Words(std::string_view s) {
    size_t n = 1;
    for (char c : s) n += c == ' ';
    return n;
  }

  // "Foto: ANP", "Beeld Jan Jansen", "Foto's: Reuters/AFP".
  bool ReadPictureCredit() {
    for (std::string_view word : kPictureCredits) {
      size_t end;
      if (!MatchPhrase(word, pos_, end)) continue;
      size_t save = pos_;
      pos_ = end;
      SkipSeparators();
      if (ReadDeskOrAgency() || ReadName()) return true;
      pos_ = save;
      return false;
    }
    return false;
  }

  // "Leestijd 3 minuten", "3 min leestijd", "5 min read".
  bool ReadReadingTime() {
    size_t i = pos_;
    size_t end;
    bool label_first = MatchPhrase("leestijd", i, end) || MatchPhrase("reading time", i, end);
    if (label_first) {
      i = end;
      while (i < lower_.size() && (lower_[i] == ' ' || lower_[i] == ':')) ++i;
    }
    int n;
    size_t digits = Number(i, 3, n);
    if (digits == 0) return false;
    i += digits;
    while (i < lower_.size() && lower_[i] == ' ') ++i;
    std::string_view w = WordAt(i);
    if (w != "min" && w != "min." && w != "minuten" && w != "minuut" && w != "minutes" &&
        w != "minute")
      return false;
    i += w.size();
    if (!label_first) {
      size_t k = i;
      while (k < lower_.size() && lower_[k] == ' ') ++k;
      if (MatchPhrase("leestijd", k, end) || MatchPhrase("read", k, end)) i = end;
      else return false;
    }
    pos_ = i;
    return true;
  }

  // A credit: "Door Jan de Vries", "Van onze verslaggever", "Redactie Buitenland",
  // "ANP/Reuters". The outer optional says whether one was read, the inner one the name.
  std::optional<std::optional<std::string>> ReadCredit() {
    size_t end;
    for (std::string_view opener : kAnonymousOpeners) {
      if (!MatchPhrase(opener, pos_, end)) continue;
      size_t k = end;
      while (k < lower_.size() && lower_[k] == ' ') ++k;
      std::string_view role = WordAt(k);
      if (!In(role, kRoles)) continue;
      pos_ = k + role.size();
      // "Van onze correspondent in Washington": the place is part of the credit.
      size_t save = pos_;
      SkipSeparators();
      if (WordAt(pos_) == "in") {
        pos_ += 2;
        SkipSeparators();
        if (!ReadName()) pos_ = save;
        return std::optional<std::string>();
      }
      // "Van onze correspondent Jan Jansen"
      size_t name_start = pos_;
      if (auto name = ReadName()) return std::optional<std::string>(name);
      pos_ = name_start;
      return std::optional<std::string>();
    }
    for (std::string_view credit : kCredits) {
      if (!MatchPhrase(credit, pos_, end)) continue;
      size_t save = pos_;
      pos_ = end;
      SkipSeparators();
      // "Door onze correspondent" is handled above; "Door ANP", "Door de redactie".
      if (auto desk = ReadDeskOrAgency()) return desk;
      if (auto name = ReadName()) return std::optional<std::string>(name);
      pos_ = save;
      return std::nullopt;
    }
    if (auto desk = ReadDeskOrAgency()) return desk;
    return std::nullopt;
  }

  // "Redactie", "De redactie", "Redactie Buitenland", "Buitenlandredactie", "ANP/Reuters".
  std::optional<std::optional<std::string>> ReadDeskOrAgency() {
    size_t start = pos_;
    size_t i = pos_;
    std::string_view w = WordAt(i);
    if (w == "de" || w == "the") {
      size_t k = i + w.size();
      while (k < lower_.size() && lower_[k] == ' ') ++k;
      i = k;
      w = WordAt(i);
    }
    if (w.size() >= kDeskSuffix.size() && w.substr(w.size() - kDeskSuffix.size()) == kDeskSuffix) {
      size_t e = i + w.size();
      // "Redactie Buitenland": one capitalised word after it names the desk.
      size_t k = e;
      while (k < lower_.size() && lower_[k] == ' ') ++k;
      if (k < lower_.size() && std::isupper(static_cast<unsigned char>(orig_[k]))) {
        std::string_view next = WordAt(k);
        if (!MonthOf(next) && !IsWeekday(next) && !IsAgency(k)) e = k + next.size();
      }
      pos_ = e;
      return std::optional<std::string>(std::string(orig_.substr(start, e - start)));
    }
    // Agency list: agencies joined by "/", ",", "&", "en", "and".
    size_t e = i;
    size_t count = 0;
    while (true) {
      size_t len = IsAgency(e);
      if (len == 0) break;
      ++count;
      size_t after = e + len;
      size_t k = after;
      while (k < lower_.size() && (lower_[k] == ' ' || lower_[k] == '/' || lower_[k] == ',' || lower_[k] == '&'))
        ++k;
      std::string_view joiner = WordAt(k);
      if (joiner == "en" || joiner == "and") {
        k += joiner.size();
        while (k < lower_.size() && lower_[k] == ' ') ++k;
      }
      e = after;
      if (!IsAgency(k)) break;
      e = k;
    }
    if (count == 0) return std::nullopt;
    pos_ = e;
    return std::optional<std::string>(std::string(orig_.substr(i, e - i)));
  }

  // Length of an agency name at `at`, or 0.
  size_t IsAgency(size_t at) const {
    for (std::string_view a : kAgencies) {
      if (lower_.compare(at, a.size(), a) != 0) continue;
      size_t e = at + a.size();
      if (e < lower_.size() && SeparatorLength(lower_, e) == 0) continue;
      return a.size();
    }
    return 0;
  }

  // A person's name: capitalised words and particles, several joined by "en"/"and"/"&"/",".
  // Stops before a month or weekday name that a date follows.
  std::optional<std::string> ReadName() {
    size_t start = pos_, i = pos_, last_end = pos_;
    size_t capitalised = 0, words = 0;
    while (i < lower_.size() && words < 12) {
      std::string_view w = WordAt(i);
      if (w.empty()) break;
      unsigned char first = static_cast<unsigned char>(orig_[i]);
      bool upper = std::isupper(first) || first >= 0xC3;
      bool particle = In(w, kNameParticles);
      bool joiner = (w == "en" || w == "and" || w == "&") && capitalised > 0;
      if ((MonthOf(w) || IsWeekday(w)) && capitalised > 0) break;
      if (w == "om" || w == "at") break;
      if (!upper && !particle && !joiner) break;
      if (IsLabelAt(i)) break;
      if (upper && !particle) {
        ++capitalised;
        last_end = i + w.size();
      }
      ++words;
      i += w.size();
      // Only spaces (and a comma between names) continue a name.
      size_t k = i;
      while (k < lower_.size() && lower_[k] == ' ') ++k;
      if (k < lower_.size() && lower_[k] == ',' && words > 0) {
        // "Jan Jansen, Piet Peters": continue only if a capitalised word follows.
        size_t q = k + 1;
        while (q < lower_.size() && lower_[q] == ' ') ++q;
        if (q < lower_.size() && std::isupper(static_cast<unsigned char>(orig_[q])) &&
            !MonthOf(WordAt(q)) && !IsWeekday(WordAt(q)) && !IsLabelAt(q) && !IsAgency(q)) {
          i = q;
          continue;
        }
        break;
      }
      if (k == i) break;  // a separator other than a space ends the name
      i = k;
    }
    if (capitalised == 0) return std::nullopt;
    pos_ = last_end;
    std::string name = CollapseSpaces(orig_.substr(start, last_end - start));
    return name;
  }

  bool IsLabelAt(size_t at) const {
    for (const Label& l : kLabels) {
      size_t end;
      if (MatchPhrase(l.words, at, end)) return true;
    }
    return false;
  }

  std::optional<std::string> Format(const DateValue& d, int fallback_year) const {
    if (!d.absolute.empty()) {
      if (d.absolute == "?") return std::nullopt;
      return d.absolute;
    }
    int year = d.year != 0 ? d.year : fallback_year;
    if (year == 0) return std::nullopt;
    char buf[32];
    if (d.hour >= 0)
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:00", year, d.month, d.day, d.hour,
                    d.minute);
    else
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, d.month, d.day);
    // Let the shared validator reject 31 February and the like.
    return NormalizeDate(buf);
  }

  std::optional<std::string> Published() const {
    // A date without a year takes the year of another date on the line, else the crawl's.
    int fallback = 0;
    for (const DateValue& d : dates_)
      if (d.year != 0 && d.absolute.empty()) fallback = d.year;
    if (fallback == 0 && crawl_.size() >= 4) fallback = std::atoi(std::string(crawl_.substr(0, 4)).c_str());
    for (int pass = 0; pass < 2; ++pass)
      for (const DateValue& d : dates_)
        if (d.update == (pass == 1))
          if (auto s = Format(d, fallback)) return s;
    return std::nullopt;
  }

  std::string_view orig_;
  std::string lower_;
  std::string_view crawl_;
  size_t pos_ = 0;
  std::vector<DateValue> dates_;
  bool time_seen = false;
};

}  // namespace

std::optional<BylineMatch> MatchByline(std::string_view line, std::string_view crawl_time) {
  if (line.empty() || line.size() > kMaxBylineBytes) return std::nullopt;
  return Reader(line, crawl_time).Read();
}

std::optional<std::string> ParseBylineDate(std::string_view text, std::string_view crawl_time) {
  if (text.empty() || text.size() > kMaxBylineBytes) return std::nullopt;
  return Reader(text, crawl_time).ReadOnlyDate();
}

}  // namespace wirewatch
