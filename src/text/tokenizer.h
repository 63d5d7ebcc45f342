// Dutch tokenizer and sentence splitter over UTF-8 text, reporting byte offsets.
//
// Every later stage (entities, quotes, times, events) works on these tokens and sentences, so
// they must be cheap (one pass, no allocation per character, no regex) and their spans exact:
// byte offsets into the caller's text, [start, end), never overlapping, in text order, never
// covering whitespace. Rules and the decisions behind them: docs/tokenizer.md.
//
//   std::vector<Token> tokens = Tokenize(text);
//   std::vector<ByteSpan> sentences = SentenceSpans(tokens);     // or SplitSentences(text)
//   for (const Token& t : tokens) Use(TokenText(text, t), t.kind, t.Has(kCapitalized));
//
// Thread-safety: all functions are pure; the tables they read are immutable.
// Input that is not valid UTF-8 is tokenised byte by byte where invalid (as symbols), never
// rejected. Only the first 2^31-1 bytes of a text are read.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/document.h"

namespace wirewatch {

enum class TokenKind : uint8_t {
  kWord,          // letters, maybe with digits, hyphens and inner apostrophes: NAVO-chef, z'n
  kNumber,        // starts with a digit: 1,2  134.803  24-02-2022  14.30  2e  30-jarige  '80
  kAbbreviation,  // with its final period: o.a.  d.w.z.  mr.  prof.  blz.
  kInitials,      // upper-case letters with periods: J.  J.F.
  kPunctuation,   // , ; : . ! ? ?! and dashes (- – —)
  kEllipsis,      // ... or …
  kOpenQuote,     // ,, „ “ ‘ « and " ' when they open
  kCloseQuote,    // '' ” ’ » and " ' when they close
  kOpenBracket,   // ( [ {
  kCloseBracket,  // ) ] }
  kUrl,           // http(s)://…, www.…, bare domains with a known top-level domain (nu.nl)
  kEmail,         // naam@example.nl
  kHandle,        // @naam
  kHashtag,       // #navo
  kSymbol,        // anything else: % € & + / emoji, and bytes that are not valid UTF-8
};

// Bit flags on a token; test with Token::Has.
enum TokenFlag : uint16_t {
  kCapitalized = 1 << 0,      // first letter upper case (Rusland, NAVO, J.F.)
  kAllCaps = 1 << 1,          // at least two letters and none lower case (NAVO, BRUSSEL)
  kSentenceStart = 1 << 2,    // first token of a sentence
  kSpaceBefore = 1 << 3,      // whitespace or the start of the text precedes it
  kNewlineBefore = 1 << 4,    // a line break precedes it (or the start of the text)
  kParagraphBefore = 1 << 5,  // a blank line precedes it (or the start of the text)
  kHasDigit = 1 << 6,         // contains a digit (F-35, 2e)
  kHasHyphen = 1 << 7,        // a hyphenated compound (Oost-Oekraïne, de-escaleren)
  kElision = 1 << 8,          // 's 't 'n '80 z'n m'n zo'n
  kMayEndSentence = 1 << 9,   // an abbreviation that can also end a sentence (enz. etc. jl.)
  kTerminal = 1 << 10,        // punctuation that ends sentences: . ! ? … and runs of them
  kDash = 1 << 11,            // - – — standing alone (datelines, bullets, asides)
};

struct Token {
  ByteSpan span;
  TokenKind kind = TokenKind::kWord;
  uint16_t flags = 0;
  bool Has(TokenFlag flag) const { return (flags & flag) != 0; }
};

// Splits `text` into tokens and marks the first token of every sentence with kSentenceStart.
std::vector<Token> Tokenize(std::string_view text);

// Same, reusing `tokens`' storage (cleared first): for loops over many documents.
void Tokenize(std::string_view text, std::vector<Token>* tokens);

// Sentence spans from tokens made by Tokenize: each runs from the start of a kSentenceStart
// token to the end of the last token before the next one (so it excludes surrounding
// whitespace). A blank line always ends a sentence; a line without final punctuation (a
// heading) is its own sentence; a sentence ending inside a quote ends after the closing quote.
std::vector<ByteSpan> SentenceSpans(const std::vector<Token>& tokens);

// Tokenize + SentenceSpans, for callers that need only the sentences.
std::vector<ByteSpan> SplitSentences(std::string_view text);

inline std::string_view TokenText(std::string_view text, const Token& token) {
  return text.substr(token.span.start, token.span.end - token.span.start);
}

// How the tokenizer treats `word` (without its final period) when a period follows it.
enum class AbbreviationClass : uint8_t {
  kNone,           // not an abbreviation: the period is punctuation
  kInside,         // an abbreviation that does not end a sentence (mr. o.a. ca. nr.)
  kMayEndSentence  // an abbreviation that often ends one (enz. etc. jl. e.d.)
};

// Looks `word` up in the Dutch abbreviation table (src/text/abbreviations.cc). Matches the
// listed spelling or, unless the entry is lower-case only, its capitalised form ("Prof").
AbbreviationClass ClassifyAbbreviation(std::string_view word);

}  // namespace wirewatch
