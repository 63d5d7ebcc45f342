// NormalizeDate, ToUnixSeconds and FormatUnixSeconds.
#include "core/dates.h"

#include <gtest/gtest.h>

namespace wirewatch {
namespace {

TEST(NormalizeDateTest, IsoDatesAndTimes) {
  EXPECT_EQ(NormalizeDate("2022-01-21"), "2022-01-21");
  EXPECT_EQ(NormalizeDate("  2022-01-21\n"), "2022-01-21");
  EXPECT_EQ(NormalizeDate("2022-01-21T14:05:00Z"), "2022-01-21T14:05:00Z");
  EXPECT_EQ(NormalizeDate("2022-01-21T14:05:00.123Z"), "2022-01-21T14:05:00Z");
  EXPECT_EQ(NormalizeDate("2022-01-21 14:05"), "2022-01-21T14:05:00");
  EXPECT_EQ(NormalizeDate("2022-01-21T14:05:00"), "2022-01-21T14:05:00");
}

TEST(NormalizeDateTest, OffsetsAreConvertedToUtc) {
  EXPECT_EQ(NormalizeDate("2022-01-21T14:05:00+01:00"), "2022-01-21T13:05:00Z");
  EXPECT_EQ(NormalizeDate("2022-01-21T14:05:00-0530"), "2022-01-21T19:35:00Z");
  EXPECT_EQ(NormalizeDate("2022-01-01T00:30:00+01:00"), "2021-12-31T23:30:00Z");
  EXPECT_EQ(NormalizeDate("2021-12-31T23:30:00-01:00"), "2022-01-01T00:30:00Z");
  EXPECT_EQ(NormalizeDate("2024-02-29T00:00:00+02"), "2024-02-28T22:00:00Z");
}

TEST(NormalizeDateTest, ImpossibleOffsetsDropTheTime) {
  // The date is still right; a time with a damaged offset cannot be placed, so it is dropped.
  EXPECT_EQ(NormalizeDate("2022-01-21T14:05:00+99:00"), "2022-01-21");
  EXPECT_EQ(NormalizeDate("2022-01-21T14:05:00+01:75"), "2022-01-21");
  EXPECT_EQ(ToUnixSeconds("2022-01-21T14:05:00+99:00"), 1642723200);
}

TEST(NormalizeDateTest, Rfc1123) {
  EXPECT_EQ(NormalizeDate("Fri, 21 Jan 2022 14:05:00 GMT"), "2022-01-21T14:05:00Z");
  EXPECT_EQ(NormalizeDate("Fri, 21 Jan 2022 14:05:00 +0100"), "2022-01-21T13:05:00Z");
}

TEST(NormalizeDateTest, DutchAndEnglishWords) {
  EXPECT_EQ(NormalizeDate("21 januari 2022"), "2022-01-21");
  EXPECT_EQ(NormalizeDate("vrijdag 21 januari 2022, 14:05"), "2022-01-21T14:05:00");
  EXPECT_EQ(NormalizeDate("3 mrt 2021"), "2021-03-03");
  EXPECT_EQ(NormalizeDate("12 okt. 2020"), "2020-10-12");
  EXPECT_EQ(NormalizeDate("January 21, 2022"), "2022-01-21");
  EXPECT_EQ(NormalizeDate("21-01-2022"), "2022-01-21");
  EXPECT_EQ(NormalizeDate("21.01.2022"), "2022-01-21");
}

TEST(NormalizeDateTest, NotDates) {
  for (std::string_view s : {"", "gisteren", "2022", "2022-13-01", "2022-02-30", "2021-02-29",
                             "31 april 2022", "1750-01-01", "2022-01-21T25:00:00Z",
                             "2022-01-21T23:61:00Z", "januari", "21 januari",
                             "een heel lange zin die geen datum is maar wel 2022 en januari noemt "
                             "en nog veel meer woorden"}) {
    EXPECT_EQ(NormalizeDate(s), std::nullopt) << s;
  }
}

TEST(NormalizeDateTest, LeapDays) {
  EXPECT_EQ(NormalizeDate("2024-02-29"), "2024-02-29");
  EXPECT_EQ(NormalizeDate("2000-02-29"), "2000-02-29");
  EXPECT_EQ(NormalizeDate("1900-02-29"), std::nullopt);
}

TEST(ToUnixSecondsTest, Values) {
  EXPECT_EQ(ToUnixSeconds("1970-01-01"), 0);
  EXPECT_EQ(ToUnixSeconds("1970-01-01T00:00:01Z"), 1);
  EXPECT_EQ(ToUnixSeconds("2022-01-21T14:05:00Z"), 1642773900);
  EXPECT_EQ(ToUnixSeconds("2022-01-21T15:05:00+01:00"), 1642773900);
  EXPECT_EQ(ToUnixSeconds("2022-01-21T14:05:00"), 1642773900);  // no offset: taken as UTC
  EXPECT_EQ(ToUnixSeconds("2022-01-21"), 1642723200);
  EXPECT_EQ(ToUnixSeconds("1969-12-31T23:59:59Z"), -1);
  EXPECT_EQ(ToUnixSeconds("geen datum"), std::nullopt);
  EXPECT_EQ(ToUnixSeconds("2022-02-30"), std::nullopt);
}

TEST(FormatUnixSecondsTest, Values) {
  EXPECT_EQ(FormatUnixSeconds(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatUnixSeconds(1642773900), "2022-01-21T14:05:00Z");
  EXPECT_EQ(FormatUnixSeconds(-1), "1969-12-31T23:59:59Z");
  EXPECT_EQ(FormatUnixSeconds(951782400), "2000-02-29T00:00:00Z");
}

TEST(FormatUnixSecondsTest, RoundTripsAndBriefAges) {
  for (int64_t t : {int64_t{0}, int64_t{1642773900}, int64_t{-86401}, int64_t{4102444799}})
    EXPECT_EQ(ToUnixSeconds(FormatUnixSeconds(t)), t);
  // A brief "39 minuten geleden" on a page crawled at 14:05 was published at 13:26.
  EXPECT_EQ(FormatUnixSeconds(*ToUnixSeconds("2022-01-21T14:05:00Z") - 2340),
            "2022-01-21T13:26:00Z");
  // Across midnight and a year boundary.
  EXPECT_EQ(FormatUnixSeconds(*ToUnixSeconds("2022-01-01T00:30:00Z") - 3600),
            "2021-12-31T23:30:00Z");
}

}  // namespace
}  // namespace wirewatch
