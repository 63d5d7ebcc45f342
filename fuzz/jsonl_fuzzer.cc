// Fuzzes the JSONL reader: SplitJsonl and StreamJsonl must agree line for line, nesting past
// max_json_depth must be refused rather than recursed into, and every field must come out as
// valid UTF-8 (JSON escapes can spell lone surrogates and NULs).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_checks.h"
#include "ingest/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace wirewatch;
  IngestLimits limits;
  limits.max_input_bytes = 1 << 20;
  limits.max_page_bytes = 16 << 10;
  limits.max_json_depth = 8;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const std::string name = "fuzz.jsonl";

  ReadResult split = SplitJsonl(name, bytes, limits);
  for (const Page& p : split.pages) {
    // A "text" line is the article body; an "html" line is a page still to be cleaned.
    FUZZ_CHECK(p.content_is_body || p.format == PageFormat::kHtml);
    FUZZ_CHECK(fuzz::IsValidUtf8(p.content));
    FUZZ_CHECK(p.content.find('\0') == std::string::npos);
    if (p.title) FUZZ_CHECK(fuzz::IsValidUtf8(*p.title));
    if (p.published) FUZZ_CHECK(fuzz::IsValidUtf8(*p.published));
    if (p.url) FUZZ_CHECK(fuzz::IsValidUtf8(*p.url));
    FUZZ_CHECK(fuzz::IsValidUtf8(p.source));
  }
  for (const Status& s : split.problems) {
    FUZZ_CHECK(!s.ok());
    FUZZ_CHECK(s.message().rfind(name, 0) == 0);
  }

  std::vector<std::string> sources;
  size_t problems = 0;
  ByteStream in(name, StringPull(bytes), limits.max_input_bytes);
  StreamJsonl(name, in, limits,
              PageSink{[&](Page p) { sources.push_back(std::move(p.source)); },
                       [&](Status) { ++problems; }});
  FUZZ_CHECK(sources.size() == split.pages.size());
  for (size_t i = 0; i < sources.size(); ++i) FUZZ_CHECK(sources[i] == split.pages[i].source);
  FUZZ_CHECK(problems == split.problems.size());
  return 0;
}
