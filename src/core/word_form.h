// Lenient code-point helpers for model features: lowercasing, capitalisation and word shape.
//
// Model features must never fail on odd bytes, so these decode UTF-8 leniently: an invalid byte
// stands for itself (as Latin-1 would). Lowercasing covers ASCII, Latin-1, Latin Extended-A,
// Greek and Cyrillic capitals, which is what Dutch news needs; it is not full Unicode case
// folding (ICU is used where that matters). All functions are pure.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace wirewatch {

// Decodes the code point at s[i] and advances i past it (by one byte when invalid).
uint32_t NextCodePoint(std::string_view s, size_t& i);
// Appends the UTF-8 encoding of `cp`.
void AppendUtf8(uint32_t cp, std::string& out);
bool IsUpperCp(uint32_t cp);
bool IsLowerCp(uint32_t cp);
uint32_t ToLowerCp(uint32_t cp);
// 'X' upper, 'x' lower, 'd' digit, other ASCII as itself, 'o' anything else.
char ShapeChar(uint32_t cp);

// Lowercases ASCII, Latin-1 and Latin Extended-A letters (and Greek, Cyrillic); other bytes are
// copied.
std::string LowerUtf8(std::string_view s);
// Word shape with runs collapsed, at most 8 characters: "Rutte" -> "Xx", "NAVO-chef" -> "X-x".
std::string WordShape(std::string_view s);
// True when the first character is an uppercase letter.
bool StartsUpper(std::string_view s);

}  // namespace wirewatch
