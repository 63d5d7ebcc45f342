// Loader of geo.tsv and the place -> GDELT geo resolution the gdelt export uses.
#include "entities/geo.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

namespace wirewatch {
namespace {

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, '\t')) out.push_back(field);
  if (!line.empty() && line.back() == '\t') out.push_back("");
  return out;
}

bool ParseCoord(const std::string& s, std::optional<double>& out) {
  if (s.empty()) return true;
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || *end != '\0') return false;
  out = v;
  return true;
}

}  // namespace

StatusOr<GeoTable> GeoTable::Load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return NotFound(path + ": cannot open geo table");
  GeoTable table;
  std::string line;
  int number = 0;
  bool header = false;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    if (!header) {  // alpha3 fips name_en lat long
      header = true;
      if (line != "alpha3\tfips\tname_en\tlat\tlong") return Corrupt(path + ":" + std::to_string(number) + ": unexpected header");
      continue;
    }
    auto f = SplitTabs(line);
    GeoCountry c;
    if (f.size() != 5 || f[0].size() != 3 || !(f[1].empty() || f[1].size() == 2) ||
        !ParseCoord(f[3], c.lat) || !ParseCoord(f[4], c.lon))
      return Corrupt(path + ":" + std::to_string(number) + ": malformed row");
    c.alpha3 = f[0];
    c.fips = f[1];
    c.name_en = f[2];
    if (!table.countries_.emplace(c.alpha3, c).second)
      return Corrupt(path + ":" + std::to_string(number) + ": duplicate country " + c.alpha3);
  }
  if (!header) return Corrupt(path + ": no header row");
  return table;
}

const GeoCountry* GeoTable::Find(std::string_view alpha3) const {
  auto it = countries_.find(alpha3);
  return it == countries_.end() ? nullptr : &it->second;
}

GeoMatch ResolveGeo(const KnowledgeBase& kb, const GeoTable& geo, std::string_view place) {
  GeoMatch m;
  m.full_name = std::string(place);
  if (place.empty()) return m;
  for (const auto& c : kb.Lookup(place)) {
    if (c.form != SurfaceForm::kName || c.entry == nullptr) continue;
    const KnowledgeEntry& e = *c.entry;
    if (e.kind == KnowledgeKind::kCountry) {
      const GeoCountry* g = geo.Find(e.key);
      if (g == nullptr || g->fips.empty()) continue;
      m.type = 1;
      m.full_name = g->name_en;
      m.fips = g->fips;
      m.lat = g->lat;
      m.lon = g->lon;
      return m;
    }
    if (e.kind == KnowledgeKind::kPlace && (e.subkind == "capital" || e.subkind == "city")) {
      const GeoCountry* g = geo.Find(e.country);
      if (g == nullptr || g->fips.empty()) continue;
      m.type = 4;
      m.full_name = (e.name_en.empty() ? e.name : e.name_en) + ", " + g->name_en;
      m.fips = g->fips;
      return m;
    }
  }
  return m;
}

}  // namespace wirewatch
