// Calendar arithmetic for the temporal tagger. Hand-written (Howard Hinnant's civil-day
// algorithms) because std::chrono's calendar types in GCC 12 lack time-zone support anyway and
// these few integer functions are all resolution needs.
#include "times/calendar.h"

#include <cstdio>

namespace wirewatch::times_internal {

int64_t DaysFromCivil(int year, int month, int day) {
  int64_t y = year - (month <= 2 ? 1 : 0);
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate CivilFromDays(int64_t z) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  CivilDate c;
  c.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  c.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  c.year = static_cast<int>(yoe + era * 400 + (c.month <= 2 ? 1 : 0));
  return c;
}

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

int IsoWeekday(int64_t days) {
  // 1970-01-01 was a Thursday.
  int64_t r = (days + 3) % 7;
  if (r < 0) r += 7;
  return static_cast<int>(r) + 1;
}

void IsoWeek(int64_t days, int* iso_year, int* week) {
  // The ISO year of a week is the year of its Thursday.
  int64_t thursday = days - (IsoWeekday(days) - 1) + 3;
  int year = CivilFromDays(thursday).year;
  *iso_year = year;
  *week = static_cast<int>((thursday - DaysFromCivil(year, 1, 1)) / 7 + 1);
}

namespace {

int64_t LastSundayUtcOneAm(int year, int month) {
  int64_t last = DaysFromCivil(year, month, DaysInMonth(year, month));
  last -= IsoWeekday(last) % 7;  // back to Sunday (weekday 7 -> 0 steps)
  return last * 86400 + 3600;
}

}  // namespace

int64_t AmsterdamOffsetSeconds(int64_t utc_seconds) {
  int64_t days = utc_seconds >= 0 ? utc_seconds / 86400 : (utc_seconds - 86399) / 86400;
  int year = CivilFromDays(days).year;
  bool summer =
      utc_seconds >= LastSundayUtcOneAm(year, 3) && utc_seconds < LastSundayUtcOneAm(year, 10);
  return summer ? 7200 : 3600;
}

std::string FormatDay(int64_t days) {
  CivilDate c = CivilFromDays(days);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
  return buf;
}

std::string FormatWeek(int64_t days) {
  int year = 0, week = 0;
  IsoWeek(days, &year, &week);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-W%02d", year, week);
  return buf;
}

std::string FormatMonth(int year, int month) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  return buf;
}

std::string FormatYear(int year) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d", year);
  return buf;
}

}  // namespace wirewatch::times_internal
