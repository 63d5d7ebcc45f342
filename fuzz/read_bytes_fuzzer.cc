// Fuzzes ReadBytes, the whole ingest path on arbitrary bytes: format detection, gzip, encodings,
// JSONL and WARC splitting. Small limits so the limit paths are reached, not just the happy ones.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_checks.h"
#include "ingest/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace wirewatch;
  IngestLimits limits;
  limits.max_input_bytes = 1 << 20;
  limits.max_page_bytes = 64 << 10;
  limits.max_json_depth = 16;
  const std::string name = "fuzz.in";
  ReadResult r = ReadBytes(name, std::string(reinterpret_cast<const char*>(data), size), limits);
  // The contract the CLI relies on: an input that yields no page is reported, never silent.
  FUZZ_CHECK(!r.pages.empty() || !r.problems.empty());
  for (const Page& p : r.pages) {
    FUZZ_CHECK(fuzz::IsValidUtf8(p.content));
    FUZZ_CHECK(p.content.find('\0') == std::string::npos);
    FUZZ_CHECK(!p.source.empty());
    if (p.title) FUZZ_CHECK(fuzz::IsValidUtf8(*p.title));
  }
  for (const Status& s : r.problems) {
    FUZZ_CHECK(!s.ok());
    // Messages start with the input's name so every stderr line says which input failed.
    FUZZ_CHECK(s.message().rfind(name, 0) == 0);
  }
  return 0;
}
