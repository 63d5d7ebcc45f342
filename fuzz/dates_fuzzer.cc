// Fuzzes NormalizeDate: any result has one of the documented shapes, converts to Unix
// seconds, and is a fixed point (normalising a normalised date changes nothing), since dates
// are normalised once at ingest and again when records are merged.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/dates.h"
#include "fuzz/fuzz_checks.h"

namespace {

// "YYYY-MM-DD", "YYYY-MM-DDTHH:MM:SSZ" (an offset was given) or "YYYY-MM-DDTHH:MM:SS" (a local
// time as written; dates.h only mentions the first two, dates_test.cc pins the third).
bool HasIsoShape(const std::string& s) {
  constexpr std::string_view kPatterns[] = {"dddd-dd-dd", "dddd-dd-ddTdd:dd:ddZ",
                                            "dddd-dd-ddTdd:dd:dd"};
  std::string_view pattern;
  for (std::string_view p : kPatterns) {
    if (p.size() == s.size()) pattern = p;
  }
  if (pattern.empty()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (pattern[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != pattern[i]) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace wirewatch;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::optional<std::string> iso = NormalizeDate(text);
  if (iso) {
    FUZZ_CHECK(HasIsoShape(*iso));
    FUZZ_CHECK(NormalizeDate(*iso) == iso);
    const std::optional<int64_t> seconds = ToUnixSeconds(*iso);
    FUZZ_CHECK(seconds.has_value());
    if (iso->back() == 'Z') FUZZ_CHECK(FormatUnixSeconds(*seconds) == *iso);
  }
  // ToUnixSeconds also reads strings straight from records; it must never crash on them.
  if (const auto s = ToUnixSeconds(text)) (void)FormatUnixSeconds(*s);
  return 0;
}
