// Datelines, ages and heading shape: the parsers both page cleaners rely on.
#include <gtest/gtest.h>

#include "clean/clean.h"

namespace wirewatch {
namespace {

TEST(MatchDateline, PlaceAndAgencies) {
  auto m = MatchDateline("BRUSSEL (ANP/AFP) - De NAVO roept");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->dateline.place, "BRUSSEL");
  EXPECT_EQ(m->dateline.agencies, (std::vector<std::string>{"ANP", "AFP"}));
  EXPECT_EQ(std::string("BRUSSEL (ANP/AFP) - De NAVO roept").substr(m->length), "De NAVO roept");
}

TEST(MatchDateline, AccentsSlashesAndMixedCaseAgencies) {
  auto m = MatchDateline("GENÈVE (ANP/RTR/AFP) - De Russische");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->dateline.place, "GENÈVE");
  m = MatchDateline("TEHERAN/BAGDAD (ANP/DPA) - De Iraanse");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->dateline.place, "TEHERAN/BAGDAD");
  m = MatchDateline("NEW YORK (ANP/Reuters) – Het");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->dateline.place, "NEW YORK");
  EXPECT_EQ(m->dateline.agencies, (std::vector<std::string>{"ANP", "Reuters"}));
}

TEST(MatchDateline, WithoutAgencyOnlyKnownPlaces) {
  PlaceSet places = {"AMSTERDAM", "DEN HAAG"};
  EXPECT_FALSE(MatchDateline("AMSTERDAM - Het kabinet"));
  EXPECT_FALSE(MatchDateline("UITSTEL - Nieuwe plannen", &places));
  EXPECT_TRUE(MatchDateline("DEN HAAG - Het kabinet", &places));
  auto m = MatchDateline("AMSTERDAM - Het kabinet", &places);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->dateline.place, "AMSTERDAM");
  EXPECT_TRUE(m->dateline.agencies.empty());
}

TEST(MatchDateline, RejectsHeadlinesAndSentences) {
  EXPECT_FALSE(MatchDateline("NAVO: Rusland uitgenodigd voor nieuw overleg"));
  EXPECT_FALSE(MatchDateline("NAVO roept Rusland op"));
  EXPECT_FALSE(MatchDateline("De NAVO (ANP) - iets"));
  EXPECT_FALSE(MatchDateline("EU - VS"));  // two letters, no agency
  EXPECT_FALSE(MatchDateline("HET GROTE NIEUWS VAN VANDAAG - alles"));
  EXPECT_FALSE(MatchDateline(""));
}

TEST(MatchAge, DutchAndEnglishUnits) {
  EXPECT_EQ(MatchAge("39 minuten geleden")->seconds, 2340);
  EXPECT_EQ(MatchAge("1 uur geleden")->seconds, 3600);
  EXPECT_EQ(MatchAge("een uur geleden")->seconds, 3600);
  EXPECT_EQ(MatchAge("2 dagen geleden")->seconds, 172800);
  EXPECT_EQ(MatchAge("5 minutes ago")->seconds, 300);
  auto glued = MatchAge("39 minuten geledenANKARA (ANP/AFP) - ");
  ASSERT_TRUE(glued);
  EXPECT_EQ(glued->length, std::string("39 minuten geleden").size());
}

TEST(MatchAge, RejectsOtherText) {
  EXPECT_FALSE(MatchAge("39 minuten"));
  EXPECT_FALSE(MatchAge("Meer uit Buitenland"));
  EXPECT_FALSE(MatchAge("3 uur later"));
  EXPECT_FALSE(MatchAge(""));
}

TEST(LooksLikeHeading, ShortLinesWithoutFinalStop) {
  EXPECT_TRUE(LooksLikeHeading("Contact zoeken"));
  EXPECT_TRUE(LooksLikeHeading("Deense premier in Groenland voor steun in 'moeilijke tijd'"));
  EXPECT_TRUE(LooksLikeHeading("NAVO: Rusland uitgenodigd voor nieuw overleg over Oekraïne"));
  EXPECT_FALSE(LooksLikeHeading("Hij zei niet om wie het ging."));
  EXPECT_FALSE(LooksLikeHeading("\"We zijn zelfs niet bang voor de VS.\""));
  EXPECT_FALSE(LooksLikeHeading(""));
  EXPECT_FALSE(LooksLikeHeading(std::string(200, 'a')));
}

}  // namespace
}  // namespace wirewatch
