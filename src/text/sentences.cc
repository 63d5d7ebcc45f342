// Sentence boundaries over tokens: where a sentence starts is decided from the token kinds and
// flags the lexer recorded (final punctuation, abbreviations, quotes, line breaks), so splitting
// costs one pass over the tokens and never re-reads the text.
#include <vector>

#include "text/tokenizer.h"

namespace wirewatch {
namespace {

// What the tokens so far say about a boundary before the next word.
enum class Pending {
  kNone,
  kStrong,  // after . ! ? … (and any closing quotes or brackets after them)
  kWeak,    // after an abbreviation that may end a sentence (enz. jl.)
};

bool IsWordLike(TokenKind k) {
  return k == TokenKind::kWord || k == TokenKind::kNumber || k == TokenKind::kAbbreviation ||
         k == TokenKind::kInitials;
}

// A word that starts lower case continues the sentence ("bijv. het", `"Nee!" riep hij`); an
// elision ('s avonds) is lower case but may start one.
bool StartsLower(const Token& t) {
  return IsWordLike(t.kind) && t.kind != TokenKind::kNumber && !t.Has(kCapitalized) &&
         !t.Has(kElision);
}

bool StartsAfterStrong(const Token& t) {
  if (t.kind == TokenKind::kPunctuation || t.kind == TokenKind::kEllipsis) {
    return t.Has(kDash);  // `", zei hij`, "?!", ":" continue; "- Amsterdam vangt" (a list) not
  }
  return !StartsLower(t);
}

bool StartsAfterWeak(const Token& t) {
  // "enz. De ..." ends; "enz. J.F. Kennedy", "e.d. 12" are too rare to risk a split.
  return (IsWordLike(t.kind) && t.kind != TokenKind::kInitials && t.Has(kCapitalized)) ||
         t.kind == TokenKind::kOpenQuote;
}

}  // namespace

// Declared for tokenizer.cc, which calls it after lexing.
void MarkSentenceStarts(std::vector<Token>* tokens);

void MarkSentenceStarts(std::vector<Token>* tokens) {
  std::vector<Token>& t = *tokens;
  Pending pending = Pending::kNone;
  for (size_t i = 0; i < t.size(); ++i) {
    Token& tok = t[i];
    bool start = false;
    if (i == 0 || tok.Has(kParagraphBefore)) {
      start = true;
    } else if (tok.kind == TokenKind::kCloseQuote || tok.kind == TokenKind::kCloseBracket) {
      start = false;  // closers after final punctuation belong to the sentence they close
    } else if (pending == Pending::kStrong) {
      start = StartsAfterStrong(tok);
    } else if (tok.Has(kNewlineBefore)) {
      // A line break ends a heading or other unpunctuated line, unless the line was wrapped
      // mid-sentence: then the next line starts lower case, or the previous one ended in a
      // comma, colon, dash or an opening bracket or quote.
      const Token& prev = t[i - 1];
      bool wrapped = StartsLower(tok) || prev.kind == TokenKind::kOpenQuote ||
                     prev.kind == TokenKind::kOpenBracket ||
                     (prev.kind == TokenKind::kPunctuation && !prev.Has(kTerminal));
      start = !wrapped;
    } else if (pending == Pending::kWeak) {
      start = StartsAfterWeak(tok);
    }
    if (start) tok.flags |= kSentenceStart;

    if (tok.Has(kTerminal)) {
      pending = Pending::kStrong;
    } else if (tok.Has(kMayEndSentence)) {
      pending = Pending::kWeak;
    } else if (tok.kind != TokenKind::kCloseQuote && tok.kind != TokenKind::kCloseBracket) {
      pending = Pending::kNone;
    }
  }
}

std::vector<ByteSpan> SentenceSpans(const std::vector<Token>& tokens) {
  std::vector<ByteSpan> spans;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].Has(kSentenceStart) || i == 0) {
      if (!spans.empty()) spans.back().end = tokens[i - 1].span.end;
      spans.push_back({tokens[i].span.start, tokens[i].span.end});
    }
  }
  if (!spans.empty()) spans.back().end = tokens.back().span.end;
  return spans;
}

std::vector<ByteSpan> SplitSentences(std::string_view text) {
  return SentenceSpans(Tokenize(text));
}

}  // namespace wirewatch
