// Fuzzes Tokenize and SentenceSpans on raw bytes (the tokenizer promises to accept invalid
// UTF-8). Checks the span contract every later stage builds on: in bounds, non-empty, in text
// order, never overlapping, never starting or ending on white space; sentences start at a
// kSentenceStart token and end at a token end.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_checks.h"
#include "text/tokenizer.h"

namespace {

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace wirewatch;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::vector<Token> tokens = Tokenize(text);
  uint32_t last_end = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const ByteSpan& s = tokens[i].span;
    FUZZ_CHECK(s.start < s.end && s.end <= text.size());
    FUZZ_CHECK(s.start >= last_end);
    FUZZ_CHECK(!IsAsciiSpace(text[s.start]) && !IsAsciiSpace(text[s.end - 1]));
    last_end = s.end;
  }
  if (!tokens.empty()) FUZZ_CHECK(tokens[0].Has(kSentenceStart));

  const std::vector<ByteSpan> sentences = SentenceSpans(tokens);
  FUZZ_CHECK(fuzz::OrderedDisjoint(sentences, text.size()));
  size_t starts = 0;
  for (const Token& t : tokens) starts += t.Has(kSentenceStart) ? 1 : 0;
  FUZZ_CHECK(sentences.size() == starts);
  size_t t = 0;
  for (const ByteSpan& s : sentences) {
    FUZZ_CHECK(s.start < s.end);
    while (t < tokens.size() && tokens[t].span.start < s.start) ++t;
    FUZZ_CHECK(t < tokens.size() && tokens[t].span.start == s.start);
    FUZZ_CHECK(tokens[t].Has(kSentenceStart));
  }

  // The storage-reusing form must give the same tokens.
  std::vector<Token> again = {Token{}, Token{}};
  Tokenize(text, &again);
  FUZZ_CHECK(again.size() == tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) {
    FUZZ_CHECK(again[i].span == tokens[i].span && again[i].flags == tokens[i].flags &&
               again[i].kind == tokens[i].kind);
  }
  FUZZ_CHECK(SplitSentences(text) == sentences);
  return 0;
}
