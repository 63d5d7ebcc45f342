// The lexer behind Tokenize: one left-to-right pass over the bytes, ASCII through a lookup
// table and everything else decoded with ICU's U8_NEXT and classified by u_charType. A token is
// decided by its first character and a few characters of look-ahead; no backtracking beyond one
// token, no allocation except the output vector. Sentence starts are marked afterwards by
// MarkSentenceStarts (sentences.cc), which reads only the tokens.
#include "text/tokenizer.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <array>
#include <cstdint>
#include <limits>
#include <string_view>
#include <vector>

namespace wirewatch {

// Defined in sentences.cc.
void MarkSentenceStarts(std::vector<Token>* tokens);

namespace {

// Character classes the lexer distinguishes. kMark continues a word but cannot start one
// (combining accents, soft hyphen, zero-width joiner).
enum class Cls : uint8_t { kSpace, kNewline, kLower, kUpper, kLetter, kMark, kDigit, kOther };

constexpr std::array<Cls, 128> MakeAsciiTable() {
  std::array<Cls, 128> table{};
  for (int c = 0; c < 128; ++c) {
    Cls k = Cls::kOther;
    if (c >= 'a' && c <= 'z') {
      k = Cls::kLower;
    } else if (c >= 'A' && c <= 'Z') {
      k = Cls::kUpper;
    } else if (c >= '0' && c <= '9') {
      k = Cls::kDigit;
    } else if (c == '\n') {
      k = Cls::kNewline;
    } else if (c < 0x20 || c == 0x7f || c == ' ') {
      k = Cls::kSpace;  // tabs, CR and stray control characters separate tokens
    }
    table[c] = k;
  }
  return table;
}
constexpr std::array<Cls, 128> kAscii = MakeAsciiTable();

Cls ClassifyNonAscii(UChar32 c) {
  switch (c) {
    case 0x85:
    case 0x2028:
    case 0x2029:
      return Cls::kNewline;
    case 0x200B:  // zero-width space
    case 0xFEFF:  // byte-order mark
      return Cls::kSpace;
    case 0xAD:    // soft hyphen: invisible, inside words
    case 0x200C:  // zero-width non-joiner
    case 0x200D:  // zero-width joiner (emoji sequences)
      return Cls::kMark;
    default:
      break;
  }
  switch (u_charType(c)) {
    case U_UPPERCASE_LETTER:
    case U_TITLECASE_LETTER:
      return Cls::kUpper;
    case U_LOWERCASE_LETTER:
      return Cls::kLower;
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
      return Cls::kLetter;
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_COMBINING_SPACING_MARK:
      return Cls::kMark;
    case U_DECIMAL_DIGIT_NUMBER:
      return Cls::kDigit;
    case U_SPACE_SEPARATOR:
    case U_CONTROL_CHAR:
      return Cls::kSpace;
    case U_LINE_SEPARATOR:
    case U_PARAGRAPH_SEPARATOR:
      return Cls::kNewline;
    default:
      return Cls::kOther;
  }
}

struct Char {
  UChar32 c;  // negative for a byte that is not valid UTF-8
  uint32_t len;
  Cls cls;
};

inline bool IsLetter(Cls k) { return k == Cls::kLower || k == Cls::kUpper || k == Cls::kLetter; }
inline bool IsAlnum(Cls k) { return IsLetter(k) || k == Cls::kDigit; }
inline bool IsSpace(Cls k) { return k == Cls::kSpace || k == Cls::kNewline; }
inline bool IsAsciiLetter(char b) { return (b | 0x20) >= 'a' && (b | 0x20) <= 'z'; }
inline bool IsAsciiDigit(char b) { return b >= '0' && b <= '9'; }
inline bool IsAsciiAlnum(char b) { return IsAsciiLetter(b) || IsAsciiDigit(b); }
inline char AsciiLower(char b) { return (b >= 'A' && b <= 'Z') ? static_cast<char>(b | 0x20) : b; }

bool IsQuoteCodePoint(UChar32 c) {
  switch (c) {
    case '"':
    case '\'':
    case 0xAB:
    case 0xBB:
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2039:
    case 0x203A:
      return true;
    default:
      return false;
  }
}

// Top-level domains that make "nu.nl" or "booking.com" a web address. Short on purpose: "de",
// "it", "no" and "at" are also words that end up glued to a period when a space is missing.
bool IsKnownTld(std::string_view s) {
  static constexpr std::string_view kTlds[] = {"nl", "be", "com",  "org", "net", "eu",
                                               "uk", "io", "info", "gov", "edu", "tv",
                                               "ru", "ua", "fr",   "ch",  "es",  "pl"};
  if (s.size() < 2 || s.size() > 4) return false;
  char lower[4];
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] < 'a' || s[i] > 'z') return false;  // domains in running text are lower case
    lower[i] = s[i];
  }
  std::string_view l(lower, s.size());
  for (std::string_view t : kTlds) {
    if (t == l) return true;
  }
  return false;
}

struct Lexed {
  size_t end;
  TokenKind kind;
  uint16_t flags;
};

// Quote families, to pair an ambiguous mark with the last one of its family.
enum QuoteFamily { kDoubleQuotes = 0, kSingleQuotes = 1, kQuoteFamilies = 2 };

class Lexer {
 public:
  Lexer(std::string_view text, std::vector<Token>* out) : text_(text), n_(text.size()), out_(out) {}

  void Run();

 private:
  Char At(size_t i) const {
    uint8_t b = static_cast<uint8_t>(text_[i]);
    if (b < 0x80) return {b, 1, kAscii[b]};
    int32_t j = static_cast<int32_t>(i);
    UChar32 c;
    U8_NEXT(text_.data(), j, static_cast<int32_t>(n_), c);
    return {c, static_cast<uint32_t>(j - static_cast<int32_t>(i)),
            c < 0 ? Cls::kOther : ClassifyNonAscii(c)};
  }
  Cls ClsAt(size_t i) const { return i < n_ ? At(i).cls : Cls::kSpace; }

  Lexed LexToken(size_t start);
  Lexed ScanWord(size_t start);
  Lexed ScanUrlTail(size_t start, size_t pos) const;
  bool TryEmail(size_t start, size_t* end) const;
  bool TryDomain(size_t start, size_t* end) const;
  bool TryDotted(size_t start, Lexed* out) const;
  bool TruncationHyphen(size_t hyphen, bool after_digit) const;
  bool IsInitial(size_t start, size_t dot) const;
  bool TryElision(size_t start, size_t mark_len, Lexed* out);
  Lexed Quote(size_t start, size_t len, QuoteFamily family);
  Lexed FixedQuote(size_t start, size_t len, QuoteFamily family, bool open);
  Lexed PunctuationRun(size_t start);
  Lexed Symbol(size_t start);

  std::string_view text_;
  size_t n_;
  std::vector<Token>* out_;
  uint16_t space_flags_ = 0;  // whitespace flags for the token being lexed
  bool after_opener_ = true;  // previous token opens (bracket, quote, dash) or none
  bool quote_open_[kQuoteFamilies] = {false, false};
};

void Lexer::Run() {
  size_t i = 0;
  int newlines = 2;  // the start of the text counts as a paragraph start
  bool space = true;
  while (i < n_) {
    uint8_t b = static_cast<uint8_t>(text_[i]);
    Cls cls;
    uint32_t len = 1;
    if (b < 0x80) {
      cls = kAscii[b];
    } else {
      Char ch = At(i);
      cls = ch.cls;
      len = ch.len;
    }
    if (cls == Cls::kSpace || cls == Cls::kNewline) {
      space = true;
      if (cls == Cls::kNewline) ++newlines;
      i += len;
      continue;
    }
    space_flags_ = (space ? kSpaceBefore : 0) | (newlines >= 1 ? kNewlineBefore : 0) |
                   (newlines >= 2 ? kParagraphBefore : 0);
    Lexed t = LexToken(i);
    out_->push_back({{static_cast<uint32_t>(i), static_cast<uint32_t>(t.end)},
                     t.kind,
                     static_cast<uint16_t>(t.flags | space_flags_)});
    after_opener_ = t.kind == TokenKind::kOpenBracket || t.kind == TokenKind::kOpenQuote ||
                    (t.kind == TokenKind::kPunctuation && text_[i] == '-');
    i = t.end;
    space = false;
    newlines = 0;
  }
}

Lexed Lexer::LexToken(size_t start) {
  const char b = text_[start];
  if (static_cast<uint8_t>(b) < 0x80) {
    Cls cls = kAscii[static_cast<uint8_t>(b)];
    if (cls == Cls::kLower || cls == Cls::kUpper) {
      // Web addresses are rare; test the first letter before comparing prefixes.
      char l = AsciiLower(b);
      if (l == 'h' || l == 'w') {
        std::string_view rest = text_.substr(start, 8);
        auto starts = [&](std::string_view p) {
          if (rest.size() < p.size()) return false;
          for (size_t k = 0; k < p.size(); ++k) {
            if (AsciiLower(rest[k]) != p[k]) return false;
          }
          return true;
        };
        size_t skip = starts("https://") ? 8 : starts("http://") ? 7 : starts("www.") ? 4 : 0;
        if (skip != 0 && start + skip < n_ && !IsSpace(ClsAt(start + skip))) {
          return ScanUrlTail(start, start + skip);
        }
      }
      return ScanWord(start);
    }
    if (cls == Cls::kDigit) return ScanWord(start);
    switch (b) {
      case '\'': {
        Lexed e;
        if (TryElision(start, 1, &e)) return e;
        if (start + 1 < n_ && text_[start + 1] == '\'') {
          return FixedQuote(start, 2, kDoubleQuotes, false);  // ,,Ja''
        }
        return Quote(start, 1, kSingleQuotes);
      }
      case '"':
        return Quote(start, 1, kDoubleQuotes);
      case ',':
        if (start + 1 < n_ && text_[start + 1] == ',') {
          return FixedQuote(start, 2, kDoubleQuotes, true);  // ,,Ja''
        }
        return {start + 1, TokenKind::kPunctuation, 0};
      case '`':
        if (start + 1 < n_ && text_[start + 1] == '`') {
          return FixedQuote(start, 2, kDoubleQuotes, true);
        }
        return {start + 1, TokenKind::kSymbol, 0};
      case '.':
      case '!':
      case '?':
        return PunctuationRun(start);
      case ';':
      case ':':
        return {start + 1, TokenKind::kPunctuation, 0};
      case '-': {
        // "kankerdit en -dat": a hyphen standing for a shared first part.
        if (start + 1 < n_ && ClsAt(start + 1) == Cls::kLower && !out_->empty()) {
          std::string_view prev = TokenText(text_, out_->back());
          if (prev == "en" || prev == "of" || prev == "tot") {
            Lexed w = ScanWord(start + 1);
            return {w.end, TokenKind::kWord, static_cast<uint16_t>(w.flags | kHasHyphen)};
          }
        }
        size_t e = start + 1;
        while (e < n_ && text_[e] == '-') ++e;
        return {e, TokenKind::kPunctuation, kDash};
      }
      case '(': {
        // "(grond)operaties": a bracketed prefix glued to a word is part of the word.
        size_t p = start + 1;
        while (p < n_ && p - start <= 20 && (IsLetter(ClsAt(p)) || text_[p] == '-')) {
          p += At(p).len;
        }
        if (p > start + 1 && p + 1 < n_ && text_[p] == ')' && ClsAt(p + 1) == Cls::kLower) {
          Lexed w = ScanWord(p + 1);
          return {w.end, TokenKind::kWord, static_cast<uint16_t>(w.flags & ~kCapitalized)};
        }
        return {start + 1, TokenKind::kOpenBracket, 0};
      }
      case '[':
      case '{':
        return {start + 1, TokenKind::kOpenBracket, 0};
      case ')':
      case ']':
      case '}':
        return {start + 1, TokenKind::kCloseBracket, 0};
      case '@': {
        size_t p = start + 1;
        while (p < n_ && (IsAsciiAlnum(text_[p]) || text_[p] == '_')) ++p;
        if (p > start + 1) return {p, TokenKind::kHandle, 0};
        return {start + 1, TokenKind::kSymbol, 0};
      }
      case '#': {
        size_t p = start + 1;
        while (p < n_) {
          Char ch = At(p);
          if (!IsAlnum(ch.cls) && ch.cls != Cls::kMark && ch.c != '_') break;
          p += ch.len;
        }
        if (p > start + 1) return {p, TokenKind::kHashtag, 0};
        return {start + 1, TokenKind::kSymbol, 0};
      }
      default: {
        size_t e = start + 1;  // "**", "===": a run of one symbol is one token
        while (e < n_ && text_[e] == b) ++e;
        return {e, TokenKind::kSymbol, 0};
      }
    }
  }

  Char ch = At(start);
  if (IsAlnum(ch.cls)) return ScanWord(start);
  switch (ch.c) {
    case 0x2018:  // ‘ (also an elision mark when typed for ’)
    case 0x2019: {
      Lexed e;
      if (TryElision(start, ch.len, &e)) return e;
      return Quote(start, ch.len, kSingleQuotes);
    }
    case 0x201A:  // ‚
    case 0x2039:  // ‹
      return FixedQuote(start, ch.len, kSingleQuotes, true);
    case 0x203A:  // ›
      return FixedQuote(start, ch.len, kSingleQuotes, false);
    case 0x201E:  // „
    case 0xAB:    // «
      return FixedQuote(start, ch.len, kDoubleQuotes, true);
    case 0xBB:  // »
      return FixedQuote(start, ch.len, kDoubleQuotes, false);
    case 0x201C:  // “ opens in Dutch and English, closes „…“ in German: ask the context
    case 0x201D:
    case 0x201F:
      return Quote(start, ch.len, kDoubleQuotes);
    case 0x2026:
      return PunctuationRun(start);
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
      return {start + ch.len, TokenKind::kPunctuation, kDash};
    default:
      break;
  }
  if (ch.c >= 0 && u_ispunct(ch.c)) {
    return {start + ch.len, TokenKind::kPunctuation, 0};
  }
  return Symbol(start);
}

// Letters and digits, joined by inner hyphens, apostrophes and (between digits) . , : / into
// one token; then a period that belongs to it (abbreviation, initial).
Lexed Lexer::ScanWord(size_t start) {
  size_t pos = start;
  int letters = 0, upper = 0, lower = 0;
  bool first_letter_seen = false, first_upper = false;
  bool run_digits = false;  // the run just read ended with a digit
  bool single_run = true;   // no joiner crossed yet
  uint16_t flags = 0;
  const bool starts_digit = ClsAt(start) == Cls::kDigit;
  while (true) {
    while (pos < n_) {
      Char ch = At(pos);
      if (ch.cls == Cls::kLower) {
        ++lower;
      } else if (ch.cls == Cls::kUpper) {
        ++upper;
        if (!first_letter_seen) first_upper = true;
      } else if (ch.cls == Cls::kDigit) {
        flags |= kHasDigit;
        run_digits = true;
        pos += ch.len;
        continue;
      } else if (ch.cls != Cls::kLetter) {
        if (ch.cls == Cls::kMark) {
          pos += ch.len;
          continue;
        }
        break;
      }
      ++letters;
      first_letter_seen = true;
      run_digits = false;
      pos += ch.len;
    }
    if (pos >= n_) break;
    const char b = text_[pos];
    const size_t next = pos + 1;
    if (b == '-') {
      if (next < n_ && IsAlnum(ClsAt(next))) {
        flags |= kHasHyphen;
        single_run = false;
        pos = next;
        continue;
      }
      if (TruncationHyphen(pos, run_digits)) ++pos;  // "land- en tuinbouw", "18- tot"
      break;
    }
    if (b == '\'') {
      // Trump's, O'Donnell, z'n; not a closing quote, which a letter does not follow.
      if (next < n_ && IsLetter(ClsAt(next))) {
        if (next + 1 >= n_ || !IsAlnum(ClsAt(next + 1))) {
          char e = text_[next];
          if (e == 'n' || e == 'r' || e == 't') flags |= kElision;  // z'n, d'r, da't
        }
        single_run = false;
        pos = next;
        continue;
      }
      // "Timmermans' partij": after s, x or z, with no single quote open, an apostrophe
      // followed by a space is the possessive, not a closing quote.
      char last = text_[pos - 1];
      if ((last == 's' || last == 'x' || last == 'z') && !quote_open_[kSingleQuotes] && next < n_ &&
          text_[next] == ' ' && IsLetter(ClsAt(next + 1))) {
        pos = next;
      }
      break;
    }
    if (b == '&' && upper > 0 && lower == 0 && ClsAt(next) == Cls::kUpper) {
      single_run = false;  // V&D, AT&T, H&M
      pos = next;
      continue;
    }
    if (run_digits && (b == '.' || b == ',' || b == ':' || b == '/') && next < n_ &&
        IsAsciiDigit(text_[next])) {
      single_run = false;
      pos = next;  // 1,2  134.803  14.30  14:30  2021/2022
      continue;
    }
    if (b == '.' && next < n_ && IsAsciiAlnum(text_[next])) {
      size_t end;
      if (TryEmail(start, &end)) return {end, TokenKind::kEmail, 0};
      if (TryDomain(start, &end)) {
        if (end < n_ && text_[end] == '/') return ScanUrlTail(start, end);
        return {end, TokenKind::kUrl, 0};
      }
      Lexed dotted;
      if (single_run && !starts_digit && TryDotted(start, &dotted)) return dotted;
      break;
    }
    if (b == '@' || b == '_' || b == '+') {
      size_t end;
      if (TryEmail(start, &end)) return {end, TokenKind::kEmail, 0};
      break;
    }
    if (b == '(' && !run_digits) {
      // "operatie(s)": a short bracketed ending is part of the word.
      size_t p = next;
      while (p < n_ && p - next < 4 && ClsAt(p) == Cls::kLower) ++p;
      if (p > next && p < n_ && text_[p] == ')' && !IsAlnum(ClsAt(p + 1))) {
        pos = p + 1;
      }
      break;
    }
    if (static_cast<uint8_t>(b) >= 0x80) {
      Char ch = At(pos);
      if ((ch.c == 0x2010 || ch.c == 0x2011) && pos + ch.len < n_ && IsAlnum(ClsAt(pos + ch.len))) {
        flags |= kHasHyphen;
        single_run = false;
        pos += ch.len;
        continue;
      }
      if (ch.c == 0x2019 && pos + ch.len < n_ && IsLetter(ClsAt(pos + ch.len))) {
        single_run = false;
        pos += ch.len;
        continue;
      }
    }
    break;
  }

  TokenKind kind = starts_digit ? TokenKind::kNumber : TokenKind::kWord;
  if (!starts_digit && pos < n_ && text_[pos] == '.') {
    std::string_view word = text_.substr(start, pos - start);
    if (letters == 1 && upper == 1 && single_run && At(start).len == word.size()) {
      if (IsInitial(start, pos)) {
        kind = TokenKind::kInitials;  // J. Kennedy
        ++pos;
      }
    } else if (AbbreviationClass a = ClassifyAbbreviation(word); a != AbbreviationClass::kNone) {
      kind = TokenKind::kAbbreviation;
      if (a == AbbreviationClass::kMayEndSentence) flags |= kMayEndSentence;
      ++pos;
    }
  }
  if (first_upper) flags |= kCapitalized;
  if (upper >= 2 && lower == 0) flags |= kAllCaps;
  return {pos, kind, flags};
}

// Whether the capital letter at `start` with a period at `dot` is an initial ("J. Kennedy",
// "Michael P. (28)", "Laura H. uit Zoetermeer", "P.'s advocaat") rather than a letter ending a
// sentence ("vitamine C.", "schrijft op X. De"). Dutch news abbreviates suspects' surnames, so
// an initial is followed by nearly anything; only the end of the text, a digit or a quote
// (other than 's) says the sentence ended. The platform X follows "op" or "via".
bool Lexer::IsInitial(size_t start, size_t dot) const {
  size_t p = dot + 1;
  while (p < n_ && text_[p] == ' ') ++p;
  if (p >= n_) return false;
  Char next = At(p);
  if (next.cls == Cls::kDigit || IsSpace(next.cls)) return false;
  if (IsQuoteCodePoint(next.c)) {
    size_t after = p + next.len;
    bool elision = after < n_ && text_[after] == 's' && !IsAlnum(ClsAt(after + 1));
    if (!elision) return false;
  }
  if (text_[start] == 'X' && !out_->empty()) {
    const Token& prev = out_->back();
    std::string_view w = TokenText(text_, prev);
    if (w == "op" || w == "via" || w == "Op" || w == "Via") return false;
  }
  return true;
}

// "binnen- en buitenland", "land-, tuin- en bosbouw": a hyphen standing for a shared ending.
// After letters any following word counts ("werk- naar woonland", a typo'd "GroenLinks- leider"
// too): a dash between words has a space on both sides. After digits only "en", "of", "tot".
bool Lexer::TruncationHyphen(size_t hyphen, bool after_digit) const {
  size_t p = hyphen + 1;
  if (p >= n_) return false;
  if (text_[p] == ',') return true;
  if (text_[p] != ' ') return false;
  std::string_view rest = text_.substr(p + 1, 4);
  if (rest.starts_with("en ") || rest.starts_with("of ") || rest.starts_with("tot ")) return true;
  return !after_digit && IsLetter(ClsAt(p + 1));
}

// URL from `start`, its scheme or "www." already checked, the rest from `pos`: up to white
// space or a quote, minus trailing punctuation the sentence put there.
Lexed Lexer::ScanUrlTail(size_t start, size_t pos) const {
  bool open_paren = false;
  while (pos < n_) {
    char b = text_[pos];
    if (static_cast<uint8_t>(b) < 0x80) {
      if (IsSpace(kAscii[static_cast<uint8_t>(b)]) || b == '"' || b == '<' || b == '>') break;
      if (b == '(') open_paren = true;
      ++pos;
      continue;
    }
    Char ch = At(pos);
    if (IsSpace(ch.cls) || IsQuoteCodePoint(ch.c)) break;
    pos += ch.len;
  }
  while (pos > start + 1) {
    char last = text_[pos - 1];
    if (last == '.' || last == ',' || last == ';' || last == ':' || last == '!' || last == '?' ||
        last == '\'' || (last == ')' && !open_paren) || last == ']') {
      --pos;
    } else {
      break;
    }
  }
  return {pos, TokenKind::kUrl, 0};
}

bool Lexer::TryEmail(size_t start, size_t* end) const {
  size_t p = start;
  while (p < n_) {
    char b = text_[p];
    if (!IsAsciiAlnum(b) && b != '.' && b != '_' && b != '%' && b != '+' && b != '-') break;
    ++p;
  }
  if (p == start || p >= n_ || text_[p] != '@') return false;
  ++p;
  int parts = 0;
  size_t last_start = p, last_end = p;
  while (p < n_) {
    size_t s = p;
    while (p < n_ && (IsAsciiAlnum(text_[p]) || text_[p] == '-')) ++p;
    if (p == s) break;
    ++parts;
    last_start = s;
    last_end = p;
    if (p + 1 < n_ && text_[p] == '.' && IsAsciiAlnum(text_[p + 1])) {
      ++p;
      continue;
    }
    break;
  }
  if (parts < 2 || last_end - last_start < 2) return false;
  for (size_t k = last_start; k < last_end; ++k) {
    if (!IsAsciiLetter(text_[k])) return false;
  }
  *end = last_end;
  return true;
}

// "nu.nl", "Booking.com": dot-separated names ending in a known top-level domain.
bool Lexer::TryDomain(size_t start, size_t* end) const {
  size_t p = start;
  int parts = 0;
  size_t last_start = p, first_len = 0;
  while (p < n_) {
    size_t s = p;
    while (p < n_ && (IsAsciiAlnum(text_[p]) || text_[p] == '-')) ++p;
    if (p == s) break;
    if (parts == 0) first_len = p - s;
    ++parts;
    last_start = s;
    if (p + 1 < n_ && text_[p] == '.' && IsAsciiAlnum(text_[p + 1])) {
      ++p;
      continue;
    }
    break;
  }
  if (parts < 2 || first_len < 2) return false;
  if (p < n_ && (IsAlnum(ClsAt(p)) || text_[p] == '@')) return false;
  if (!IsKnownTld(text_.substr(last_start, p - last_start))) return false;
  *end = p;
  return true;
}

// o.a.  d.w.z.  m.b.t.  J.F.  v.Chr.  Ph.D.: parts of one to three letters joined by periods.
bool Lexer::TryDotted(size_t start, Lexed* out) const {
  size_t p = start;
  int parts = 0;
  bool all_short = true, all_single_upper = true, final_dot = false;
  while (p < n_) {
    size_t s = p;
    while (p < n_ && IsAsciiLetter(text_[p])) ++p;
    size_t len = p - s;
    if (len == 0 || len > 3 || (p < n_ && static_cast<uint8_t>(text_[p]) >= 0x80)) {
      if (parts == 0) return false;
      p = s;  // "J.F.Kennedy", "o.a.Rusland": the dotted part ends at the previous period
      final_dot = true;
      break;
    }
    ++parts;
    if (len > 2) all_short = false;
    if (len != 1 || text_[s] < 'A' || text_[s] > 'Z') all_single_upper = false;
    if (p < n_ && text_[p] == '.') {
      ++p;
      if (p < n_ && IsAsciiLetter(text_[p])) continue;
      final_dot = true;
    }
    break;
  }
  if (parts < 2) return false;
  size_t word_end = final_dot ? p - 1 : p;
  AbbreviationClass a = ClassifyAbbreviation(text_.substr(start, word_end - start));
  if (!((all_short && final_dot) || all_single_upper || a != AbbreviationClass::kNone)) {
    return false;
  }
  uint16_t flags = (a == AbbreviationClass::kMayEndSentence) ? kMayEndSentence : 0;
  if (text_[start] >= 'A' && text_[start] <= 'Z') flags |= kCapitalized;
  if (all_single_upper) {
    *out = {p, TokenKind::kInitials, static_cast<uint16_t>(flags | kAllCaps)};
  } else {
    *out = {p, TokenKind::kAbbreviation, flags};
  }
  return true;
}

// 's avonds, 't, 'n, 's-Hertogenbosch, '80: an apostrophe standing for dropped letters.
bool Lexer::TryElision(size_t start, size_t mark_len, Lexed* out) {
  size_t p = start + mark_len;
  if (p >= n_) return false;
  char b = text_[p];
  if (b == 's' || b == 't' || b == 'n' || b == 'm') {
    Cls after = ClsAt(p + 1);
    if (p + 2 < n_ && b == 's' && text_[p + 1] == '-' && IsLetter(ClsAt(p + 2))) {
      Lexed w = ScanWord(p);  // 's-Hertogenbosch, 's-Gravenhage, 's-avonds
      uint16_t cap = ClsAt(p + 2) == Cls::kUpper ? kCapitalized : 0;
      *out = {w.end, TokenKind::kWord,
              static_cast<uint16_t>((w.flags & ~kAllCaps) | kElision | cap)};
      return true;
    }
    if (IsAlnum(after) || after == Cls::kMark) return false;
    *out = {p + 1, TokenKind::kWord, kElision};
    return true;
  }
  if (IsAsciiDigit(b) && p + 1 < n_ && IsAsciiDigit(text_[p + 1]) && !IsAlnum(ClsAt(p + 2))) {
    *out = {p + 2, TokenKind::kNumber, static_cast<uint16_t>(kElision | kHasDigit)};  // '80
    return true;
  }
  return false;
}

// A quote mark whose direction depends on its surroundings: it opens after white space or an
// opening bracket and before a word, closes after a word and before white space or
// punctuation; when both or neither hold, it pairs with the last mark of its family.
Lexed Lexer::Quote(size_t start, size_t len, QuoteFamily family) {
  bool before_open = (space_flags_ & kSpaceBefore) || after_opener_;
  size_t e = start + len;
  bool after_close = true;
  if (e < n_) {
    Char next = At(e);
    after_close = IsSpace(next.cls) || next.c == '.' || next.c == ',' || next.c == ';' ||
                  next.c == ':' || next.c == '!' || next.c == '?' || next.c == ')' ||
                  next.c == ']' || next.c == 0x2026 || IsQuoteCodePoint(next.c);
  }
  bool open;
  if (before_open != after_close) {
    open = before_open;
  } else {
    open = !quote_open_[family];
  }
  return FixedQuote(start, len, family, open);
}

Lexed Lexer::FixedQuote(size_t start, size_t len, QuoteFamily family, bool open) {
  quote_open_[family] = open;
  return {start + len, open ? TokenKind::kOpenQuote : TokenKind::kCloseQuote, 0};
}

// A run of . ! ? … as one token: "...", "?!", "…".
Lexed Lexer::PunctuationRun(size_t start) {
  size_t p = start;
  int periods = 0, others = 0, ellipses = 0;
  while (p < n_) {
    char b = text_[p];
    if (b == '.') {
      ++periods;
      ++p;
    } else if (b == '!' || b == '?') {
      ++others;
      ++p;
    } else if (p + 2 < n_ && b == '\xE2' && text_[p + 1] == '\x80' && text_[p + 2] == '\xA6') {
      ++ellipses;
      p += 3;
    } else {
      break;
    }
  }
  bool ellipsis = others == 0 && (ellipses > 0 || periods >= 2);
  return {p, ellipsis ? TokenKind::kEllipsis : TokenKind::kPunctuation, kTerminal};
}

// One symbol code point plus what renders with it: combining marks, variation selectors,
// skin tones and zero-width-joined emoji.
Lexed Lexer::Symbol(size_t start) {
  size_t p = start + At(start).len;
  while (p < n_) {
    Char ch = At(p);
    if (ch.cls == Cls::kMark || (ch.c >= 0xFE00 && ch.c <= 0xFE0F) ||
        (ch.c >= 0x1F3FB && ch.c <= 0x1F3FF)) {
      p += ch.len;
      // A joiner glues the next code point on, but never white space: a token must not cover
      // it (found by fuzz/tokenize_fuzzer: "😀\u200D x" made a symbol ending in a space).
      if (ch.c == 0x200D && p < n_ && At(p).cls != Cls::kSpace && At(p).cls != Cls::kNewline) {
        p += At(p).len;
      }
      continue;
    }
    break;
  }
  return {p, TokenKind::kSymbol, 0};
}

}  // namespace

void Tokenize(std::string_view text, std::vector<Token>* tokens) {
  tokens->clear();
  // U8_NEXT indexes with int32_t, and spans are uint32_t.
  constexpr size_t kMaxBytes = std::numeric_limits<int32_t>::max();
  if (text.size() > kMaxBytes) text = text.substr(0, kMaxBytes);
  tokens->reserve(text.size() / 5 + 16);  // Dutch news: about 6 bytes per token
  Lexer(text, tokens).Run();
  MarkSentenceStarts(tokens);
}

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  return tokens;
}

}  // namespace wirewatch
