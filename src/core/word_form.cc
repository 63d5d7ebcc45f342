// Lenient code-point helpers (see word_form.h).
#include "core/word_form.h"

namespace wirewatch {

uint32_t NextCodePoint(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    ++i;
    return c;
  }
  int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (len == 0 || i + static_cast<size_t>(len) > s.size()) {
    ++i;
    return c;
  }
  uint32_t cp = c & (0x7F >> len);
  for (int k = 1; k < len; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
    if ((cc & 0xC0) != 0x80) {
      ++i;
      return c;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  i += static_cast<size_t>(len);
  return cp;
}

void AppendUtf8(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool IsUpperCp(uint32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return true;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return true;
  if (cp >= 0x100 && cp <= 0x17F) return (cp % 2) == 0;  // Latin Extended-A pairs, roughly
  if (cp >= 0x391 && cp <= 0x3A9) return true;            // Greek
  if (cp >= 0x410 && cp <= 0x42F) return true;            // Cyrillic
  return false;
}

bool IsLowerCp(uint32_t cp) {
  if (cp >= 'a' && cp <= 'z') return true;
  if (cp >= 0xDF && cp <= 0xFF && cp != 0xF7) return true;
  if (cp >= 0x100 && cp <= 0x17F) return (cp % 2) == 1;
  if (cp >= 0x3B1 && cp <= 0x3C9) return true;
  if (cp >= 0x430 && cp <= 0x44F) return true;
  return false;
}

uint32_t ToLowerCp(uint32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;
  if (cp >= 0x100 && cp <= 0x17F && cp % 2 == 0) return cp + 1;
  if (cp >= 0x391 && cp <= 0x3A9) return cp + 32;
  if (cp >= 0x410 && cp <= 0x42F) return cp + 32;
  return cp;
}

char ShapeChar(uint32_t cp) {
  if (IsUpperCp(cp)) return 'X';
  if (IsLowerCp(cp)) return 'x';
  if (cp >= '0' && cp <= '9') return 'd';
  if (cp < 0x80) return static_cast<char>(cp);
  return 'o';
}

std::string LowerUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    size_t start = i;
    uint32_t cp = NextCodePoint(s, i);
    if (cp < 0x80) {
      out += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
    } else if (i - start == 1) {
      out += s[start];  // an invalid byte: keep it as it was
    } else {
      AppendUtf8(ToLowerCp(cp), out);
    }
  }
  return out;
}

std::string WordShape(std::string_view s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    char c = ShapeChar(NextCodePoint(s, i));
    if (out.empty() || out.back() != c) out += c;
  }
  if (out.size() > 8) out.resize(8);
  return out;
}

bool StartsUpper(std::string_view s) {
  if (s.empty()) return false;
  size_t i = 0;
  return IsUpperCp(NextCodePoint(s, i));
}

}  // namespace wirewatch
