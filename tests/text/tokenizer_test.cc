// Tokenizer and sentence splitter: one case per rule in docs/tokenizer.md, span invariants on
// every input, and sentence splits on the seed pages in examples/pages.
#include "text/tokenizer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace wirewatch {
namespace {

// Checks the span contract: in bounds, non-empty, in order, non-overlapping, no whitespace at
// either end of a token.
void ExpectValidSpans(std::string_view text, const std::vector<Token>& tokens) {
  uint32_t last_end = 0;
  for (const Token& t : tokens) {
    ASSERT_LT(t.span.start, t.span.end);
    ASSERT_LE(t.span.end, text.size());
    ASSERT_GE(t.span.start, last_end);
    char first = text[t.span.start], last = text[t.span.end - 1];
    EXPECT_TRUE(first != ' ' && first != '\n' && last != ' ' && last != '\n')
        << "token '" << TokenText(text, t) << "'";
    last_end = t.span.end;
  }
}

std::vector<std::string> Texts(std::string_view text) {
  std::vector<Token> tokens = Tokenize(text);
  ExpectValidSpans(text, tokens);
  std::vector<std::string> out;
  for (const Token& t : tokens) out.emplace_back(TokenText(text, t));
  return out;
}

std::vector<std::string> Sentences(std::string_view text) {
  std::vector<std::string> out;
  for (ByteSpan s : SplitSentences(text)) out.emplace_back(text.substr(s.start, s.end - s.start));
  return out;
}

using Strings = std::vector<std::string>;

TEST(TokenizeTest, EmptyAndWhitespace) {
  EXPECT_TRUE(Tokenize("").empty());
  EXPECT_TRUE(Tokenize(" \n\n\t ").empty());
  EXPECT_TRUE(SplitSentences("  \n").empty());
}

TEST(TokenizeTest, WordsAndPunctuation) {
  EXPECT_EQ(Texts("De NAVO roept Rusland op, zei hij."),
            (Strings{"De", "NAVO", "roept", "Rusland", "op", ",", "zei", "hij", "."}));
}

TEST(TokenizeTest, Abbreviations) {
  EXPECT_EQ(Texts("o.a. d.w.z. m.b.t. e.d. bijv. ca. nr. 5 blz. 3 jl."),
            (Strings{"o.a.", "d.w.z.", "m.b.t.", "e.d.", "bijv.", "ca.", "nr.", "5", "blz.", "3",
                     "jl."}));
  EXPECT_EQ(Texts("mr. prof. dr. ing. drs. mevr. dhr. Prof. Mr."),
            (Strings{"mr.", "prof.", "dr.", "ing.", "drs.", "mevr.", "dhr.", "Prof.", "Mr."}));
  std::vector<Token> t = Tokenize("zie o.a. blz. 4");
  EXPECT_EQ(t[1].kind, TokenKind::kAbbreviation);
  // "VS." is the United States ending a sentence, not "vs." (versus).
  EXPECT_EQ(Texts("in de VS. Daarna"), (Strings{"in", "de", "VS", ".", "Daarna"}));
  // Words the table leaves out on purpose keep their period apart.
  EXPECT_EQ(Texts("Dat wist hij al."), (Strings{"Dat", "wist", "hij", "al", "."}));
  EXPECT_EQ(ClassifyAbbreviation("enz"), AbbreviationClass::kMayEndSentence);
  EXPECT_EQ(ClassifyAbbreviation("Prof"), AbbreviationClass::kInside);
  EXPECT_EQ(ClassifyAbbreviation("jan"), AbbreviationClass::kInside);
  EXPECT_EQ(ClassifyAbbreviation("Jan"), AbbreviationClass::kNone);
  EXPECT_EQ(ClassifyAbbreviation("VS"), AbbreviationClass::kNone);
}

TEST(TokenizeTest, Initials) {
  std::vector<Token> t = Tokenize("J.F. Kennedy en J. Biden en Michael P. (28)");
  EXPECT_EQ(
      Texts("J.F. Kennedy en J. Biden en Michael P. (28)"),
      (Strings{"J.F.", "Kennedy", "en", "J.", "Biden", "en", "Michael", "P.", "(", "28", ")"}));
  EXPECT_EQ(t[0].kind, TokenKind::kInitials);
  EXPECT_EQ(t[3].kind, TokenKind::kInitials);
  // A capital ending a sentence is not an initial.
  EXPECT_EQ(Texts("Dat schrijft hij op X. Trump reageert."),
            (Strings{"Dat", "schrijft", "hij", "op", "X", ".", "Trump", "reageert", "."}));
  EXPECT_EQ(Texts("groep C."), (Strings{"groep", "C", "."}));
}

TEST(TokenizeTest, NumbersAndDates) {
  EXPECT_EQ(Texts("1,2 miljoen en 134.803 mensen op 24-02-2022 om 14.30 uur (14:30)"),
            (Strings{"1,2", "miljoen", "en", "134.803", "mensen", "op", "24-02-2022", "om", "14.30",
                     "uur", "(", "14:30", ")"}));
  EXPECT_EQ(Texts("in 2019. De 30-jarige 2e keer 80%"),
            (Strings{"in", "2019", ".", "De", "30-jarige", "2e", "keer", "80", "%"}));
  std::vector<Token> t = Tokenize("134.803");
  EXPECT_EQ(t[0].kind, TokenKind::kNumber);
  EXPECT_TRUE(t[0].Has(kHasDigit));
}

TEST(TokenizeTest, HyphenatedCompounds) {
  EXPECT_EQ(Texts("NAVO-Rusland-raad de-escaleren Oost-Oekraïne COVID-19-pandemie"),
            (Strings{"NAVO-Rusland-raad", "de-escaleren", "Oost-Oekraïne", "COVID-19-pandemie"}));
  EXPECT_TRUE(Tokenize("Oost-Oekraïne")[0].Has(kHasHyphen));
  // A dash between spaces stays apart; a hyphen standing for a shared part stays on its word.
  EXPECT_EQ(Texts("BRUSSEL (ANP) - De"), (Strings{"BRUSSEL", "(", "ANP", ")", "-", "De"}));
  EXPECT_EQ(Texts("binnen- en buitenland, 18- tot 24-jarigen, dit en -dat"),
            (Strings{"binnen-", "en", "buitenland", ",", "18-", "tot", "24-jarigen", ",", "dit",
                     "en", "-dat"}));
  EXPECT_TRUE(Tokenize("BRUSSEL (ANP) - De")[4].Has(kDash));
}

TEST(TokenizeTest, Elisions) {
  EXPECT_EQ(Texts("'s avonds z'n m'n zo'n 't 'n jaren '80 's-Hertogenbosch"),
            (Strings{"'s", "avonds", "z'n", "m'n", "zo'n", "'t", "'n", "jaren", "'80",
                     "'s-Hertogenbosch"}));
  std::vector<Token> t = Tokenize("'s avonds z'n");
  EXPECT_TRUE(t[0].Has(kElision));
  EXPECT_TRUE(t[2].Has(kElision));
  EXPECT_EQ(Texts("’s ochtends"), (Strings{"’s", "ochtends"}));
}

TEST(TokenizeTest, ApostrophesInsideWords) {
  EXPECT_EQ(Texts("Trump's O'Donnell O’Donnell auto's VVD'ers"),
            (Strings{"Trump's", "O'Donnell", "O’Donnell", "auto's", "VVD'ers"}));
  // The possessive after s when no single quote is open.
  EXPECT_EQ(Texts("Timmermans' partij"), (Strings{"Timmermans'", "partij"}));
  EXPECT_EQ(Texts("'Kom naar Timmermans' zei hij"),
            (Strings{"'", "Kom", "naar", "Timmermans", "'", "zei", "hij"}));
}

TEST(TokenizeTest, QuotesOfEveryKind) {
  struct Case {
    std::string text;
    std::string open, close;
  };
  for (const Case& c : std::vector<Case>{{"\"Ja\", zei hij", "\"", "\""},
                                         {",,Ja'', zei hij", ",,", "''"},
                                         {"'Ja', zei hij", "'", "'"},
                                         {"„Ja”, zei hij", "„", "”"},
                                         {"“Ja”, zei hij", "“", "”"},
                                         {"‘Ja’, zei hij", "‘", "’"},
                                         {"«Ja», zei hij", "«", "»"}}) {
    std::vector<Token> t = Tokenize(c.text);
    ExpectValidSpans(c.text, t);
    ASSERT_EQ(t.size(), 6u) << c.text;
    EXPECT_EQ(TokenText(c.text, t[0]), c.open) << c.text;
    EXPECT_EQ(t[0].kind, TokenKind::kOpenQuote) << c.text;
    EXPECT_EQ(TokenText(c.text, t[2]), c.close) << c.text;
    EXPECT_EQ(t[2].kind, TokenKind::kCloseQuote) << c.text;
  }
}

TEST(TokenizeTest, UrlsEmailsHandlesHashtags) {
  std::string text =
      "Zie https://nos.nl/artikel/1.html, www.ad.nl of nu.nl. Mail info@ad.nl "
      "of @rutte #navo";
  EXPECT_EQ(Texts(text), (Strings{"Zie", "https://nos.nl/artikel/1.html", ",", "www.ad.nl", "of",
                                  "nu.nl", ".", "Mail", "info@ad.nl", "of", "@rutte", "#navo"}));
  std::vector<Token> t = Tokenize(text);
  EXPECT_EQ(t[1].kind, TokenKind::kUrl);
  EXPECT_EQ(t[5].kind, TokenKind::kUrl);
  EXPECT_EQ(t[8].kind, TokenKind::kEmail);
  EXPECT_EQ(t[10].kind, TokenKind::kHandle);
  EXPECT_EQ(t[11].kind, TokenKind::kHashtag);
}

TEST(TokenizeTest, EllipsisAndRuns) {
  std::vector<Token> t = Tokenize("Nou… ja... Wat?!");
  EXPECT_EQ(Texts("Nou… ja... Wat?!"), (Strings{"Nou", "…", "ja", "...", "Wat", "?!"}));
  EXPECT_EQ(t[1].kind, TokenKind::kEllipsis);
  EXPECT_EQ(t[3].kind, TokenKind::kEllipsis);
  EXPECT_EQ(t[5].kind, TokenKind::kPunctuation);
}

TEST(TokenizeTest, BracketedParts) {
  EXPECT_EQ(Texts("militaire (grond)operaties en operatie(s) (AzG)"),
            (Strings{"militaire", "(grond)operaties", "en", "operatie(s)", "(", "AzG", ")"}));
}

TEST(TokenizeTest, Flags) {
  std::vector<Token> t = Tokenize("NAVO zegt Rusland\n\nDe");
  EXPECT_TRUE(t[0].Has(kAllCaps));
  EXPECT_TRUE(t[0].Has(kCapitalized));
  EXPECT_TRUE(t[0].Has(kSentenceStart));
  EXPECT_FALSE(t[1].Has(kCapitalized));
  EXPECT_TRUE(t[2].Has(kCapitalized));
  EXPECT_FALSE(t[2].Has(kAllCaps));
  EXPECT_TRUE(t[1].Has(kSpaceBefore));
  EXPECT_TRUE(t[3].Has(kParagraphBefore));
  EXPECT_TRUE(t[3].Has(kSentenceStart));
}

TEST(TokenizeTest, NonAsciiAndInvalidUtf8) {
  EXPECT_EQ(Texts("Genève Zoë één geïntimideerd"),
            (Strings{"Genève", "Zoë", "één", "geïntimideerd"}));
  // Combining accent (NFD) and a non-breaking space.
  EXPECT_EQ(Texts("Gene\xCC\x80ve\xC2\xA0stad"), (Strings{"Gene\xCC\x80ve", "stad"}));
  std::string bad =
      "ab\xFF"
      "cd \xE2\x82 x";
  std::vector<Token> t = Tokenize(bad);
  ExpectValidSpans(bad, t);
  EXPECT_FALSE(t.empty());
}

TEST(SplitSentencesTest, BasicAndAbbreviations) {
  EXPECT_EQ(
      Sentences("Dat zei hij o.a. in Den Haag. Prof. Jansen is het eens. Ca. 300 man."),
      (Strings{"Dat zei hij o.a. in Den Haag.", "Prof. Jansen is het eens.", "Ca. 300 man."}));
  EXPECT_EQ(Sentences("Appels, peren enz. De rest niet."),
            (Strings{"Appels, peren enz.", "De rest niet."}));
  EXPECT_EQ(Sentences("Kijk bijv. naar J.F. Kennedy. Hij won."),
            (Strings{"Kijk bijv. naar J.F. Kennedy.", "Hij won."}));
}

TEST(SplitSentencesTest, QuoteEndsAfterClosingMark) {
  EXPECT_EQ(Sentences("Trump zei: \"Jullie zijn laat.\" Daarna ging hij."),
            (Strings{"Trump zei: \"Jullie zijn laat.\"", "Daarna ging hij."}));
  EXPECT_EQ(Sentences(",,Het was laat.'' Daarna ging hij."),
            (Strings{",,Het was laat.''", "Daarna ging hij."}));
  // ", zei hij." after the quote does not split, nor a lower-case word after "!" or "?".
  EXPECT_EQ(
      Sentences("\"Ze wezen het af\", zei hij. \"Stop!\" riep ze. 'Waarom?', vroeg ik."),
      (Strings{"\"Ze wezen het af\", zei hij.", "\"Stop!\" riep ze.", "'Waarom?', vroeg ik."}));
  // A new quote after a full stop starts a sentence.
  EXPECT_EQ(Sentences("Hij zweeg. \"Nee.\""), (Strings{"Hij zweeg.", "\"Nee.\""}));
}

TEST(SplitSentencesTest, ParagraphsHeadingsAndLines) {
  EXPECT_EQ(Sentences("Eerste zin zonder punt\n\nTweede alinea. Nog een"),
            (Strings{"Eerste zin zonder punt", "Tweede alinea.", "Nog een"}));
  EXPECT_EQ(Sentences("Hij zei dat het kon.\nContact zoeken\nDe EU zal praten."),
            (Strings{"Hij zei dat het kon.", "Contact zoeken", "De EU zal praten."}));
  // A line wrapped mid-sentence continues it.
  EXPECT_EQ(Sentences("Hij zei dat het\nniet kon,\nDe Haag zweeg."),
            (Strings{"Hij zei dat het\nniet kon,\nDe Haag zweeg."}));
  // Spans exclude the whitespace around them.
  std::string text = "  Eén.  Twee.  ";
  std::vector<ByteSpan> s = SplitSentences(text);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0], (ByteSpan{2, 7}));
  EXPECT_EQ(text.substr(s[1].start, s[1].end - s[1].start), "Twee.");
}

TEST(SplitSentencesTest, EllipsisDashesAndElisions) {
  EXPECT_EQ(Sentences("Hij wachtte… en wachtte. Toen… Niets."),
            (Strings{"Hij wachtte… en wachtte.", "Toen…", "Niets."}));
  EXPECT_EQ(Sentences("Het is laat. 's Avonds is het stil."),
            (Strings{"Het is laat.", "'s Avonds is het stil."}));
  EXPECT_EQ(Sentences("Zo ging het. - Amsterdam vangt er 500 op."),
            (Strings{"Zo ging het.", "- Amsterdam vangt er 500 op."}));
  EXPECT_EQ(Sentences("Het kost 1,2 miljoen. 300 mensen betalen."),
            (Strings{"Het kost 1,2 miljoen.", "300 mensen betalen."}));
}

// Found by fuzz/tokenize_fuzzer: a zero-width joiner before white space took the space into
// the emoji's token, so the token covered white space.
TEST(TokenizerTest, JoinerBeforeSpaceDoesNotSwallowIt) {
  const std::string text = "\xF0\x9F\x98\x80\xE2\x80\x8D x \x8B\xE2\x80\x8D\ny";
  std::vector<Token> tokens = Tokenize(text);
  ExpectValidSpans(text, tokens);
  EXPECT_EQ(Texts(text), (std::vector<std::string>{"\xF0\x9F\x98\x80\xE2\x80\x8D", "x",
                                                    "\x8B\xE2\x80\x8D", "y"}));
  // Joined emoji sequences still make one token.
  EXPECT_EQ(Texts("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x92\xBB"),
            (std::vector<std::string>{"\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x92\xBB"}));
}

TEST(SplitSentencesTest, SentenceSpansMatchFlags) {
  std::string text = "Eén. Twee! Drie?";
  std::vector<Token> tokens = Tokenize(text);
  std::vector<ByteSpan> spans = SentenceSpans(tokens);
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_EQ(spans, SplitSentences(text));
  int starts = 0;
  for (const Token& t : tokens) starts += t.Has(kSentenceStart);
  EXPECT_EQ(starts, 3);
}

std::string ReadSeed(const std::string& name) {
  std::ifstream in(std::string(WIREWATCH_SOURCE_DIR) + "/examples/pages/" + name);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Every seed page: valid spans, sentences that cover every token exactly once.
TEST(SeedTest, InvariantsOnAllSeeds) {
  std::filesystem::path dir = std::filesystem::path(WIREWATCH_SOURCE_DIR) / "examples/pages";
  int pages = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::string text = ReadSeed(entry.path().filename().string());
    std::vector<Token> tokens = Tokenize(text);
    ExpectValidSpans(text, tokens);
    std::vector<ByteSpan> sentences = SentenceSpans(tokens);
    ASSERT_FALSE(sentences.empty());
    EXPECT_EQ(sentences.front().start, tokens.front().span.start);
    EXPECT_EQ(sentences.back().end, tokens.back().span.end);
    for (size_t i = 1; i < sentences.size(); ++i) {
      EXPECT_LT(sentences[i - 1].end, sentences[i].start);
    }
    ++pages;
  }
  EXPECT_GE(pages, 5);
}

bool HasSentence(const std::string& text, const std::string& sentence) {
  for (ByteSpan s : SplitSentences(text)) {
    if (text.substr(s.start, s.end - s.start) == sentence) return true;
  }
  return false;
}

TEST(SeedTest, SentencesOnSeedText) {
  std::string nato = ReadSeed("001_4078b75037ce6659.txt");
  ASSERT_FALSE(nato.empty());
  // The headline is its own sentence; the quote ends after its closing mark.
  EXPECT_TRUE(
      HasSentence(nato, "NAVO roept Rusland op tot de-escalatie maar wil ook verder praten"));
  EXPECT_TRUE(
      HasSentence(nato, "Trump zei dat zijn reactie was: \"Jullie zijn een beetje laat.\""));
  EXPECT_TRUE(
      HasSentence(nato, "\"We willen praten maar zullen onze kernprincipes niet verkwanselen.\""));
  EXPECT_TRUE(HasSentence(nato, "Ze wezen het ook niet af\", zei hij."));
  EXPECT_TRUE(HasSentence(nato, "Dat is een echt risico\"."));

  std::string eu = ReadSeed("000_fa508d3ae7a6771c.txt");
  EXPECT_TRUE(HasSentence(eu, "Contact zoeken"));
  EXPECT_TRUE(HasSentence(eu, "Meer uit Buitenland"));

  std::string lavrov = ReadSeed("003_ceb25160ad51a2e3.txt");
  EXPECT_TRUE(HasSentence(lavrov, "\"Het was een belangrijk gesprek."));
  EXPECT_TRUE(HasSentence(lavrov,
                          "Nu begrijpen we elkaars standpunten beter\", zei Blinken in "
                          "een reactie na het overleg."));
  EXPECT_TRUE(HasSentence(lavrov, "Militair pact"));

  std::string syria = ReadSeed("004_d7145bf83ae64bad.txt");
  std::vector<Token> tokens = Tokenize(syria);
  bool found = false;
  for (const Token& t : tokens) {
    if (TokenText(syria, t) == "134.803") found = t.kind == TokenKind::kNumber;
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace wirewatch
