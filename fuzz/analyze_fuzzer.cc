// Fuzzes the whole per-page pipeline (AnalyzePage: cleaning, tokens, NER and linking, syntax,
// quotes with tree speakers, tree and pattern event coders, times) over a plain-text page made
// of the bytes (decoded as ReadInput decodes them), with the repository's tables and models. Every span a record carries must lie
// inside its text on character boundaries, every string must be valid UTF-8, and sentence
// indices must exist.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fuzz/fuzz_checks.h"
#include "ingest/ingest.h"
#include "pipeline/pipeline.h"

namespace {

const wirewatch::Resources& Shared() {
  static const wirewatch::Resources* resources = [] {
    auto loaded = wirewatch::LoadResources(WIREWATCH_SOURCE_DIR);
    if (!loaded.ok()) {
      // Without the models the target would fuzz nothing; fail loudly instead.
      std::fprintf(stderr, "analyze_fuzzer: %s\n", loaded.status().message().c_str());
      std::abort();
    }
    return new wirewatch::Resources(std::move(loaded).value());
  }();
  return *resources;
}

void CheckSpan(const std::string& text, const wirewatch::ByteSpan& span) {
  FUZZ_CHECK(wirewatch::fuzz::SpanInside(span, text.size()));
  FUZZ_CHECK(wirewatch::fuzz::OnCharBoundary(text, span.start));
  FUZZ_CHECK(wirewatch::fuzz::OnCharBoundary(text, span.end));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace wirewatch;
  if (size > 16 * 1024) return 0;  // the stages are linear; big inputs only slow the search
  const Resources& resources = Shared();
  Page page;
  page.source = "fuzz";
  // Pages reach AnalyzePage decoded (ReadInput decodes every input to UTF-8 NFC first).
  page.content = DecodeToUtf8(std::string_view(reinterpret_cast<const char*>(data), size));
  AnalyzeOptions options;
  options.with_syntax = (size % 2) == 1;  // both record shapes
  for (const Document& doc : AnalyzePage(page, options, resources)) {
    fuzz::CheckDocument(doc);
    const std::string& text = doc.text;
    for (const EntityMention& e : doc.entities) {
      CheckSpan(text, e.span);
      FUZZ_CHECK(fuzz::IsValidUtf8(e.text) && fuzz::IsValidUtf8(e.name) && fuzz::IsValidUtf8(e.id));
    }
    for (const Quote& q : doc.quotes) {
      CheckSpan(text, q.span);
      FUZZ_CHECK(!q.speaker.empty());
      FUZZ_CHECK(fuzz::IsValidUtf8(q.text) && fuzz::IsValidUtf8(q.speaker) && fuzz::IsValidUtf8(q.cue));
    }
    for (const Event& e : doc.events) {
      FUZZ_CHECK(e.sentence < doc.sentences.size());
      if (e.trigger_span) CheckSpan(text, *e.trigger_span);
      if (e.source.span) CheckSpan(text, *e.source.span);
      if (e.target && e.target->span) CheckSpan(text, *e.target->span);
      FUZZ_CHECK(fuzz::IsValidUtf8(e.trigger) && fuzz::IsValidUtf8(e.source.text));
      FUZZ_CHECK(e.cameo.compare(0, 2, e.root) == 0);
    }
    if (doc.tokens)
      for (const SyntaxToken& t : *doc.tokens) CheckSpan(text, t.span);
  }
  return 0;
}
