// Dutch temporal expressions ("vrijdag", "vorige week", "eind vorig jaar", "24 februari",
// "14.30 uur", "de afgelopen dagen") found in a text and resolved to TIMEX3-style values.
//
//   std::vector<Token> tokens = Tokenize(doc.text);
//   doc.times = FindTimes(doc.text, tokens, TimeAnchor(doc));        // anchor: "2022-01-12"
//   // "Ze spraken vrijdag." -> {span, "vrijdag", "2022-01-07"}
//
// Contract (details and every value form with examples: docs/times.md):
// - Spans are byte offsets into `text`, in text order, never overlapping; `text` of an
//   expression is the text as written (it may include "sinds", an article or "ruim").
// - `value` follows TIMEX3 (as HeidelTime writes it): 2022-01-14, 2022-01-14TEV (evening),
//   2022-01-14T14:30, 2022-W02, 2022-W02-WE (weekend), 2022-01, 2021-Q4, 2021-FA (autumn), 2022,
//   199 (the 1990s), P3D / PXD / PT1H (durations), PRESENT_REF / PAST_REF / FUTURE_REF.
// - A value that needs the anchor is null when there is none: nothing is ever guessed.
//   Durations, explicit dates ("24-02-2022", "november 2022") and vague references need none.
// - Weekdays and dates without a year are resolved by the tense of their clause: past or
//   perfect -> the latest on or before the anchor, future ("zal", "gaat ... praten", "komen
//   ... samen") -> the first on or after it, present -> the nearest.
// - The anchor is the publication date or date-time (any form NormalizeDate accepts); a
//   date-time is taken as UTC and moved to Dutch civil time before its date is used.
//
// Thread-safety: all functions are pure; the word tables are immutable. No exceptions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "text/tokenizer.h"

namespace wirewatch {

// All temporal expressions in `text`. `tokens` must be Tokenize(text). `anchor`: see above.
std::vector<TimeExpression> FindTimes(std::string_view text, const std::vector<Token>& tokens,
                                      const std::optional<std::string>& anchor);

// The anchor for a record: its publication date, else (briefs) the crawl time minus the
// brief's age when both are known, else nothing.
std::optional<std::string> TimeAnchor(const Document& doc);

// The value of the first expression in `phrase` (tokenised here), or nothing when none is
// found or it cannot be resolved. For tests and callers holding a single phrase.
std::optional<std::string> ResolveTime(std::string_view phrase,
                                       const std::optional<std::string>& anchor);

// For the event coder: the date that governs `clause` (a byte span of the same text): the
// most precise calendar value among the expressions inside it, as plain ISO 8601 (a day
// 2022-01-14, a week 2022-W02, a month 2022-01 or a year 2022: part-of-day and clock times
// are cut to their day, weekends to their week, quarters and seasons to their year, decades
// dropped). Start points ("sinds 2019"), durations and vague references never govern a
// clause. Returns `fallback` (typically the record's publication date) when none does.
std::optional<std::string> DateForSpan(const std::vector<TimeExpression>& times, ByteSpan clause,
                                       const std::optional<std::string>& fallback);

}  // namespace wirewatch
