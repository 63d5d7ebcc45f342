// Fuzzes the CLI's option-value parser, cli::ParseCount (--max-bytes, -j, --max-depth ...):
// it accepts exactly 1 to 18 decimal digits, so the value always fits a long long, and the
// value it returns is the number written.
#include <cstddef>
#include <cstdint>
#include <string>

#include "cli/commands.h"
#include "fuzz/fuzz_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  long long value = -1;
  const bool ok = wirewatch::cli::ParseCount(text, value);
  bool digits_only = !text.empty() && text.size() <= 18;
  for (char c : text) digits_only = digits_only && c >= '0' && c <= '9';
  FUZZ_CHECK(ok == digits_only);
  if (ok) {
    FUZZ_CHECK(value >= 0);
    FUZZ_CHECK(std::to_string(value) == text.substr(text.find_first_not_of('0') == std::string::npos
                                                        ? text.size() - 1
                                                        : text.find_first_not_of('0')));
  } else {
    FUZZ_CHECK(value == -1);  // a refused value leaves the option untouched
  }
  return 0;
}
