// Internal to src/times: proleptic Gregorian day arithmetic, ISO weeks, seasons and the
// Amsterdam UTC offset, all on plain integers (days since 1970-01-01) so resolution is cheap.
#pragma once

#include <cstdint>
#include <string>

namespace wirewatch::times_internal {

struct CivilDate {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31
};

int64_t DaysFromCivil(int year, int month, int day);
CivilDate CivilFromDays(int64_t days);
bool IsLeapYear(int year);
int DaysInMonth(int year, int month);
// 1 = Monday .. 7 = Sunday.
int IsoWeekday(int64_t days);
// ISO 8601 week-numbering year and week (1..53) of a day.
void IsoWeek(int64_t days, int* iso_year, int* week);
// Seconds to add to a UTC instant to get Dutch civil time: +2 h from the last Sunday of March
// 01:00 UTC to the last Sunday of October 01:00 UTC (EU summer time), else +1 h.
int64_t AmsterdamOffsetSeconds(int64_t utc_seconds);

// TIMEX3-style value strings.
std::string FormatDay(int64_t days);           // 2022-01-21
std::string FormatWeek(int64_t days);          // 2022-W03 (the ISO week holding the day)
std::string FormatMonth(int year, int month);  // 2022-01
std::string FormatYear(int year);              // 2022

}  // namespace wirewatch::times_internal
