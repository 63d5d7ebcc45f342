// The Dutch abbreviation table the tokenizer consults when a period follows a word.
//
// Written for wirewatch from the abbreviations Dutch news text actually uses (titles, Latin and
// Dutch connectives, units of reference, months, company forms), checked against the DpgMedia
// 2019 articles and the seed pages. Not derived from ucto's or any other tokenizer's lists.
//
// Left out on purpose, because the bare word is common at the end of a sentence and a wrong
// entry would glue two sentences together: al (already), vol (full), zo (so), eng (scary),
// Belg (a Belgian), bijl (axe), min ("in de min."), ma (mother), mij (me), ver (far),
// nat (wet), kon (could), do, ed; VS (upper case: Verenigde Staten) never matches "vs"; Jan
// (a name) is left to "jan", a lower-case-only month.
// Dotted abbreviations of one- and two-letter parts (o.a. d.w.z. t.o.v. m.b.t.) need no entry:
// the tokenizer recognises that shape itself; those listed here have longer parts or matter
// for sentence ends.
#include <string_view>
#include <unordered_map>

#include "text/tokenizer.h"

namespace wirewatch {
namespace {

enum EntryFlag : uint8_t {
  kEnds = 1,       // often ends a sentence: split when a capitalised word follows
  kLowerOnly = 2,  // the capitalised form is a common word or name: match lower case only
};

struct Entry {
  std::string_view word;  // as written, without the final period
  uint8_t flags;
};

// A compact table reads better than one entry per line.
// clang-format off
constexpr Entry kEntries[] = {
    // Forms of address and titles.
    {"mr", 0}, {"mevr", 0}, {"mw", 0}, {"mej", 0}, {"dhr", 0}, {"hr", 0}, {"prof", 0},
    {"dr", 0}, {"drs", 0}, {"ir", 0}, {"ing", 0}, {"ds", 0}, {"jhr", 0}, {"jkvr", 0},
    {"mgr", 0}, {"kard", 0}, {"zr", 0}, {"br", 0}, {"st", 0}, {"St", 0}, {"sr", kEnds},
    {"jr", kEnds}, {"gebr", 0}, {"wed", 0}, {"em", 0}, {"lic", 0}, {"bc", 0}, {"kand", 0},
    // Military and political ranks.
    {"gen", 0}, {"lt", 0}, {"kol", 0}, {"maj", 0}, {"kpt", 0}, {"sgt", 0}, {"adm", 0},
    {"burg", 0}, {"weth", 0}, {"staatssecr", 0}, {"secr", 0},
    {"wnd", 0}, {"plv", 0}, {"vz", 0}, {"dir", 0}, {"pres", 0}, {"gouv", 0}, {"amb", 0},
    // Connectives and references.
    {"bijv", 0}, {"bv", kLowerOnly}, {"vb", 0}, {"enz", kEnds}, {"etc", kEnds},
    {"ca", 0}, {"cf", 0}, {"cfr", 0}, {"vgl", 0}, {"zgn", 0}, {"resp", 0}, {"ong", 0},
    {"evt", 0}, {"incl", 0}, {"excl", 0}, {"vnl", 0}, {"bijz", 0},
    {"ivm", 0}, {"ipv", 0}, {"tov", 0}, {"mbt", 0}, {"nav", 0}, {"dwz", 0}, {"oa", 0},
    {"ea", kEnds}, {"tgv", 0}, {"iom", 0}, {"mmv", 0}, {"ovv", 0}, {"ihb", 0},
    {"aanst", 0}, {"jl", kEnds}, {"ll", kEnds}, {"vlg", 0}, {"volg", 0},
    {"v.Chr", kEnds}, {"n.Chr", kEnds}, {"Chr", kEnds},
    // Dotted shapes the tokenizer finds by itself, listed for their sentence-ending use.
    {"e.d", kEnds}, {"e.a", kEnds}, {"a.s", kEnds}, {"e.v", kEnds}, {"n.v.t", kEnds},
    {"a.u.b", kEnds}, {"s.v.p", kEnds}, {"z.s.m", kEnds}, {"o.i.d", kEnds}, {"e.e.a", kEnds},
    {"m.u.v", 0}, {"i.s.m", 0}, {"o.a", 0},
    // Documents, units of reference and counts.
    {"nr", 0}, {"nrs", 0}, {"blz", 0}, {"pag", 0}, {"pp", 0}, {"hfst", 0}, {"art", 0},
    {"afd", 0}, {"tel", 0}, {"fax", kLowerOnly}, {"mob", 0}, {"red", 0},
    {"vert", 0}, {"ill", 0}, {"geb", 0}, {"overl", 0}, {"mln", 0}, {"mld", 0}, {"mrd", 0},
    {"max", kLowerOnly}, {"gem", 0}, {"tab", 0}, {"fig", 0}, {"aant", 0}, {"adv", 0},
    {"kl", 0}, {"ned", 0}, {"int", 0}, {"prov", 0},
    {"univ", 0}, {"Rijksuniv", 0},
    // Months and days (abbreviated in dates and agenda lines).
    {"jan", kLowerOnly}, {"feb", 0}, {"febr", 0}, {"mrt", 0}, {"apr", 0}, {"jun", 0},
    {"jul", 0}, {"aug", 0}, {"sep", 0}, {"sept", 0}, {"okt", 0}, {"nov", 0}, {"dec", 0},
    {"di", kLowerOnly}, {"wo", kLowerOnly}, {"vr", kLowerOnly}, {"za", kLowerOnly},
    // Company forms and English abbreviations common in Dutch news.
    {"Inc", kEnds}, {"Ltd", kEnds}, {"Co", kEnds}, {"Corp", kEnds}, {"vs", kLowerOnly},
    {"Ph.D", kEnds}, {"Mrs", 0}, {"Ms", 0},
};
// clang-format on

using Table = std::unordered_map<std::string_view, uint8_t>;

const Table& Entries() {
  static const Table* const table = [] {
    auto* t = new Table;
    for (const Entry& e : kEntries) t->emplace(e.word, e.flags);
    return t;
  }();
  return *table;
}

AbbreviationClass ToClass(uint8_t flags) {
  return (flags & kEnds) ? AbbreviationClass::kMayEndSentence : AbbreviationClass::kInside;
}

}  // namespace

AbbreviationClass ClassifyAbbreviation(std::string_view word) {
  if (word.empty() || word.size() > 16) return AbbreviationClass::kNone;
  const Table& table = Entries();
  if (auto it = table.find(word); it != table.end()) return ToClass(it->second);
  // "Prof" for "prof": only the first letter may differ in case, so "VS" never matches "vs".
  char first = word[0];
  if (first < 'A' || first > 'Z') return AbbreviationClass::kNone;
  char buffer[16];
  word.copy(buffer, word.size());
  buffer[0] = static_cast<char>(first - 'A' + 'a');
  auto it = table.find(std::string_view(buffer, word.size()));
  if (it == table.end() || (it->second & kLowerOnly)) return AbbreviationClass::kNone;
  return ToClass(it->second);
}

}  // namespace wirewatch
