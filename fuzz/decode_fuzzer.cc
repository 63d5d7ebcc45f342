// Fuzzes DecodeToUtf8: whatever the bytes and the declared charset, the output is valid UTF-8 in
// NFC without NUL bytes, and decoding it again changes nothing (every later stage assumes the
// text it gets is already decoded; a second pass that alters it means the first was wrong).
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_checks.h"
#include "ingest/ingest.h"

namespace {

// The first byte picks a declared charset, so the fuzzer explores both trusted and sniffed paths.
constexpr std::string_view kCharsets[] = {"",         "utf-8",        "iso-8859-1", "windows-1252",
                                          "utf-16",   "utf-16le",     "utf-16be",   "shift_jis",
                                          "koi8-r",   "x-no-such-cs", "utf-7",      "gb18030",
                                          "us-ascii", "utf-32",       "latin1",     "iso-2022-jp"};

bool IsNfc(const std::string& utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return true;  // no verdict possible; not the code under test
  const icu::UnicodeString s = icu::UnicodeString::fromUTF8(utf8);
  const bool normalized = nfc->isNormalized(s, status);
  return U_FAILURE(status) || normalized;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace wirewatch;
  if (size == 0) return 0;
  const std::string_view charset = kCharsets[data[0] % std::size(kCharsets)];
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::string out = DecodeToUtf8(bytes, charset);
  FUZZ_CHECK(fuzz::IsValidUtf8(out));
  FUZZ_CHECK(out.find('\0') == std::string::npos);
  FUZZ_CHECK(IsNfc(out));
  // A leading U+FEFF left after a stripped BOM is a second BOM and would be stripped again;
  // idempotence is only promised for text without one.
  if (out.rfind("\xEF\xBB\xBF", 0) != 0) FUZZ_CHECK(DecodeToUtf8(out) == out);
  return 0;
}
