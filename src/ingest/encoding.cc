// Encoding detection and decoding to UTF-8 NFC (ICU converters and normaliser).
//
// Order of evidence: a byte-order mark, then valid UTF-8, then a declared charset, then the
// shape of the bytes (UTF-16 without BOM has a NUL in every other byte), then windows-1252,
// the superset of latin-1 that Western news sites without a declaration actually use.
//
// Nearly every page is already valid UTF-8 in NFC, mostly ASCII markup, so that case is checked
// first in one pass (ASCII eight bytes at a time) and copied as it is: sanitising and ICU's
// normalisation check would return the same bytes at several times the cost.
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>

#include "core/utf8.h"
#include "ingest/ingest.h"

namespace wirewatch {
namespace {

struct Utf8Stats {
  size_t invalid = 0;
  size_t multibyte = 0;
};

Utf8Stats ScanUtf8(std::string_view s) {
  Utf8Stats st;
  for (size_t i = 0; i < s.size();) {
    size_t len = Utf8SequenceLength(s, i);
    if (len == 0) {
      ++st.invalid;
      ++i;
    } else {
      if (len > 1) ++st.multibyte;
      i += len;
    }
  }
  return st;
}

// What one pass over the bytes says about the fast path.
struct Utf8Check {
  bool clean = true;  // valid UTF-8 without NUL bytes: SanitizeUtf8 would copy it unchanged
  // Every non-ASCII code point is below U+0300 or NFC-inert. Below U+0300 no character has a
  // canonical combining class or a "No"/"Maybe" NFC quick-check value, and inert characters
  // never change nor combine, so such text is in NFC whatever its order.
  bool nfc = true;
};

Utf8Check CheckUtf8(std::string_view s, const icu::Normalizer2* nfc) {
  constexpr uint64_t kHigh = 0x8080808080808080ull, kOnes = 0x0101010101010101ull;
  Utf8Check check;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size(), i = 0;
  while (i < n) {
    if (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, p + i, 8);
      // No byte >= 0x80 and no zero byte (the classic has-zero-byte test) in these eight.
      if (((word | ((word - kOnes) & ~word)) & kHigh) == 0) {
        i += 8;
        continue;
      }
    }
    unsigned char c = p[i];
    if (c < 0x80) {
      if (c == 0) check.clean = false;
      ++i;
      continue;
    }
    size_t len = Utf8SequenceLength(s, i);
    if (len == 0) {
      check.clean = false;
      return check;
    }
    if (check.nfc) {
      UChar32 cp = len == 2   ? ((c & 0x1F) << 6) | (p[i + 1] & 0x3F)
                   : len == 3 ? ((c & 0x0F) << 12) | ((p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F)
                              : ((c & 0x07) << 18) | ((p[i + 1] & 0x3F) << 12) |
                                    ((p[i + 2] & 0x3F) << 6) | (p[i + 3] & 0x3F);
      if (cp >= 0x300 && (nfc == nullptr || !nfc->isInert(cp))) check.nfc = false;
    }
    i += len;
  }
  return check;
}

const icu::Normalizer2* NfcInstance() {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  return U_FAILURE(err) ? nullptr : nfc;
}

// Copies valid UTF-8, replacing each invalid byte by U+FFFD and dropping NULs.
std::string SanitizeUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t len = Utf8SequenceLength(s, i);
    if (len == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      if (!(len == 1 && s[i] == '\0')) out.append(s.data() + i, len);
      i += len;
    }
  }
  return out;
}

// Converts with an ICU converter; unmappable bytes become U+FFFD. Empty optional when ICU does
// not know the charset.
std::optional<std::string> ConvertWithIcu(std::string_view bytes, const char* charset) {
  UErrorCode err = U_ZERO_ERROR;
  UConverter* raw = ucnv_open(charset, &err);
  if (U_FAILURE(err) || raw == nullptr) return std::nullopt;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> conv(raw, &ucnv_close);
  UConverter* utf8_raw = ucnv_open("UTF-8", &err);
  if (U_FAILURE(err)) return std::nullopt;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> utf8(utf8_raw, &ucnv_close);
  std::string out;
  out.resize(bytes.size() * 3 + 16);
  char* target = out.data();
  const char* source = bytes.data();
  UChar pivot[1024];
  UChar* pivot_source = pivot;
  UChar* pivot_target = pivot;
  ucnv_convertEx(utf8.get(), conv.get(), &target, out.data() + out.size(), &source,
                 bytes.data() + bytes.size(), pivot, &pivot_source, &pivot_target,
                 pivot + 1024, true, true, &err);
  if (U_FAILURE(err)) return std::nullopt;
  out.resize(target - out.data());
  return out;
}

// Valid UTF-8 in, NFC out.
std::string NormalizeNfc(std::string s) {
  bool ascii = true;
  for (unsigned char c : s) {
    if (c >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return s;
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  if (U_FAILURE(err)) return s;
  if (nfc->isNormalizedUTF8(s, err) && U_SUCCESS(err)) return s;
  err = U_ZERO_ERROR;
  std::string out;
  out.reserve(s.size());
  icu::StringByteSink<std::string> sink(&out);
  nfc->normalizeUTF8(0, s, sink, nullptr, err);
  if (U_FAILURE(err)) return s;
  return out;
}

// UTF-16 without a BOM: text in Latin scripts has a zero in every other byte.
std::optional<const char*> GuessUtf16(std::string_view b) {
  size_t n = std::min<size_t>(b.size(), 4096) & ~size_t{1};
  if (n < 8) return std::nullopt;
  size_t zero_even = 0, zero_odd = 0;
  for (size_t i = 0; i < n; i += 2) {
    zero_even += b[i] == '\0';
    zero_odd += b[i + 1] == '\0';
  }
  size_t pairs = n / 2;
  if (zero_odd * 10 > pairs * 7 && zero_even * 10 < pairs) return "UTF-16LE";
  if (zero_even * 10 > pairs * 7 && zero_odd * 10 < pairs) return "UTF-16BE";
  return std::nullopt;
}

}  // namespace

bool LooksBinary(std::string_view bytes) {
  std::string_view head = bytes.substr(0, 8192);
  if (head.empty()) return false;
  auto starts = [&](std::string_view magic) { return head.substr(0, magic.size()) == magic; };
  // Text with a byte-order mark is text, whatever its zeros say (UTF-16/32).
  if (starts("\xEF\xBB\xBF") || starts("\xFF\xFE") || starts("\xFE\xFF") ||
      starts(std::string_view("\0\0\xFE\xFF", 4)))
    return false;
  if (starts("\x89PNG") || starts("GIF8") || starts("\xFF\xD8\xFF") || starts("%PDF") ||
      starts("\x7F" "ELF") || starts("PK\x03\x04") || starts("BZh") || starts("\xFD" "7zXZ") ||
      starts("SQLite format 3") || starts("OggS") || starts("ID3") || starts("RIFF") ||
      starts("\x1A\x45\xDF\xA3") || starts(std::string_view("\0asm", 4)) ||
      starts("\x28\xB5\x2F\xFD") || starts("7z\xBC\xAF"))
    return true;
  if (GuessUtf16(head)) return false;
  // NULs are not counted: a text page with a run of NULs (a preallocated or damaged file) is
  // still text, and the NULs are dropped when decoding. Binary formats betray themselves by the
  // other control bytes, which text does not have.
  size_t control = 0, non_nul = 0;
  for (unsigned char c : head) {
    if (c == 0) continue;
    ++non_nul;
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1B) ++control;
  }
  if (non_nul == 0) return true;
  return control * 20 > non_nul;  // more than 5% control bytes: not text
}

std::string DecodeToUtf8(std::string_view bytes, std::string_view declared_charset) {
  auto starts = [&](std::string_view bom) { return bytes.substr(0, bom.size()) == bom; };
  std::optional<std::string> decoded;
  if (starts("\xEF\xBB\xBF")) {
    bytes.remove_prefix(3);
  } else if (starts(std::string_view("\xFF\xFE\0\0", 4))) {
    decoded = ConvertWithIcu(bytes.substr(4), "UTF-32LE");
  } else if (starts(std::string_view("\0\0\xFE\xFF", 4))) {
    decoded = ConvertWithIcu(bytes.substr(4), "UTF-32BE");
  } else if (starts("\xFF\xFE")) {
    decoded = ConvertWithIcu(bytes.substr(2), "UTF-16LE");
  } else if (starts("\xFE\xFF")) {
    decoded = ConvertWithIcu(bytes.substr(2), "UTF-16BE");
  }
  const icu::Normalizer2* nfc = NfcInstance();
  std::optional<Utf8Check> raw_check;
  if (!decoded) {
    // Valid UTF-8 (the common case) needs no statistics.
    raw_check = CheckUtf8(bytes, nfc);
    Utf8Stats st = raw_check->clean ? Utf8Stats{} : ScanUtf8(bytes);
    // Damaged UTF-8, not another encoding, when valid multi-byte sequences are at least as common
    // as stray bytes: in latin-1 prose an accented letter followed by a byte in 0x80-0xBF is rare,
    // so latin-1 text has almost no valid sequences.
    bool utf8 = st.invalid == 0 || st.multibyte >= st.invalid;
    if (!utf8 && !declared_charset.empty()) {
      std::string cs(declared_charset);
      // Browsers decode latin-1 declarations as windows-1252; so do we.
      for (auto& c : cs) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (cs == "iso-8859-1" || cs == "latin1" || cs == "latin-1" || cs == "us-ascii" ||
          cs == "ascii")
        cs = "windows-1252";
      // A UTF-16/32 declaration on bytes without a BOM is wrong (the declaration itself was
      // readable as ASCII); browsers ignore it too.
      bool wide = cs.rfind("utf-16", 0) == 0 || cs.rfind("utf-32", 0) == 0 ||
                  cs.rfind("utf16", 0) == 0 || cs.rfind("utf32", 0) == 0;
      if (cs != "utf-8" && cs != "utf8" && !wide) decoded = ConvertWithIcu(bytes, cs.c_str());
    }
    if (!decoded && !utf8) {
      if (auto utf16 = GuessUtf16(bytes)) decoded = ConvertWithIcu(bytes, *utf16);
    }
    if (!decoded && !utf8) decoded = ConvertWithIcu(bytes, "windows-1252");
  }
  std::string_view utf8 = decoded ? std::string_view(*decoded) : bytes;
  Utf8Check check = decoded ? CheckUtf8(utf8, nfc) : *raw_check;
  if (check.clean && check.nfc) return decoded ? std::move(*decoded) : std::string(bytes);
  if (check.clean) return NormalizeNfc(decoded ? std::move(*decoded) : std::string(bytes));
  return NormalizeNfc(SanitizeUtf8(utf8));
}

}  // namespace wirewatch
