// Tests for the GDELT geo table (data/knowledge/geo.tsv) and ResolveGeo: countries and cities by
// their Dutch and English names, places the tables do not know, and load errors that name the
// file and line.
#include "entities/geo.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

namespace wirewatch {
namespace {

namespace fs = std::filesystem;

const std::string kKnowledgeDir = std::string(WIREWATCH_SOURCE_DIR) + "/data/knowledge";

class GeoTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto kb = KnowledgeBase::Load(kKnowledgeDir);
    ASSERT_TRUE(kb.ok()) << kb.status().message();
    kb_ = std::move(kb).value().release();
    auto geo = GeoTable::Load(kKnowledgeDir + "/geo.tsv");
    ASSERT_TRUE(geo.ok()) << geo.status().message();
    geo_ = new GeoTable(std::move(geo).value());
  }
  static void TearDownTestSuite() {
    delete kb_;
    delete geo_;
    kb_ = nullptr;
    geo_ = nullptr;
  }
  static GeoMatch Resolve(std::string_view place) { return ResolveGeo(*kb_, *geo_, place); }

  static const KnowledgeBase* kb_;
  static const GeoTable* geo_;
};
const KnowledgeBase* GeoTest::kb_ = nullptr;
const GeoTable* GeoTest::geo_ = nullptr;

TEST_F(GeoTest, CountryByDutchNameIsTypeOneWithFipsCodeAndCentroid) {
  GeoMatch m = Resolve("Rusland");
  EXPECT_EQ(m.type, 1);
  EXPECT_EQ(m.full_name, "Russia");
  EXPECT_EQ(m.fips, "RS");  // FIPS 10-4, not ISO's RU: GDELT's country codes
  ASSERT_TRUE(m.lat && m.lon);
  EXPECT_GT(*m.lat, 40.0);
  EXPECT_GT(*m.lon, 30.0);

  m = Resolve("Duitsland");
  EXPECT_EQ(m.type, 1);
  EXPECT_EQ(m.fips, "GM");
  EXPECT_EQ(Resolve("Oekraïne").fips, "UP");
}

TEST_F(GeoTest, CapitalIsTypeFourNamedWithItsCountry) {
  GeoMatch m = Resolve("Brussel");
  EXPECT_EQ(m.type, 4);
  EXPECT_EQ(m.full_name, "Brussels, Belgium");
  EXPECT_EQ(m.fips, "BE");
  EXPECT_FALSE(m.lat.has_value());  // no source gives city coordinates

  m = Resolve("Moskou");
  EXPECT_EQ(m.type, 4);
  EXPECT_EQ(m.fips, "RS");
}

TEST_F(GeoTest, UnknownOrEmptyPlaceStaysTypeZeroAsWritten) {
  GeoMatch m = Resolve("Nergenshuizen-aan-Zee");
  EXPECT_EQ(m.type, 0);
  EXPECT_EQ(m.full_name, "Nergenshuizen-aan-Zee");
  EXPECT_TRUE(m.fips.empty());
  EXPECT_FALSE(m.lat.has_value());

  m = Resolve("");
  EXPECT_EQ(m.type, 0);
  EXPECT_TRUE(m.full_name.empty());
}

TEST_F(GeoTest, EveryRowHasAUniqueFipsCodeAndCentroidInRange) {
  EXPECT_GT(geo_->size(), 240u);
  std::set<std::string> seen;
  std::ifstream in(kKnowledgeDir + "/geo.tsv");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#' || line.rfind("alpha3\t", 0) == 0) continue;
    const GeoCountry* c = geo_->Find(line.substr(0, 3));
    ASSERT_NE(c, nullptr) << line;
    if (!c->fips.empty()) EXPECT_TRUE(seen.insert(c->fips).second) << "FIPS " << c->fips << " twice";
    if (c->lat) EXPECT_LE(std::abs(*c->lat), 90.0) << line;
    if (c->lon) EXPECT_LE(std::abs(*c->lon), 180.0) << line;
  }
  EXPECT_EQ(geo_->Find("ZZZ"), nullptr);
}

// Codes of the FIPS 10-4 standard where they differ from ISO (and where the CountryInfo source
// errs): GDELT tooling joins on these.
TEST_F(GeoTest, FipsCodesAreTheStandardsNotIsos) {
  const std::pair<const char*, const char*> codes[] = {
      {"DEU", "GM"}, {"GBR", "UK"}, {"ISR", "IS"}, {"JPN", "JA"}, {"ZAF", "SF"}, {"COD", "CG"},
      {"COG", "CF"}, {"SRB", "RI"}, {"IRQ", "IZ"}, {"CHN", "CH"}, {"AUT", "AU"}, {"AUS", "AS"}};
  for (const auto& [alpha3, fips] : codes) {
    const GeoCountry* c = geo_->Find(alpha3);
    ASSERT_NE(c, nullptr) << alpha3;
    EXPECT_EQ(c->fips, fips) << alpha3;
  }
}

class GeoLoadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("wirewatch_geo_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Write(const std::string& text) {
    std::string path = (dir_ / "geo.tsv").string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  fs::path dir_;
};

TEST_F(GeoLoadTest, MissingFileIsNotFoundNamingIt) {
  std::string path = (dir_ / "absent.tsv").string();
  auto t = GeoTable::Load(path);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), StatusCode::kNotFound);
  EXPECT_NE(t.status().message().find(path), std::string::npos);
}

TEST_F(GeoLoadTest, MalformedRowsAreCorruptWithTheirLine) {
  const std::string header = "# comment\nalpha3\tfips\tname_en\tlat\tlong\n";
  struct Case {
    std::string body, where;
  } cases[] = {
      {"NLD\tNL\tNetherlands\tfifty\t5.75\n", ":3:"},        // coordinate not a number
      {"NLD\tNLD\tNetherlands\t52.5\t5.75\n", ":3:"},        // FIPS code of three letters
      {"NLD\tNL\tNetherlands\t52.5\n", ":3:"},               // a column short
      {"NLD\tNL\tA\t1\t2\nNLD\tNL\tB\t1\t2\n", ":4:"},       // the same country twice
  };
  for (const Case& c : cases) {
    auto t = GeoTable::Load(Write(header + c.body));
    ASSERT_FALSE(t.ok()) << c.body;
    EXPECT_EQ(t.status().code(), StatusCode::kCorrupt) << c.body;
    EXPECT_NE(t.status().message().find(c.where), std::string::npos) << t.status().message();
  }
  auto t = GeoTable::Load(Write("alpha3\tiso\tname\n"));
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.status().message().find("header"), std::string::npos);
  t = GeoTable::Load(Write(""));
  ASSERT_FALSE(t.ok());
}

TEST_F(GeoLoadTest, EmptyFipsAndCoordinatesAreAllowed) {
  auto t = GeoTable::Load(Write("alpha3\tfips\tname_en\tlat\tlong\nGTM\t\tGuatemala\t\t\n"));
  ASSERT_TRUE(t.ok()) << t.status().message();
  const GeoCountry* c = t->Find("GTM");
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(c->fips.empty());
  EXPECT_FALSE(c->lat.has_value());
}

}  // namespace
}  // namespace wirewatch
