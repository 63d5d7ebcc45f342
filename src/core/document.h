// The plain structs every stage reads and fills: one Document per article or brief.
//
// A Document is the in-memory form of the JSONL record defined in shared/spec/record.md; the
// field names there are the contract, these structs only mirror them. Offsets are 0-based byte
// offsets into `text` (UTF-8), end exclusive. An empty std::optional serialises as null.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace wirewatch {

struct ByteSpan {
  uint32_t start = 0;
  uint32_t end = 0;
  bool operator==(const ByteSpan&) const = default;
};

struct Dateline {
  std::string place;                  // as written: "BRUSSEL", "TEHERAN/BAGDAD"
  std::vector<std::string> agencies;  // "ANP", "AFP", ... in the order written
  bool operator==(const Dateline&) const = default;
};

enum class DocumentKind { kArticle, kBrief };

struct EntityMention {
  ByteSpan span;
  std::string text;
  std::string type;                  // PER ORG LOC MISC
  std::string id;                    // Wikidata QID or stable local id
  std::string name;                  // canonical display name
  std::optional<std::string> actor;  // ISO 3166 alpha-3 or organisation code
};

struct Quote {
  ByteSpan span;
  std::string text;
  bool direct = true;
  std::string speaker;
  std::optional<std::string> speaker_id;
  std::optional<std::string> speaker_actor;
  std::string cue;
};

struct EventActor {
  std::string text;
  std::optional<std::string> actor;
  std::optional<std::string> id;
  std::optional<ByteSpan> span;  // the words in the text that name it; none when from context
};

struct Event {
  uint32_t sentence = 0;
  EventActor source;
  std::optional<EventActor> target;
  std::string cameo;
  std::string root;
  double goldstein = 0;
  std::string plover;
  std::string trigger;
  std::optional<ByteSpan> trigger_span;  // first to last word of the trigger
  bool negated = false;
  std::optional<std::string> date;
  std::optional<std::string> location;
};

struct TimeExpression {
  ByteSpan span;
  std::string text;
  std::optional<std::string> value;
};

// One token of a parsed sentence (`wirewatch analyze --with-syntax`): Universal Dependencies
// part of speech, features, lemma and dependency arc.
struct SyntaxToken {
  uint32_t sentence = 0;  // index into Document::sentences
  uint32_t id = 0;        // 1-based position in its sentence
  ByteSpan span;
  std::string lemma;
  std::string upos;
  std::string feats;      // "_" when none
  uint32_t head = 0;      // id of the head token in the same sentence, 0 for the root
  std::string deprel;
};

struct Document {
  std::string id;
  std::string source;
  DocumentKind kind = DocumentKind::kArticle;
  std::optional<std::string> parent;
  std::optional<std::string> title;
  std::optional<Dateline> dateline;
  std::optional<std::string> published;  // ISO 8601 date or date-time
  std::optional<std::string> author;     // person or desk credited in the byline, if named
  std::optional<int64_t> age_seconds;    // briefs: "39 minuten geleden" -> 2340
  std::string language;                  // ISO 639-1, "und" when unknown
  std::string text;
  std::vector<std::string> subheadings;
  std::vector<ByteSpan> sentences;
  std::vector<EntityMention> entities;
  std::vector<Quote> quotes;
  std::vector<Event> events;
  std::vector<TimeExpression> times;
  std::optional<std::vector<SyntaxToken>> tokens;  // only when syntax was asked for
  std::optional<std::string> duplicate_of;
  std::optional<std::string> story;

  // Not part of the record: when the page was crawled (WARC-Date), the anchor brief ages
  // count back from. ISO 8601.
  std::optional<std::string> crawl_time;
  std::optional<std::string> url;
};

}  // namespace wirewatch
