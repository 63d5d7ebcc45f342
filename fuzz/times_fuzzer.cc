// Fuzzes FindTimes (Dutch temporal expressions) over decoded text, with no anchor, a date anchor
// and a date-time anchor near midnight (the civil-time conversion), checking the contract in
// times.h: spans in text order, never overlapping, `text` exactly the text under the span.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_checks.h"
#include "ingest/ingest.h"
#include "text/tokenizer.h"
#include "times/times.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace wirewatch;
  if (size == 0) return 0;
  static const std::optional<std::string> kAnchors[] = {
      std::nullopt, "2022-01-12", "2022-03-27T00:30:00Z", "1999-12-31T23:59:59Z"};
  const std::optional<std::string>& anchor = kAnchors[data[0] % 4];
  const std::string text =
      DecodeToUtf8(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
  const std::vector<Token> tokens = Tokenize(text);
  const std::vector<TimeExpression> times = FindTimes(text, tokens, anchor);
  std::vector<ByteSpan> spans;
  for (const TimeExpression& t : times) {
    spans.push_back(t.span);
    FUZZ_CHECK(fuzz::SpanInside(t.span, text.size()));
    FUZZ_CHECK(t.text == std::string_view(text).substr(t.span.start, t.span.end - t.span.start));
    if (t.value) FUZZ_CHECK(fuzz::IsValidUtf8(*t.value) && !t.value->empty());
  }
  FUZZ_CHECK(fuzz::OrderedDisjoint(spans, text.size()));
  // DateForSpan over the whole text must return one of the values or the fallback.
  (void)DateForSpan(times, ByteSpan{0, static_cast<uint32_t>(text.size())}, anchor);
  return 0;
}
