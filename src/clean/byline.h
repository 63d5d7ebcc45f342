// Bylines and date lines: the line under a headline that says who wrote the article and when
// ("Door Jan de Vries · 5 maart 2019, 22:43", "Bijgewerkt: 5 mrt. 2019 om 22:43",
// "Van onze verslaggever", "ANP/Reuters", "March 5, 2019", "3 uur geleden").
//
//   if (auto b = MatchByline(line, page.crawl_time)) { ... b->published, b->author ... }
//
// A line is a byline only when every part of it is one of the recognised pieces (author credit,
// agency list, date, time, relative age, update/publication label, separator); a sentence that
// merely contains a date is not. Both page cleaners use it so that such lines are never taken
// as a title or a paragraph. The words (months, weekdays, labels, credits) are data tables in
// byline.cc. Thread-safe; no global state.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace wirewatch {

struct BylineMatch {
  // Publication date: "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS" (local time as written). Where the
  // line gives both a publication and an update date, the publication date; where it gives only
  // an update date, that one. Relative dates ("3 uur geleden", "gisteren 14:02") need
  // `crawl_time`; without it they give no date.
  std::optional<std::string> published;
  // The person or desk credited ("Jan de Vries", "Redactie", "ANP/Reuters"); nothing for an
  // anonymous credit ("Van onze verslaggever", "Door onze correspondent").
  std::optional<std::string> author;
};

// Longest line considered: bylines are short.
inline constexpr size_t kMaxBylineBytes = 200;

// `line`: one line of text, spaces already collapsed. `crawl_time`: ISO 8601 or empty.
std::optional<BylineMatch> MatchByline(std::string_view line, std::string_view crawl_time = {});

// A date with day, month and year anywhere in the forms MatchByline reads, for a whole string
// ("dinsdag 5 maart 2019", "12-03-19 08:15"). Same output format as BylineMatch::published.
std::optional<std::string> ParseBylineDate(std::string_view text, std::string_view crawl_time = {});

}  // namespace wirewatch
