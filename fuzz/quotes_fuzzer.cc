// Fuzzes ExtractQuotes over a Document built from the bytes (decoded and sentence-split as the
// pipeline does) with the repository's cue lexicon, data/quotes/cues.tsv. Quote spans must lie
// inside the text on character boundaries, and every string must be valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fuzz/fuzz_checks.h"
#include "ingest/ingest.h"
#include "quotes/quotes.h"
#include "text/tokenizer.h"

namespace {

const wirewatch::QuoteLexicon& Lexicon() {
  static const wirewatch::QuoteLexicon* lexicon = [] {
    auto l =
        wirewatch::LoadQuoteLexicon(std::string(WIREWATCH_SOURCE_DIR) + "/data/quotes/cues.tsv");
    if (!l.ok()) {
      // Without the lexicon the target would fuzz nothing; fail loudly instead.
      std::fprintf(stderr, "quotes_fuzzer: %s\n", l.status().message().c_str());
      std::abort();
    }
    return new wirewatch::QuoteLexicon(std::move(l).value());
  }();
  return *lexicon;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace wirewatch;
  const QuoteLexicon& lexicon = Lexicon();
  Document doc;
  doc.text = DecodeToUtf8(std::string_view(reinterpret_cast<const char*>(data), size));
  doc.sentences = SplitSentences(doc.text);
  const std::vector<Quote> quotes = ExtractQuotes(doc, lexicon);
  for (const Quote& q : quotes) {
    FUZZ_CHECK(fuzz::SpanInside(q.span, doc.text.size()));
    FUZZ_CHECK(fuzz::OnCharBoundary(doc.text, q.span.start));
    FUZZ_CHECK(fuzz::OnCharBoundary(doc.text, q.span.end));
    FUZZ_CHECK(fuzz::IsValidUtf8(q.text));
    FUZZ_CHECK(fuzz::IsValidUtf8(q.speaker));
    FUZZ_CHECK(fuzz::IsValidUtf8(q.cue));
  }
  return 0;
}
