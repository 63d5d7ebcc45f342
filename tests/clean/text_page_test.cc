// The plain-text page cleaner on page shapes beyond the bundled examples: other portals' chrome,
// other sidebar labels, no datelines, hard-wrapped paragraphs, briefs without ages.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "clean/clean.h"

namespace wirewatch {
namespace {

std::vector<Document> Clean(const std::string& content) {
  Page page;
  page.source = "test.txt";
  page.content = content;
  return CleanTextPage(page);
}

TEST(CleanTextPage, SeedPageWithRepeatedTitleAndHeadlinedBriefs) {
  std::ifstream in(std::string(WIREWATCH_SOURCE_DIR) + "/examples/pages/002_cdead4654da920a8.txt");
  ASSERT_TRUE(in) << "examples/pages missing";
  std::stringstream ss;
  ss << in.rdbuf();
  auto docs = Clean(ss.str());
  ASSERT_EQ(docs.size(), 8u);
  const Document& a = docs[0];
  EXPECT_EQ(a.kind, DocumentKind::kArticle);
  EXPECT_EQ(a.title, "NAVO: Rusland uitgenodigd voor nieuw overleg over Oekraïne");
  ASSERT_TRUE(a.dateline);
  EXPECT_EQ(a.dateline->place, "BERLIJN");
  EXPECT_EQ(a.subheadings,
            (std::vector<std::string>{"Diplomatieke contacten herstellen", "Vrees voor aanval op Oekraïne"}));
  EXPECT_EQ(a.text.rfind("De NAVO heeft Rusland uitgenodigd", 0), 0u);
  EXPECT_EQ(a.text.find("Meer uit Buitenland"), std::string::npos);
  EXPECT_EQ(a.text.find("webmail"), std::string::npos);
  EXPECT_EQ(docs[1].kind, DocumentKind::kBrief);
  EXPECT_EQ(docs[1].title, "Trump waarschuwt burgemeester Minneapolis over immigratieacties");
  EXPECT_EQ(docs[1].age_seconds, 540);
  EXPECT_EQ(docs[7].dateline->agencies, (std::vector<std::string>{"ANP", "RTR", "AF"}));
}

TEST(CleanTextPage, GluedAgesBelongToTheBriefAbove) {
  auto docs = Clean(
      "Kop van het artikel\n"
      "DEN HAAG (ANP) - Eerste zin van het artikel. Tweede zin.\n"
      "Nog een alinea met tekst.\n"
      "Net binnen\n"
      "ROME (ANP) - Eerste bericht.\n"
      "39 minuten geledenPARIJS (ANP/AFP) - Tweede bericht.\n"
      "2 uur geleden\n");
  ASSERT_EQ(docs.size(), 3u);
  EXPECT_EQ(docs[0].text, "Eerste zin van het artikel. Tweede zin.\n\nNog een alinea met tekst.");
  EXPECT_EQ(docs[0].title, "Kop van het artikel");
  EXPECT_EQ(docs[1].text, "Eerste bericht.");
  EXPECT_EQ(docs[1].age_seconds, 2340);
  EXPECT_EQ(docs[1].dateline->place, "ROME");
  EXPECT_EQ(docs[2].text, "Tweede bericht.");
  EXPECT_EQ(docs[2].age_seconds, 7200);
  EXPECT_FALSE(docs[1].title);
}

TEST(CleanTextPage, OtherPortalChromeAndUnlabelledFooter) {
  auto docs = Clean(
      "Home\nNieuws\nSport\nInloggen\n"
      "Wij gebruiken cookies om de site te verbeteren. Lees ons cookiebeleid.\n\n"
      "Rusland en Oekraïne hervatten gesprekken\n\n"
      "21 januari 2022, 14:05\n\n"
      "ISTANBUL (ANP/Reuters) - Delegaties van Rusland en Oekraïne spreken weer met elkaar.\n\n"
      "De gesprekken duren naar verwachting twee dagen.\n\n"
      "Lees ook\n\nPoetin dreigt met nieuwe sancties\n\nKiev wil meer wapens\n\n"
      "© 2026 Voorbeeldportaal\n");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].title, "Rusland en Oekraïne hervatten gesprekken");
  EXPECT_EQ(docs[0].published, "2022-01-21T14:05:00");
  EXPECT_EQ(docs[0].dateline->agencies, (std::vector<std::string>{"ANP", "Reuters"}));
  EXPECT_EQ(docs[0].text,
            "Delegaties van Rusland en Oekraïne spreken weer met elkaar.\n\n"
            "De gesprekken duren naar verwachting twee dagen.");
}

TEST(CleanTextPage, NoDatelineUsesRepeatedHeadline) {
  auto docs = Clean(
      "Menu\nZoeken\n"
      "Kabinet presenteert plannen\nKabinet presenteert plannen\n"
      "Het kabinet heeft dinsdag nieuwe plannen gepresenteerd voor de woningmarkt.\n"
      "Volgens de minister gaat het om een grote stap.\n");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].title, "Kabinet presenteert plannen");
  EXPECT_FALSE(docs[0].dateline);
  EXPECT_EQ(docs[0].text.rfind("Het kabinet heeft dinsdag", 0), 0u);
}

TEST(CleanTextPage, NoDatelineNoRepetitionTakesDensestRun) {
  auto docs = Clean(
      "Inloggen\nAbonneren\n"
      "Kort nieuwsbericht: de site is vernieuwd.\n\n"
      "Grote brand in haven\n\n"
      "In de haven van Rotterdam is zondagavond een grote brand uitgebroken in een loods met "
      "chemicaliën. De brandweer schaalde op naar zeer grote brand.\n\n"
      "Omwonenden werd gevraagd ramen en deuren te sluiten. Er raakte niemand gewond.\n");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].title, "Grote brand in haven");
  EXPECT_EQ(docs[0].text.rfind("In de haven van Rotterdam", 0), 0u);
}

TEST(CleanTextPage, HardWrappedParagraphsAreJoined) {
  auto docs = Clean(
      "Titel van het stuk\n\n"
      "UTRECHT (ANP) - Dit is een lange alinea die door de crawler is afgebroken op\n"
      "tachtig tekens, zodat de zin over twee regels loopt.\n\n"
      "Tweede alinea.\n");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].text,
            "Dit is een lange alinea die door de crawler is afgebroken op tachtig tekens, zodat de "
            "zin over twee regels loopt.\n\nTweede alinea.");
}

TEST(CleanTextPage, BriefsWithoutAgesSplitOnDatelines) {
  auto docs = Clean(
      "Hoofdartikel hier\n"
      "LONDEN (ANP) - Het hoofdartikel begint hier. En gaat verder.\n"
      "Meest gelezen\n"
      "MADRID (ANP) - Eerste kort bericht.\n"
      "ROME (ANP) - Tweede kort bericht.\n");
  ASSERT_EQ(docs.size(), 3u);
  EXPECT_EQ(docs[0].text, "Het hoofdartikel begint hier. En gaat verder.");
  EXPECT_EQ(docs[1].text, "Eerste kort bericht.");
  EXPECT_FALSE(docs[1].age_seconds);
  EXPECT_EQ(docs[2].dateline->place, "ROME");
}

TEST(CleanTextPage, FooterAfterLastAgeIsDropped) {
  auto docs = Clean(
      "Kop\n"
      "OSLO (ANP) - Artikeltekst hier. Meer tekst.\n"
      "Meer uit Buitenland\n"
      "BERN (ANP) - Een bericht.\n"
      "3 uur geleden\n"
      "Alle rechten voorbehouden. Neem contact op met de redactie.\n");
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[1].text, "Een bericht.");
  EXPECT_EQ(docs[1].age_seconds, 10800);
}

TEST(CleanTextPage, BodyOnlyInputKeepsEverything) {
  Page page;
  page.source = "x.jsonl#1";
  page.content = "AMSTERDAM - Eerste alinea.\n\nTweede alinea.";
  page.content_is_body = true;
  page.title = "EU en VS zijn weer vriendjes. diplomatie";
  PlaceSet places = {"AMSTERDAM"};
  CleanOptions options;
  options.known_places = &places;
  auto docs = CleanTextPage(page, options);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].title, "EU en VS zijn weer vriendjes. diplomatie");  // as the container gives it
  EXPECT_EQ(docs[0].dateline->place, "AMSTERDAM");
  EXPECT_EQ(docs[0].text, "Eerste alinea.\n\nTweede alinea.");
}

TEST(CleanTextPage, EmptyAndChromeOnlyPagesYieldNothing) {
  EXPECT_TRUE(Clean("").empty());
  EXPECT_TRUE(Clean("\n\n  \n").empty());
  EXPECT_TRUE(Clean("Home\nNieuws\nSport\n").empty());
}

}  // namespace
}  // namespace wirewatch
