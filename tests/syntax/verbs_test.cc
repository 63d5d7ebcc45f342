// Tests for the verb lexicon (syntax/verbs.h): weak verbs by the spelling rules, strong and
// irregular verbs from the checked-in table with particles and prefixes, load errors, and the
// lemmatiser using it for verbs the training words lack.
#include "syntax/verbs.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "syntax/syntax.h"

namespace wirewatch {
namespace {

namespace fs = std::filesystem;

const std::string kTable = std::string(WIREWATCH_SOURCE_DIR) + "/data/syntax/irregular_verbs.tsv";

TEST(WeakInfinitive, FollowsDutchSpelling) {
  EXPECT_EQ(WeakInfinitive("werk"), "werken");
  EXPECT_EQ(WeakInfinitive("stuur"), "sturen");         // long vowel single in an open syllable
  EXPECT_EQ(WeakInfinitive("sloop"), "slopen");
  EXPECT_EQ(WeakInfinitive("stop"), "stoppen");         // short vowel: consonant doubled
  EXPECT_EQ(WeakInfinitive("rel"), "rellen");
  EXPECT_EQ(WeakInfinitive("leef"), "leven");           // f -> v after a long vowel
  EXPECT_EQ(WeakInfinitive("geloof"), "geloven");
  EXPECT_EQ(WeakInfinitive("durf"), "durven");
  EXPECT_EQ(WeakInfinitive("straf"), "straffen");
  EXPECT_EQ(WeakInfinitive("verdedig"), "verdedigen");  // -ig does not double
  EXPECT_EQ(WeakInfinitive("wandel"), "wandelen");      // schwa does not double
  EXPECT_EQ(WeakInfinitive("luister"), "luisteren");
  EXPECT_EQ(WeakInfinitive("besef"), "beseffen");       // be- is a prefix, the e stressed
  EXPECT_EQ(WeakInfinitive("bouw"), "bouwen");
  EXPECT_EQ(WeakInfinitive("zaai"), "zaaien");
  EXPECT_EQ(WeakInfinitive("dementeer"), "dementeren");
  EXPECT_EQ(WeakInfinitive("distantieer"), "distanti\xC3\xAB" "ren");  // diaeresis at the vowel collision
}

class VerbLexiconTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded = VerbLexicon::Load(kTable);
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    verbs_ = new VerbLexicon(std::move(loaded).value());
  }
  static void TearDownTestSuite() {
    delete verbs_;
    verbs_ = nullptr;
  }
  static std::string Inf(std::string_view form, VerbForm kind) {
    return verbs_->Infinitive(form, kind).value_or("<none>");
  }
  static const VerbLexicon* verbs_;
};
const VerbLexicon* VerbLexiconTest::verbs_ = nullptr;

TEST_F(VerbLexiconTest, WeakFormsByTheirSuffix) {
  EXPECT_EQ(Inf("stuurden", VerbForm::kPast), "sturen");
  EXPECT_EQ(Inf("relden", VerbForm::kPast), "rellen");
  EXPECT_EQ(Inf("gesloopt", VerbForm::kParticiple), "slopen");
  EXPECT_EQ(Inf("gezet", VerbForm::kParticiple), "zetten");
  EXPECT_EQ(Inf("gepraat", VerbForm::kParticiple), "praten");
  EXPECT_EQ(Inf("distantieert", VerbForm::kPresent), "distanti\xC3\xAB" "ren");
  EXPECT_EQ(Inf("bepleiten", VerbForm::kPresent), "bepleiten");
  EXPECT_EQ(Inf("bepleit", VerbForm::kPresent), "bepleiten");
  EXPECT_EQ(Inf("gooit", VerbForm::kPresent), "gooien");
  EXPECT_EQ(Inf("lijfde", VerbForm::kPast), "lijven");
  EXPECT_EQ(Inf("uitgezet", VerbForm::kParticiple), "uit_zetten");
  EXPECT_EQ(Inf("verklaard", VerbForm::kParticiple), "verklaren");
  EXPECT_EQ(Inf("omgebouwde", VerbForm::kParticiple), "om_bouwen");  // adjectival -e
  EXPECT_EQ(Inf("verwoest", VerbForm::kParticiple), "verwoesten");
  EXPECT_EQ(Inf("gemist", VerbForm::kParticiple), "missen");
}

TEST_F(VerbLexiconTest, StrongFormsFromTheTableWithParticlesAndPrefixes) {
  EXPECT_GT(verbs_->size(), 150u);
  EXPECT_EQ(Inf("hielden", VerbForm::kPast), "houden");
  EXPECT_EQ(Inf("gehouden", VerbForm::kParticiple), "houden");
  EXPECT_EQ(Inf("uitgewezen", VerbForm::kParticiple), "uit_wijzen");
  EXPECT_EQ(Inf("tegenhielden", VerbForm::kPast), "tegen_houden");
  EXPECT_EQ(Inf("doodgeslagen", VerbForm::kParticiple), "dood_slaan");
  EXPECT_EQ(Inf("verbood", VerbForm::kPast), "verbieden");
  EXPECT_EQ(Inf("verboden", VerbForm::kParticiple), "verbieden");
  EXPECT_EQ(Inf("ontving", VerbForm::kPast), "ontvangen");
  EXPECT_EQ(Inf("verborgen", VerbForm::kParticiple), "verbergen");  // bergen is no be- verb
  EXPECT_EQ(Inf("vergeven", VerbForm::kParticiple), "vergeven");    // ver + (ge)geven
  EXPECT_EQ(Inf("uitgeschreven", VerbForm::kParticiple), "uit_schrijven");
  EXPECT_FALSE(verbs_->Irregular("werkten", VerbForm::kPast).has_value());
  // A form is read as the tag says: "voeren" is a past of varen, a present of voeren.
  EXPECT_EQ(Inf("voeren", VerbForm::kPast), "varen");
  EXPECT_EQ(Inf("uitvoeren", VerbForm::kInfinitive), "uitvoeren");
  EXPECT_EQ(Inf("benoten", VerbForm::kParticiple), "<none>");  // not be + genoten; no weak -en
  EXPECT_EQ(Inf("begonnen", VerbForm::kParticiple), "beginnen");
}

TEST(VerbLexiconLoad, ErrorsNameTheFileAndLine) {
  fs::path dir = fs::temp_directory_path() / ("wirewatch_verbs_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string path = (dir / "v.tsv").string();
  auto missing = VerbLexicon::Load(path);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find(path), std::string::npos);
  const std::string header = "infinitive\tpast_singular\tpast_plural\tparticiple\tpresent_singular\n";
  for (std::string body : {std::string("houden\thield\thielden\n"),                  // a field short
                           std::string("houden\thield\thielden\thouden\t-\n"),        // no ge-, no prefix
                           std::string("hield\thield\thielden\tgehouden\t-\n")}) {    // not an infinitive
    std::ofstream(path, std::ios::binary) << "# c\n" << header << body;
    auto bad = VerbLexicon::Load(path);
    ASSERT_FALSE(bad.ok()) << body;
    EXPECT_NE(bad.status().message().find(path + ":3:"), std::string::npos) << bad.status().message();
  }
  std::ofstream(path, std::ios::binary) << "infinitive\tpast\n";
  EXPECT_FALSE(VerbLexicon::Load(path).ok());
  fs::remove_all(dir);
}

// The lemmatiser asks the lexicon for verbs its training words lack.
TEST(VerbLexiconLemmatiser, UnknownVerbsGetTheirInfinitive) {
  auto model = SyntaxModel::Load(std::string(WIREWATCH_SOURCE_DIR) + "/models/syntax-nl.bin");
  ASSERT_TRUE(model.ok()) << model.status().message();
  auto verbs = VerbLexicon::Load(kTable);
  ASSERT_TRUE(verbs.ok());
  SyntaxModel with = model->WithVerbs(std::make_shared<const VerbLexicon>(std::move(verbs).value()));
  // Forms the treebanks do not hold (the training words' own lemmas win where they do).
  std::vector<std::string_view> words = {"De", "regeringsleiders", "tegenhielden", "de", "boeren", "niet", "."};
  std::vector<SyntaxWord> out = with.Parse(words);
  ASSERT_EQ(out.size(), words.size());
  if (out[2].upos == "VERB") EXPECT_EQ(PlainLemma(out[2].lemma), "tegenhouden");
  words = {"De", "betogers", "sloopten", "de", "hekken", "."};
  out = with.Parse(words);
  ASSERT_EQ(out[2].upos, "VERB");
  EXPECT_EQ(out[2].lemma, "slopen");
  words = {"Rusland", "heeft", "een", "journalist", "uitgewezen", "."};
  out = with.Parse(words);
  EXPECT_EQ(PlainLemma(out[4].lemma), "uitwijzen");
}

}  // namespace
}  // namespace wirewatch
