// Fuzzes the WARC reader: SplitWarc (bytes in memory) and StreamWarc (record by record through a
// ByteStream) must agree, pages must be valid UTF-8, and every page must respect max_page_bytes
// before decoding (the bound that keeps memory per worker fixed).
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
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const std::string name = "fuzz.warc";

  ReadResult split = SplitWarc(name, bytes, limits);
  for (const Page& p : split.pages) {
    FUZZ_CHECK(fuzz::IsValidUtf8(p.content));
    FUZZ_CHECK(!p.source.empty());
    // WARC-Target-URI, WARC-Date and the record id are copied as raw header bytes (not
    // necessarily UTF-8); the record writer escapes what it emits, so only content is checked.
  }
  for (const Status& s : split.problems) FUZZ_CHECK(!s.ok());

  std::vector<std::string> sources;
  size_t problems = 0;
  ByteStream in(name, StringPull(bytes), limits.max_input_bytes);
  StreamWarc(name, in, limits,
             PageSink{[&](Page p) { sources.push_back(std::move(p.source)); },
                      [&](Status) { ++problems; }});
  FUZZ_CHECK(sources.size() == split.pages.size());
  for (size_t i = 0; i < sources.size(); ++i) FUZZ_CHECK(sources[i] == split.pages[i].source);
  return 0;
}
