// Chrome lines by shape and phrase (see boilerplate.h).
//
// Shape: a breadcrumb or menu is a run of short parts (at most four words each) between
// navigation separators ("›", "»", ">", "|", "•", "·", "/"); a headline has at most one
// separator and long parts. Phrases: whole-line prompts ("Lees ook", "Deel dit artikel") and
// consent notices, which name cookies together with a consent word. The tables are the data.
#include "clean/boilerplate.h"

#include <array>
#include <cctype>
#include <string>
#include <vector>

namespace wirewatch {
namespace {

// Navigation separators, strongest first. Breadcrumb arrows mark navigation even between two
// parts ("Home › Nieuws"); list separators need four ("Nieuws | Sport | Economie | Cultuur"):
// a headline with a site suffix has three ("Kreta | Noodweer | Het Dagblad").
struct NavSeparator {
  std::string_view text;
  size_t min_parts;
};
constexpr std::array<NavSeparator, 9> kNavSeparators = {{
    {"\xE2\x80\xBA", 2},  // ›
    {"\xC2\xBB", 2},      // »
    {" > ", 2},
    {"\xE2\x86\x92", 2},  // →
    {" | ", 4},
    {" \xE2\x80\xA2 ", 4},  // •
    {" \xC2\xB7 ", 4},      // ·
    {" / ", 4},
    {"\xE2\x96\xB8", 2},  // ▸
}};

constexpr size_t kMaxPartWords = 4;

// A line that is nothing but one of these (case-insensitive, trailing ':' or '…' ignored).
constexpr std::array<std::string_view, 34> kWholeLines = {
    "lees ook",          "lees meer",         "lees verder",       "lees het hele artikel",
    "read more",         "read also",         "see also",          "related",
    "deel dit artikel",  "deel artikel",      "delen",             "deel",
    "share",             "share this article", "share this",       "tweet",
    "advertentie",       "advertisement",     "adverteren",        "sponsored",
    "volg ons",          "follow us",         "reageer",           "reacties",
    "comments",          "print",             "e-mail",            "mail",
    "kopieer link",      "link kopiëren",     "whatsapp",          "facebook",
    "twitter",           "terug naar boven",
};

// Consent notices: "cookie" with one of these words, in a line of at most kMaxNoticeBytes.
constexpr std::array<std::string_view, 12> kConsentWords = {
    "accepteer", "akkoord",  "toestemming", "instellingen", "accept",  "consent",
    "we use",    "wij gebruiken", "gebruikt cookies", "maakt gebruik", "privacy", "agree"};
constexpr size_t kMaxNoticeBytes = 400;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

size_t Words(std::string_view s) {
  size_t words = 0;
  bool in = false;
  for (char c : s) {
    bool space = c == ' ';
    if (!space && !in) ++words;
    in = !space;
  }
  return words;
}

bool IsNavigationList(std::string_view line) {
  for (const NavSeparator& sep : kNavSeparators) {
    std::vector<std::string_view> parts;
    size_t start = 0;
    while (true) {
      size_t at = line.find(sep.text, start);
      parts.push_back(line.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
      if (at == std::string_view::npos) break;
      start = at + sep.text.size();
    }
    if (parts.size() < sep.min_parts) continue;
    bool short_parts = true;
    size_t empty = 0;
    for (std::string_view p : parts) {
      size_t w = Words(p);
      if (w == 0) ++empty;
      if (w > kMaxPartWords) short_parts = false;
      // A sentence is never a menu entry.
      std::string_view t = p;
      while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
      if (!t.empty() && (t.back() == '.' || t.back() == '?' || t.back() == '!')) short_parts = false;
    }
    if (short_parts && parts.size() - empty >= 2) return true;
  }
  return false;
}

}  // namespace

bool IsBoilerplateLine(std::string_view line) {
  while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
  while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
  if (line.empty()) return false;
  if (line.size() <= 200 && IsNavigationList(line)) return true;
  std::string lower = Lower(line);
  std::string_view whole = lower;
  while (!whole.empty() && (whole.back() == ':' || whole.back() == '.')) whole.remove_suffix(1);
  if (whole.size() >= 3 && whole.substr(whole.size() - 3) == "\xE2\x80\xA6") whole.remove_suffix(3);
  for (std::string_view w : kWholeLines)
    if (whole == w) return true;
  if (line.size() <= kMaxNoticeBytes && lower.find("cookie") != std::string::npos) {
    for (std::string_view w : kConsentWords)
      if (lower.find(w) != std::string::npos) return true;
  }
  return false;
}

}  // namespace wirewatch
