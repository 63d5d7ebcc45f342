// Function-word language identification on short news text.
#include <gtest/gtest.h>

#include "text/language.h"

namespace wirewatch {
namespace {

TEST(IdentifyLanguage, NewsSentences) {
  EXPECT_EQ(IdentifyLanguage("De NAVO roept Rusland op onmiddellijk de situatie aan de grens met "
                             "Oekraïne te de-escaleren."), "nl");
  EXPECT_EQ(IdentifyLanguage("The president said on Tuesday that the talks with Russia were "
                             "useful and would continue."), "en");
  EXPECT_EQ(IdentifyLanguage("Der Bundeskanzler sagte, dass die Gespräche mit Russland nicht "
                             "einfach sind und auch weitergehen."), "de");
  EXPECT_EQ(IdentifyLanguage("Le président a déclaré que les négociations avec la Russie sont "
                             "difficiles mais qu'elles vont continuer."), "fr");
}

TEST(IdentifyLanguage, ShortBriefsTellByTheirLetters) {
  EXPECT_EQ(IdentifyLanguage("Rutte treedt af na verkiezingsnederlaag."), "nl");
  EXPECT_EQ(IdentifyLanguage("Brand verwoest boerderij in Friesland."), "nl");
  EXPECT_EQ(IdentifyLanguage("Trump threatens new tariffs on China."), "en");
  EXPECT_EQ(IdentifyLanguage("Bundestag stimmt für neues Gesetz."), "de");
  // No function word and no telling letters: still undetermined.
  EXPECT_EQ(IdentifyLanguage("Ajax PSV Feyenoord AZ"), "und");
}

TEST(IdentifyLanguage, TooShortOrEmptyIsUndetermined) {
  EXPECT_EQ(IdentifyLanguage(""), "und");
  EXPECT_EQ(IdentifyLanguage("NAVO"), "und");
  EXPECT_EQ(IdentifyLanguage("12345 67890"), "und");
}

}  // namespace
}  // namespace wirewatch
