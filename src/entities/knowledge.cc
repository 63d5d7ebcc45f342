// Loads data/knowledge/*.tsv into an immutable KnowledgeBase and answers lookups over it.
//
// Loading is strict on purpose: a table that parses but is wrong (an unknown actor code, an end
// before a start, a QID used twice) would silently link mentions to the wrong actor, which is
// worse than failing at start-up with the file and line to fix.
#include "entities/knowledge.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace wirewatch {
namespace {

constexpr std::array<std::string_view, 4> kMentionTypes = {"PER", "LOC", "ORG", "MISC"};

// ---------------------------------------------------------------------------------------------
// Small string helpers.

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::vector<std::string> Split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (true) {
    size_t next = s.find(sep, pos);
    out.emplace_back(s.substr(pos, next == std::string_view::npos ? std::string_view::npos : next - pos));
    if (next == std::string_view::npos) break;
    pos = next + 1;
  }
  return out;
}

// '|'-separated alternatives, trimmed, empty ones dropped.
std::vector<std::string> Alternatives(std::string_view s) {
  std::vector<std::string> out;
  for (const std::string& part : Split(s, '|')) {
    std::string_view t = Trim(part);
    if (!t.empty()) out.emplace_back(t);
  }
  return out;
}

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    if (n == 2 && c < 0xC2) return false;  // overlong
    i += n;
  }
  return true;
}

bool IsUpperCode(std::string_view s, size_t min_len, size_t max_len) {
  if (s.size() < min_len || s.size() > max_len) return false;
  if (!(s[0] >= 'A' && s[0] <= 'Z')) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; });
}

bool IsQid(std::string_view s) {
  if (s.size() < 2 || s[0] != 'Q' || s[1] == '0') return false;
  return std::all_of(s.begin() + 1, s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// ---------------------------------------------------------------------------------------------
// TSV tables: a version comment, a header line, rows. Columns are found by header name so a
// table may gain columns without breaking older loaders.

struct TableRow {
  int line = 0;
  std::vector<std::string> fields;
};

class Table {
 public:
  std::string path;
  std::string version;
  std::vector<std::string> header;
  std::vector<TableRow> rows;

  int Column(std::string_view name) const {
    for (size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return static_cast<int>(i);
    }
    return -1;
  }
  std::string Where(int line) const { return path + ":" + std::to_string(line) + ": "; }
};

// Reads `file` from `folder`; checks the version comment, UTF-8, the required columns and the
// field count of every row.
Status ReadTable(const std::string& folder, const std::string& file,
                 const std::vector<std::string_view>& required, Table* table) {
  table->path = folder + "/" + file;
  std::ifstream in(table->path, std::ios::binary);
  if (!in) return NotFound(table->path + ": cannot open knowledge table");
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return IoError(table->path + ": read failed");
  const std::string content = buffer.str();

  std::istringstream lines(content);
  std::string raw;
  int line_no = 0;
  bool seen_header = false;
  while (std::getline(lines, raw)) {
    ++line_no;
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    if (!IsValidUtf8(raw)) return Corrupt(table->Where(line_no) + "invalid UTF-8");
    if (line_no == 1) {
      // "# wirewatch knowledge: people.tsv version 2026.01.1; format TSV UTF-8 ..."
      const std::string prefix = "# wirewatch knowledge: " + file + " version ";
      if (raw.rfind(prefix, 0) != 0 || raw.find("format") == std::string::npos) {
        return Corrupt(table->Where(1) + "first line must be '" + prefix + "<version>; format ...'");
      }
      std::string_view rest = std::string_view(raw).substr(prefix.size());
      table->version = std::string(Trim(rest.substr(0, rest.find(';'))));
      if (table->version.empty()) return Corrupt(table->Where(1) + "empty version");
      continue;
    }
    if (Trim(raw).empty() || raw[0] == '#') continue;
    std::vector<std::string> fields = Split(raw, '\t');
    if (!seen_header) {
      seen_header = true;
      table->header = fields;
      for (std::string_view col : required) {
        if (table->Column(col) < 0) {
          return Corrupt(table->Where(line_no) + "header lacks column '" + std::string(col) + "'");
        }
      }
      continue;
    }
    if (fields.size() != table->header.size()) {
      return Corrupt(table->Where(line_no) + "expected " + std::to_string(table->header.size()) +
                     " tab-separated fields, found " + std::to_string(fields.size()));
    }
    for (std::string& f : fields) f = std::string(Trim(f));
    table->rows.push_back({line_no, std::move(fields)});
  }
  if (!seen_header) return Corrupt(table->path + ": no header line");
  return Status::Ok();
}

// Field accessor bound to one table, so row parsing reads as Get("name").
class RowReader {
 public:
  RowReader(const Table& table, const TableRow& row) : table_(table), row_(row) {}
  const std::string& Get(std::string_view column) const {
    static const std::string kEmpty;
    int i = table_.Column(column);
    return i < 0 ? kEmpty : row_.fields[static_cast<size_t>(i)];
  }
  std::string Where() const { return table_.Where(row_.line); }

 private:
  const Table& table_;
  const TableRow& row_;
};

std::string LocalId(KnowledgeKind kind, std::string_view key) {
  static constexpr std::array<std::string_view, 4> kNames = {"country", "place", "org", "person"};
  return "ww:" + std::string(kNames[static_cast<size_t>(kind)]) + ":" + std::string(key);
}

bool TermActiveOn(const Term& term, std::string_view date) {
  if (term.start.empty() || date < std::string_view(term.start)) return false;
  return term.end.empty() || date < std::string_view(term.end);
}

std::string_view DatePart(std::string_view date) { return date.substr(0, std::min<size_t>(date.size(), 10)); }

}  // namespace

// ---------------------------------------------------------------------------------------------
// Normalisation.

// ASCII text (most lookups) normalises without ICU: NFC and accent folding leave it unchanged
// and case folding is lower-casing. Same result as the general path below.
std::optional<std::string> NormalizeAsciiSurface(std::string_view text, MatchLevel level) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80) return std::nullopt;
    if (c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F)) {
      pending_space = true;
      continue;
    }
    if (c == '`') c = '\'';
    if (pending_space && !out.empty()) out += ' ';
    pending_space = false;
    out += static_cast<char>(level == MatchLevel::kExact ? c : std::tolower(c));
  }
  return out;
}

std::string NormalizeSurface(std::string_view text, MatchLevel level) {
  if (auto ascii = NormalizeAsciiSurface(text, level)) return std::move(*ascii);
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString cleaned;
  bool pending_space = false;
  for (int32_t i = 0; i < in.length();) {
    UChar32 c = in.char32At(i);
    i += U16_LENGTH(c);
    if (u_isUWhiteSpace(c) || c == 0x00A0) {
      pending_space = true;
      continue;
    }
    // News text mixes typographic and ASCII apostrophes and hyphens ("Houthi’s", "NAVO‑chef").
    if (c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x00B4 || c == 0x0060) c = '\'';
    if (c == 0x2010 || c == 0x2011) c = '-';
    if (pending_space && !cleaned.isEmpty()) cleaned.append(static_cast<UChar>(' '));
    pending_space = false;
    cleaned.append(c);
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) {
    // Without ICU data only the exact level is meaningful; fall back to the cleaned bytes.
    std::string out;
    cleaned.toUTF8String(out);
    return out;
  }
  icu::UnicodeString result;
  if (level == MatchLevel::kExact) {
    result = nfc->normalize(cleaned, status);
  } else {
    cleaned.foldCase(U_FOLD_CASE_DEFAULT);
    if (level == MatchLevel::kAccentFolded) {
      icu::UnicodeString decomposed = nfd->normalize(cleaned, status);
      icu::UnicodeString stripped;
      for (int32_t i = 0; i < decomposed.length();) {
        UChar32 c = decomposed.char32At(i);
        i += U16_LENGTH(c);
        if (u_charType(c) != U_NON_SPACING_MARK) stripped.append(c);
      }
      cleaned = stripped;
    }
    result = nfc->normalize(cleaned, status);
  }
  if (U_FAILURE(status)) result = cleaned;
  std::string out;
  result.toUTF8String(out);
  return out;
}

bool IsIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  int year = std::stoi(std::string(s.substr(0, 4)));
  int month = std::stoi(std::string(s.substr(5, 2)));
  int day = std::stoi(std::string(s.substr(8, 2)));
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int max_day = kDays[static_cast<size_t>(month - 1)] + (month == 2 && leap ? 1 : 0);
  return day <= max_day;
}

// ---------------------------------------------------------------------------------------------
// The loaded data.

namespace {

struct Hit {
  KnowledgeKind kind;
  uint32_t index;
  SurfaceForm form;
  std::string text;  // the table's own spelling of the form (demonym display names use it)
};

using SurfaceIndex = std::unordered_map<std::string, std::vector<Hit>>;

}  // namespace

struct KnowledgeBase::Data {
  std::array<std::vector<KnowledgeEntry>, 4> entries;  // by KnowledgeKind
  std::array<std::unordered_map<std::string, uint32_t>, 4> by_key;
  std::array<SurfaceIndex, 3> surfaces;  // by MatchLevel
  std::vector<RolePhrase> role_phrases;
  std::unordered_map<std::string, uint32_t> role_phrase_index;  // case-folded phrase
  std::unordered_map<std::string, std::string> designated_type;  // case-folded word -> type
  std::unordered_set<std::string> person_titles;                  // case-folded, titles.tsv
  std::unordered_map<std::string, KnowledgeBase::MinistryWord> ministry_words;  // case-folded
  std::set<std::string, std::less<>> actors;
  // actor -> (person index, term index), so PersonFor scans one actor's terms only.
  std::unordered_map<std::string, std::vector<std::pair<uint32_t, uint32_t>>> terms_by_actor;
  KnowledgeVersions versions;

  std::vector<KnowledgeEntry>& Of(KnowledgeKind kind) { return entries[static_cast<size_t>(kind)]; }

  void AddSurface(KnowledgeKind kind, uint32_t index, SurfaceForm form, const std::string& text) {
    for (MatchLevel level : {MatchLevel::kExact, MatchLevel::kCaseFolded, MatchLevel::kAccentFolded}) {
      std::string key = NormalizeSurface(text, level);
      if (key.empty()) continue;
      std::vector<Hit>& hits = surfaces[static_cast<size_t>(level)][key];
      bool dup = std::any_of(hits.begin(), hits.end(), [&](const Hit& h) {
        return h.kind == kind && h.index == index && h.form == form;
      });
      if (!dup) hits.push_back({kind, index, form, text});
    }
  }
};

namespace {

Status CheckQid(const RowReader& r, const std::string& qid,
                std::unordered_map<std::string, std::string>* seen, const std::string& owner) {
  if (qid.empty()) return Status::Ok();
  if (!IsQid(qid)) return Corrupt(r.Where() + "malformed Wikidata id '" + qid + "'");
  auto [it, inserted] = seen->emplace(qid, owner);
  if (!inserted && it->second != owner) {
    return Corrupt(r.Where() + "QID " + qid + " already used by " + it->second);
  }
  return Status::Ok();
}

Status CheckType(const RowReader& r, const std::string& type) {
  if (std::find(kMentionTypes.begin(), kMentionTypes.end(), type) == kMentionTypes.end()) {
    return Corrupt(r.Where() + "mention type '" + type + "' is not PER, LOC, ORG or MISC");
  }
  return Status::Ok();
}

}  // namespace

KnowledgeBase::KnowledgeBase(std::unique_ptr<Data> data) : data_(std::move(data)) {}
KnowledgeBase::~KnowledgeBase() = default;

StatusOr<std::unique_ptr<const KnowledgeBase>> KnowledgeBase::Load(const std::string& folder) {
  auto data = std::make_unique<Data>();
  std::unordered_map<std::string, std::string> qids;  // QID -> owner, for uniqueness

  auto add_entry = [&](KnowledgeEntry entry, const RowReader& r) -> StatusOr<uint32_t> {
    auto& list = data->Of(entry.kind);
    auto& keys = data->by_key[static_cast<size_t>(entry.kind)];
    if (entry.key.empty()) return Corrupt(r.Where() + "empty key");
    uint32_t index = static_cast<uint32_t>(list.size());
    if (!keys.emplace(entry.key, index).second) {
      return Corrupt(r.Where() + "duplicate key '" + entry.key + "'");
    }
    Status s = CheckQid(r, entry.qid, &qids, LocalId(entry.kind, entry.key));
    if (!s.ok()) return s;
    entry.id = entry.qid.empty() ? LocalId(entry.kind, entry.key) : entry.qid;
    list.push_back(std::move(entry));
    return index;
  };

  // --- countries.tsv: defines the ISO codes every other table refers to.
  Table countries;
  Status st = ReadTable(folder, "countries.tsv",
                        {"alpha3", "alpha2", "qid", "name", "names_nl", "names_en", "adjectives_nl",
                         "demonyms_nl", "demonyms_en", "sovereign", "status"},
                        &countries);
  if (!st.ok()) return st;
  data->versions.countries = countries.version;
  for (const TableRow& row : countries.rows) {
    RowReader r(countries, row);
    if (!IsUpperCode(r.Get("alpha3"), 3, 3)) return Corrupt(r.Where() + "bad alpha3 '" + r.Get("alpha3") + "'");
    if (!r.Get("alpha2").empty() && !IsUpperCode(r.Get("alpha2"), 2, 2)) {
      return Corrupt(r.Where() + "bad alpha2 '" + r.Get("alpha2") + "'");
    }
    data->actors.insert(r.Get("alpha3"));
  }
  for (const TableRow& row : countries.rows) {
    RowReader r(countries, row);
    KnowledgeEntry e;
    e.kind = KnowledgeKind::kCountry;
    e.key = r.Get("alpha3");
    e.qid = r.Get("qid");
    e.name = r.Get("name");
    std::vector<std::string> en = Alternatives(r.Get("names_en"));
    e.name_en = en.empty() ? e.name : en.back();  // the table lists short forms first
    e.type = "LOC";
    e.actor = e.key;
    e.country = r.Get("sovereign");
    e.subkind = r.Get("status");
    std::vector<std::string> adjectives = Alternatives(r.Get("adjectives_nl"));
    if (!adjectives.empty()) e.adjective = adjectives.front();
    if (e.name.empty()) return Corrupt(r.Where() + "empty name");
    if (!e.country.empty() && !data->actors.count(e.country)) {
      return Corrupt(r.Where() + "sovereign '" + e.country + "' is not an alpha3 in countries.tsv");
    }
    auto index = add_entry(e, r);
    if (!index.ok()) return index.status();
    data->AddSurface(e.kind, *index, SurfaceForm::kName, e.name);
    for (const auto& n : Alternatives(r.Get("names_nl"))) data->AddSurface(e.kind, *index, SurfaceForm::kName, n);
    for (const auto& n : en) data->AddSurface(e.kind, *index, SurfaceForm::kName, n);
    for (const auto& n : adjectives) data->AddSurface(e.kind, *index, SurfaceForm::kAdjective, n);
    for (const auto& n : Alternatives(r.Get("demonyms_nl"))) data->AddSurface(e.kind, *index, SurfaceForm::kDemonym, n);
    for (const auto& n : Alternatives(r.Get("demonyms_en"))) data->AddSurface(e.kind, *index, SurfaceForm::kDemonym, n);
  }

  // --- organisations.tsv: adds organisation actor codes.
  Table orgs;
  st = ReadTable(folder, "organisations.tsv",
                 {"key", "actor", "qid", "name", "names_nl", "abbreviations", "names_en", "kind", "type",
                  "weak_aliases", "adjectives_nl"},
                 &orgs);
  if (!st.ok()) return st;
  data->versions.organisations = orgs.version;
  for (const TableRow& row : orgs.rows) {
    RowReader r(orgs, row);
    const std::string& actor = r.Get("actor");
    if (!actor.empty() && !IsUpperCode(actor, 2, 16)) {
      return Corrupt(r.Where() + "actor code '" + actor + "' must be upper-case letters/digits");
    }
    if (!actor.empty()) data->actors.insert(actor);
  }
  for (const TableRow& row : orgs.rows) {
    RowReader r(orgs, row);
    KnowledgeEntry e;
    e.kind = KnowledgeKind::kOrganisation;
    e.key = r.Get("key");
    e.qid = r.Get("qid");
    e.name = r.Get("name");
    std::vector<std::string> en = Alternatives(r.Get("names_en"));
    e.name_en = en.empty() ? e.name : en.front();
    e.type = r.Get("type");
    e.actor = r.Get("actor");
    e.subkind = r.Get("kind");
    std::vector<std::string> adjectives = Alternatives(r.Get("adjectives_nl"));
    if (!adjectives.empty()) e.adjective = adjectives.front();
    if (e.name.empty()) return Corrupt(r.Where() + "empty name");
    if (Status s = CheckType(r, e.type); !s.ok()) return s;
    auto index = add_entry(e, r);
    if (!index.ok()) return index.status();
    for (const auto& n : Alternatives(r.Get("names_nl"))) data->AddSurface(e.kind, *index, SurfaceForm::kName, n);
    for (const auto& n : en) data->AddSurface(e.kind, *index, SurfaceForm::kName, n);
    for (const auto& n : Alternatives(r.Get("abbreviations"))) {
      data->AddSurface(e.kind, *index, SurfaceForm::kAbbreviation, n);
    }
    for (const auto& n : Alternatives(r.Get("weak_aliases"))) {
      data->AddSurface(e.kind, *index, SurfaceForm::kWeakAlias, n);
    }
    for (const auto& n : adjectives) data->AddSurface(e.kind, *index, SurfaceForm::kAdjective, n);
  }

  auto check_actor = [&](const RowReader& r, const std::string& code, std::string_view what) -> Status {
    if (code.empty() || data->actors.count(code)) return Status::Ok();
    return Corrupt(r.Where() + std::string(what) + " '" + code +
                   "' is neither an alpha3 in countries.tsv nor an organisation actor");
  };

  // --- places.tsv
  Table places;
  st = ReadTable(folder, "places.tsv",
                 {"key", "qid", "name", "names_nl", "names_en", "kind", "country", "actor", "alt_actors",
                  "adjectives_nl"},
                 &places);
  if (!st.ok()) return st;
  data->versions.places = places.version;
  for (const TableRow& row : places.rows) {
    RowReader r(places, row);
    KnowledgeEntry e;
    e.kind = KnowledgeKind::kPlace;
    e.key = r.Get("key");
    e.qid = r.Get("qid");
    e.name = r.Get("name");
    std::vector<std::string> en = Alternatives(r.Get("names_en"));
    e.name_en = en.empty() ? e.name : en.front();
    e.type = "LOC";
    e.actor = r.Get("actor");
    e.country = r.Get("country");
    e.subkind = r.Get("kind");
    e.alt_actors = Alternatives(r.Get("alt_actors"));
    std::vector<std::string> adjectives = Alternatives(r.Get("adjectives_nl"));
    if (!adjectives.empty()) e.adjective = adjectives.front();
    if (e.name.empty()) return Corrupt(r.Where() + "empty name");
    if (!e.country.empty() && (e.country.size() != 3 || !data->by_key[static_cast<size_t>(KnowledgeKind::kCountry)].count(e.country))) {
      return Corrupt(r.Where() + "country '" + e.country + "' is not an alpha3 in countries.tsv");
    }
    if (Status s = check_actor(r, e.actor, "actor"); !s.ok()) return s;
    for (const auto& a : e.alt_actors) {
      if (Status s = check_actor(r, a, "alt actor"); !s.ok()) return s;
    }
    auto index = add_entry(e, r);
    if (!index.ok()) return index.status();
    for (const auto& n : Alternatives(r.Get("names_nl"))) data->AddSurface(e.kind, *index, SurfaceForm::kName, n);
    for (const auto& n : en) data->AddSurface(e.kind, *index, SurfaceForm::kName, n);
    for (const auto& n : adjectives) data->AddSurface(e.kind, *index, SurfaceForm::kAdjective, n);
  }

  // --- people.tsv: one row per term; rows of one key merge into one person.
  Table people;
  st = ReadTable(folder, "people.tsv",
                 {"key", "qid", "name", "name_en", "aliases", "role", "title", "actor", "start", "end", "note"},
                 &people);
  if (!st.ok()) return st;
  data->versions.people = people.version;
  std::set<std::string> term_keys;
  std::map<uint32_t, std::vector<std::string>> person_aliases;
  for (const TableRow& row : people.rows) {
    RowReader r(people, row);
    const std::string& key = r.Get("key");
    Term term{r.Get("role"), r.Get("title"), r.Get("actor"), r.Get("start"), r.Get("end"), r.Get("note")};
    if (term.role.empty()) return Corrupt(r.Where() + "empty role");
    if (term.actor.empty()) return Corrupt(r.Where() + "empty actor");
    if (Status s = check_actor(r, term.actor, "actor"); !s.ok()) return s;
    if (!term.start.empty() && !IsIsoDate(term.start)) {
      return Corrupt(r.Where() + "bad start date '" + term.start + "' (want YYYY-MM-DD)");
    }
    if (!term.end.empty() && !IsIsoDate(term.end)) {
      return Corrupt(r.Where() + "bad end date '" + term.end + "' (want YYYY-MM-DD)");
    }
    if (!term.start.empty() && !term.end.empty() && !(term.start < term.end)) {
      return Corrupt(r.Where() + "term ends (" + term.end + ") before it starts (" + term.start + ")");
    }
    if (!term_keys.insert(key + "\t" + term.role + "\t" + term.actor + "\t" + term.start).second) {
      return Corrupt(r.Where() + "duplicate term for '" + key + "' (" + term.role + ", " + term.actor +
                     ", " + term.start + ")");
    }
    auto& keys = data->by_key[static_cast<size_t>(KnowledgeKind::kPerson)];
    auto found = keys.find(key);
    uint32_t index;
    if (found == keys.end()) {
      KnowledgeEntry e;
      e.kind = KnowledgeKind::kPerson;
      e.key = key;
      e.qid = r.Get("qid");
      e.name = r.Get("name");
      e.name_en = r.Get("name_en").empty() ? e.name : r.Get("name_en");
      e.type = "PER";
      if (e.name.empty()) return Corrupt(r.Where() + "empty name");
      auto added = add_entry(e, r);
      if (!added.ok()) return added.status();
      index = *added;
    } else {
      index = found->second;
      KnowledgeEntry& e = data->Of(KnowledgeKind::kPerson)[index];
      if (r.Get("name") != e.name) {
        return Corrupt(r.Where() + "name '" + r.Get("name") + "' differs from earlier rows of '" + key +
                       "' ('" + e.name + "')");
      }
      if (!r.Get("qid").empty() && r.Get("qid") != e.qid) {
        if (!e.qid.empty()) return Corrupt(r.Where() + "conflicting QID for '" + key + "'");
        if (Status s = CheckQid(r, r.Get("qid"), &qids, LocalId(KnowledgeKind::kPerson, key)); !s.ok()) return s;
        e.qid = e.id = r.Get("qid");
      }
      if (!r.Get("name_en").empty()) e.name_en = r.Get("name_en");
    }
    KnowledgeEntry& e = data->Of(KnowledgeKind::kPerson)[index];
    e.terms.push_back(std::move(term));
    std::vector<std::string>& aliases = person_aliases[index];
    for (auto& a : Alternatives(r.Get("aliases"))) aliases.push_back(std::move(a));
  }
  {
    auto& persons = data->Of(KnowledgeKind::kPerson);
    for (uint32_t i = 0; i < persons.size(); ++i) {
      KnowledgeEntry& e = persons[i];
      std::stable_sort(e.terms.begin(), e.terms.end(),
                       [](const Term& a, const Term& b) { return a.start < b.start; });
      // The actor of an undated mention: the running term that began last, else the term that
      // ended last (Rutte -> NATO, Obama -> USA).
      const Term* latest = nullptr;
      for (const Term& t : e.terms) {
        if (t.end.empty() && (!latest || !latest->end.empty() || t.start >= latest->start)) {
          latest = &t;
        } else if (!t.end.empty() && (!latest || (!latest->end.empty() && t.end > latest->end))) {
          latest = &t;
        }
      }
      e.actor = latest->actor;
      for (uint32_t t = 0; t < e.terms.size(); ++t) data->terms_by_actor[e.terms[t].actor].emplace_back(i, t);
      data->AddSurface(KnowledgeKind::kPerson, i, SurfaceForm::kName, e.name);
      data->AddSurface(KnowledgeKind::kPerson, i, SurfaceForm::kName, e.name_en);
      for (const auto& a : person_aliases[i]) data->AddSurface(KnowledgeKind::kPerson, i, SurfaceForm::kName, a);
    }
  }

  // --- role_phrases.tsv
  Table roles;
  st = ReadTable(folder, "role_phrases.tsv", {"phrase", "role", "title", "actor", "default_actor", "note"}, &roles);
  if (!st.ok()) return st;
  data->versions.role_phrases = roles.version;
  for (const TableRow& row : roles.rows) {
    RowReader r(roles, row);
    RolePhrase p{r.Get("phrase"), r.Get("role"), r.Get("title"), r.Get("actor"), r.Get("default_actor"), r.Get("note")};
    if (p.phrase.empty()) return Corrupt(r.Where() + "empty phrase");
    if (p.role.empty() && p.title.empty()) return Corrupt(r.Where() + "phrase needs a role or a title");
    if (Status s = check_actor(r, p.actor, "actor"); !s.ok()) return s;
    if (Status s = check_actor(r, p.default_actor, "default actor"); !s.ok()) return s;
    std::string key = NormalizeSurface(p.phrase, MatchLevel::kCaseFolded);
    if (!data->role_phrase_index.emplace(key, static_cast<uint32_t>(data->role_phrases.size())).second) {
      return Corrupt(r.Where() + "duplicate phrase '" + p.phrase + "' (after case folding)");
    }
    data->role_phrases.push_back(std::move(p));
  }

  // --- designators.tsv
  Table designators;
  st = ReadTable(folder, "designators.tsv", {"word", "type", "note"}, &designators);
  if (!st.ok()) return st;
  data->versions.designators = designators.version;
  for (const TableRow& row : designators.rows) {
    RowReader r(designators, row);
    std::string word = r.Get("word"), type = r.Get("type");
    if (word.empty() || word.find(' ') != std::string::npos) return Corrupt(r.Where() + "a designator is one word");
    if (type != "PER" && type != "ORG" && type != "LOC" && type != "MISC")
      return Corrupt(r.Where() + "type must be PER, ORG, LOC or MISC, not '" + type + "'");
    if (!data->designated_type.emplace(NormalizeSurface(word, MatchLevel::kCaseFolded), type).second)
      return Corrupt(r.Where() + "duplicate designator '" + word + "' (after case folding)");
  }

  // --- titles.tsv
  Table titles;
  st = ReadTable(folder, "titles.tsv", {"word", "note"}, &titles);
  if (!st.ok()) return st;
  data->versions.titles = titles.version;
  for (const TableRow& row : titles.rows) {
    RowReader r(titles, row);
    std::string word = r.Get("word");
    if (word.empty() || word.find(' ') != std::string::npos) return Corrupt(r.Where() + "a title is one word");
    if (!data->person_titles.insert(NormalizeSurface(word, MatchLevel::kCaseFolded)).second)
      return Corrupt(r.Where() + "duplicate title '" + word + "' (after case folding)");
  }

  // --- portfolios.tsv
  Table portfolios;
  st = ReadTable(folder, "portfolios.tsv", {"word", "kind", "is_body", "note"}, &portfolios);
  if (!st.ok()) return st;
  data->versions.portfolios = portfolios.version;
  for (const TableRow& row : portfolios.rows) {
    RowReader r(portfolios, row);
    std::string word = r.Get("word"), kind = r.Get("kind"), body = r.Get("is_body");
    if (word.empty() || word.find(' ') != std::string::npos) return Corrupt(r.Where() + "a portfolio word is one word");
    KnowledgeBase::MinistryWord what;
    if (kind == "portfolio") {
      what = KnowledgeBase::MinistryWord::kPortfolio;
    } else if (kind == "title" && (body == "yes" || body == "no")) {
      what = body == "yes" ? KnowledgeBase::MinistryWord::kMinistryTitle : KnowledgeBase::MinistryWord::kMinisterTitle;
    } else {
      return Corrupt(r.Where() + "kind must be portfolio, or title with is_body yes or no");
    }
    if (!data->ministry_words.emplace(NormalizeSurface(word, MatchLevel::kCaseFolded), what).second)
      return Corrupt(r.Where() + "duplicate word '" + word + "' (after case folding)");
  }

  // Deterministic candidate order, fixed once here so Lookup only copies.
  for (SurfaceIndex& index : data->surfaces) {
    for (auto& [key, hits] : index) {
      std::stable_sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
        bool weak_a = a.form == SurfaceForm::kWeakAlias, weak_b = b.form == SurfaceForm::kWeakAlias;
        if (weak_a != weak_b) return weak_b;
        if (a.kind != b.kind) return a.kind < b.kind;
        return a.index < b.index;
      });
    }
  }
  return std::unique_ptr<const KnowledgeBase>(new KnowledgeBase(std::move(data)));
}

// ---------------------------------------------------------------------------------------------
// Queries.

std::vector<KnowledgeCandidate> KnowledgeBase::Lookup(std::string_view surface,
                                                      const LookupOptions& options) const {
  std::vector<KnowledgeCandidate> out;
  const std::string_view date = DatePart(options.date);
  for (MatchLevel level : {MatchLevel::kExact, MatchLevel::kCaseFolded, MatchLevel::kAccentFolded}) {
    const SurfaceIndex& index = data_->surfaces[static_cast<size_t>(level)];
    auto it = index.find(NormalizeSurface(surface, level));
    if (it == index.end()) continue;
    for (const Hit& hit : it->second) {
      if (hit.form == SurfaceForm::kWeakAlias && !options.include_weak) continue;
      const KnowledgeEntry& e = data_->entries[static_cast<size_t>(hit.kind)][hit.index];
      KnowledgeCandidate c;
      c.entry = &e;
      c.form = hit.form;
      c.match = level;
      c.id = e.id;
      c.name = e.name;
      c.type = e.type;
      c.actor = e.actor;
      if (hit.form == SurfaceForm::kAdjective) {
        c.type = "MISC";
        c.name = e.adjective.empty() ? hit.text : e.adjective;
      } else if (hit.form == SurfaceForm::kDemonym) {
        c.type = "MISC";
        c.name = hit.text;
      }
      if (e.kind == KnowledgeKind::kPerson && !date.empty()) {
        // Active term on the date; else the most recent term that began before it.
        const Term* best = nullptr;
        for (const Term& t : e.terms) {
          if (TermActiveOn(t, date) && (!best || t.start > best->start)) best = &t;
        }
        if (best) {
          c.term = best;
        } else {
          for (const Term& t : e.terms) {
            if (!t.start.empty() && std::string_view(t.start) <= date && (!best || t.start > best->start)) best = &t;
          }
        }
        if (best) c.actor = best->actor;
      }
      out.push_back(std::move(c));
    }
    if (!out.empty()) break;
  }
  return out;
}

std::optional<KnowledgeCandidate> KnowledgeBase::LookupAdjective(std::string_view word) const {
  for (KnowledgeCandidate& c : Lookup(word)) {
    if (c.form == SurfaceForm::kAdjective || c.form == SurfaceForm::kDemonym) return std::move(c);
  }
  return std::nullopt;
}

const KnowledgeEntry* KnowledgeBase::PersonFor(std::string_view role, std::string_view actor,
                                               std::string_view date) const {
  return PersonFor(role, {}, actor, date);
}

const KnowledgeEntry* KnowledgeBase::PersonFor(std::string_view role, std::string_view title,
                                               std::string_view actor, std::string_view date) const {
  if (role.empty() && title.empty()) return nullptr;
  date = DatePart(date);
  if (!IsIsoDate(date)) return nullptr;
  auto it = data_->terms_by_actor.find(std::string(actor));
  if (it == data_->terms_by_actor.end()) return nullptr;
  const std::string folded_title = NormalizeSurface(title, MatchLevel::kCaseFolded);
  const auto& persons = data_->entries[static_cast<size_t>(KnowledgeKind::kPerson)];
  const KnowledgeEntry* best = nullptr;
  const Term* best_term = nullptr;
  for (auto [person, term_index] : it->second) {
    const Term& t = persons[person].terms[term_index];
    if (!role.empty() && t.role != role) continue;
    if (!title.empty() && NormalizeSurface(t.title, MatchLevel::kCaseFolded) != folded_title) continue;
    if (!TermActiveOn(t, date)) continue;
    if (!best_term || t.start > best_term->start) {
      best = &persons[person];
      best_term = &t;
    }
  }
  return best;
}

const RolePhrase* KnowledgeBase::FindRolePhrase(std::string_view phrase) const {
  auto it = data_->role_phrase_index.find(NormalizeSurface(phrase, MatchLevel::kCaseFolded));
  return it == data_->role_phrase_index.end() ? nullptr : &data_->role_phrases[it->second];
}

KnowledgeBase::MinistryWord KnowledgeBase::MinistryWordKind(std::string_view word) const {
  auto it = data_->ministry_words.find(NormalizeSurface(word, MatchLevel::kCaseFolded));
  return it == data_->ministry_words.end() ? MinistryWord::kNone : it->second;
}

std::string_view KnowledgeBase::DesignatedType(std::string_view last_word) const {
  auto it = data_->designated_type.find(NormalizeSurface(last_word, MatchLevel::kCaseFolded));
  return it == data_->designated_type.end() ? std::string_view() : std::string_view(it->second);
}

bool KnowledgeBase::IsPersonTitle(std::string_view word) const {
  const std::string folded = NormalizeSurface(word, MatchLevel::kCaseFolded);
  const auto& titles = data_->person_titles;
  auto known = [&](std::string_view w) {
    if (titles.count(std::string(w))) return true;
    // The head of a compound: "legerhistoricus", "oppositiewoordvoerder".
    for (size_t i = 1; i + 5 <= w.size(); ++i)
      if ((static_cast<unsigned char>(w[i]) & 0xC0) != 0x80 && titles.count(std::string(w.substr(i)))) return true;
    return false;
  };
  if (known(folded)) return true;
  // A part of a hyphenated title: "oud-kapitein-ter-zee", "ex-minister".
  size_t start = 0;
  while (start < folded.size()) {
    size_t end = folded.find('-', start);
    if (end == std::string::npos) end = folded.size();
    if (end > start && end < folded.size() + 1 && folded.size() != end - start &&
        titles.count(folded.substr(start, end - start)))
      return true;
    start = end + 1;
  }
  return false;
}

const KnowledgeEntry* KnowledgeBase::Country(std::string_view alpha3) const {
  return Find(KnowledgeKind::kCountry, alpha3);
}

const KnowledgeEntry* KnowledgeBase::Find(KnowledgeKind kind, std::string_view key) const {
  const auto& keys = data_->by_key[static_cast<size_t>(kind)];
  auto it = keys.find(std::string(key));
  return it == keys.end() ? nullptr : &data_->entries[static_cast<size_t>(kind)][it->second];
}

bool KnowledgeBase::IsKnownActor(std::string_view code) const { return data_->actors.count(code) > 0; }

const std::vector<KnowledgeEntry>& KnowledgeBase::Entries(KnowledgeKind kind) const {
  return data_->entries[static_cast<size_t>(kind)];
}

const std::vector<RolePhrase>& KnowledgeBase::RolePhrases() const { return data_->role_phrases; }

const KnowledgeVersions& KnowledgeBase::versions() const { return data_->versions; }

}  // namespace wirewatch
