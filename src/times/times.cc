// The temporal tagger: hand-written rules over tokens, tried longest-first at each token.
//
// Why rules over tokens and no regex: the expressions are short, built from closed word lists
// (lexicon.cc), and the tokenizer already gives words, numbers and sentence starts with byte
// spans; one left-to-right pass with table lookups costs a few hundred nanoseconds per sentence.
// Resolution needs the tense of the clause around an expression; that is guessed from closed
// lists of past-tense forms, auxiliaries and future markers, which is enough to choose between
// the previous and the next "vrijdag".
#include "times/times.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <tuple>

#include "core/dates.h"
#include "times/calendar.h"
#include "times/lexicon.h"

namespace wirewatch {
namespace {

using times_internal::AmsterdamOffsetSeconds;
using times_internal::CivilDate;
using times_internal::CivilFromDays;
using times_internal::DaysFromCivil;
using times_internal::DaysInMonth;
using times_internal::Find;
using times_internal::FormatDay;
using times_internal::FormatMonth;
using times_internal::FormatWeek;
using times_internal::FormatYear;
using times_internal::IsoWeekday;
using times_internal::Lex;
using times_internal::LexEntry;
using times_internal::LookUp;

constexpr size_t kMaxWordBytes = 40;
constexpr size_t kMaxReach = 64;  // tokens either side scanned for a clause's tense
constexpr int64_t kSecondsPerDay = 86400;

enum class Tense : uint8_t { kPresent, kPast, kFuture };

// TIMEX3 part-of-day codes, indexed by times_internal::PartOfDay.
constexpr const char* kPartCodes[] = {"", "MO", "MI", "AF", "EV", "NI"};
// TIMEX3 season codes, indexed by times_internal::Season.
constexpr const char* kSeasonCodes[] = {"SP", "SU", "FA", "WI"};
// TIMEX3 duration unit letters, indexed by times_internal::Unit.
constexpr const char* kUnitCodes[] = {"", "S", "M", "H", "D", "W", "M", "Y", "DE", "CE"};
constexpr const char* kRefValues[] = {"", "PRESENT_REF", "PAST_REF", "FUTURE_REF"};

int64_t FloorDiv(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

// The anchor's Dutch civil day, or nothing.
std::optional<int64_t> AnchorDay(const std::optional<std::string>& anchor) {
  if (!anchor) return std::nullopt;
  std::optional<std::string> iso = NormalizeDate(*anchor);
  if (!iso) return std::nullopt;
  if (iso->size() > 10) {
    std::optional<int64_t> seconds = ToUnixSeconds(*iso);
    if (!seconds) return std::nullopt;
    return FloorDiv(*seconds + AmsterdamOffsetSeconds(*seconds), kSecondsPerDay);
  }
  int y = 0, m = 0, d = 0;
  if (std::sscanf(iso->c_str(), "%d-%d-%d", &y, &m, &d) != 3) return std::nullopt;
  return DaysFromCivil(y, m, d);
}

// A calendar period a phrase names, before formatting.
enum class Gran : uint8_t { kDay, kWeek, kWeekend, kMonth, kQuarter, kSeason, kYear, kDecade };

struct Period {
  Gran gran = Gran::kDay;
  int64_t day = 0;  // kDay, kWeek, kWeekend: a day inside it
  int year = 0;     // kMonth, kQuarter, kSeason, kYear; kDecade: first year
  int month = 0;    // kMonth
  int index = 0;    // kQuarter: 1..4; kSeason: Season
};

std::string FormatPeriod(const Period& p) {
  char buf[24];
  switch (p.gran) {
    case Gran::kDay:
      return FormatDay(p.day);
    case Gran::kWeek:
      return FormatWeek(p.day);
    case Gran::kWeekend:
      return FormatWeek(p.day) + "-WE";
    case Gran::kMonth:
      return FormatMonth(p.year, p.month);
    case Gran::kQuarter:
      std::snprintf(buf, sizeof buf, "%04d-Q%d", p.year, p.index);
      return buf;
    case Gran::kSeason:
      return FormatYear(p.year) + "-" + kSeasonCodes[p.index];
    case Gran::kYear:
      return FormatYear(p.year);
    case Gran::kDecade:
      std::snprintf(buf, sizeof buf, "%03d", p.year / 10);
      return buf;
  }
  return {};
}

// "begin"/"eind" of a year narrow it to its first or last quarter; other periods keep their
// value (TIMEX3 would carry the modifier in mod="START"/"END", which the record has no field
// for).
Period ApplyPartModifier(Period p, int modifier) {
  if (p.gran == Gran::kYear && (modifier == 1 || modifier == 3)) {
    p.gran = Gran::kQuarter;
    p.index = modifier == 1 ? 1 : 4;
  }
  return p;
}

// A season occurrence as a running number: year * 4 + season, where winter belongs to the year
// its December is in.
int SeasonIndexOf(int64_t day) {
  CivilDate c = CivilFromDays(day);
  if (c.month <= 2) return (c.year - 1) * 4 + 3;
  return c.year * 4 + (c.month - 3) / 3;
}

// Picks among the occurrences `k * period + phase` the one `direction` asks for relative to
// `now`: -1 the latest before (or at, unless strict), +1 the first after, 0 the nearest.
int64_t PickOccurrence(int64_t now, int64_t phase, int64_t period, int direction, bool strict) {
  int64_t at_or_before = now - ((now - phase) % period + period) % period;
  int64_t before = strict && at_or_before == now ? at_or_before - period : at_or_before;
  int64_t at_or_after = at_or_before == now ? now : at_or_before + period;
  int64_t after = strict && at_or_after == now ? at_or_after + period : at_or_after;
  if (direction < 0) return before;
  if (direction > 0) return after;
  return now - at_or_before <= at_or_after - now ? at_or_before : at_or_after;
}

int Direction(Tense tense) { return tense == Tense::kPast ? -1 : tense == Tense::kFuture ? 1 : 0; }

bool IsAsciiLetters(std::string_view w) {
  for (char c : w) {
    if (c < 'a' || c > 'z') return false;
  }
  return !w.empty();
}

bool StartsWith(std::string_view w, std::string_view p) { return w.substr(0, p.size()) == p; }
bool EndsWith(std::string_view w, std::string_view s) {
  return w.size() >= s.size() && w.substr(w.size() - s.size()) == s;
}

// A past participle by its shape (ge-...-d/t/en, be-/ver-/ont-/her-/er-...-d/t), minus the
// nouns of that shape that news text is full of.
bool LooksLikeParticiple(std::string_view w) {
  static constexpr std::string_view kNouns[] = {
      "bericht",        "beleid",    "besluit",   "bezit",     "gebied",    "gedicht",
      "gelaat",         "geluid",    "gerecht",   "gericht",   "gesticht",  "gevecht",
      "geweld",         "gewicht",   "gezicht",   "gezond",    "verband",   "verbod",
      "verschil",       "verzet",    "verleden",  "gebed",     "begroting", "gesprekken",
      "gevechten",      "gebieden",  "gevolgen",  "gebouwen",  "geluiden",  "geheimen",
      "gemeenten",      "getuigen",  "gedachten", "geruchten", "gezinnen",  "gebreken",
      "gedeelten",      "gelden",    "geboorten", "gewoonten", "gewonden",  "genen",
      "gebeurtenissen", "gedichten", "gerechten", "gewichten", "gezichten", "berichten",
      "besluiten"};
  if (w.size() < 5 || !IsAsciiLetters(w)) return false;
  for (std::string_view n : kNouns) {
    if (w == n) return false;
  }
  bool dt = w.back() == 'd' || w.back() == 't';
  if (StartsWith(w, "ge")) return dt || EndsWith(w, "en");
  // Separable verbs put "ge" after the particle: aangehouden, opgepakt, uitgevoerd.
  static constexpr std::string_view kParticles[] = {
      "aan",   "op",   "uit", "in",  "af", "mee",  "toe",   "vast", "door", "over",   "om",
      "terug", "voor", "weg", "bij", "na", "neer", "samen", "vrij", "los",  "binnen", "tegen"};
  for (std::string_view p : kParticles) {
    if (StartsWith(w, p) && w.substr(p.size(), 2) == "ge" && w.size() >= p.size() + 5)
      return dt || EndsWith(w, "en");
  }
  if (w.size() < 6) return false;
  return dt && (StartsWith(w, "be") || StartsWith(w, "ver") || StartsWith(w, "ont") ||
                StartsWith(w, "her") || StartsWith(w, "er"));
}

// A weak (regular) past-tense form by its ending: "keerde", "meldden", "maakte", "stopten".
// Only endings that adjectives and infinitives rarely have; "-de"/"-te" alone would take in
// "grote", "goede", "eerste".
bool LooksLikeWeakPast(std::string_view w) {
  // Singular endings, which with "n" also give the plural ("meldden"); endings whose plural
  // reads as a noun or an infinitive too ("antwoorden", "velden", "zetten") count only in the
  // singular.
  static constexpr std::string_view kEndings[] = {
      "eerde", "aalde", "eelde", "oelde", "aakte", "eekte", "ookte", "ikte", "opte", "apte",
      "ipte",  "upte",  "dde",   "emde",  "igde",  "orgde", "egde",  "uwde", "rkte", "ukte",
      "nkte",  "isde",  "uurde", "oerde", "olgde", "aagde", "oogde", "eegde"};
  static constexpr std::string_view kSingularOnly[] = {"oorde", "erde", "elde",  "iende", "oonde",
                                                       "eende", "ulde", "aarde", "ielde", "tte"};
  static constexpr std::string_view kExceptions[] = {"aarde",  "waarde", "witte", "natte",
                                                     "platte", "vette",  "gulde", "redde"};
  // "ge-" words of this shape are participles used as adjectives ("de gestelde vraag").
  if (w.size() < 5 || !IsAsciiLetters(w) || StartsWith(w, "ge")) return false;
  for (std::string_view e : kExceptions) {
    if (w == e) return false;
  }
  for (std::string_view e : kSingularOnly) {
    if (EndsWith(w, e)) return true;
  }
  std::string_view stem = w;
  if (stem.back() == 'n') stem.remove_suffix(1);
  if (stem.size() < 5) return false;
  for (std::string_view e : kEndings) {
    if (EndsWith(stem, e)) return true;
  }
  return false;
}

class Tagger {
 public:
  Tagger(std::string_view text, const std::vector<Token>& tokens, std::optional<int64_t> anchor)
      : text_(text), tokens_(tokens), anchor_(anchor) {
    words_.resize(tokens.size());
    verb_flags_.assign(tokens.size(), 0);
    // The whole text with ASCII letters folded, so a token's lower-case form is a view at its
    // own offset (one vectorisable pass instead of a copy per token).
    lower_storage_.resize(text.size());
    std::transform(text.begin(), text.end(), lower_storage_.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
    for (size_t i = 0; i < tokens.size(); ++i) Prepare(i);
  }

  std::vector<TimeExpression> Run() {
    std::vector<TimeExpression> out;
    for (size_t i = 0; i < tokens_.size();) {
      if (tokens_[i].Has(kSentenceStart)) sentence_day_.reset();
      if (!words_[i].candidate) {
        ++i;
        continue;
      }
      std::optional<Match> m = MatchAt(i);
      if (!m) {
        ++i;
        continue;
      }
      // "sinds 2019", "Sinds eind vorig jaar": the start point keeps its marker.
      if (m->begin > floor_ && (Is(m->begin - 1, "sinds") || Is(m->begin - 1, "sedert"))) {
        --m->begin;
      }
      if (m->day) sentence_day_ = m->day;
      TimeExpression t;
      t.span = {tokens_[m->begin].span.start, tokens_[m->end - 1].span.end};
      t.text = std::string(text_.substr(t.span.start, t.span.end - t.span.start));
      t.value = std::move(m->value);
      out.push_back(std::move(t));
      floor_ = i = m->end;
    }
    return out;
  }

 private:
  struct Word {
    std::span<const LexEntry> lex;
    uint32_t lower_at = 0;    // the lower-cased word in lower_storage_ (without an
    uint32_t lower_size = 0;  // abbreviation's period); empty for long or non-word tokens
    int number = -1;          // value of an all-digit token of at most 4 digits
    bool candidate = false;   // may start or anchor an expression
  };

  struct Match {
    size_t begin = 0;
    size_t end = 0;  // exclusive token index
    std::optional<std::string> value;
    std::optional<int64_t> day;  // the day it names, for later clock times in the sentence
  };

  struct PeriodParse {
    size_t end = 0;
    std::optional<Period> period;  // empty when it needs the anchor and there is none
  };

  static bool CanStart(const LexEntry& e) {
    switch (e.cls) {
      case Lex::kMonth:
      case Lex::kWeekday:
      case Lex::kDayWord:
      case Lex::kSeason:
      case Lex::kRelative:
      case Lex::kVagueDuration:
      case Lex::kNumberWord:
      case Lex::kPartModifier:
      case Lex::kVagueRef:
        return true;
      case Lex::kApprox:
        return e.value == 1;  // "al maanden"
      default:
        return false;
    }
  }

  void Prepare(size_t i) {
    const Token& t = tokens_[i];
    Word& w = words_[i];
    std::string_view s = TokenText(text_, t);
    if (t.kind == TokenKind::kNumber) {
      if (s.size() <= 4 &&
          std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        w.number = 0;
        for (char c : s) w.number = w.number * 10 + (c - '0');
      }
      w.candidate = true;
      return;
    }
    if (t.kind != TokenKind::kWord && t.kind != TokenKind::kAbbreviation) return;
    if (t.kind == TokenKind::kAbbreviation && !s.empty() && s.back() == '.') s.remove_suffix(1);
    if (s.size() > kMaxWordBytes) return;
    w.lower_at = t.span.start;
    w.lower_size = static_cast<uint32_t>(s.size());
    std::string_view lower = Lower(i);
    w.lex = LookUp(lower);
    // Only words that can open an expression are tried as its start; the rest ("de", "in",
    // "zei") are context the matchers look at. Weekday compounds ("vrijdagavond") are not
    // listed word by word.
    for (const LexEntry& e : w.lex) w.candidate = w.candidate || CanStart(e);
    w.candidate = w.candidate || t.Has(kElision) || lower == "des" || lower == "later" ||
                  lower == "jaren" || (lower.size() > 9 && WeekdayCompound(lower).first != 0);
  }

  // The token's word in lower case (ASCII letters folded), or empty for non-words.
  std::string_view Lower(size_t i) const {
    if (i >= words_.size()) return {};
    return std::string_view(lower_storage_).substr(words_[i].lower_at, words_[i].lower_size);
  }

  bool Is(size_t i, std::string_view lower) const {
    return i < tokens_.size() && Lower(i) == lower;
  }

  const LexEntry* Get(size_t i, Lex cls) const {
    if (i >= words_.size()) return nullptr;
    for (const LexEntry& e : words_[i].lex) {
      if (e.cls == cls) return &e;
    }
    return nullptr;
  }

  bool Capitalized(size_t i) const { return tokens_[i].Has(kCapitalized); }
  bool SentenceStart(size_t i) const { return tokens_[i].Has(kSentenceStart); }
  // Capitalised where a common word would not be: a name ("Mei Li", "Jan Vrijdag").
  bool NameLike(size_t i) const {
    if (!Capitalized(i) || SentenceStart(i) || tokens_[i].Has(kAllCaps)) return false;
    return true;
  }
  // Token i continues the sentence of token i-1.
  bool Continues(size_t i) const { return i < tokens_.size() && !tokens_[i].Has(kSentenceStart); }

  // "vrijdagavond" -> {5, kEvening}; {0, 0} when not a weekday compound.
  static std::pair<int, int> WeekdayCompound(std::string_view lower) {
    static constexpr std::string_view kDays[] = {"maandag", "dinsdag",  "woensdag", "donderdag",
                                                 "vrijdag", "zaterdag", "zondag"};
    for (int d = 0; d < 7; ++d) {
      if (lower.size() > kDays[d].size() && StartsWith(lower, kDays[d])) {
        const LexEntry* part = Find(lower.substr(kDays[d].size()), Lex::kPartOfDayNoun);
        if (part) return {d + 1, part->value};
        return {0, 0};
      }
    }
    return {0, 0};
  }

  // ---- tense -------------------------------------------------------------------------------

  bool ClauseBreak(size_t i) const {
    switch (tokens_[i].kind) {
      case TokenKind::kPunctuation:
      case TokenKind::kOpenQuote:
      case TokenKind::kCloseQuote:
      case TokenKind::kOpenBracket:
      case TokenKind::kCloseBracket:
      case TokenKind::kEllipsis:
        return true;
      default:
        return false;
    }
  }

  // Past, future, or nothing found in tokens [a, b).
  // What token k says about tense, worked out once per token (an expression's clause and its
  // neighbours' overlap): bits of kVerb*.
  enum : uint16_t {
    kVerbFuture = 1 << 0,      // zal, zullen, gepland, verwacht
    kVerbPast = 1 << 1,        // zei, keerde, toen
    kVerbPresent = 1 << 2,     // is, wordt, komt
    kVerbAux = 1 << 3,         // heeft, is, zijn
    kVerbParticiple = 1 << 4,  // gestuurd, aangehouden
    kVerbGaan = 1 << 5,        // "gaan" (with an auxiliary before it: a perfect)
    kVerbGo = 1 << 6,          // gaat/gaan not followed by "om", "over", "het" ...
    kVerbCome = 1 << 7,        // komt, komen
    kVerbTogether = 1 << 8,    // samen, bijeen
    kVerbKnown = 1 << 15,
  };

  uint16_t VerbFlags(size_t k) const {
    uint16_t& f = verb_flags_[k];
    if (f & kVerbKnown) return f;
    f = kVerbKnown;
    std::string_view w = Lower(k);
    if (w.empty()) return f;
    if (Get(k, Lex::kFutureAux) || Get(k, Lex::kFutureWord)) f |= kVerbFuture;
    if (Get(k, Lex::kPastVerb) || w == "toen" || LooksLikeWeakPast(w)) f |= kVerbPast;
    if (Get(k, Lex::kPresentVerb) || w == "is") f |= kVerbPresent;
    if (Get(k, Lex::kPerfectAux)) f |= kVerbAux;
    if (LooksLikeParticiple(w)) f |= kVerbParticiple;
    if (w == "gaan") f |= kVerbGaan;
    if ((w == "gaat" || w == "gaan") &&
        !(Is(k + 1, "om") || Is(k + 1, "over") || Is(k + 1, "het") || Is(k + 1, "er") ||
          Is(k + 1, "goed") || Is(k + 1, "mis")))
      f |= kVerbGo;
    if (w == "komt" || w == "komen") f |= kVerbCome;
    if (w == "samen" || w == "bijeen") f |= kVerbTogether;
    return f;
  }

  // Past, future, present, or nothing found in tokens [a, b).
  std::optional<Tense> Evidence(size_t a, size_t b) const {
    bool past = false, future = false, aux = false, participle = false, present = false;
    bool go = false, come = false, together = false;
    std::string_view last = Lower(b - 1);
    // "gaat vrijdag praten": only with an infinitive closing the clause.
    bool infinitive_last = EndsWith(last, "en") && last.size() >= 5;
    for (size_t k = a; k < b; ++k) {
      uint16_t f = VerbFlags(k);
      if (f == kVerbKnown) continue;
      if ((f & kVerbGaan) && aux) {
        participle = true;  // "is ... gaan roken": a perfect, the infinitive standing in
        continue;           // for the participle
      }
      future |= (f & kVerbFuture) != 0;
      past |= (f & kVerbPast) != 0;
      present |= (f & kVerbPresent) != 0;
      aux |= (f & kVerbAux) != 0;
      participle |= (f & kVerbParticiple) != 0;
      go |= (f & kVerbGo) && b - 1 > k && infinitive_last;
      come |= (f & kVerbCome) != 0;
      together |= (f & kVerbTogether) != 0;
    }
    if (future || go || (come && together)) return Tense::kFuture;
    if (past || (aux && participle)) return Tense::kPast;
    // A finite present verb settles it: the sentence's other clauses must not decide.
    if (present) return Tense::kPresent;
    return std::nullopt;
  }

  // The sentence holding token i, cut to kMaxReach tokens either side: tense evidence further
  // away is noise, and a text without sentence ends (hostile input, one 16 MB line) must not
  // make every expression rescan it.
  std::pair<size_t, size_t> SentenceAround(size_t i) const {
    size_t a = i, b = i + 1;
    size_t a_min = i > kMaxReach ? i - kMaxReach : 0;
    size_t b_max = std::min(tokens_.size(), i + 1 + kMaxReach);
    while (a > a_min && !SentenceStart(a)) --a;
    while (b < b_max && !SentenceStart(b)) ++b;
    return {a, b};
  }

  // The clause holding token i: from the previous punctuation, quote, bracket or clause word
  // ("dat", "die", "en", "maar" ...) to the next, within its sentence.
  std::pair<size_t, size_t> ClauseAround(size_t i) const {
    auto [sentence_begin, sentence_end] = SentenceAround(i);
    size_t a = i, b = i + 1;
    while (a > sentence_begin && !Get(a, Lex::kBoundary) && !ClauseBreak(a - 1)) --a;
    while (b < sentence_end && !ClauseBreak(b) && !Get(b, Lex::kBoundary)) ++b;
    return {a, b};
  }

  Tense TenseAt(size_t i) const {
    auto [sentence_begin, sentence_end] = SentenceAround(i);
    auto [a, b] = ClauseAround(i);
    if (std::optional<Tense> t = Evidence(a, b)) return *t;
    // A bracketed aside ("(Het Parool van woensdag)") does not share its sentence's tense.
    if (a > 0 && tokens_[a - 1].kind == TokenKind::kOpenBracket) return Tense::kPresent;
    if (std::optional<Tense> t = Evidence(sentence_begin, sentence_end)) return *t;
    return Tense::kPresent;
  }

  // ---- resolution --------------------------------------------------------------------------

  // Day of weekday `wd` (1..7) around the anchor; direction as in PickOccurrence.
  int64_t WeekdayDay(int wd, int direction, bool strict) const {
    // Day numbers with IsoWeekday == wd are those congruent to (wd - 4) mod 7.
    return PickOccurrence(*anchor_, wd - 4, 7, direction, strict);
  }

  std::optional<int64_t> DayMonthDay(int month, int day, int direction, int weekday) const {
    CivilDate a = CivilFromDays(*anchor_);
    std::vector<int64_t> candidates;
    for (int y = a.year - 1; y <= a.year + 1; ++y) {
      if (day <= DaysInMonth(y, month)) candidates.push_back(DaysFromCivil(y, month, day));
    }
    if (weekday) {
      std::vector<int64_t> fitting;
      for (int64_t c : candidates) {
        if (IsoWeekday(c) == weekday) fitting.push_back(c);
      }
      if (fitting.size() == 1) return fitting[0];
    }
    if (candidates.empty()) return std::nullopt;
    int64_t now = *anchor_;
    std::optional<int64_t> best;
    for (int64_t c : candidates) {
      if (direction < 0 && c > now) continue;
      if (direction > 0 && c < now) continue;
      if (!best || std::llabs(c - now) < std::llabs(*best - now)) best = c;
    }
    // In a present clause a date more than two months past is more likely the coming one
    // ("de top is op 3 december").
    if (best && direction == 0 && now - *best > 60) {
      for (int64_t c : candidates) {
        if (c >= now) return c;
      }
    }
    if (best) return best;
    return candidates[candidates.size() / 2];
  }

  Period MonthPeriod(int month, int direction, bool strict) const {
    CivilDate a = CivilFromDays(*anchor_);
    int64_t now = int64_t{a.year} * 12 + (a.month - 1);
    if (direction == 0 && !strict) {
      // Dutch uses the present for scheduled events ("vergadert in november"): a month in a
      // present clause is the coming one, unless it is the month just past.
      int64_t before = PickOccurrence(now, month - 1, 12, -1, false);
      direction = now - before <= 1 ? -1 : 1;
    }
    int64_t idx = PickOccurrence(now, month - 1, 12, direction, strict);
    Period p;
    p.gran = Gran::kMonth;
    p.year = static_cast<int>(FloorDiv(idx, 12));
    p.month = static_cast<int>(idx - int64_t{p.year} * 12) + 1;
    return p;
  }

  Period SeasonPeriod(int season, int direction, bool strict) const {
    int64_t now = SeasonIndexOf(*anchor_);
    int64_t idx = PickOccurrence(now, season, 4, direction, strict);
    Period p;
    p.gran = Gran::kSeason;
    p.year = static_cast<int>(FloorDiv(idx, 4));
    p.index = season;
    return p;
  }

  std::optional<int64_t> DayFor(std::optional<int64_t> preferred) const {
    if (preferred) return preferred;
    return anchor_;
  }

  // ---- periods -----------------------------------------------------------------------------

  bool IsYear(size_t i) const {
    return i < tokens_.size() && words_[i].number >= 1000 && words_[i].number <= 2999 &&
           TokenText(text_, tokens_[i]).size() == 4;
  }

  // A month word usable here: lower case, or capitalised only where a sentence starts.
  const LexEntry* MonthAt(size_t i) const {
    const LexEntry* e = Get(i, Lex::kMonth);
    if (e && NameLike(i)) return nullptr;
    return e;
  }

  // Parses a period phrase at token i: "vorig jaar", "deze week", "volgende week vrijdag",
  // "afgelopen weekend", "vorig najaar", "maart [2022 | vorig jaar]", "2021", "zomer 2021",
  // "jaren negentig". end == 0 when nothing matches.
  PeriodParse ParsePeriod(size_t i, bool allow_bare_year) const {
    PeriodParse r;
    if (i >= tokens_.size()) return r;
    if (const LexEntry* rel = Get(i, Lex::kRelative); rel && Continues(i + 1)) {
      if (Lower(i) == "laatste") return r;
      int dir = rel->value;
      if (const LexEntry* unit = Get(i + 1, Lex::kUnit); unit && unit->extra == 0) {
        if (unit->value == times_internal::kWeek) {
          r.end = i + 2;
          if (!anchor_) return r;
          int64_t day = *anchor_ + 7 * dir;
          // "volgende week vrijdag": a day of that week.
          if (const LexEntry* wd = Get(i + 2, Lex::kWeekday);
              wd && Continues(i + 2) && !NameLike(i + 2)) {
            int64_t monday = day - (IsoWeekday(day) - 1);
            r.period = Period{Gran::kDay, monday + wd->value - 1};
            r.end = i + 3;
            return r;
          }
          r.period = Period{Gran::kWeek, day};
          return r;
        }
        if (unit->value == times_internal::kMonthUnit || unit->value == times_internal::kYear) {
          r.end = i + 2;
          if (!anchor_) return r;
          CivilDate a = CivilFromDays(*anchor_);
          Period p;
          if (unit->value == times_internal::kYear) {
            p.gran = Gran::kYear;
            p.year = a.year + dir;
          } else {
            int64_t idx = int64_t{a.year} * 12 + (a.month - 1) + dir;
            p.gran = Gran::kMonth;
            p.year = static_cast<int>(FloorDiv(idx, 12));
            p.month = static_cast<int>(idx - int64_t{p.year} * 12) + 1;
          }
          r.period = p;
          return r;
        }
        return r;
      }
      if (Get(i + 1, Lex::kWeekend)) {
        r.end = i + 2;
        if (!anchor_) return r;
        int wd = IsoWeekday(*anchor_);
        int64_t day = *anchor_;
        // Early in the week "dit weekend" in a past clause or after "sinds" is the one just
        // gone ("Sinds dit weekend staat Labour ...").
        bool just_gone =
            dir == 0 && wd <= 2 &&
            ((i > 0 && (Is(i - 1, "sinds") || Is(i - 1, "sedert"))) || TenseAt(i) == Tense::kPast);
        if ((dir < 0 || just_gone) && wd <= 5) day -= 7;
        if (dir > 0 && wd >= 6) day += 7;
        r.period = Period{Gran::kWeekend, day};
        return r;
      }
      if (const LexEntry* season = Get(i + 1, Lex::kSeason)) {
        r.end = i + 2;
        if (!anchor_) return r;
        int direction = dir;
        if (dir == 0) direction = Direction(TenseAt(i)) < 0 ? -1 : 0;
        r.period = SeasonPeriod(season->value, direction, dir != 0);
        return r;
      }
      if (const LexEntry* month = MonthAt(i + 1)) {
        r.end = i + 2;
        if (!anchor_) return r;
        r.period = MonthPeriod(month->value, dir, dir != 0);
        return r;
      }
      return r;
    }
    if (const LexEntry* month = MonthAt(i)) {
      if (IsYear(i + 1) && Continues(i + 1)) {
        r.end = i + 2;
        r.period = Period{Gran::kMonth, 0, words_[i + 1].number, month->value, 0};
        return r;
      }
      // "maart vorig jaar", "mei dit jaar"
      if (const LexEntry* rel = Get(i + 1, Lex::kRelative);
          rel && Continues(i + 1) && Is(i + 2, "jaar") && Lower(i + 1) != "laatste") {
        r.end = i + 3;
        if (!anchor_) return r;
        r.period =
            Period{Gran::kMonth, 0, CivilFromDays(*anchor_).year + rel->value, month->value, 0};
        return r;
      }
      r.end = i + 1;
      if (!anchor_) return r;
      r.period = MonthPeriod(month->value, Direction(TenseAt(i)), false);
      return r;
    }
    if (const LexEntry* season = Get(i, Lex::kSeason)) {
      size_t y = Is(i + 1, "van") ? i + 2 : i + 1;
      if (IsYear(y) && Continues(y)) {
        r.end = y + 1;
        r.period = Period{Gran::kSeason, 0, words_[y].number, 0, season->value};
        return r;
      }
      return r;
    }
    if (Is(i, "jaren") && Continues(i + 1)) {
      int decade = -1;
      if (const LexEntry* n = Get(i + 1, Lex::kNumberWord);
          n && n->value >= 20 && n->value <= 90 && n->value % 10 == 0)
        decade = 1900 + n->value;
      std::string_view s = TokenText(text_, tokens_[i + 1]);
      if (s.size() == 3 && (s[0] == '\'') && std::isdigit(static_cast<unsigned char>(s[1])) &&
          s[2] == '0')
        decade = 1900 + (s[1] - '0') * 10;
      if (words_[i + 1].number >= 0 && s.size() == 2 && s[1] == '0')
        decade = 1900 + words_[i + 1].number;
      if (words_[i + 1].number >= 1000 && words_[i + 1].number % 10 == 0)
        decade = words_[i + 1].number;
      if (decade < 0) return r;
      r.end = i + 2;
      r.period = Period{Gran::kDecade, 0, decade, 0, 0};
      return r;
    }
    if (allow_bare_year && IsYear(i)) {
      r.end = i + 1;
      r.period = Period{Gran::kYear, 0, words_[i].number, 0, 0};
      return r;
    }
    return r;
  }

  Match FromPeriod(size_t begin, const PeriodParse& p) const {
    Match m;
    m.begin = begin;
    m.end = p.end;
    if (p.period) {
      m.value = FormatPeriod(*p.period);
      if (p.period->gran == Gran::kDay) m.day = p.period->day;
    }
    return m;
  }

  // ---- matchers ----------------------------------------------------------------------------

  std::optional<Match> MatchAt(size_t i) {
    if (auto m = MatchRelativeWeekday(i)) return m;
    if (auto m = MatchEarlierLater(i)) return m;
    if (auto m = MatchPartModified(i)) return m;
    if (auto m = MatchRelative(i)) return m;
    if (auto m = MatchNumericDate(i)) return m;
    if (auto m = MatchClock(i)) return m;
    if (auto m = MatchDayMonth(i, i, 0)) return m;
    if (auto m = MatchWeekday(i)) return m;
    if (auto m = MatchDayWord(i)) return m;
    if (auto m = MatchPartOfDay(i)) return m;
    if (auto m = MatchMonthOrSeason(i)) return m;
    if (auto m = MatchYear(i)) return m;
    if (auto m = MatchDuration(i)) return m;
    if (auto m = MatchVague(i)) return m;
    return std::nullopt;
  }

  // "afgelopen vrijdag", "komende zondag", "deze woensdag"
  std::optional<Match> MatchRelativeWeekday(size_t i) const {
    const LexEntry* rel = Get(i, Lex::kRelative);
    if (!rel || !Continues(i + 1) || Lower(i) == "laatste") return std::nullopt;
    if (!Get(i + 1, Lex::kWeekday) && WeekdayCompound(Lower(i + 1)).first == 0) return std::nullopt;
    if (NameLike(i + 1)) return std::nullopt;
    return MatchWeekdayAt(i, i + 1, rel->value, rel->value != 0);
  }

  // "eerder dit jaar", "later deze week", "eerder vandaag"
  std::optional<Match> MatchEarlierLater(size_t i) const {
    if (!Is(i, "eerder") && !Is(i, "later")) return std::nullopt;
    if (!Continues(i + 1)) return std::nullopt;
    if (const LexEntry* rel = Get(i + 1, Lex::kRelative); rel && rel->value == 0) {
      PeriodParse p = ParsePeriod(i + 1, false);
      if (p.end) return FromPeriod(i, p);
    }
    if (Is(i + 1, "vandaag")) {
      Match m{i, i + 2, std::nullopt, std::nullopt};
      if (anchor_) {
        m.value = FormatDay(*anchor_);
        m.day = anchor_;
      }
      return m;
    }
    return std::nullopt;
  }

  // "eind vorig jaar" -> 2021-Q4, "begin maart", "medio 2021", "eind jaren negentig"
  std::optional<Match> MatchPartModified(size_t i) const {
    const LexEntry* mod = Get(i, Lex::kPartModifier);
    if (!mod || !Continues(i + 1)) return std::nullopt;
    if (Capitalized(i) && !SentenceStart(i)) return std::nullopt;
    PeriodParse p = ParsePeriod(i + 1, true);
    if (!p.end) return std::nullopt;
    if (p.period) p.period = ApplyPartModifier(*p.period, mod->value);
    return FromPeriod(i, p);
  }

  // "vorige week", "volgend jaar", "afgelopen weekend", "vorig najaar", "de afgelopen dagen",
  // "het afgelopen jaar", "de komende tijd"
  std::optional<Match> MatchRelative(size_t i) const {
    const LexEntry* rel = Get(i, Lex::kRelative);
    if (!rel || !Continues(i + 1)) return std::nullopt;
    bool article = i > floor_ && (Is(i - 1, "de") || Is(i - 1, "het"));
    size_t begin = article ? i - 1 : i;
    if (rel->extra == 1) {
      // Durations: [de] afgelopen [drie] dagen; de afgelopen week; de laatste tijd.
      if (Get(i + 1, Lex::kTijd)) {
        Match m{begin, i + 2, std::string(kRefValues[rel->value < 0 ? 2 : 3]), std::nullopt};
        return m;
      }
      size_t u = i + 1;
      std::optional<std::string> amount;
      if (std::optional<std::pair<std::string, size_t>> n = ParseAmount(i + 1)) {
        amount = n->first;
        u = n->second;
      }
      if (const LexEntry* unit = Get(u, Lex::kUnit); unit && Continues(u)) {
        bool plural = unit->extra == 1 || amount;
        if (plural || article) {
          std::string value = "P";
          if (unit->value <= times_internal::kHour) value += "T";
          value += amount ? *amount : plural ? "X" : "1";
          value += kUnitCodes[unit->value];
          return Match{begin, u + 1, value, std::nullopt};
        }
      }
      if (Lower(i) == "laatste") return std::nullopt;
    }
    PeriodParse p = ParsePeriod(i, false);
    if (!p.end) return std::nullopt;
    return FromPeriod(i, p);
  }

  // "24-02-2022", "2022-02-24", "24/02/2022"
  std::optional<Match> MatchNumericDate(size_t i) const {
    if (tokens_[i].kind != TokenKind::kNumber) return std::nullopt;
    std::string_view s = TokenText(text_, tokens_[i]);
    if (s.size() < 8 || s.size() > 10) return std::nullopt;
    int a = 0, b = 0, c = 0;
    char sep1 = 0, sep2 = 0;
    std::string str(s);
    int consumed = 0;
    if (std::sscanf(str.c_str(), "%d%c%d%c%d%n", &a, &sep1, &b, &sep2, &c, &consumed) != 5 ||
        consumed != static_cast<int>(s.size()) || sep1 != sep2 ||
        (sep1 != '-' && sep1 != '/' && sep1 != '.'))
      return std::nullopt;
    int y = 0, m = 0, d = 0;
    if (a >= 1000) {
      y = a, m = b, d = c;
    } else if (c >= 1000) {
      d = a, m = b, y = c;
    } else {
      return std::nullopt;
    }
    if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m))
      return std::nullopt;
    int64_t day = DaysFromCivil(y, m, d);
    return Match{i, i + 1, FormatDay(day), day};
  }

  // "14.30 uur", "om 14:30", "om 9 uur"
  std::optional<Match> MatchClock(size_t i) const {
    if (tokens_[i].kind != TokenKind::kNumber) return std::nullopt;
    std::string_view s = TokenText(text_, tokens_[i]);
    int h = -1, mi = 0;
    if (s.size() >= 4 && s.size() <= 5) {
      size_t sep = s.find_first_of(".:");
      if (sep == std::string_view::npos || sep == 0 || s.size() - sep != 3) return std::nullopt;
      h = std::atoi(std::string(s.substr(0, sep)).c_str());
      mi = std::atoi(std::string(s.substr(sep + 1)).c_str());
      if (!std::all_of(s.begin(), s.end(), [](char c) {
            return std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == ':';
          }))
        return std::nullopt;
    } else if (words_[i].number >= 0 && s.size() <= 2) {
      h = words_[i].number;
    } else {
      return std::nullopt;
    }
    if (h < 0 || h > 24 || mi < 0 || mi > 59) return std::nullopt;
    bool uur = Is(i + 1, "uur") && Continues(i + 1);
    bool prep =
        i > floor_ && (Get(i - 1, Lex::kClockPrep) || Is(i - 1, "rond") || Is(i - 1, "omstreeks") ||
                       Is(i - 1, "vanaf") || Is(i - 1, "tot") || Is(i - 1, "tegen"));
    bool whole_hour = s.size() <= 2;
    if (whole_hour && !(uur && prep)) return std::nullopt;  // "drie uur" is a duration
    if (!whole_hour && !uur && !(prep && Is(i - 1, "om"))) return std::nullopt;
    Match m{i, uur ? i + 2 : i + 1, std::nullopt, std::nullopt};
    if (std::optional<int64_t> day = DayFor(sentence_day_)) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "T%02d:%02d", h, mi);
      m.value = FormatDay(*day) + buf;
    }
    return m;
  }

  // "24 februari", "1 feb. 2022", "vrijdag 14 januari" (weekday given: begin < i)
  std::optional<Match> MatchDayMonth(size_t i, size_t begin, int weekday) const {
    int d = words_[i].number;
    if (d < 1 || d > 31 || TokenText(text_, tokens_[i]).size() > 2 || !Continues(i + 1))
      return std::nullopt;
    const LexEntry* month = Get(i + 1, Lex::kMonth);
    if (!month) month = Get(i + 1, Lex::kMonthAbbr);
    size_t month_at = i + 1;
    if (!month && weekday == 0 &&
        (Is(i + 1, "en") || Is(i + 1, "tot") || Is(i + 1, "of") ||
         TokenText(text_, tokens_[i + 1]) == "-")) {
      // The first day of a range takes the month of the second: "24 en 25 juni".
      int d2 = words_.size() > i + 2 ? words_[i + 2].number : -1;
      if (d2 > d && d2 <= 31 && Continues(i + 2) && Continues(i + 3)) {
        month = Get(i + 3, Lex::kMonth);
        month_at = i + 3;
      }
    }
    if (!month) return std::nullopt;
    if (month_at != i + 1) {
      Match m{begin, i + 1, std::nullopt, std::nullopt};
      int y = IsYear(i + 4) && Continues(i + 4) ? words_[i + 4].number : 0;
      if (y && d <= DaysInMonth(y, month->value)) {
        m.day = DaysFromCivil(y, month->value, d);
      } else if (!y && anchor_ && d <= DaysInMonth(2000, month->value)) {
        m.day = DayMonthDay(month->value, d, Direction(TenseAt(i)), 0);
      }
      if (m.day) m.value = FormatDay(*m.day);
      return m;
    }
    if (IsYear(i + 2) && Continues(i + 2)) {
      int y = words_[i + 2].number;
      if (d > DaysInMonth(y, month->value)) return std::nullopt;
      int64_t day = DaysFromCivil(y, month->value, d);
      return Match{begin, i + 3, FormatDay(day), day};
    }
    if (d > DaysInMonth(2000, month->value)) return std::nullopt;
    Match m{begin, i + 2, std::nullopt, std::nullopt};
    if (anchor_) {
      if (std::optional<int64_t> day =
              DayMonthDay(month->value, d, Direction(TenseAt(i)), weekday)) {
        m.value = FormatDay(*day);
        m.day = day;
      }
    }
    return m;
  }

  // "vrijdag", "vrijdagavond", "vrijdag jl.", "vrijdag 14 januari", "vrijdag 's avonds"
  std::optional<Match> MatchWeekday(size_t i) const {
    if (!Get(i, Lex::kWeekday) && WeekdayCompound(Lower(i)).first == 0) return std::nullopt;
    if (NameLike(i)) {
      // A capitalised weekday inside a sentence is a name ("Jan Vrijdag") unless it opens a
      // clause after a colon or dash.
      if (i == 0 || (tokens_[i - 1].kind != TokenKind::kPunctuation)) return std::nullopt;
    }
    if (Continues(i + 1) && Capitalized(i + 1) && tokens_[i + 1].kind == TokenKind::kWord &&
        !Get(i + 1, Lex::kMonth) && Capitalized(i) && !Get(i + 1, Lex::kRelative))
      return std::nullopt;  // "Vrijdag Jansen"?  Rare but a name more often than a date.
    return MatchWeekdayAt(i, i, 0, false);
  }

  // Weekday word at `w`, expression starting at `begin`; `direction` from a modifier before it.
  std::optional<Match> MatchWeekdayAt(size_t begin, size_t w, int direction, bool strict) const {
    int wd = 0, part = 0;
    if (const LexEntry* e = Get(w, Lex::kWeekday)) {
      wd = e->value;
    } else {
      std::tie(wd, part) = WeekdayCompound(Lower(w));
    }
    if (!wd) return std::nullopt;
    // "vrijdag 14 januari [2022]"
    if (part == 0 && Continues(w + 1) && words_[w + 1].number > 0) {
      if (auto m = MatchDayMonth(w + 1, begin, wd)) return m;
    }
    size_t end = w + 1;
    bool modifier = direction != 0 || strict;
    if (!modifier && Continues(end) && Get(end, Lex::kPastSuffix)) {
      direction = -1, strict = true, ++end;
    } else if (!modifier && Continues(end) && Get(end, Lex::kFutureSuffix)) {
      direction = 1, strict = true, ++end;
    } else if (!modifier && Continues(end) && Get(end, Lex::kRelative) && Is(end + 1, "week") &&
               Lower(end) != "laatste") {
      // "vrijdag vorige week"
      Match m{begin, end + 2, std::nullopt, std::nullopt};
      if (anchor_) {
        int64_t day = *anchor_ + 7 * Get(end, Lex::kRelative)->value;
        int64_t d = day - (IsoWeekday(day) - 1) + wd - 1;
        m.value = FormatDay(d);
        m.day = d;
      }
      return m;
    }
    if (part == 0 && Is(end, "'s") && Continues(end) && Get(end + 1, Lex::kPartOfDayGenitive)) {
      part = Get(end + 1, Lex::kPartOfDayGenitive)->value;
      end += 2;
    }
    Match m{begin, end, std::nullopt, std::nullopt};
    // "een vroege zondagochtend" names no particular day; "elke zondag" is a set (TIMEX3
    // XXXX-WXX-7).
    size_t before = begin;
    if (before >= 2 && Continues(before) && Continues(before - 1) &&
        EndsWith(Lower(before - 1), "e") && Is(before - 2, "een"))
      --before;  // skip one inflected adjective
    if (before > 0 && Continues(before) && Is(before - 1, "een")) return m;
    bool every = before > 0 && Continues(before) &&
                 (Is(before - 1, "elke") || Is(before - 1, "iedere") || Is(before - 1, "ieder") ||
                  Is(before - 1, "elk"));
    // "vergadert meestal op maandag": a habit, not a date.
    if (!every && !modifier && begin > 0 && Is(begin - 1, "op") && end == w + 1) {
      auto [a, b] = ClauseAround(w);
      for (size_t k = a; k < b && !every; ++k) every = Get(k, Lex::kHabitual) != nullptr;
    }
    if (every) {
      m.value =
          "XXXX-WXX-" + std::to_string(wd) + (part ? std::string("T") + kPartCodes[part] : "");
      return m;
    }
    if (!anchor_) return m;
    int64_t day = 0;
    if (!modifier && !strict && direction == 0) {
      Tense tense = TenseAt(w);
      // "de betoging van zaterdag", "de krant van woensdag": a day just past.
      if (tense == Tense::kPresent && begin > 0 && Is(begin - 1, "van")) tense = Tense::kPast;
      direction = Direction(tense);
    }
    if (direction == 0 && !strict) {
      // Present tense: a day at most two days back is being reported ("het pakt dinsdag anders
      // uit"); further back, Dutch present usually announces the coming one ("verschijnt
      // woensdag").
      int64_t back = *anchor_ - WeekdayDay(wd, -1, false);
      day = back <= 2 ? *anchor_ - back : WeekdayDay(wd, 1, false);
    } else {
      day = WeekdayDay(wd, direction, strict);
    }
    m.value = FormatDay(day) + (part ? std::string("T") + kPartCodes[part] : "");
    m.day = day;
    return m;
  }

  // "gisteren", "morgen", "vanavond", "gisteravond"
  std::optional<Match> MatchDayWord(size_t i) const {
    const LexEntry* e = Get(i, Lex::kDayWord);
    if (!e || NameLike(i)) return std::nullopt;
    size_t end = i + 1;
    int part = e->extra;
    if (Lower(i) == "morgen") {
      // "de morgen", "die morgen", "elke morgen": the morning, not tomorrow.
      if (i > 0 && (Is(i - 1, "de") || Is(i - 1, "die") || Is(i - 1, "deze") || Is(i - 1, "elke") ||
                    Is(i - 1, "iedere") || Is(i - 1, "een") || Is(i - 1, "goede") ||
                    Is(i - 1, "volgende") || Is(i - 1, "zelfde") || Is(i - 1, "hele")))
        return std::nullopt;
      if (Is(i + 1, "vroeg") && Continues(i + 1)) part = times_internal::kMorning, ++end;
    }
    if (Lower(i) == "vandaag" && Is(i + 1, "de") && Is(i + 2, "dag")) {
      return Match{i, i + 3, std::string(kRefValues[1]), std::nullopt};
    }
    Match m{i, end, std::nullopt, std::nullopt};
    if (!anchor_) return m;
    int64_t day = *anchor_ + e->value;
    m.value = FormatDay(day) + (part ? std::string("T") + kPartCodes[part] : "");
    m.day = day;
    return m;
  }

  // "'s avonds", "des ochtends": that part of the day the sentence is about (its last named
  // day), else of the anchor's day.
  std::optional<Match> MatchPartOfDay(size_t i) const {
    if (!(Is(i, "'s") || Is(i, "des")) || !Continues(i + 1)) return std::nullopt;
    const LexEntry* e = Get(i + 1, Lex::kPartOfDayGenitive);
    if (!e) return std::nullopt;
    Match m{i, i + 2, std::nullopt, std::nullopt};
    if (std::optional<int64_t> day = DayFor(sentence_day_)) {
      m.value = FormatDay(*day) + "T" + kPartCodes[e->value];
    }
    return m;
  }

  // "november 2022", "in maart", "zomer 2021", "in de zomer", "jaren negentig"
  std::optional<Match> MatchMonthOrSeason(size_t i) const {
    if (MonthAt(i)) {
      bool year_follows = IsYear(i + 1) && Continues(i + 1);
      bool rel_year = Get(i + 1, Lex::kRelative) && Is(i + 2, "jaar");
      bool prep = i > 0 && Continues(i) && Get(i - 1, Lex::kTemporalPrep);
      if (!year_follows && !rel_year && !prep) return std::nullopt;
      PeriodParse p = ParsePeriod(i, false);
      if (p.end) return FromPeriod(i, p);
      return std::nullopt;
    }
    if (const LexEntry* season = Get(i, Lex::kSeason)) {
      if (NameLike(i)) return std::nullopt;
      PeriodParse p = ParsePeriod(i, false);
      if (p.end) return FromPeriod(i, p);
      // "in de zomer", "in het voorjaar", "tijdens de winter": by tense.
      if (i >= 2 && (Is(i - 1, "de") || Is(i - 1, "het")) &&
          (Is(i - 2, "in") || Is(i - 2, "tijdens")) && Continues(i)) {
        Match m{i - 2 >= floor_ ? i - 2 : i, i + 1, std::nullopt, std::nullopt};
        if (anchor_)
          m.value = FormatPeriod(SeasonPeriod(season->value, Direction(TenseAt(i)), false));
        return m;
      }
      return std::nullopt;
    }
    if (Is(i, "jaren")) {
      PeriodParse p = ParsePeriod(i, false);
      if (p.end) return FromPeriod(i, p);
    }
    return std::nullopt;
  }

  // "in 2019", "sinds 2014", "tussen 2014 en 2019": a four-digit year after a word that
  // introduces one, and not a count ("in 2000 huizen").
  std::optional<Match> MatchYear(size_t i) const {
    if (!IsYear(i) || i == 0 || !Continues(i)) return std::nullopt;
    int y = words_[i].number;
    if (y < 1900 || y > 2100) return std::nullopt;
    const LexEntry* prep = Get(i - 1, Lex::kTemporalPrep);
    if (!prep) return std::nullopt;
    if (Continues(i + 1) && Get(i + 1, Lex::kYearBlocker)) return std::nullopt;
    if (Continues(i + 1) && (tokens_[i + 1].kind == TokenKind::kSymbol)) return std::nullopt;  // %
    if (prep->value < 2) {
      if (Is(i - 1, "en") || Is(i - 1, "of")) {
        if (i < 2 || !IsYear(i - 2)) return std::nullopt;
      } else if (Continues(i + 1) && tokens_[i + 1].kind == TokenKind::kWord &&
                 !Capitalized(i + 1)) {
        size_t n = i + 1;
        if (!Get(n, Lex::kPastVerb) && !Get(n, Lex::kPerfectAux) && !Get(n, Lex::kBoundary) &&
            !Get(n, Lex::kTemporalPrep) && !Get(n, Lex::kFutureAux) && !Is(n, "werd") &&
            !Is(n, "wordt") && !Is(n, "al") && !Is(n, "nog") && !Is(n, "ook"))
          return std::nullopt;
      }
    }
    return Match{i, i + 1, FormatYear(y), std::nullopt};
  }

  // An amount before a unit at token i: "drie", "3", "2,5", "enkele", "een paar",
  // "anderhalf". Returns the TIMEX3 number ("3", "2.5", "X", "1.5") and the next token.
  std::optional<std::pair<std::string, size_t>> ParseAmount(size_t i) const {
    if (i >= tokens_.size()) return std::nullopt;
    if (tokens_[i].kind == TokenKind::kNumber) {
      std::string_view s = TokenText(text_, tokens_[i]);
      if (s.empty() || s.size() > 6) return std::nullopt;
      std::string v;
      int commas = 0;
      for (char c : s) {
        if (std::isdigit(static_cast<unsigned char>(c))) {
          v += c;
        } else if (c == ',' && commas++ == 0) {
          v += '.';
        } else {
          return std::nullopt;
        }
      }
      if (v.back() == '.') return std::nullopt;
      return std::make_pair(v, i + 1);
    }
    if (Is(i, "een") && Is(i + 1, "paar")) return std::make_pair(std::string("X"), i + 2);
    if (Is(i, "een") && Is(i + 1, "aantal")) return std::make_pair(std::string("X"), i + 2);
    if (const LexEntry* n = Get(i, Lex::kNumberWord)) {
      if (n->value == -1) {
        if (Lower(i) == "paar" || Lower(i) == "aantal" || Lower(i) == "tal") return std::nullopt;
        return std::make_pair(std::string("X"), i + 1);
      }
      if (n->value == -2) return std::make_pair(std::string("1.5"), i + 1);
      return std::make_pair(std::to_string(n->value), i + 1);
    }
    return std::nullopt;
  }

  // "drie dagen", "ongeveer een uur", "in ruim twee jaar", "al maanden", "jarenlang",
  // "twee weken geleden" (a point: the anchor minus two weeks).
  std::optional<Match> MatchDuration(size_t i) const {
    if (const LexEntry* v = Get(i, Lex::kVagueDuration)) {
      return Match{i, i + 1, std::string("PX") + kUnitCodes[v->value], std::nullopt};
    }
    if (Get(i, Lex::kApprox) && Get(i, Lex::kApprox)->value == 1 && Continues(i + 1)) {
      // "al maanden", "al jaren"
      if (const LexEntry* u = Get(i + 1, Lex::kUnit);
          u && u->extra == 1 && u->value >= times_internal::kDay) {
        if (!(Continues(i + 2) && (Get(i + 2, Lex::kRelativeSuffix) || Get(i + 2, Lex::kAgo))))
          return Match{i, i + 2, std::string("PX") + kUnitCodes[u->value], std::nullopt};
      }
    }
    std::optional<std::pair<std::string, size_t>> amount = ParseAmount(i);
    if (!amount) return std::nullopt;
    size_t u = amount->second;
    const LexEntry* unit = Get(u, Lex::kUnit);
    if (!unit || !Continues(u)) return std::nullopt;
    // Back over "in ruim", "ongeveer", "al", "binnen".
    size_t begin = i;
    for (int steps = 0;
         steps < 2 && begin > floor_ && !SentenceStart(begin) && Get(begin - 1, Lex::kApprox);
         ++steps) {
      --begin;
    }
    bool approx = begin < i;
    size_t end = u + 1;
    if (Continues(end) && Get(end, Lex::kAgo)) {
      // A point: "drie dagen geleden".
      Match m{i, end + 1, std::nullopt, std::nullopt};
      if (!anchor_) return m;
      if (amount->first == "X") {  // "enkele jaren geleden"
        m.value = kRefValues[times_internal::kPastRef];
        return m;
      }
      double n = std::atof(amount->first.c_str());
      int unit_value = unit->value;
      if (n != static_cast<int64_t>(n) && unit_value == times_internal::kYear) {
        n *= 12;  // "anderhalf jaar geleden": 18 months
        unit_value = times_internal::kMonthUnit;
      }
      if (n < 0 || n != static_cast<int64_t>(n)) return m;
      int64_t k = static_cast<int64_t>(n);
      CivilDate a = CivilFromDays(*anchor_);
      switch (unit_value) {
        case times_internal::kSecond:
        case times_internal::kMinute:
        case times_internal::kHour:
          m.value = FormatDay(*anchor_);
          m.day = anchor_;
          break;
        case times_internal::kDay:
          m.value = FormatDay(*anchor_ - k);
          m.day = *anchor_ - k;
          break;
        case times_internal::kWeek:
          m.value = FormatWeek(*anchor_ - 7 * k);
          break;
        case times_internal::kMonthUnit: {
          int64_t idx = int64_t{a.year} * 12 + a.month - 1 - k;
          int y = static_cast<int>(FloorDiv(idx, 12));
          m.value = FormatMonth(y, static_cast<int>(idx - int64_t{y} * 12) + 1);
          break;
        }
        case times_internal::kYear:
          m.value = FormatYear(a.year - static_cast<int>(k));
          break;
        case times_internal::kDecade:
          m.value = FormatPeriod(Period{Gran::kDecade, 0, a.year - 10 * static_cast<int>(k), 0, 0});
          break;
        default:
          break;
      }
      return m;
    }
    if (Continues(end) && Get(end, Lex::kRelativeSuffix)) {
      // "twee jaar later" needs a reference point the text gives elsewhere; "45 jaar oud" is
      // an age.
      if (Is(end, "later") || Is(end, "eerder") || Is(end, "daarna") || Is(end, "daarvoor") ||
          Is(end, "erna") || Is(end, "ervoor") || Is(end, "nadien"))
        return Match{i, end + 1, std::nullopt, std::nullopt};
      return std::nullopt;
    }
    // "een jaar" alone is mostly "a year" as a noun phrase ("een jaar cel"): only with support.
    if ((Is(i, "een") || Is(i, "één")) && !approx &&
        !(Continues(end) && Get(end, Lex::kDurationSuffix)))
      return std::nullopt;
    if (Continues(end) && Get(end, Lex::kDurationSuffix)) ++end;
    std::string value = "P";
    if (unit->value <= times_internal::kHour) value += "T";
    value += amount->first;
    value += kUnitCodes[unit->value];
    return Match{begin, end, value, std::nullopt};
  }

  // "nu" as the conjunction "now that": a subject follows ("nu de Amerikanen", "nu Iran",
  // "nu ze"). Costs "wil nu de troepen terugtrekken"; vague references are cheap to lose.
  bool NowThat(size_t i) const {
    size_t n = i + 1;
    if (!Continues(n)) return false;
    if (tokens_[n].kind == TokenKind::kOpenQuote) return true;
    if (tokens_[n].kind == TokenKind::kWord && Capitalized(n)) return true;
    static constexpr std::string_view kSubjects[] = {
        "de",  "het", "een", "er",  "ze",   "zij", "hij", "we", "wij", "ik",
        "men", "dit", "dat", "die", "deze", "jij", "je",  "u",  "zich"};
    std::string_view next = Lower(n);
    for (std::string_view s : kSubjects) {
      if (next == s) return true;
    }
    return false;
  }

  // "nu", "inmiddels", "binnenkort", "eerder", "destijds"
  std::optional<Match> MatchVague(size_t i) const {
    const LexEntry* e = Get(i, Lex::kVagueRef);
    if (!e || NameLike(i)) return std::nullopt;
    std::string_view w = Lower(i);
    if (w == "nu" && Is(i + 1, "eenmaal")) return std::nullopt;
    if (w == "nu" && NowThat(i)) return std::nullopt;
    if ((w == "eerder" || w == "vroeger") && Continues(i + 1) &&
        (Is(i + 1, "dan") || Is(i + 1, "als")))
      return std::nullopt;
    // "eerder" before an adjective or noun it inflects ("een eerder akkoord") stays temporal;
    // "eerder genoemde" too. Nothing else to exclude.
    return Match{i, i + 1, std::string(kRefValues[e->value]), std::nullopt};
  }

  std::string_view text_;
  const std::vector<Token>& tokens_;
  std::optional<int64_t> anchor_;
  std::vector<Word> words_;
  std::string lower_storage_;
  mutable std::vector<uint16_t> verb_flags_;  // VerbFlags' cache, per token
  size_t floor_ = 0;                          // first token not yet consumed
  std::optional<int64_t> sentence_day_;
};

}  // namespace

std::vector<TimeExpression> FindTimes(std::string_view text, const std::vector<Token>& tokens,
                                      const std::optional<std::string>& anchor) {
  Tagger tagger(text, tokens, AnchorDay(anchor));
  return tagger.Run();
}

std::optional<std::string> TimeAnchor(const Document& doc) {
  if (doc.published) return doc.published;
  if (doc.crawl_time && doc.age_seconds) {
    if (std::optional<int64_t> crawl = ToUnixSeconds(*doc.crawl_time))
      return FormatUnixSeconds(*crawl - *doc.age_seconds);
  }
  return std::nullopt;
}

std::optional<std::string> ResolveTime(std::string_view phrase,
                                       const std::optional<std::string>& anchor) {
  std::vector<Token> tokens = Tokenize(phrase);
  std::vector<TimeExpression> times = FindTimes(phrase, tokens, anchor);
  if (times.empty()) return std::nullopt;
  return times.front().value;
}

namespace {

// The plain ISO 8601 calendar value inside a TIMEX3 value, or empty; `rank` says how precise
// (day 4, week 3, month 2, year 1).
std::string IsoCalendarValue(std::string_view v, int* rank) {
  auto digits = [&](size_t from, size_t n) {
    if (v.size() < from + n) return false;
    for (size_t k = from; k < from + n; ++k) {
      if (!std::isdigit(static_cast<unsigned char>(v[k]))) return false;
    }
    return true;
  };
  *rank = 0;
  if (!digits(0, 4)) return {};
  if (v.size() == 4) {
    *rank = 1;
    return std::string(v);
  }
  if (v[4] != '-') return {};
  if (digits(5, 2) && v.size() >= 10 && v[7] == '-' && digits(8, 2)) {
    *rank = 4;  // 2022-01-21, 2022-01-21TEV, 2022-01-21T14:30
    return std::string(v.substr(0, 10));
  }
  if (digits(5, 2) && v.size() == 7) {
    *rank = 2;
    return std::string(v);
  }
  if (v.size() >= 8 && v[5] == 'W' && digits(6, 2)) {
    *rank = 3;  // 2022-W03, 2022-W03-WE
    return std::string(v.substr(0, 8));
  }
  if (v.size() >= 7 && std::isupper(static_cast<unsigned char>(v[5]))) {
    *rank = 1;  // 2021-Q4, 2021-FA
    return std::string(v.substr(0, 4));
  }
  return {};
}

}  // namespace

std::optional<std::string> DateForSpan(const std::vector<TimeExpression>& times, ByteSpan clause,
                                       const std::optional<std::string>& fallback) {
  std::string best;
  int best_rank = 0;
  for (const TimeExpression& t : times) {
    if (t.span.start < clause.start || t.span.end > clause.end || !t.value) continue;
    std::string_view text = t.text;
    if (StartsWith(text, "sinds") || StartsWith(text, "Sinds") || StartsWith(text, "sedert") ||
        StartsWith(text, "Sedert"))
      continue;
    int rank = 0;
    std::string iso = IsoCalendarValue(*t.value, &rank);
    if (!iso.empty() && rank > best_rank) {
      best = std::move(iso);
      best_rank = rank;
    }
  }
  if (best_rank > 0) return best;
  return fallback;
}

}  // namespace wirewatch
