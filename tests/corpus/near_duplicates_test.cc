// Unit tests of word folding and the MinHash/LSH near-duplicate index on small made-up texts.
#include "corpus/near_duplicates.h"

#include <gtest/gtest.h>

#include "corpus/folded_words.h"

namespace wirewatch {
namespace {

const char* kWire =
    "De Europese Unie heeft maandag nieuwe sancties tegen Rusland aangekondigd. De maatregelen "
    "treffen banken, energiebedrijven en tientallen functionarissen. Volgens de Europese "
    "Commissie moeten de sancties de oorlogskas van het Kremlin verder uitputten. Hongarije "
    "stemde na lang aarzelen toch in, nadat Brussel toezeggingen deed over de gasvoorziening. "
    "De ministers van Buitenlandse Zaken komen volgende week opnieuw bijeen in Luxemburg.";

TEST(FoldedWords, FoldsCaseAndDiacritics) {
  auto a = FoldedWords("Financiën ÉÉN café");
  auto b = FoldedWords("financien een CAFE");
  ASSERT_EQ(a.size(), 3u);
  ASSERT_EQ(b.size(), 3u);
  for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].hash, b[i].hash) << i;
  EXPECT_EQ(a[0].length, 9u);
  EXPECT_EQ(a[1].start, 11u);  // byte offset after "Financiën " (ë is two bytes)
}

TEST(FoldedWords, PunctuationAndInvalidBytesSeparateWords) {
  auto w = FoldedWords("zo'n D66-leider,\xff" "en\xc3");
  ASSERT_EQ(w.size(), 5u);  // zo n d66 leider en
  EXPECT_NE(w[0].hash, w[1].hash);
  EXPECT_TRUE(FoldedWords("").empty());
  EXPECT_TRUE(FoldedWords(" ... \n\n -- ").empty());
}

TEST(MinHash, IdenticalAndDisjointTexts) {
  auto a = ComputeSignature(kWire, 3);
  auto b = ComputeSignature(std::string(kWire), 3);
  EXPECT_GT(a.shingles, 50u);
  EXPECT_EQ(EstimatedJaccard(a, b), 1.0);
  auto c = ComputeSignature("Een heel ander bericht over het weer in Zeeland en de storm van gisteren.", 3);
  EXPECT_LT(EstimatedJaccard(a, c), 0.1);
  EXPECT_EQ(EstimatedJaccard(a, ComputeSignature("", 3)), 0.0);
}

TEST(MinHash, FoldingMakesSpellingVariantsEqual) {
  std::string upper = "DE EUROPESE UNIE HEEFT MAANDAG NIEUWE SANCTIES TEGEN RUSLAND AANGEKONDIGD";
  auto a = ComputeSignature(upper, 3);
  auto b = ComputeSignature("de Europese unie heeft, maandag, nieuwe sancties tegen Rusland aangekondigd!", 3);
  EXPECT_EQ(EstimatedJaccard(a, b), 1.0);
}

TEST(NearDuplicateIndex, EditedCopyPointsAtTheFirst) {
  NearDuplicateIndex index;
  EXPECT_EQ(index.Add("a", kWire), std::nullopt);
  EXPECT_EQ(index.Add("x", "Het weer: morgen veel regen en harde wind langs de kust, later droog."), std::nullopt);
  // An update: one sentence dropped, two words changed.
  std::string edited = kWire;
  edited.erase(edited.find("Hongarije"), edited.find("De ministers") - edited.find("Hongarije"));
  edited.replace(edited.find("maandag"), 7, "dinsdag");
  edited.replace(edited.find("tientallen"), 10, "honderden");
  EXPECT_EQ(index.Add("b", edited), "a");
  // A copy of the copy still points at the group's first record.
  EXPECT_EQ(index.Add("c", edited + " (ANP)"), "a");
  EXPECT_EQ(index.size(), 4u);
}

TEST(NearDuplicateIndex, RepeatedIdPointsAtItsGroupsFirst) {
  NearDuplicateIndex index;
  EXPECT_EQ(index.Add("brief1", "Kort: de trein rijdt weer tussen Utrecht en Arnhem na een storing."), std::nullopt);
  // The same sidebar brief on a second page has the same content id.
  EXPECT_EQ(index.Add("brief1", "Kort: de trein rijdt weer tussen Utrecht en Arnhem na een storing."), "brief1");
  EXPECT_EQ(index.size(), 1u);
}

TEST(NearDuplicateIndex, TruncatedCopyIsFoundByContainment) {
  NearDuplicateIndex index;
  EXPECT_EQ(index.Add("full", kWire), std::nullopt);
  std::string half(kWire, std::string_view(kWire).find("Hongarije"));
  EXPECT_EQ(index.Add("half", half), "full");
}

TEST(NearDuplicateIndex, ShortFooterIsNotACopyOfEveryArticle) {
  NearDuplicateIndex index;
  std::string footer = "Mail uw tekst naar de redactie.";
  EXPECT_EQ(index.Add("a", std::string(kWire) + " " + footer), std::nullopt);
  EXPECT_EQ(index.Add("f", footer), std::nullopt);
}

TEST(NearDuplicateIndex, DifferentStoriesOnTheSameTopicAreNotCopies) {
  NearDuplicateIndex index;
  EXPECT_EQ(index.Add("a", kWire), std::nullopt);
  EXPECT_EQ(index.Add("b",
                      "Rusland reageert woedend op de nieuwe Europese sancties. Het Kremlin spreekt van "
                      "economische oorlogvoering en dreigt met tegenmaatregelen tegen Europese bedrijven. "
                      "Hongarije wil dat Brussel de gasvoorziening garandeert voordat het verder instemt."),
            std::nullopt);
}

TEST(NearDuplicateIndex, EmptyTextIsNeverADuplicate) {
  NearDuplicateIndex index;
  EXPECT_EQ(index.Add("e1", ""), std::nullopt);
  EXPECT_EQ(index.Add("e2", "  ...  "), std::nullopt);
  EXPECT_EQ(index.Add("e1", ""), std::nullopt);
}

TEST(NearDuplicateIndex, ThresholdIsAnOption) {
  std::string changed = kWire;
  for (const char* w : {"nieuwe", "banken", "verder", "lang", "toezeggingen", "volgende"})
    changed.replace(changed.find(w), std::string_view(w).size(), "XXX");
  NearDuplicateOptions strict;
  strict.jaccard_threshold = 0.95;
  strict.containment_threshold = 0.99;
  NearDuplicateIndex loose_index, strict_index(strict);
  loose_index.Add("a", kWire);
  strict_index.Add("a", kWire);
  EXPECT_EQ(loose_index.Add("b", changed), "a");
  EXPECT_EQ(strict_index.Add("b", changed), std::nullopt);
}

TEST(NearDuplicateIndex, Deterministic) {
  auto a = ComputeSignature(kWire, 3);
  auto b = ComputeSignature(kWire, 3);
  EXPECT_EQ(a.values, b.values);
  // Fixed seeds: the signature is the same on every machine (a regression guard on the seeds).
  EXPECT_EQ(ComputeSignature("een twee drie", 3).values[0], ComputeSignature("EEN TWEE DRIE", 3).values[0]);
}

}  // namespace
}  // namespace wirewatch
