// Unit tests for the temporal tagger: one Dutch sentence per expression type, resolved against
// fixed anchors (2022-01-12 is a Wednesday in ISO week 2), plus names and words that only look
// temporal. No shared data needed.
#include "times/times.h"

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "text/tokenizer.h"

namespace wirewatch {
namespace {

constexpr const char* kWednesday = "2022-01-12";

std::vector<TimeExpression> Times(std::string_view text,
                                  const std::optional<std::string>& anchor = kWednesday) {
  return FindTimes(text, Tokenize(text), anchor);
}

// The single expression found in `sentence` must read `expected_text`; returns its value.
std::optional<std::string> Only(std::string_view sentence, std::string_view expected_text,
                                const std::optional<std::string>& anchor = kWednesday) {
  std::vector<TimeExpression> times = Times(sentence, anchor);
  EXPECT_EQ(times.size(), 1u) << sentence;
  if (times.size() != 1) return "<" + std::to_string(times.size()) + " expressions>";
  EXPECT_EQ(times[0].text, expected_text) << sentence;
  EXPECT_EQ(std::string_view(sentence).substr(times[0].span.start,
                                              times[0].span.end - times[0].span.start),
            times[0].text);
  return times[0].value;
}

TEST(Weekdays, FutureClauseTakesTheNextOne) {
  EXPECT_EQ(Only("De ministers komen vrijdag samen in Genève.", "vrijdag"), "2022-01-14");
  EXPECT_EQ(Only("De NAVO zal maandag opnieuw vergaderen.", "maandag"), "2022-01-17");
  EXPECT_EQ(Only("Blinken gaat donderdag in Berlijn praten.", "donderdag"), "2022-01-13");
}

TEST(Weekdays, PastClauseTakesThePreviousOne) {
  EXPECT_EQ(Only("Blinken sprak vrijdag met Lavrov.", "vrijdag"), "2022-01-07");
  EXPECT_EQ(Only("Rusland heeft zondag extra troepen gestuurd.", "zondag"), "2022-01-09");
  EXPECT_EQ(
      Only("De raket die dinsdag werd neergehaald, was niet bedoeld voor Turkije.", "dinsdag"),
      "2022-01-11");
  // The anchor's own weekday in the past tense is the anchor day itself.
  EXPECT_EQ(Only("Lavrov en Blinken spraken woensdag in Genève.", "woensdag"), "2022-01-12");
}

TEST(Weekdays, PresentClauseTakesTheNearest) {
  EXPECT_EQ(Only("Biden spreekt donderdag met Poetin.", "donderdag"), "2022-01-13");
  EXPECT_EQ(Only("Biden spreekt maandag met Poetin.", "maandag"), "2022-01-10");
}

TEST(Weekdays, PresentLeansToTheComingDayUnlessJustPast) {
  // Saturday anchor: Wednesday is three days back, four ahead.
  EXPECT_EQ(Only("Een keuze uit de antwoorden verschijnt woensdag.", "woensdag", "2019-03-30"),
            "2019-04-03");
  EXPECT_EQ(Only("Het pakt dinsdag anders uit.", "dinsdag", "2019-03-20"), "2019-03-19");
  // "van" + weekday: a day just past; "toen" makes a clause past.
  EXPECT_EQ(Only("Zo staat het onder de illustratie van zaterdag.", "zaterdag", "2019-03-27"),
            "2019-03-23");
  EXPECT_EQ(Only("Hij had het niet verwacht toen hij zondagmorgen zijn tweet afschreef.",
                 "zondagmorgen", "2019-03-26"),
            "2019-03-24TMO");
  // A present verb in the clause keeps the rest of the sentence from deciding.
  EXPECT_EQ(Only("Donderdag is het oppassen, zeiden zij.", "Donderdag", "2019-03-04"),
            "2019-03-07");
  // "is ... gaan roken" is a perfect, not a future.
  EXPECT_EQ(Only("In Delft is zaterdagmiddag een accu gaan roken.", "zaterdagmiddag", "2019-04-01"),
            "2019-03-30TAF");
  EXPECT_EQ(Only("De pastoor brak zondag een lans voor het pad.", "zondag", "2019-03-08"),
            "2019-03-03");
  EXPECT_EQ(Only("Een vrouw is aangehouden na een betoging zaterdag in Amsterdam.", "zaterdag",
                 "2019-03-26"),
            "2019-03-23");
}

TEST(Weekdays, VerblessCoordinatedClauseTakesTheSentencesTense) {
  // Seed 004 (published Tuesday 2022-01-18): "gesprekken" is a noun, not a participle.
  std::vector<TimeExpression> t =
      Times("Blinken is woensdag in Kiev en donderdag in Berlijn voor gesprekken met bondgenoten.",
            "2022-01-18");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].value, "2022-01-19");
  EXPECT_EQ(t[1].value, "2022-01-20");
}

TEST(Weekdays, IndefiniteAndRecurring) {
  std::vector<TimeExpression> t = Times("De bom viel op een vroege zondagochtend.");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].value, std::nullopt);
  EXPECT_EQ(Only("De markt is elke zaterdag open.", "zaterdag"), "XXXX-WXX-6");
  EXPECT_EQ(Only("De Kamer vergadert meestal op dinsdag.", "dinsdag"), "XXXX-WXX-2");
}

TEST(Weekdays, PartOfDayCompounds) {
  EXPECT_EQ(Only("Een vliegtuig keerde donderdagavond om.", "donderdagavond"), "2022-01-06TEV");
  EXPECT_EQ(Only("Het kabinet komt zondagochtend bijeen.", "zondagochtend"), "2022-01-16TMO");
}

TEST(Weekdays, Modifiers) {
  EXPECT_EQ(Only("Hij verdedigde afgelopen vrijdag zijn proefschrift.", "afgelopen vrijdag"),
            "2022-01-07");
  EXPECT_EQ(Only("Het overleg is komende zondag.", "komende zondag"), "2022-01-16");
  // Strict: "afgelopen woensdag" on a Wednesday is a week ago.
  EXPECT_EQ(Only("Het gebeurde afgelopen woensdag.", "afgelopen woensdag"), "2022-01-05");
  EXPECT_EQ(Only("Het gesprek vond vrijdag jl. plaats.", "vrijdag jl."), "2022-01-07");
  EXPECT_EQ(Only("Ze praten volgende week vrijdag verder.", "volgende week vrijdag"), "2022-01-21");
  EXPECT_EQ(Only("Ze spraken vrijdag vorige week.", "vrijdag vorige week"), "2022-01-07");
  EXPECT_EQ(Only("Op vrijdag 14 januari spreken ze elkaar.", "vrijdag 14 januari"), "2022-01-14");
}

TEST(DayWords, RelativeToTheAnchor) {
  EXPECT_EQ(Only("Gisteren viel het kabinet.", "Gisteren"), "2022-01-11");
  EXPECT_EQ(Only("Het besluit valt vandaag.", "vandaag"), "2022-01-12");
  EXPECT_EQ(Only("Morgen beslist de Kamer.", "Morgen"), "2022-01-13");
  EXPECT_EQ(Only("Eergisteren sprak hij nog.", "Eergisteren"), "2022-01-10");
  EXPECT_EQ(Only("De uitslag volgt overmorgen.", "overmorgen"), "2022-01-14");
  EXPECT_EQ(Only("De premier spreekt vanavond.", "vanavond"), "2022-01-12TEV");
  EXPECT_EQ(Only("Gisteravond brak er brand uit.", "Gisteravond"), "2022-01-11TEV");
}

TEST(DayWords, MorningIsNotTomorrow) {
  EXPECT_TRUE(Times("Die morgen was het koud.").empty());
  EXPECT_TRUE(Times("Elke morgen gaat hij zwemmen.").empty());
}

TEST(Periods, WeeksMonthsYears) {
  EXPECT_EQ(Only("De EU-leiders praten volgende week verder.", "volgende week"), "2022-W03");
  EXPECT_EQ(Only("Vorige week sprak de NAVO met Rusland.", "Vorige week"), "2022-W01");
  EXPECT_EQ(Only("Deze week is er geen overleg.", "Deze week"), "2022-W02");
  EXPECT_EQ(Only("Komende week valt het besluit.", "Komende week"), "2022-W03");
  EXPECT_EQ(Only("Vorige maand liep de inflatie op.", "Vorige maand"), "2021-12");
  EXPECT_EQ(Only("Volgende maand gaan de scholen open.", "Volgende maand"), "2022-02");
  EXPECT_EQ(Only("Vorig jaar waren er verkiezingen.", "Vorig jaar"), "2021");
  EXPECT_EQ(Only("Volgend jaar komt er een nieuwe wet.", "Volgend jaar"), "2023");
  EXPECT_EQ(Only("Dit jaar is het anders.", "Dit jaar"), "2022");
}

TEST(Periods, AcrossYearEnd) {
  // 2022-01-03 is the Monday of ISO week 1; the week before is 2021-W52.
  EXPECT_EQ(Only("Vorige week was het rustig.", "Vorige week", "2022-01-03"), "2021-W52");
  EXPECT_EQ(Only("Vorige maand was het rustig.", "Vorige maand", "2022-01-03"), "2021-12");
}

TEST(Periods, EarlierThisPeriod) {
  EXPECT_EQ(Only("Eerder dit jaar bezocht hij Moskou.", "Eerder dit jaar"), "2022");
  EXPECT_EQ(Only("De EU sprak eerder deze week met de VS.", "eerder deze week"), "2022-W02");
  EXPECT_EQ(Only("Later deze maand volgt een besluit.", "Later deze maand"), "2022-01");
}

TEST(Periods, PartOfPeriod) {
  EXPECT_EQ(Only("De spanningen lopen op sinds eind vorig jaar.", "sinds eind vorig jaar"),
            "2021-Q4");
  EXPECT_EQ(Only("Begin dit jaar begon de campagne.", "Begin dit jaar"), "2022-Q1");
  EXPECT_EQ(Only("De gesprekken beginnen begin maart.", "begin maart"), "2022-03");
  EXPECT_EQ(Only("Zij vertrekt eind maart.", "eind maart"), "2022-03");
  EXPECT_EQ(Only("Het akkoord viel medio 2021.", "medio 2021"), "2021");
}

TEST(Periods, WeekendAndSeasons) {
  EXPECT_EQ(Only("Afgelopen weekend demonstreerden duizenden mensen.", "Afgelopen weekend"),
            "2022-W01-WE");
  EXPECT_EQ(Only("Dit weekend wordt het koud.", "Dit weekend"), "2022-W02-WE");
  EXPECT_EQ(Only("Sinds dit weekend staat Labour voor.", "Sinds dit weekend", "2019-04-02"),
            "2019-W13-WE");
  EXPECT_EQ(Only("Hij trad vorig najaar af.", "vorig najaar", "2022-01-18"), "2021-FA");
  EXPECT_EQ(Only("De verkiezingen zijn komende zomer.", "komende zomer"), "2022-SU");
  EXPECT_EQ(Only("In de zomer van 2021 trok hij zich terug.", "zomer van 2021"), "2021-SU");
}

TEST(Dates, DayAndMonthTakeTheYearFromTheAnchorAndTense) {
  EXPECT_EQ(Only("Rusland viel op 24 februari Oekraïne binnen.", "24 februari", "2022-03-01"),
            "2022-02-24");
  EXPECT_EQ(Only("Rusland viel op 24 februari Oekraïne binnen.", "24 februari"), "2021-02-24");
  EXPECT_EQ(Only("De extra tarieven zullen op 1 februari ingaan.", "1 februari"), "2022-02-01");
  EXPECT_EQ(Only("Het verdrag werd op 3 december getekend.", "3 december"), "2021-12-03");
  EXPECT_EQ(Only("De top is op 3 feb. 2022 in Brussel.", "3 feb. 2022"), "2022-02-03");
  std::vector<TimeExpression> range = Times("De top was op 24 en 25 juni 2021.");
  ASSERT_EQ(range.size(), 2u);
  EXPECT_EQ(range[0].text, "24");
  EXPECT_EQ(range[0].value, "2021-06-24");
  EXPECT_EQ(range[1].value, "2021-06-25");
  EXPECT_TRUE(Times("Er waren 3 en 4 doden.").empty());
}

TEST(Dates, ExplicitDatesNeedNoAnchor) {
  EXPECT_EQ(Only("De aanval begon op 24-02-2022.", "24-02-2022", std::nullopt), "2022-02-24");
  EXPECT_EQ(Only("Sinds november 2022 valt de stroom uit.", "Sinds november 2022", std::nullopt),
            "2022-11");
  EXPECT_EQ(Only("De stroom viel uit in november 2022.", "november 2022", std::nullopt), "2022-11");
  EXPECT_EQ(Only("De raad kwam sinds 2019 niet meer bijeen.", "sinds 2019", std::nullopt), "2019");
  EXPECT_EQ(Only("Sinds 2014 is er oorlog in het oosten.", "Sinds 2014", std::nullopt), "2014");
  EXPECT_EQ(Only("In 2019 werd de raad opgeschort.", "2019", std::nullopt), "2019");
  EXPECT_EQ(Only("Dat was in de jaren negentig anders.", "jaren negentig", std::nullopt), "199");
}

TEST(Dates, MonthsNeedAPrepositionOrYear) {
  EXPECT_EQ(Only("In maart praten ze verder.", "maart"), "2022-03");
  EXPECT_EQ(Only("In november werd hij gekozen.", "november"), "2021-11");
  // Present tense: the coming month (scheduled), unless it is the month just past.
  EXPECT_EQ(Only("Het bestuur vergadert in november.", "november"), "2022-11");
  EXPECT_EQ(Only("Het bestuur vergadert in december.", "december"), "2021-12");
  // A bracketed aside keeps its own (present) tense: nearest, not the sentence's future.
  EXPECT_EQ(Only("Er zullen treinen rijden (het bericht van dinsdag) naar Schiphol.", "dinsdag"),
            "2022-01-11");
  EXPECT_EQ(Only("In mei vorig jaar vielen de bommen.", "mei vorig jaar"), "2021-05");
}

TEST(ClockAndPartOfDay, OnTheAnchorDayOrTheSentencesDay) {
  EXPECT_EQ(Only("De persconferentie begint om 14.30 uur.", "14.30 uur"), "2022-01-12T14:30");
  EXPECT_EQ(Only("Het overleg begint om 9 uur.", "9 uur"), "2022-01-12T09:00");
  EXPECT_EQ(Only("Het is 's avonds erg druk.", "'s avonds"), "2022-01-12TEV");
  std::vector<TimeExpression> t = Times("Hij sprak maandag om 14.30 uur in Brussel.");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[1].value, "2022-01-10T14:30");
}

TEST(Durations, NumbersUnitsAndVagueAmounts) {
  EXPECT_EQ(Only("De afgelopen dagen liep de spanning op.", "De afgelopen dagen"), "PXD");
  EXPECT_EQ(Only("De afgelopen drie dagen regende het.", "De afgelopen drie dagen"), "P3D");
  EXPECT_EQ(Only("De afgelopen tijd is er veel gebeurd.", "De afgelopen tijd"), "PAST_REF");
  EXPECT_EQ(Only("Het gesprek duurde ongeveer een uur.", "ongeveer een uur"), "PT1H");
  EXPECT_EQ(Only("Het was de eerste keer in ruim twee jaar.", "in ruim twee jaar"), "P2Y");
  EXPECT_EQ(Only("In drie dagen vluchtten 134.000 mensen.", "In drie dagen"), "P3D");
  EXPECT_EQ(Only("De troepen staan er al maanden.", "al maanden"), "PXM");
  EXPECT_EQ(Only("Hij zat 2,5 jaar vast.", "2,5 jaar"), "P2.5Y");
  EXPECT_EQ(Only("Het bleef jarenlang stil.", "jarenlang"), "PXY");
  EXPECT_EQ(Only("Het afgelopen jaar was zwaar.", "Het afgelopen jaar"), "P1Y");
}

TEST(Durations, AgoIsAPoint) {
  EXPECT_EQ(Only("Drie dagen geleden sprak hij nog.", "Drie dagen geleden"), "2022-01-09");
  EXPECT_EQ(Only("Twee jaar geleden begon het.", "Twee jaar geleden"), "2020");
  EXPECT_EQ(Only("Twee jaar geleden begon het.", "Twee jaar geleden", std::nullopt), std::nullopt);
  EXPECT_EQ(Only("Anderhalf jaar geleden begon het.", "Anderhalf jaar geleden"), "2020-07");
  EXPECT_EQ(Only("Enkele jaren geleden begon het.", "Enkele jaren geleden"), "PAST_REF");
}

TEST(Vague, References) {
  EXPECT_EQ(Only("Nu willen ze praten.", "Nu"), "PRESENT_REF");
  EXPECT_EQ(Only("De relatie is inmiddels op een dieptepunt.", "inmiddels"), "PRESENT_REF");
  EXPECT_EQ(Only("Ze hopen het overleg spoedig voort te zetten.", "spoedig"), "FUTURE_REF");
  EXPECT_TRUE(Times("Dat is nu eenmaal zo.").empty());
  // "nu" as the conjunction "now that".
  EXPECT_TRUE(Times("De NAVO versterkt de verdediging nu Iran aanvalt.").empty());
  EXPECT_TRUE(Times("Nu zich kandidaten melden, groeit de spanning.").empty());
  EXPECT_TRUE(Times("Hij kwam eerder dan verwacht.").size() == 0);
}

TEST(NoAnchor, RelativeValuesAreNull) {
  std::vector<TimeExpression> t =
      Times("Vrijdag komen ze samen, vorige week spraken ze en gisteren belden ze.", std::nullopt);
  ASSERT_EQ(t.size(), 3u);
  for (const TimeExpression& e : t) EXPECT_EQ(e.value, std::nullopt) << e.text;
  EXPECT_EQ(Times("Het gaat om de afgelopen dagen.", std::nullopt).at(0).value, "PXD");
  EXPECT_EQ(Times("Hij sprak om 14.30 uur.", std::nullopt).at(0).value, std::nullopt);
  EXPECT_EQ(Times("Hij sprak vrijdag.", "geen datum").at(0).value, std::nullopt);
}

TEST(Negatives, WordsThatOnlyLookTemporal) {
  EXPECT_TRUE(Times("Maarten en Mei Li spraken met Jan Vrijdag.").empty());
  EXPECT_TRUE(Times("De familie Zondag woont in Zwolle.").empty());
  EXPECT_TRUE(Times("Het maartse weer en de meidagen waren koud.").empty());
  EXPECT_TRUE(Times("Er kwamen 2000 mensen naar het plein.").empty());
  EXPECT_TRUE(Times("In 2000 huizen viel de stroom uit.").empty());
  EXPECT_TRUE(Times("De man is 45 jaar oud.").empty());
  EXPECT_TRUE(Times("Hij kreeg een jaar cel.").empty());
  EXPECT_TRUE(Times("Het begin van de oorlog.").empty());
  EXPECT_TRUE(Times("Het kost 14.300 euro.").empty());
}

TEST(Spans, ByteOffsetsInOrderWithoutOverlap) {
  std::string text =
      "De Oekraïense president sprak dinsdag met Biden. Vorige week kwam de NAVO samen, "
      "en eerder dit jaar werd sinds 2019 voor het eerst overlegd. Vrijdag volgt meer.";
  std::vector<TimeExpression> t = Times(text);
  ASSERT_EQ(t.size(), 5u);
  uint32_t last_end = 0;
  for (const TimeExpression& e : t) {
    EXPECT_GE(e.span.start, last_end);
    EXPECT_EQ(text.substr(e.span.start, e.span.end - e.span.start), e.text);
    last_end = e.span.end;
  }
  EXPECT_EQ(t[0].text, "dinsdag");
  EXPECT_EQ(t[0].value, "2022-01-11");
  EXPECT_EQ(t[3].text, "sinds 2019");
}

TEST(Anchor, DateTimesAreMovedToDutchTime) {
  // 23:30 UTC on 12 January is 00:30 on the 13th in Amsterdam.
  EXPECT_EQ(Only("Het besluit valt vandaag.", "vandaag", "2022-01-12T23:30:00Z"), "2022-01-13");
  EXPECT_EQ(Only("Het besluit valt vandaag.", "vandaag", "2022-01-12T21:30:00Z"), "2022-01-12");
}

TEST(Anchor, BriefsCountBackFromTheCrawl) {
  Document doc;
  EXPECT_EQ(TimeAnchor(doc), std::nullopt);
  doc.crawl_time = "2026-03-06T10:00:00Z";
  doc.age_seconds = 3600;
  EXPECT_EQ(TimeAnchor(doc), "2026-03-06T09:00:00Z");
  doc.published = "2026-03-05";
  EXPECT_EQ(TimeAnchor(doc), "2026-03-05");
}

TEST(ResolveTime, SinglePhrases) {
  EXPECT_EQ(ResolveTime("vorige week", "2022-01-18"), "2022-W02");
  EXPECT_EQ(ResolveTime("geen tijd hier", "2022-01-18"), std::nullopt);
}

TEST(DateForSpan, PicksTheMostPreciseCalendarValueInTheClause) {
  std::string text = "Sinds 2019 spraken ze niet, maar vrijdagavond praatten ze in Genève.";
  std::vector<TimeExpression> t = Times(text);
  ASSERT_EQ(t.size(), 2u);
  ByteSpan all{0, static_cast<uint32_t>(text.size())};
  EXPECT_EQ(DateForSpan(t, all, std::nullopt), "2022-01-07");
  ByteSpan first{0, 26};
  EXPECT_EQ(DateForSpan(t, first, "2022-01-12"), "2022-01-12");  // "sinds" never governs
  std::vector<TimeExpression> weeks = Times("Vorige week en afgelopen weekend.");
  EXPECT_EQ(DateForSpan(weeks, {0, 40}, std::nullopt), "2022-W01");
  std::vector<TimeExpression> q = Times("Dat gebeurde eind vorig jaar, vorig najaar.");
  EXPECT_EQ(DateForSpan(q, {0, 60}, std::nullopt), "2021");
  EXPECT_EQ(DateForSpan({}, {0, 10}, std::nullopt), std::nullopt);
}

TEST(Robustness, OneHugeSentenceStaysLinear) {
  // 50,000 weekdays without a sentence end: each needs its clause's tense, which must not
  // rescan the whole "sentence" for each one (quadratic time).
  std::string text;
  for (int k = 0; k < 50000; ++k) text += k % 7 == 0 ? "zei vrijdag " : "vrijdag ";
  auto start = std::chrono::steady_clock::now();
  std::vector<TimeExpression> t = Times(text);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(t.size(), 50000u);
  EXPECT_LT(seconds, 10.0);  // ~0.1 s in a release build, ~3 s with the sanitizers
}

TEST(Robustness, RandomWordSoupKeepsSpansValid) {
  // Temporal words, numbers and punctuation in random order: every span must lie inside the
  // text, in order, and read as its text; nothing may crash (run under the sanitizer build).
  static constexpr const char* kPieces[] = {
      "vrijdag",     "Vrijdag", "vorige",     "week", "de",    "afgelopen", "dagen",   "24",
      "februari",    "2022",    "sinds",      "eind", "vorig", "jaar",      "'s",      "avonds",
      "om",          "14.30",   "uur",        "nu",   "in",    "ruim",      "twee",    "jaren",
      "negentig",    "geleden", "later",      ",",    ".",     "\n\n",      "al",      "maanden",
      "zondagavond", "begin",   "maart",      "mei",  "van",   "zomer",     "komende", "het",
      "een",         "paar",    "24-02-2022", "jl.",  "a.s.",  "\"",        "(",       "eerder",
      "dit",         "morgen"};
  uint32_t state = 12345;
  auto next = [&] {
    state = state * 1103515245u + 12345u;
    return (state >> 16) % std::size(kPieces);
  };
  for (int round = 0; round < 300; ++round) {
    std::string text;
    int n = 1 + static_cast<int>(next() % 30);
    for (int k = 0; k < n; ++k) {
      if (!text.empty()) text += ' ';
      text += kPieces[next()];
    }
    for (const std::optional<std::string>& anchor :
         {std::optional<std::string>(), std::optional<std::string>("2024-02-29T23:59:00Z")}) {
      std::vector<TimeExpression> t = Times(text, anchor);
      uint32_t last_end = 0;
      for (const TimeExpression& e : t) {
        ASSERT_LE(last_end, e.span.start) << text;
        ASSERT_LT(e.span.start, e.span.end) << text;
        ASSERT_LE(e.span.end, text.size()) << text;
        EXPECT_EQ(text.substr(e.span.start, e.span.end - e.span.start), e.text);
        last_end = e.span.end;
      }
    }
  }
}

}  // namespace
}  // namespace wirewatch
