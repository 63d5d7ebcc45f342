// GeoTable: per country its FIPS 10-4 code, English name and centroid (data/knowledge/geo.tsv),
// and the GDELT geo columns of a place resolved through the KnowledgeBase.
//
//   auto geo = wirewatch::GeoTable::Load(data_dir + "/data/knowledge/geo.tsv");
//   GeoMatch m = ResolveGeo(**kb, *geo, "Brussel");  // type 4, "Brussels, Belgium", fips "BE"
//
// Loaded once, immutable; const methods only, safe from any number of threads.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "entities/knowledge.h"

namespace wirewatch {

struct GeoCountry {
  std::string alpha3;
  std::string fips;     // empty when the source has none
  std::string name_en;
  std::optional<double> lat, lon;
};

class GeoTable {
 public:
  // Reads geo.tsv. A missing file is NotFound naming it; a malformed row is Corrupt with its line.
  static StatusOr<GeoTable> Load(const std::string& path);
  const GeoCountry* Find(std::string_view alpha3) const;
  size_t size() const { return countries_.size(); }

 private:
  std::map<std::string, GeoCountry, std::less<>> countries_;
};

// What GDELT's geo block says about a place: type 0 (unresolved: full_name as written), 1
// (country) or 4 (world city). Cities carry no coordinates: the sources give none.
struct GeoMatch {
  int type = 0;
  std::string full_name;
  std::string fips;
  std::optional<double> lat, lon;
};

// Resolves place text as the linker does (KnowledgeBase::Lookup, Dutch and English names): the
// first country or capital/city candidate whose country has a FIPS code.
GeoMatch ResolveGeo(const KnowledgeBase& kb, const GeoTable& geo, std::string_view place);

}  // namespace wirewatch
