// Date strings from metadata (JSON-LD, meta tags, JSONL fields, WARC headers) to ISO 8601.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace wirewatch {

// Accepts ISO 8601 dates and date-times ("2022-01-21", "2022-01-21T14:05:00Z",
// "2022-01-21T14:05:00+01:00", "2022-01-21 14:05"), RFC 1123 ("Fri, 21 Jan 2022 14:05:00 GMT"),
// and Dutch/English "21 januari 2022" / "January 21, 2022". Returns "YYYY-MM-DD" or
// "YYYY-MM-DDTHH:MM:SSZ" (UTC when an offset is given, else the time as written), or nothing
// when the string is not a plausible date.
std::optional<std::string> NormalizeDate(std::string_view text);

}  // namespace wirewatch

namespace wirewatch {

// Seconds since the Unix epoch for a value NormalizeDate produced (a date alone is midnight UTC;
// a time without an offset is taken as UTC).
std::optional<int64_t> ToUnixSeconds(std::string_view iso);

// "YYYY-MM-DDTHH:MM:SSZ".
std::string FormatUnixSeconds(int64_t seconds);

// Whether `s` has the shape "YYYY-MM-DD" (digits and dashes; the calendar is not checked): what
// the query filters (--from, from=) accept.
bool IsIsoDayShape(std::string_view s);

}  // namespace wirewatch
