// Tests of the syntax stage: the CoNLL-U reader and writer, lemma edit trees, the transition
// system, legacy harmonisation, model files and their errors, training a tiny model and parsing
// it back, and the shipped model on Dutch sentences.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "syntax/conllu.h"
#include "syntax/edit_tree.h"
#include "syntax/syntax.h"
#include "syntax/syntax_model.h"
#include "syntax/syntax_train.h"

namespace wirewatch {
namespace {

using syntax_internal::EditScript;

std::string TempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() /
          ("syntax_test_" + std::to_string(getpid()) + "_" + name))
      .string();
}

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void WriteBytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

// Five small Dutch sentences in the current UD guidelines, written for these tests.
constexpr const char* kTreebank =
    "# sent_id = 1\n"
    "# text = Polen zet de consul uit.\n"
    "1\tPolen\tPolen\tPROPN\t_\t_\t2\tnsubj\t_\t_\n"
    "2\tzet\tuit_zetten\tVERB\t_\tNumber=Sing|Tense=Pres|VerbForm=Fin\t0\troot\t_\t_\n"
    "3\tde\tde\tDET\t_\tDefinite=Def\t4\tdet\t_\t_\n"
    "4\tconsul\tconsul\tNOUN\t_\tNumber=Sing\t2\tobj\t_\t_\n"
    "5\tuit\tuit\tADP\t_\t_\t2\tcompound:prt\t_\tSpaceAfter=No\n"
    "6\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n"
    "\n"
    "# sent_id = 2\n"
    "1\tChina\tChina\tPROPN\t_\t_\t2\tnsubj\t_\t_\n"
    "2\tsteunt\tsteunen\tVERB\t_\tNumber=Sing|Tense=Pres|VerbForm=Fin\t0\troot\t_\t_\n"
    "3\tde\tde\tDET\t_\tDefinite=Def\t4\tdet\t_\t_\n"
    "4\tregering\tregering\tNOUN\t_\tNumber=Sing\t2\tobj\t_\t_\n"
    "5\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n"
    "\n"
    "# sent_id = 3\n"
    "1\tRusland\tRusland\tPROPN\t_\t_\t2\tnsubj\t_\t_\n"
    "2\tvalt\taan_vallen\tVERB\t_\tNumber=Sing|Tense=Pres|VerbForm=Fin\t0\troot\t_\t_\n"
    "3\tde\tde\tDET\t_\tDefinite=Def\t4\tdet\t_\t_\n"
    "4\tstad\tstad\tNOUN\t_\tNumber=Sing\t2\tobj\t_\t_\n"
    "5\taan\taan\tADP\t_\t_\t2\tcompound:prt\t_\tSpaceAfter=No\n"
    "6\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n"
    "\n"
    "# sent_id = 4\n"
    "1\tDe\tde\tDET\t_\tDefinite=Def\t2\tdet\t_\t_\n"
    "2\tminister\tminister\tNOUN\t_\tNumber=Sing\t3\tnsubj\t_\t_\n"
    "3\tbezoekt\tbezoeken\tVERB\t_\tNumber=Sing|Tense=Pres|VerbForm=Fin\t0\troot\t_\t_\n"
    "4\tPolen\tPolen\tPROPN\t_\t_\t3\tobj\t_\t_\n"
    "5\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\t_\n"
    "\n"
    "# sent_id = 5\n"
    "1\tDe\tde\tDET\t_\tDefinite=Def\t2\tdet\t_\t_\n"
    "2\tregering\tregering\tNOUN\t_\tNumber=Sing\t3\tnsubj\t_\t_\n"
    "3\tsteunt\tsteunen\tVERB\t_\tNumber=Sing|Tense=Pres|VerbForm=Fin\t0\troot\t_\t_\n"
    "4\tChina\tChina\tPROPN\t_\t_\t3\tobj\t_\t_\n"
    "5\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\t_\n"
    "\n";

std::vector<ConlluSentence> Treebank() {
  auto s = ParseConllu(kTreebank, "test.conllu");
  EXPECT_TRUE(s.ok()) << s.status().message();
  return *s;
}

SyntaxModel TinyModel() {
  SyntaxTrainOptions options;
  options.tagger_epochs = 8;
  options.parser_epochs = 12;
  options.jackknife_folds = 0;
  options.prune = 0;
  options.min_particle_count = 1;  // each particle occurs once in these five sentences
  options.credit = "test treebank";
  auto model = TrainSyntax(Trusted(Treebank()), {}, options);
  EXPECT_TRUE(model.ok()) << model.status().message();
  return *model;
}

// ---- CoNLL-U ---------------------------------------------------------------------------------

TEST(ConlluTest, ReadsWordsCommentsAndRoundTrips) {
  std::vector<ConlluSentence> s = Treebank();
  ASSERT_EQ(s.size(), 5u);
  EXPECT_EQ(ConlluComment(s[0], "text"), "Polen zet de consul uit.");
  EXPECT_EQ(ConlluComment(s[0], "sent_id"), "1");
  ASSERT_EQ(s[0].words.size(), 6u);
  EXPECT_EQ(s[0].words[1].lemma, "uit_zetten");
  EXPECT_EQ(s[0].words[1].head, 0);
  EXPECT_EQ(s[0].words[4].deprel, "compound:prt");
  EXPECT_EQ(s[0].words[4].misc, "SpaceAfter=No");
  std::string out;
  for (const ConlluSentence& x : s) AppendConllu(x, out);
  EXPECT_EQ(out, kTreebank);
}

TEST(ConlluTest, KeepsMultiwordTokensAndEmptyNodes) {
  const std::string text =
      "# text = ten huize\n"
      "1-2\tten\t_\t_\t_\t_\t_\t_\t_\t_\n"
      "1\tte\tte\tADP\t_\t_\t3\tcase\t_\t_\n"
      "2\tden\tde\tDET\t_\t_\t3\tdet\t_\t_\n"
      "2.1\tis\tzijn\tAUX\t_\t_\t_\t_\t3:cop\t_\n"
      "3\thuize\thuis\tNOUN\t_\t_\t0\troot\t_\t_\n"
      "\n";
  auto s = ParseConllu(text, "mwt.conllu");
  ASSERT_TRUE(s.ok()) << s.status().message();
  ASSERT_EQ(s->size(), 1u);
  const ConlluSentence& x = (*s)[0];
  EXPECT_EQ(x.words.size(), 3u);  // words only: the parser never sees "ten" or "2.1"
  ASSERT_EQ(x.multiwords.size(), 1u);
  EXPECT_EQ(x.multiwords[0].first, 1u);
  EXPECT_EQ(x.multiwords[0].last, 2u);
  ASSERT_EQ(x.empty_nodes.size(), 1u);
  EXPECT_EQ(x.empty_nodes[0].after, 2u);
  std::string out;
  AppendConllu(x, out);
  EXPECT_EQ(out, text);
}

TEST(ConlluTest, ErrorsNameTheFileAndLine) {
  auto bad_columns = ParseConllu("1\tPolen\tPolen\tPROPN\n\n", "a.conllu");
  ASSERT_FALSE(bad_columns.ok());
  EXPECT_EQ(bad_columns.status().message(), "a.conllu: line 1: expected 10 tab-separated columns, found 4");
  auto bad_id = ParseConllu("2\tPolen\tPolen\tPROPN\t_\t_\t0\troot\t_\t_\n\n", "b.conllu");
  ASSERT_FALSE(bad_id.ok());
  EXPECT_NE(bad_id.status().message().find("b.conllu: line 1: word id '2'"), std::string::npos);
  auto bad_head = ParseConllu("1\tPolen\tPolen\tPROPN\t_\t_\t7\troot\t_\t_\n\n", "c.conllu");
  ASSERT_FALSE(bad_head.ok());
  EXPECT_NE(bad_head.status().message().find("outside the sentence"), std::string::npos);
  auto ok = ParseConllu("\xEF\xBB\xBF" "1\tJa\tja\tINTJ\t_\t_\t0\troot\t_\t_\r\n", "d.conllu");
  ASSERT_TRUE(ok.ok());  // BOM, CRLF and a missing final blank line are accepted
  EXPECT_EQ(ok->size(), 1u);
}

TEST(ConlluTest, TreeChecks) {
  std::vector<ConlluSentence> s = Treebank();
  EXPECT_TRUE(IsTree(s[0]));
  ConlluSentence two_roots = s[0];
  two_roots.words[0].head = 0;
  EXPECT_FALSE(IsTree(two_roots));
  ConlluSentence cycle = s[0];
  cycle.words[2].head = 4;
  cycle.words[3].head = 3;
  EXPECT_FALSE(IsTree(cycle));
}

TEST(ConlluTest, ProjectiviseLiftsCrossingArcs) {
  // d -> a spans b, which does not descend from d: a is lifted to d's head, b.
  auto s = ParseConllu(
      "1\ta\ta\tX\t_\t_\t4\tdep\t_\t_\n"
      "2\tb\tb\tX\t_\t_\t0\troot\t_\t_\n"
      "3\tc\tc\tX\t_\t_\t2\tdep\t_\t_\n"
      "4\td\td\tX\t_\t_\t2\tdep\t_\t_\n"
      "\n", "p.conllu");
  ASSERT_TRUE(s.ok());
  ConlluSentence x = (*s)[0];
  ASSERT_TRUE(IsTree(x));
  EXPECT_EQ(Projectivise(x), 1u);
  EXPECT_EQ(x.words[0].head, 2);
  EXPECT_TRUE(IsTree(x));
  EXPECT_EQ(Projectivise(x), 0u);
  ConlluSentence ignored = (*s)[0];
  EXPECT_EQ(Projectivise(ignored, {0, 1, 1, 0}), 0u);  // untrusted words cross nothing
}

// ---- Lemma edit trees --------------------------------------------------------------------------

TEST(EditScriptTest, GeneralisesOverPrefixesAndCase) {
  EditScript past = EditScript::Build("uitgegeven", "uitgeven");
  EXPECT_EQ(past.Apply("uitgegeven"), "uitgeven");
  EXPECT_EQ(past.Apply("opgegeven"), "opgeven");
  EditScript plural = EditScript::Build("Kloosterorden", "klooster_orde");
  EXPECT_EQ(plural.Apply("Kloosterorden"), "klooster_orde");
  EditScript name = EditScript::Build("Genua", "Genua");
  EXPECT_EQ(name.Apply("GENUA"), "Genua");  // proper names keep a capital
  EditScript irregular = EditScript::Build("ging", "gaan");
  EXPECT_EQ(irregular.Apply("ging"), "gaan");
  EXPECT_EQ(irregular.Apply("zong"), std::nullopt);  // the literal "i" -> "aa" does not fit
  EXPECT_EQ(irregular.Apply("zing"), "zaan");         // edit trees generalise; the lexicon knows better
  auto back = EditScript::FromKey(plural.Key());
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->Key(), plural.Key());
  EXPECT_FALSE(EditScript::FromKey("9M1,2(").has_value());
  EXPECT_FALSE(EditScript::FromKey("0M1,2(--").has_value());
}

// ---- Transition system -------------------------------------------------------------------------

TEST(TransitionTest, EveryMoveSequenceEndsInOneRootedTree) {
  using namespace syntax_internal;
  // Whatever the scores, taking the first allowed class ends in a tree with one root.
  for (int n = 1; n <= 7; ++n) {
    for (uint32_t pick = 0; pick < 3; ++pick) {
      ParseState st;
      st.Reset(n);
      const uint32_t labels = 3, root = 0;
      int steps = 0;
      while (!st.Done()) {
        ASSERT_LT(steps++, 4 * n + 4);
        std::vector<uint32_t> allowed;
        for (uint32_t c = 0; c < 1 + 2 * labels; ++c) {
          if (ClassAllowed(st, c, labels, root)) allowed.push_back(c);
        }
        ASSERT_FALSE(allowed.empty());
        uint32_t c = allowed[(pick + static_cast<uint32_t>(steps)) % allowed.size()];
        st.Apply(MoveOf(c, labels), static_cast<int>(LabelOf(c, labels)));
      }
      int roots = 0;
      for (int i = 0; i < n; ++i) {
        ASSERT_GE(st.head[static_cast<size_t>(i)], 0);
        roots += st.head[static_cast<size_t>(i)] == n;
        EXPECT_EQ(st.head[static_cast<size_t>(i)] == n, st.label[static_cast<size_t>(i)] == 0);
      }
      EXPECT_EQ(roots, 1);
    }
  }
}

// ---- Legacy harmonisation ----------------------------------------------------------------------

TEST(HarmoniseTest, AppliesTheGuidelineChanges) {
  auto legacy = ParseConllu(
      "1\tHij\thij\tPRON\t_\t_\t2\tnsubj\t_\t_\n"
      "2\tmoet\tmoeten\tVERB\t_\tVerbForm=Fin\t0\troot\t_\t_\n"
      "3\tzijn\tzijn\tDET\t_\t_\t4\tdet\t_\t_\n"
      "4\tboek\tboek\tNOUN\t_\t_\t5\tobj\t_\t_\n"
      "5\tlezen\tlezen\tVERB\t_\tVerbForm=Inf\t2\txcomp\t_\t_\n"
      "6\ten\ten\tCCONJ\t_\t_\t5\tcc\t_\t_\n"
      "7\tuitgeven\tuitgeven\tVERB\t_\tVerbForm=Inf\t5\tconj\t_\t_\n"
      "8\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n"
      "\n", "legacy.conllu");
  auto current = ParseConllu("1\tuitgeven\tuit_geven\tVERB\t_\tVerbForm=Inf\t0\troot\t_\t_\n\n",
                             "current.conllu");
  ASSERT_TRUE(legacy.ok() && current.ok());
  size_t changed = 0;
  std::vector<TrainingSentence> out = HarmoniseLegacyUd(*legacy, *current, &changed);
  ASSERT_EQ(out.size(), 1u);
  const auto& w = out[0].sentence.words;
  EXPECT_EQ(w[1].upos, "AUX");  // moeten: an auxiliary of "lezen", which heads the clause
  EXPECT_EQ(w[1].deprel, "aux");
  EXPECT_EQ(w[1].head, 5);
  EXPECT_EQ(w[4].head, 0);
  EXPECT_EQ(w[4].deprel, "root");
  EXPECT_EQ(w[0].head, 5);  // the subject moves with the clause
  EXPECT_EQ(w[2].upos, "PRON");
  EXPECT_EQ(w[2].deprel, "nmod:poss");
  EXPECT_EQ(w[5].head, 7);  // "en" attaches to the conjunct after it
  EXPECT_EQ(w[6].lemma, "uit_geven");
  EXPECT_EQ(w[7].head, 5);  // the final mark: to the root, by the current attachment rule
  EXPECT_EQ(out[0].head_unknown[1], 0);
  EXPECT_TRUE(IsTree(out[0].sentence));
  EXPECT_GE(changed, 6u);
}

// ---- Training, model files ----------------------------------------------------------------------

TEST(SyntaxModelTest, TrainsATinyModelAndParsesItsSentencesBack) {
  SyntaxModel model = TinyModel();
  std::vector<ConlluSentence> gold = Treebank();
  SyntaxScores scores = ScoreSyntax(gold, ParseTreebank(model, gold));
  EXPECT_EQ(scores.words, 27u);
  EXPECT_EQ(scores.upos, 1.0);
  EXPECT_EQ(scores.uas, 1.0);
  EXPECT_EQ(scores.las, 1.0);
  EXPECT_EQ(scores.lemma, 1.0);  // including "uit_zetten" joined from "zet ... uit"
  std::vector<std::string_view> words = {"Polen", "zet", "de", "consul", "uit", "."};
  std::vector<SyntaxWord> tree = model.Parse(words);
  ASSERT_EQ(tree.size(), 6u);
  EXPECT_EQ(tree[1].lemma, "uit_zetten");
  EXPECT_EQ(PlainLemma(tree[1].lemma), "uitzetten");
  EXPECT_EQ(tree[4].deprel, "compound:prt");
  EXPECT_EQ(tree[4].head, 2u);
}

TEST(SyntaxModelTest, ParsesAnythingIntoATree) {
  SyntaxModel model = TinyModel();
  std::vector<std::vector<std::string_view>> inputs = {
      {}, {"."}, {"\xFF\xFE", "\x01", ""}, std::vector<std::string_view>(300, "en")};
  for (const auto& words : inputs) {
    std::vector<SyntaxWord> tree = model.Parse(words);
    ASSERT_EQ(tree.size(), words.size());
    if (words.empty()) continue;
    ConlluSentence s;
    for (size_t i = 0; i < words.size(); ++i) {
      ConlluWord w;
      w.form = "x";
      w.head = static_cast<int>(tree[i].head);
      s.words.push_back(w);
    }
    EXPECT_TRUE(IsTree(s));
  }
}

TEST(SyntaxModelTest, TrainingIsDeterministicAndFilesRoundTrip) {
  const std::string a = TempPath("a.bin"), b = TempPath("b.bin");
  ASSERT_TRUE(TinyModel().Save(a).ok());
  ASSERT_TRUE(TinyModel().Save(b).ok());
  EXPECT_EQ(ReadBytes(a), ReadBytes(b));
  auto loaded = SyntaxModel::Load(a);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(loaded->credit(), "test treebank");
  std::vector<ConlluSentence> gold = Treebank();
  EXPECT_EQ(ScoreSyntax(gold, ParseTreebank(*loaded, gold)).las, 1.0);
  std::remove(a.c_str());
  std::remove(b.c_str());
}

TEST(SyntaxModelTest, LoadErrorsSayWhatIsWrong) {
  const std::string path = TempPath("m.bin");
  auto missing = SyntaxModel::Load(path + ".none");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("syntax model file not found"), std::string::npos);

  WriteBytes(path, "not a model at all");
  auto foreign = SyntaxModel::Load(path);
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.status().message(), path + ": not a wirewatch syntax model (bad magic number)");

  ASSERT_TRUE(TinyModel().Save(path).ok());
  std::string bytes = ReadBytes(path);
  WriteBytes(path, bytes.substr(0, bytes.size() / 2));
  auto truncated = SyntaxModel::Load(path);
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.status().code(), StatusCode::kCorrupt);

  std::string damaged = bytes;
  damaged[damaged.size() / 2] ^= 0x40;
  WriteBytes(path, damaged);
  auto flipped = SyntaxModel::Load(path);
  ASSERT_FALSE(flipped.ok());
  EXPECT_NE(flipped.status().message().find("checksum mismatch"), std::string::npos);

  std::string newer = bytes;
  newer[8] = 99;  // the format version
  WriteBytes(path, newer);
  auto version = SyntaxModel::Load(path);
  ASSERT_FALSE(version.ok());
  EXPECT_EQ(version.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(version.status().message().find("format 99"), std::string::npos);
  std::remove(path.c_str());
}

// ---- The shipped model --------------------------------------------------------------------------

class ShippedModelTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto m = SyntaxModel::Load(std::string(WIREWATCH_SOURCE_DIR) + "/models/syntax-nl.bin");
    ASSERT_TRUE(m.ok()) << m.status().message();
    model_ = new SyntaxModel(std::move(*m));
  }
  static void TearDownTestSuite() { delete model_; }
  static SyntaxModel* model_;
};
SyntaxModel* ShippedModelTest::model_ = nullptr;

TEST_F(ShippedModelTest, CreditsTheTreebanks) {
  EXPECT_NE(model_->credit().find("CC BY-SA 4.0"), std::string::npos);
  EXPECT_NE(model_->credit().find("Alpino"), std::string::npos);
}

TEST_F(ShippedModelTest, SubjectObjectAndSeparableVerb) {
  // Made-up sentences of the kinds the event coder must read.
  std::vector<std::string_view> a = {"China", "steunt", "de", "regering", "van", "Iran", "."};
  std::vector<SyntaxWord> t = model_->Parse(a);
  EXPECT_EQ(t[1].upos, "VERB");
  EXPECT_EQ(t[1].head, 0u);
  EXPECT_EQ(t[0].deprel, "nsubj");
  EXPECT_EQ(t[0].head, 2u);
  EXPECT_EQ(t[3].deprel, "obj");
  EXPECT_EQ(t[5].head, 4u);

  std::vector<std::string_view> b = {"Vorig", "jaar", "annuleerde", "hij", "het", "bezoek", "."};
  t = model_->Parse(b);
  EXPECT_EQ(t[3].deprel, "nsubj");  // the inverted subject
  EXPECT_EQ(t[3].head, 3u);
  EXPECT_EQ(t[2].lemma, "annuleren");

  std::vector<std::string_view> c = {"Polen", "zet", "de", "Russische", "consul", "het", "land", "uit", "."};
  t = model_->Parse(c);
  EXPECT_EQ(t[7].deprel, "compound:prt");
  EXPECT_EQ(PlainLemma(t[1].lemma), "uitzetten");
}

}  // namespace
}  // namespace wirewatch
