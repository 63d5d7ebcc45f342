// DecodeToUtf8 and LooksBinary: BOMs, UTF-16 without BOM, latin-1/windows-1252, damaged UTF-8,
// NULs and NFC.
#include <gtest/gtest.h>

#include "ingest/ingest.h"

namespace wirewatch {
namespace {

// UTF-16 code units of an ASCII/latin-1 string (every char below U+0100).
std::string Utf16(std::string_view latin1, bool big_endian) {
  std::string out;
  for (char c : latin1) {
    char lo = c, hi = '\0';
    if (big_endian) {
      out += hi;
      out += lo;
    } else {
      out += lo;
      out += hi;
    }
  }
  return out;
}

const char kDutchUtf8[] = "Oekra\xC3\xAFne: \xC3\xA9\xC3\xA9n miljard \xE2\x82\xAC steun";
const char kDutchLatin1[] = "Oekra\xEFne: \xE9\xE9n miljard \x80 steun";  // windows-1252

TEST(DecodeTest, PlainUtf8PassesThrough) { EXPECT_EQ(DecodeToUtf8(kDutchUtf8), kDutchUtf8); }

TEST(DecodeTest, Utf8BomIsStripped) {
  EXPECT_EQ(DecodeToUtf8(std::string("\xEF\xBB\xBF") + kDutchUtf8), kDutchUtf8);
}

TEST(DecodeTest, Utf16LeWithBom) {
  std::string bytes = "\xFF\xFE" + Utf16("Oekra\xEFne \xE9\xE9n", false);
  EXPECT_EQ(DecodeToUtf8(bytes), "Oekra\xC3\xAFne \xC3\xA9\xC3\xA9n");
}

TEST(DecodeTest, Utf16BeWithBom) {
  std::string bytes = "\xFE\xFF" + Utf16("Oekra\xEFne \xE9\xE9n", true);
  EXPECT_EQ(DecodeToUtf8(bytes), "Oekra\xC3\xAFne \xC3\xA9\xC3\xA9n");
}

TEST(DecodeTest, Utf16LeEuroSign) {
  // U+20AC is 0x20AC: not a latin-1 char, so written by hand.
  std::string bytes = std::string("\xFF\xFE", 2) + std::string("\xAC\x20", 2) + Utf16(" 5", false);
  EXPECT_EQ(DecodeToUtf8(bytes), "\xE2\x82\xAC 5");
}

TEST(DecodeTest, Utf16WithoutBomIsRecognised) {
  std::string text = "De NAVO roept Rusland op tot de-escalatie in Oekra\xEFne.";
  EXPECT_EQ(DecodeToUtf8(Utf16(text, false)),
            "De NAVO roept Rusland op tot de-escalatie in Oekra\xC3\xAFne.");
  EXPECT_EQ(DecodeToUtf8(Utf16(text, true)),
            "De NAVO roept Rusland op tot de-escalatie in Oekra\xC3\xAFne.");
}

TEST(DecodeTest, Utf16OddTrailingByteBecomesReplacement) {
  std::string bytes = "\xFF\xFE" + Utf16("tekst", false) + "x";
  std::string out = DecodeToUtf8(bytes);
  EXPECT_EQ(out.substr(0, 5), "tekst");
  EXPECT_EQ(out.find('\0'), std::string::npos);
}

TEST(DecodeTest, Utf32LeWithBom) {
  std::string bytes("\xFF\xFE\0\0", 4);
  for (char c : std::string("Kyiv")) bytes += std::string{c, '\0', '\0', '\0'};
  EXPECT_EQ(DecodeToUtf8(bytes), "Kyiv");
}

TEST(DecodeTest, Windows1252DutchText) {
  EXPECT_EQ(DecodeToUtf8(kDutchLatin1), kDutchUtf8);
}

TEST(DecodeTest, Latin1DeclaredIsReadAsWindows1252) {
  // Browsers read iso-8859-1 as windows-1252: 0x80 is the euro sign, not a C1 control.
  EXPECT_EQ(DecodeToUtf8(kDutchLatin1, "ISO-8859-1"), kDutchUtf8);
}

TEST(DecodeTest, DeclaredCharsetIsUsedWhenBytesAreNotUtf8) {
  // 0xE9 is "é" in latin-1 but "й" in windows-1251.
  EXPECT_EQ(DecodeToUtf8("\xE9", "windows-1251"), "\xD0\xB9");
}

TEST(DecodeTest, DeclaredCharsetIsIgnoredForValidUtf8) {
  EXPECT_EQ(DecodeToUtf8(kDutchUtf8, "iso-8859-1"), kDutchUtf8);
}

TEST(DecodeTest, DeclaredUtf16WithoutBomIsIgnored) {
  // The declaration was readable as ASCII, so the page is not UTF-16.
  EXPECT_EQ(DecodeToUtf8(kDutchLatin1, "utf-16"), kDutchUtf8);
}

TEST(DecodeTest, UnknownDeclaredCharsetFallsBack) {
  EXPECT_EQ(DecodeToUtf8(kDutchLatin1, "x-no-such-charset"), kDutchUtf8);
}

TEST(DecodeTest, InvalidUtf8BytesBecomeReplacementCharacters) {
  // Mostly UTF-8 with stray bytes: damaged UTF-8, not latin-1.
  std::string bytes = std::string(kDutchUtf8) + " \xFF kapot \xC3 einde";
  EXPECT_EQ(DecodeToUtf8(bytes),
            std::string(kDutchUtf8) + " \xEF\xBF\xBD kapot \xEF\xBF\xBD einde");
}

TEST(DecodeTest, OverlongAndSurrogateSequencesAreInvalid) {
  // Overlong "/" (C0 AF) and an encoded surrogate (ED A0 80) among valid text.
  std::string bytes = "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9 \xC0\xAF \xED\xA0\x80";
  std::string out = DecodeToUtf8(bytes);
  EXPECT_EQ(out.find("\xC0"), std::string::npos);
  EXPECT_EQ(out.find("\xED\xA0"), std::string::npos);
  EXPECT_NE(out.find("\xEF\xBF\xBD"), std::string::npos);
}

TEST(DecodeTest, NulBytesAreDropped) {
  EXPECT_EQ(DecodeToUtf8(std::string("De\0 NAVO\0\0", 11)), "De NAVO");
  EXPECT_EQ(DecodeToUtf8(std::string("\xC3\xA9\0\xC3\xA9", 5)), "\xC3\xA9\xC3\xA9");
}

TEST(DecodeTest, NulBytesAreDroppedAfterUtf16Decoding) {
  std::string bytes = "\xFF\xFE" + Utf16(std::string("a\0b", 3), false);
  EXPECT_EQ(DecodeToUtf8(bytes), "ab");
}

TEST(DecodeTest, ResultIsNfc) {
  // "e" + COMBINING DIAERESIS -> "ë"; "e" + COMBINING ACUTE -> "é".
  EXPECT_EQ(DecodeToUtf8("Zee\xCC\x88land caf\x65\xCC\x81"), "Ze\xC3\xABland caf\xC3\xA9");
  EXPECT_EQ(DecodeToUtf8("e\xCC\x88"), "\xC3\xAB");
}

TEST(DecodeTest, EmptyInput) { EXPECT_EQ(DecodeToUtf8(""), ""); }

TEST(DecodeTest, OutputIsAlwaysValidUtf8) {
  // Every byte value, in a few arrangements: the output must be valid UTF-8 without NULs.
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  for (const std::string& bytes : {all, all + all, std::string(kDutchUtf8) + all,
                                   "\xFF\xFE" + all, "\xFE\xFF" + all}) {
    std::string out = DecodeToUtf8(bytes);
    EXPECT_EQ(out.find('\0'), std::string::npos);
    // Re-decoding valid NFC UTF-8 changes nothing.
    EXPECT_EQ(DecodeToUtf8(out), out);
  }
}

TEST(LooksBinaryTest, KnownFormats) {
  EXPECT_TRUE(LooksBinary("\x89PNG\r\n\x1a\n"));
  EXPECT_TRUE(LooksBinary("GIF89a"));
  EXPECT_TRUE(LooksBinary("\xFF\xD8\xFF\xE0"));
  EXPECT_TRUE(LooksBinary("%PDF-1.7"));
  EXPECT_TRUE(LooksBinary("\x7F" "ELF\x02\x01"));
  EXPECT_TRUE(LooksBinary("PK\x03\x04"));
  EXPECT_TRUE(LooksBinary(std::string("SQLite format 3\0", 16)));
}

TEST(LooksBinaryTest, RandomBytesAreBinary) {
  std::string bytes;
  uint32_t x = 12345;
  for (int i = 0; i < 8192; ++i) {
    x = x * 1103515245 + 12345;
    bytes += static_cast<char>(x >> 24);
  }
  EXPECT_TRUE(LooksBinary(bytes));
}

TEST(LooksBinaryTest, AllNulsAreBinary) { EXPECT_TRUE(LooksBinary(std::string(4096, '\0'))); }

TEST(LooksBinaryTest, TextIsNot) {
  EXPECT_FALSE(LooksBinary(""));
  EXPECT_FALSE(LooksBinary(kDutchUtf8));
  EXPECT_FALSE(LooksBinary(kDutchLatin1));
  EXPECT_FALSE(LooksBinary("<html><body>\r\n\t<p>tekst</p>\f</body></html>"));
}

TEST(LooksBinaryTest, TextWithNulRunIsNot) {
  // A damaged or preallocated text file: the NULs are dropped, the text is kept.
  std::string bytes = std::string(3000, 'a') + std::string(2000, '\0') + std::string(3000, 'b');
  EXPECT_FALSE(LooksBinary(bytes));
}

TEST(LooksBinaryTest, Utf16And32TextIsNot) {
  EXPECT_FALSE(LooksBinary("\xFF\xFE" + Utf16("De NAVO roept Rusland op.", false)));
  EXPECT_FALSE(LooksBinary(Utf16("De NAVO roept Rusland op.", true)));
  std::string utf32("\xFF\xFE\0\0", 4);
  for (char c : std::string("De NAVO roept Rusland op.")) utf32 += std::string{c, '\0', '\0', '\0'};
  EXPECT_FALSE(LooksBinary(utf32));
}

TEST(LooksBinaryTest, ControlBytesMakeBinary) {
  std::string bytes;
  for (int i = 0; i < 1000; ++i) bytes += (i % 8 == 0) ? '\x01' : 'a';
  EXPECT_TRUE(LooksBinary(bytes));
}

}  // namespace
}  // namespace wirewatch
