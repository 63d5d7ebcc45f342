// Quotes: who said what. Direct quotes in every Dutch form ("…", “…”, „…”, ,,…'', '…'), also
// spanning sentences, and reported speech introduced by a cue (zei dat, aldus, volgens,
// naar eigen zeggen, Dat zei X), each with its speaker.
//
//   QuoteLexicon lexicon = LoadQuoteLexicon("data/quotes/cues.tsv").value();
//   doc.quotes = ExtractQuotes(doc, lexicon);   // needs doc.text and doc.sentences
//
// Speakers are the words of the text ("hij", "de NAVO-chef", "Stoltenberg") resolved through
// doc.entities where a mention covers them: a person mention gives its canonical name, id and
// actor; a pronoun or a role ("de Amerikaan", "de NAVO-chef") resolves to the latest person
// speaker or person mention of the same actor. When nothing resolves, the speaker is the text's
// own words. Thread-safe: the lexicon is immutable.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/document.h"
#include "core/status.h"

namespace wirewatch {

enum class CueKind { kVerb, kPreposition, kAldus, kSelf, kNoun };

class QuoteLexicon {
 public:
  // One cue per line: "form<TAB>kind" (see data/quotes/cues.tsv).
  static StatusOr<QuoteLexicon> Parse(std::string_view name, std::string_view tsv);

  // Cues whose first word is `word` (lower case): the full forms as word lists, with kinds.
  struct Cue {
    std::vector<std::string> words;
    CueKind kind;
  };
  const std::vector<Cue>* Find(std::string_view first_word) const;

 private:
  std::unordered_map<std::string, std::vector<Cue>> by_first_word_;
};

StatusOr<QuoteLexicon> LoadQuoteLexicon(const std::string& path);

std::vector<Quote> ExtractQuotes(const Document& doc, const QuoteLexicon& lexicon);

// Replaces each quote's speaker by the subject of its cue verb (or the noun of "volgens X")
// where doc.tokens (the syntax stage) names one: a name mention's canonical name and actor, or
// a description as written with the actor of a name inside it. Pronoun subjects keep the
// speaker ExtractQuotes resolved. Then drops the quotes that neither stage attributed.
void AttributeSpeakersFromTree(Document& doc);

}  // namespace wirewatch
