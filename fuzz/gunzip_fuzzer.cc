// Fuzzes Gunzip (whole-buffer inflate) against GunzipPull (streaming inflate): both must stay
// within the output limit, and when the whole-buffer form succeeds the stream must yield the
// same bytes, since StreamInput and ReadInput pick one or the other for the same file.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_checks.h"
#include "ingest/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace wirewatch;
  constexpr size_t kMax = 1 << 20;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  StatusOr<std::string> whole = Gunzip("fuzz.gz", bytes, kMax);
  if (whole.ok()) {
    FUZZ_CHECK(whole->size() <= kMax);
  } else {
    FUZZ_CHECK(!whole.status().message().empty());
  }

  ByteStream compressed("fuzz.gz", StringPull(bytes), bytes.size());
  ByteStream inflated("fuzz.gz", GunzipPull("fuzz.gz", compressed), kMax, /*decompressed=*/true);
  std::string streamed;
  inflated.ReadAll(streamed);
  FUZZ_CHECK(streamed.size() <= kMax);
  if (whole.ok() && LooksGzipped(bytes)) {
    FUZZ_CHECK(inflated.status().ok());
    FUZZ_CHECK(streamed == *whole);
  }
  return 0;
}
