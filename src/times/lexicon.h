// Internal to src/times: the closed Dutch word lists the temporal tagger matches on.
//
// One sorted table of (lower-case word, class, two small payloads); a word may be in several
// classes ("morgen" is a day word and a part of the day; "begin" a modifier and a preposition).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace wirewatch::times_internal {

enum class Lex : uint8_t {
  kMonth,              // value: 1..12
  kMonthAbbr,          // value: 1..12; only counts after a day number ("24 feb. 2022")
  kWeekday,            // value: 1 (maandag) .. 7 (zondag), ISO numbering
  kDayWord,            // value: day offset from the anchor; extra: PartOfDay
  kPartOfDayGenitive,  // "avonds" in "'s avonds"; value: PartOfDay
  kPartOfDayNoun,      // "avond" in "vrijdagavond"; value: PartOfDay
  kSeason,             // value: Season
  kRelative,       // value: -1 last, 0 this, +1 next; extra: 1 can open a duration, 2 demonstrative
  kUnit,           // value: Unit; extra: 1 plural
  kVagueDuration,  // "jarenlang"; value: Unit
  kNumberWord,     // value: the number; -1 some (X), -2 one and a half
  kPartModifier,   // value: 1 begin, 2 middle, 3 end
  kVagueRef,       // value: 1 PRESENT_REF, 2 PAST_REF, 3 FUTURE_REF
  kPastVerb,       // finite past-tense verb forms common in news
  kPerfectAux,     // heeft/hebben/is/zijn: past when a participle follows in the clause
  kFutureAux,      // zal/zullen
  kFutureWord,     // gepland, verwacht: a scheduled event
  kBoundary,       // conjunctions and relative pronouns that start a clause
  kTemporalPrep,   // before a bare year or month; value 2 strong, 1 weak (needs support)
  kDurationSuffix,  // "lang" in "drie jaar lang"
  kAgo,             // "geleden"
  kRelativeSuffix,  // "later", "oud": a number + unit that is not a duration of its own
  kApprox,          // words that may precede a duration; extra: 1 "al", 2 preposition
  kPastSuffix,      // "jl." (jongstleden)
  kFutureSuffix,    // "a.s." (aanstaande)
  kWeekend,         // weekend, weekeinde
  kTijd,            // "tijd" in "de afgelopen tijd"
  kClockPrep,       // "om" before a clock time
  kYearBlocker,     // "euro", "mensen": a 4-digit number before them is a count, not a year
  kPresentVerb,     // finite present forms ("wordt", "komt", "moet"): the clause has a tense
  kHabitual,        // "altijd", "meestal": a weekday in the clause recurs (a TIMEX3 set)
};

enum PartOfDay : int8_t { kNoPart = 0, kMorning, kMidday, kAfternoon, kEvening, kNight };
enum Season : int8_t { kSpring = 0, kSummer, kFall, kWinter };
enum Unit : int8_t {
  kNoUnit = 0,
  kSecond,
  kMinute,
  kHour,
  kDay,
  kWeek,
  kMonthUnit,
  kYear,
  kDecade,
  kCentury
};
enum Ref : int8_t { kNoRef = 0, kPresentRef, kPastRef, kFutureRef };

struct LexEntry {
  std::string_view word;
  Lex cls;
  int8_t value;
  int8_t extra;
};

// All entries for `lower_word` (already lower-cased, without a final period); empty if none.
std::span<const LexEntry> LookUp(std::string_view lower_word);

// The entry of class `cls` for `lower_word`, or nullptr.
const LexEntry* Find(std::string_view lower_word, Lex cls);

}  // namespace wirewatch::times_internal
