// Events: a CAMEO coder for Dutch news. Who did what to whom, as (source actor, CAMEO code,
// target actor) per sentence, with the code's Goldstein score and PLOVER type.
//
//   EventLexicon lexicon = LoadEventLexicon("data/events").value();   // once; immutable
//   std::vector<Token> tokens = Tokenize(doc.text);                   // the same tokens as NER
//   doc.events = CodeEvents(doc, tokens, lexicon);
//
// Input: doc.text, doc.sentences (spans of `tokens`), doc.entities (mentions with `actor`
// codes) and doc.quotes (with speaker_actor). Triggers are Dutch verb patterns, separable
// verbs, passives and nominalisations read from data/events/patterns.tsv (format in its
// header); codes.tsv gives each CAMEO code its Goldstein score and PLOVER type. The source is
// the clause's subject (before the finite verb, or after it in inverted order), the "door X" of
// a passive, the adjective or "van X" of a nominalisation, or the speaker of a quote without a
// subject of its own; the target is the object or prepositional object. Intentions, demands,
// threats, fears and denials are coded as such (wil praten -> 036), and negation sets
// `negated`. Sentences without an actor-bearing mention yield nothing: precision over recall.
// Acts named in a time adjunct ("na het overleg"), nominalisations that are a verb's object,
// and subjects that are people rather than a state ("Italiaanse kiezers") are not coded.
// `date` is the most precise calendar value of doc.times inside the trigger's clause (else
// its sentence), else doc.published's day; `location` the place after "in" in the trigger's
// clause, when one is named.
//
// Thread-safety: CodeEvents is a pure function; the lexicon is immutable after loading.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/document.h"
#include "core/status.h"
#include "text/tokenizer.h"

namespace wirewatch {

// A test on one word: the form itself, a stem ("bombardeer*": the word starts with it) or a
// compound head ("*aanval": the word ends with it, so luchtaanval and raketaanval match).
struct WordTest {
  enum class Kind : uint8_t { kWord, kPrefix, kSuffix };
  Kind kind = Kind::kWord;
  std::string form;  // lower case (NFC)
  bool Matches(std::string_view word) const;
};

// One element of a pattern: alternatives for one word, or a gap ("…") of a few words.
struct PatternElement {
  bool gap = false;
  std::vector<WordTest> alternatives;
};

// A trigger pattern and what it codes. Options change how actors are read (see patterns.tsv).
struct EventPattern {
  std::vector<PatternElement> elements;
  std::string cameo;
  bool passive = false;     // "werd neergehaald door X": X is the source, the subject the target
  bool noun = false;        // nominalisation: source from "Russische"/"van X", target "op/tegen X"
  bool reciprocal = false;  // "X en Y spraken elkaar": one event X -> Y
  bool self = false;        // no target by nature (mobilise, consider): none from context
  bool alleged = false;     // misconduct told about someone ("het land ondermijnt"): the
                            // teller accuses the subject (speaker or topic -> subject)
  bool skip = false;        // a reading that is no event ("dreigt te mislukken"): blocks others
  bool frame = false;       // governs the clause after it: "ontkent ... te willen binnenvallen"
                            // codes the denial only, not the invasion
  uint32_t line = 0;        // line in the pattern file, for diagnostics and tie-breaking
};

struct CameoCode {
  double goldstein = 0;
  std::string plover;  // empty for root 01, which PLOVER does not code
};

// One entry of the Dutch predicate dictionary (data/events/predicates.tsv): a verb lemma
// ("oproepen", "zich verzetten"), a noun naming an act ("aanval", "uitzetting") or a light-verb
// construction (the object noun and the verb: "kritiek uiten"), with its CAMEO code and where
// its target stands in the tree.
struct TargetSlot {
  enum class Kind : uint8_t { kObj, kIobj, kObl, kNmod };
  Kind kind = Kind::kObj;
  std::string preposition;  // kObl, kNmod: the case word ("tegen", "op"); empty: any
};

struct Predicate {
  enum class Kind : uint8_t { kVerb, kNoun, kLight };
  Kind kind = Kind::kVerb;
  std::string lemma;  // "oproepen", "zich verzetten", "aanval", "kritiek uiten"
  std::string cameo;
  std::vector<TargetSlot> targets;  // in order of preference; empty: none by nature
  bool frame = false;         // governs a content clause or te-infinitive: only this is coded
  bool reciprocal = false;    // "X sprak met Y", "X en Y overlegden": one event
  bool needs_target = false;  // an event only when a target actor is found
  bool self = false;          // never takes a target
  std::string example;        // a sentence the unit tests code
  std::string expect;         // "RUS>UKR", "FRA>-": what the example must give
  uint32_t line = 0;
};

class PredicateTable {
 public:
  // Parses predicates.tsv (format in its header); `name` is used in error messages. Every
  // code must be in `codes` (a code table's keys).
  static StatusOr<PredicateTable> Parse(std::string_view name, std::string_view text,
                                        const std::unordered_map<std::string, CameoCode>& codes);

  // Entries for a verb lemma (with "zich " for a reflexive reading), a noun lemma (also as the
  // head of a compound: "luchtaanval" finds "aanval") or a light construction.
  std::span<const Predicate* const> Verb(std::string_view lemma) const;
  std::span<const Predicate* const> Noun(std::string_view lemma) const;
  std::span<const Predicate* const> Light(std::string_view noun, std::string_view verb) const;

  const std::vector<Predicate>& entries() const { return entries_; }

 private:
  std::vector<Predicate> entries_;
  struct ViewHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Index = std::unordered_map<std::string, std::vector<const Predicate*>, ViewHash, std::equal_to<>>;
  Index verbs_, nouns_, light_;
  size_t shortest_noun_ = 0;
};

class EventLexicon {
 public:
  // Parses the pattern table (patterns.tsv) and the code table (codes.tsv); `name`s are used in
  // error messages. Every pattern's code must be in the code table.
  static StatusOr<EventLexicon> Parse(std::string_view patterns_name, std::string_view patterns,
                                      std::string_view codes_name, std::string_view codes);

  // Patterns whose first element can match `word` (lower case): by exact form, by stem and by
  // compound head. Longest patterns first.
  void Candidates(std::string_view word, std::vector<const EventPattern*>* out) const;

  const CameoCode* Code(std::string_view cameo) const;
  size_t size() const { return patterns_.size(); }

  // The predicate dictionary the tree coder reads (empty when the folder has none).
  const PredicateTable& predicates() const { return predicates_; }
  void set_predicates(PredicateTable table) { predicates_ = std::move(table); }
  const std::unordered_map<std::string, CameoCode>& codes() const { return codes_; }

 private:
  std::vector<EventPattern> patterns_;
  // Looked up with string_views of every word's prefixes and suffixes: transparent hashing
  // avoids a string allocation per probe.
  struct ViewHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using WordIndex = std::unordered_map<std::string, std::vector<uint32_t>, ViewHash, std::equal_to<>>;
  WordIndex by_word_;
  WordIndex by_prefix_;  // keyed by the stem
  WordIndex by_suffix_;  // keyed by the head
  std::unordered_map<std::string, CameoCode> codes_;
  size_t max_affix_ = 0;  // longest stem or head, bounds the lookups per word
  std::vector<size_t> prefix_lengths_, suffix_lengths_;  // distinct, ascending
  PredicateTable predicates_;
};

// Loads `dir`/patterns.tsv and `dir`/codes.tsv. The error names the file and line.
StatusOr<EventLexicon> LoadEventLexicon(const std::string& dir);

// Events of `doc` in sentence order. `tokens` must be Tokenize(doc.text).
std::vector<Event> CodeEvents(const Document& doc, const std::vector<Token>& tokens,
                              const EventLexicon& lexicon);

// The events of `first`, then of `second`, one per (sentence, source actor, target actor,
// root) as the annotation rules count them, in sentence order.
std::vector<Event> MergeEvents(std::vector<Event> first, std::vector<Event> second);

// The most precise calendar date (day > ISO week > month > year) among `times` (text order)
// that lie inside [begin, end); start points ("sinds 2019") do not count. Nullopt when none.
std::optional<std::string> EventDateIn(const std::vector<TimeExpression>& times, uint32_t begin,
                                       uint32_t end);

// Events of `doc` read from its dependency trees (doc.tokens must be set: the syntax stage),
// with predicates from lexicon.predicates(); see tree_coder.cc for the rules.
std::vector<Event> CodeEventsFromTree(const Document& doc, const EventLexicon& lexicon);

}  // namespace wirewatch
