// Byline and date-line shapes: each recognised line gives its publication date and author; lines
// that only contain a date or a name among other words are not bylines.
#include <gtest/gtest.h>

#include "clean/byline.h"

namespace wirewatch {
namespace {

constexpr std::string_view kCrawl = "2019-03-06T10:00:00Z";

struct Shape {
  std::string_view line;
  std::optional<std::string> published;
  std::optional<std::string> author;
};

TEST(MatchByline, RecognisesEveryListedShape) {
  const Shape shapes[] = {
      {"Door Jan de Vries · 5 maart 2019, 22:43", "2019-03-05T22:43:00", "Jan de Vries"},
      {"Door onze correspondent · 5 maart 2019, 22:43", "2019-03-05T22:43:00", std::nullopt},
      {"Redactie 12-03-19, 08:15", "2019-03-12T08:15:00", "Redactie"},
      {"Bijgewerkt: 5 mrt. 2019 om 22:43", "2019-03-05T22:43:00", std::nullopt},
      {"Gepubliceerd op dinsdag 5 maart 2019", "2019-03-05", std::nullopt},
      {"5 maart 2019 22:43 Laatste update: 6 maart", "2019-03-05T22:43:00", std::nullopt},
      {"Laatste update: 6 maart 2019 · Gepubliceerd: 5 maart 2019", "2019-03-05", std::nullopt},
      {"Van onze verslaggever", std::nullopt, std::nullopt},
      {"Van onze correspondent in Washington", std::nullopt, std::nullopt},
      {"Van onze verslaggever Piet Peters", std::nullopt, "Piet Peters"},
      {"ANP/Reuters", std::nullopt, "ANP/Reuters"},
      {"ANP", std::nullopt, "ANP"},
      {"2019-03-05", "2019-03-05", std::nullopt},
      {"2019-03-05T22:43:00+01:00", "2019-03-05T21:43:00Z", std::nullopt},
      {"March 5, 2019", "2019-03-05", std::nullopt},
      {"By John Smith | March 5, 2019 10:43 PM", "2019-03-05T22:43:00", "John Smith"},
      {"5 Mar 2019", "2019-03-05", std::nullopt},
      {"Tuesday, 5 March 2019, 08:00 GMT", "2019-03-05T08:00:00", std::nullopt},
      {"di 5 mrt 2019, 14.02 uur", "2019-03-05T14:02:00", std::nullopt},
      {"05-03-2019 22:43", "2019-03-05T22:43:00", std::nullopt},
      {"3 uur geleden", "2019-03-06T07:00:00Z", std::nullopt},
      {"Door Anna Bakker · gisteren 14:02", "2019-03-05T14:02:00", "Anna Bakker"},
      {"Door Jan Jansen en Els van der Berg - 5 maart 2019", "2019-03-05",
       "Jan Jansen en Els van der Berg"},
      {"Door Redactie Buitenland · 5 maart 2019", "2019-03-05", "Redactie Buitenland"},
      {"Tekst: Karin de Groot | Leestijd 4 minuten", std::nullopt, "Karin de Groot"},
      {"Jan de Vries \xC2\xB7 5 maart 2019, 22:43", "2019-03-05T22:43:00", "Jan de Vries"},
      {"Foto: ANP", std::nullopt, std::nullopt},
      {"Leestijd: 3 minuten", std::nullopt, std::nullopt},
      {"Laatste update: 22:43", std::nullopt, std::nullopt},
      {"Correspondent Kees Klaassen \xE2\x80\x94 12 maart 2019", "2019-03-12", "Kees Klaassen"},
      {"Geplaatst op 05-03-2019 om 22:43 door Jan de Vries", "2019-03-05T22:43:00", "Jan de Vries"},
      {"Published: 05/03/2019 22:43 | Updated: 06/03/2019", "2019-03-05T22:43:00", std::nullopt},
      {"Door Jan de Vries | Foto: Reuters | 5 maart 2019", "2019-03-05", "Jan de Vries"},
  };
  for (const Shape& s : shapes) {
    auto m = MatchByline(s.line, kCrawl);
    ASSERT_TRUE(m) << s.line;
    EXPECT_EQ(m->published, s.published) << s.line;
    EXPECT_EQ(m->author, s.author) << s.line;
  }
}

TEST(MatchByline, RelativeDatesNeedTheCrawlTime) {
  auto m = MatchByline("Door Anna Bakker · gisteren 14:02");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->published, std::nullopt);
  EXPECT_EQ(m->author, "Anna Bakker");
}

TEST(MatchByline, SentencesAndHeadlinesAreNotBylines) {
  for (std::string_view line : {
           "Door de storm vielen op 5 maart 2019 twee doden",
           "Rusland uitgenodigd voor nieuw overleg",
           "Op 5 maart 2019 besloot het kabinet tot uitstel.",
           "Door het lint",
           "Redactie van de krant krijgt nieuwe hoofdredacteur na vertrek",
           "ANALYSE",
           "Maart 2019 was de natste maand ooit",
           "Home › Nieuws › Buitenland",
           "Jan de Vries",
           "Van Gaal ontslagen bij Manchester United",
           "Jan de Vries wint de Tour",
       }) {
    EXPECT_FALSE(MatchByline(line, kCrawl)) << line;
  }
}

TEST(ParseBylineDate, ReadsAWholeDate) {
  EXPECT_EQ(ParseBylineDate("dinsdag 5 maart 2019"), "2019-03-05");
  EXPECT_EQ(ParseBylineDate("12-03-19 08:15"), "2019-03-12T08:15:00");
  EXPECT_EQ(ParseBylineDate("5 maart 2019 is een dinsdag"), std::nullopt);
  EXPECT_EQ(ParseBylineDate("31 februari 2019"), std::nullopt);
}

}  // namespace
}  // namespace wirewatch
