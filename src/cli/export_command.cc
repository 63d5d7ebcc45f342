// `wirewatch export [--db FILE] --format jsonl|csv|gdelt|gdelt-mentions`: the whole store out,
// as records (jsonl, as analyze wrote them), as an events table (csv), as GDELT 2.0 Events rows
// (gdelt: 61 tab-separated columns, no header) or GDELT 2.0 Mentions rows (gdelt-mentions: 16
// columns, one per event and record reporting it) that GDELT tooling reads unchanged.
#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "cli/store_options.h"
#include "corpus/stories.h"
#include "entities/geo.h"
#include "entities/knowledge.h"

namespace wirewatch::cli {
namespace {

constexpr const char* kHelp = R"(usage: wirewatch export [--db FILE] --format jsonl|csv|gdelt|gdelt-mentions

jsonl  every record, byte for byte as analyze wrote it, in store order
csv    one row per event (header row first): record, date, actors, CAMEO code, root,
       QuadClass, Goldstein, PLOVER, trigger, negated, sentence
gdelt  GDELT 2.0 Events: 61 tab-separated columns, no header. Events of independent reports
       only (records marked duplicate_of another are folded into NumArticles/NumSources of the
       first; negated events left out). Actor1/2Code is wirewatch's actor code: a 3-letter
       code also fills CountryCode, others KnownGroupCode. SQLDATE is the event's date, else
       its record's day; DATEADDED is that record's publication day at 000000 (the store keeps
       no ingest time). ActionGeo: the event's place resolved as the entity linker does
       (data/knowledge places/countries, Dutch or English names) with data/knowledge/geo.tsv:
       a country is Type 1 (English name, FIPS 10-4 code in CountryCode, ADM1Code and
       FeatureID, centroid Lat/Long), a capital or city Type 4 ("City, Country", FIPS code,
       ADM1Code = the country's FIPS code, Lat/Long and FeatureID empty: no source gives city
       coordinates or GNS ids); anything else Type 0 with FullName as written. Actor1Geo and
       Actor2Geo are empty (Type 0): the record keeps no place for an actor. AvgTone is empty. IsRootEvent is 1 for events of a record's first
       sentence.
gdelt-mentions
       GDELT 2.0 Mentions: 16 tab-separated columns, no header; one row per event of the gdelt
       export and record reporting it: the record itself, then each copy marked duplicate_of
       it, with the copy's own source (MentionSourceName: URL host, else the source file).
       EventTimeDate is the DATEADDED of the gdelt export, MentionTimeDate the mentioning
       record's publication day at 000000. MentionType 1 (WEB) when a URL is known, else 2
       (CITATIONONLY, the source as citation). SentenceID (from 1) and the three character
       offsets (code points; -1 when there is no such actor) are the copy's own coding of the
       same event (same code and actors); a copy that lost the event gets InRawText 0 and
       empty positions. Confidence, tone and translation info are empty.

exit status: 0 on success; 1 when the store cannot be read; 2 on a usage error.
)";

// A GDELT field: tabs and line breaks would break the row, so they become spaces.
std::string Field(const std::string& s) {
  std::string out = s;
  for (char& c : out)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return out;
}

// GDELT writes actor names in capitals. ASCII and the Latin-1 letters Dutch names use
// (UTF-8 C3 A0..BE: à..þ, but not ÷) are raised; other scripts are left as written.
std::string Upper(const std::string& s) {
  std::string out = Field(s);
  for (size_t i = 0; i < out.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(out[i]);
    if (c >= 'a' && c <= 'z') {
      out[i] = static_cast<char>(c - 'a' + 'A');
    } else if (c == 0xC3 && i + 1 < out.size()) {
      unsigned char next = static_cast<unsigned char>(out[i + 1]);
      if (next >= 0xA0 && next <= 0xBE && next != 0xB7) out[i + 1] = static_cast<char>(next - 0x20);
      ++i;
    }
  }
  return out;
}

bool IsCountryCode(const std::string& code) {
  if (code.size() != 3) return false;
  for (char c : code)
    if (c < 'A' || c > 'Z') return false;
  return true;
}

std::string Digits(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c >= '0' && c <= '9') out += c;
  return out;
}

// The 10 actor columns (Code, Name, CountryCode, KnownGroupCode, Ethnic, Religion1/2, Type1-3).
void ActorColumns(std::vector<std::string>& row, const std::optional<std::string>& code,
                  const std::optional<std::string>& name) {
  std::string c = code ? Field(*code) : "";
  row.push_back(c);
  row.push_back(name ? Upper(*name) : "");
  row.push_back(IsCountryCode(c) ? c : "");
  row.push_back(!c.empty() && !IsCountryCode(c) ? c : "");
  for (int i = 0; i < 6; ++i) row.push_back("");
}

// The 8 geo columns (Type, FullName, CountryCode, ADM1, ADM2, Lat, Long, FeatureID). GDELT
// gives a country match its FIPS code as ADM1 and FeatureID; a city has no admin-1 data here,
// so ADM1 is its country's code.
void GeoColumns(std::vector<std::string>& row, const GeoMatch& g) {
  auto coord = [](const std::optional<double>& v) {
    if (!v) return std::string();
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", *v);
    return std::string(buf);
  };
  row.push_back(std::to_string(g.type));
  row.push_back(Field(g.full_name));
  row.push_back(g.fips);
  row.push_back(g.type != 0 ? g.fips : "");
  row.push_back("");
  row.push_back(coord(g.lat));
  row.push_back(coord(g.lon));
  row.push_back(g.type == 1 ? g.fips : "");
}

// Tables ActionGeo needs, loaded once by the command.
struct GeoResources {
  std::unique_ptr<const KnowledgeBase> kb;
  GeoTable geo;
};

std::vector<std::string> GdeltRow(const EventRow& e, const GeoResources& geo) {
  std::vector<std::string> row;
  std::string day = e.date ? Digits(*e.date) : "";
  row.push_back(std::to_string(e.event_id));
  if (day.size() == 8) {
    int year = std::stoi(day.substr(0, 4)), month = std::stoi(day.substr(4, 2)),
        dom = std::stoi(day.substr(6, 2));
    char fraction[32];
    std::snprintf(fraction, sizeof fraction, "%.4f", year + (month * 30 + dom) / 365.0);
    row.insert(row.end(), {day, day.substr(0, 6), day.substr(0, 4), fraction});
  } else {
    row.insert(row.end(), {"", "", "", ""});
  }
  ActorColumns(row, e.source_actor, e.source_text);
  ActorColumns(row, e.target_actor, e.target_text);
  row.push_back(e.sentence_index == 0 ? "1" : "0");
  row.push_back(Field(e.cameo));
  row.push_back(Field(e.cameo.size() > 3 ? e.cameo.substr(0, 3) : e.cameo));
  row.push_back(Field(e.root));
  row.push_back(e.quad_class > 0 ? std::to_string(e.quad_class) : "");
  char goldstein[32];
  std::snprintf(goldstein, sizeof goldstein, "%.1f", e.goldstein);
  row.push_back(goldstein);
  row.push_back(std::to_string(e.articles));  // NumMentions: one mention per independent article
  row.push_back(std::to_string(e.sources));
  row.push_back(std::to_string(e.articles));
  row.push_back("");  // AvgTone
  GeoColumns(row, GeoMatch{});
  GeoColumns(row, GeoMatch{});
  GeoColumns(row, ResolveGeo(*geo.kb, geo.geo, e.location.value_or("")));
  std::string published = e.published ? Digits(*e.published).substr(0, 8) : "";
  row.push_back(published.size() == 8 ? published + "000000" : "");
  row.push_back(Field(e.record_source));
  return row;
}

// The 16 Mentions columns of one mention.
std::vector<std::string> MentionRowFields(const MentionRow& m) {
  auto stamp = [](const std::optional<std::string>& date) {
    std::string day = date ? Digits(*date).substr(0, 8) : "";
    return day.size() == 8 ? day + "000000" : std::string();
  };
  auto offset = [&](const std::optional<int64_t>& v) {
    if (!m.matched) return std::string();
    return std::to_string(v.value_or(-1));
  };
  Document doc;  // SourceSite reads the URL, else the source
  doc.url = m.url;
  doc.source = m.source;
  bool web = m.url || m.source.rfind("http://", 0) == 0 || m.source.rfind("https://", 0) == 0;
  std::vector<std::string> row;
  row.push_back(std::to_string(m.event_id));
  row.push_back(stamp(m.event_published));
  row.push_back(stamp(m.published));
  row.push_back(web ? "1" : "2");
  row.push_back(Field(SourceSite(doc)));
  row.push_back(Field(m.url.value_or(m.source)));
  row.push_back(m.matched && m.sentence_index ? std::to_string(*m.sentence_index + 1) : "");
  row.push_back(offset(m.source_char));
  row.push_back(offset(m.target_char));
  row.push_back(offset(m.trigger_char));
  row.push_back(m.matched ? "1" : "0");
  row.push_back("");  // Confidence: wirewatch has no such measure
  row.push_back(m.chars ? std::to_string(*m.chars) : "");
  row.push_back("");  // MentionDocTone
  row.push_back("");  // MentionDocTranslationInfo: no translation
  row.push_back("");  // Extras
  return row;
}

std::string Csv(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

int ExportCommand(const Args& args) {
  StoreArgs a;
  ParseOutcome p = ParseStoreArgs("export", args, kHelp, {"jsonl", "csv", "gdelt", "gdelt-mentions"}, false, a);
  if (!p.proceed) return p.exit_code;
  if (!a.positional.empty()) {
    std::fprintf(stderr, "wirewatch export: unexpected argument '%s'\n", a.positional[0].c_str());
    return 2;
  }
  auto store = OpenForQuery("export", a);
  if (!store.ok()) return 1;
  Status s;
  if (a.format == "jsonl") {
    s = (*store)->ForEachRecord([](const std::string& json) {
      std::fwrite(json.data(), 1, json.size(), stdout);
      std::fputc('\n', stdout);
    });
  } else if (a.format == "csv") {
    std::printf("record,date,source,source_actor,target,target_actor,cameo,root,quad_class,"
                "goldstein,plover,trigger,negated,sentence\n");
    s = (*store)->ExportEvents([](const EventRow& e) {
      std::printf("%s,%s,%s,%s,%s,%s,%s,%s,%d,%.1f,%s,%s,%s,%s\n", Csv(e.record_id).c_str(),
                  e.date.value_or("").c_str(), Csv(e.source_text).c_str(),
                  Csv(e.source_actor.value_or("")).c_str(), Csv(e.target_text.value_or("")).c_str(),
                  Csv(e.target_actor.value_or("")).c_str(), Csv(e.cameo).c_str(),
                  Csv(e.root).c_str(), e.quad_class, e.goldstein, Csv(e.plover).c_str(),
                  Csv(e.trigger).c_str(), e.negated ? "true" : "false", Csv(e.sentence).c_str());
    });
  } else if (a.format == "gdelt-mentions") {
    s = (*store)->ExportMentions([](const MentionRow& m) {
      std::vector<std::string> row = MentionRowFields(m);
      std::string line;
      for (size_t i = 0; i < row.size(); ++i) line += (i ? "\t" : "") + row[i];
      line += '\n';
      std::fwrite(line.data(), 1, line.size(), stdout);
    });
  } else {
    std::string folder = DataDir("") + "/data/knowledge";
    auto kb = KnowledgeBase::Load(folder);
    if (!kb.ok()) {
      std::fprintf(stderr, "wirewatch export: %s\n", kb.status().message().c_str());
      return 1;
    }
    auto table = GeoTable::Load(folder + "/geo.tsv");
    if (!table.ok()) {
      std::fprintf(stderr, "wirewatch export: %s\n", table.status().message().c_str());
      return 1;
    }
    const GeoResources geo{std::move(*kb), std::move(*table)};
    s = (*store)->ExportEvents([&geo](const EventRow& e) {
      std::vector<std::string> row = GdeltRow(e, geo);
      std::string line;
      for (size_t i = 0; i < row.size(); ++i) line += (i ? "\t" : "") + row[i];
      line += '\n';
      std::fwrite(line.data(), 1, line.size(), stdout);
    });
  }
  if (!s.ok()) {
    std::fprintf(stderr, "wirewatch export: %s\n", s.message().c_str());
    return 1;
  }
  return 0;
}

}  // namespace wirewatch::cli
