// Tests of the NER tagger: features, decoding, model files, training determinism, scoring, and
// the shipped model on a few Dutch sentences.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "entities/ner.h"
#include "entities/ner_conll.h"
#include "entities/ner_features.h"
#include "entities/ner_model.h"
#include "entities/ner_train.h"

namespace wirewatch {
namespace {

using ner_internal::FeatureHash;
using ner_internal::HashString;
using ner_internal::kNumLabels;
using ner_internal::LabelOf;

std::string TempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() /
          ("ner_test_" + std::to_string(getpid()) + "_" + name))
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

// A hand-made model: "Rutte" is a person, "Brussel" a place, everything else O.
NerModel ToyModel() {
  auto p = std::make_shared<ner_internal::NerParams>();
  auto add = [&](uint64_t key, int label, float w) {
    p->feature_keys.push_back(key);
    std::vector<float> row(kNumLabels, 0.0f);
    row[static_cast<size_t>(label)] = w;
    p->weights.insert(p->weights.end(), row.begin(), row.end());
  };
  add(FeatureHash(ner_internal::kBias, 0), 0, 1.0f);
  add(FeatureHash(ner_internal::kWord, HashString("Rutte")), LabelOf(NerType::kPer, ner_internal::kU), 5.0f);
  add(FeatureHash(ner_internal::kWord, HashString("Brussel")), LabelOf(NerType::kLoc, ner_internal::kU), 5.0f);
  p->Finish();
  return NerModel(std::move(p));
}

TEST(NerFeaturesTest, LowerAndShape) {
  EXPECT_EQ(ner_internal::LowerUtf8("ÉÉN Rutte NAVO"), "één rutte navo");
  EXPECT_EQ(ner_internal::WordShape("Rutte"), "Xx");
  EXPECT_EQ(ner_internal::WordShape("NAVO-chef"), "X-x");
  EXPECT_EQ(ner_internal::WordShape("2,5"), "d,d");
  EXPECT_EQ(ner_internal::WordShape("Ångström"), "Xx");
  EXPECT_TRUE(ner_internal::StartsUpper("Élysée"));
  EXPECT_FALSE(ner_internal::StartsUpper("élysée"));
  // Invalid UTF-8 must not crash or loop.
  EXPECT_EQ(ner_internal::LowerUtf8("A\x81" "B"), "a\x81" "b");
}

TEST(NerFeaturesTest, HyphenPartsNeighboursAndDeterminism) {
  std::vector<std::string_view> tokens = {"De", "NAVO-chef", "zei"};
  ner_internal::NerLexicon lexicon;
  ner_internal::SentenceFeatures f1, f2;
  ner_internal::ExtractFeatures(tokens, lexicon, f1);
  ner_internal::ExtractFeatures(tokens, lexicon, f2);
  ASSERT_EQ(f1.size(), 3u);
  EXPECT_EQ(f1.hashes, f2.hashes);
  auto has = [&](size_t i, uint64_t h) {
    for (uint64_t x : f1.Of(i)) {
      if (x == h) return true;
    }
    return false;
  };
  EXPECT_TRUE(has(1, FeatureHash(ner_internal::kHyphenPart, HashString("navo"))));
  EXPECT_TRUE(has(1, FeatureHash(ner_internal::kHyphenPart, HashString("chef"))));
  EXPECT_TRUE(has(1, FeatureHash(ner_internal::kLowerPrev, HashString("de"))));
  EXPECT_TRUE(has(1, FeatureHash(ner_internal::kLowerNext, HashString("zei"))));
  EXPECT_TRUE(has(1, FeatureHash(ner_internal::kWord, HashString("NAVO-chef"))));
  EXPECT_FALSE(has(0, FeatureHash(ner_internal::kHyphenPart, HashString("navo"))));
}

TEST(NerFeaturesTest, GazetteerMarksBilouPositions) {
  ner_internal::NerLexicon lexicon;
  uint64_t key = ner_internal::HashCombine(ner_internal::HashCombine(0, HashString("Verenigde")),
                                           HashString("Staten"));
  lexicon.gazetteer.keys.push_back(key);
  lexicon.gazetteer.values.push_back(ner_internal::kGazCountry);
  lexicon.gazetteer_max_len = 2;
  lexicon.Finish();
  std::vector<std::string_view> tokens = {"de", "Verenigde", "Staten"};
  ner_internal::SentenceFeatures f;
  ner_internal::ExtractFeatures(tokens, lexicon, f);
  auto count = [&](size_t i, uint64_t h) {
    size_t c = 0;
    for (uint64_t x : f.Of(i)) c += x == h;
    return c;
  };
  // Bit 4 (country) at position B on token 1 and L on token 2.
  EXPECT_EQ(count(1, FeatureHash(ner_internal::kGazetteer, 4 * 4 + ner_internal::kB + 1)), 1u);
  EXPECT_EQ(count(2, FeatureHash(ner_internal::kGazetteer, 4 * 4 + ner_internal::kL + 1)), 1u);
}

TEST(NerViterbiTest, FollowsScoresWithinBilouConstraints) {
  std::vector<float> emissions(3 * kNumLabels, 0.0f);
  std::vector<float> transitions((kNumLabels + 1) * kNumLabels, 0.0f), end(kNumLabels, 0.0f);
  // Token 0 prefers I-PER (not allowed at the start), token 1 prefers L-PER.
  emissions[LabelOf(NerType::kPer, ner_internal::kI)] = 5;
  emissions[LabelOf(NerType::kPer, ner_internal::kB)] = 4;
  emissions[kNumLabels + LabelOf(NerType::kPer, ner_internal::kL)] = 5;
  emissions[2 * kNumLabels + 0] = 1;
  std::vector<int> labels;
  ner_internal::Viterbi(emissions.data(), 3, transitions.data(), end.data(), labels);
  ASSERT_EQ(labels.size(), 3u);
  EXPECT_EQ(labels[0], LabelOf(NerType::kPer, ner_internal::kB));
  EXPECT_EQ(labels[1], LabelOf(NerType::kPer, ner_internal::kL));
  EXPECT_EQ(labels[2], 0);
  // Transition scores count: a strong O->U-LOC bonus wins over weak emissions.
  std::fill(emissions.begin(), emissions.end(), 0.0f);
  transitions[0 * kNumLabels + LabelOf(NerType::kLoc, ner_internal::kU)] = 3;
  emissions[0] = 1;
  ner_internal::Viterbi(emissions.data(), 2, transitions.data(), end.data(), labels);
  EXPECT_EQ(labels[0], 0);
  EXPECT_EQ(labels[1], LabelOf(NerType::kLoc, ner_internal::kU));
  ner_internal::Viterbi(emissions.data(), 0, transitions.data(), end.data(), labels);
  EXPECT_TRUE(labels.empty());
}

TEST(NerModelTest, ToyModelTags) {
  NerModel model = ToyModel();
  std::vector<std::string_view> tokens = {"Premier", "Rutte", "bezocht", "Brussel", "."};
  std::vector<std::string_view> tags = model.Tag(tokens);
  EXPECT_EQ(tags, (std::vector<std::string_view>{"O", "B-PER", "O", "B-LOC", "O"}));
  std::vector<NerSpan> spans = model.TagSpans(tokens);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0], (NerSpan{1, 2, NerType::kPer}));
  EXPECT_EQ(spans[1], (NerSpan{3, 4, NerType::kLoc}));
  EXPECT_TRUE(model.Tag({}).empty());
}

TEST(NerModelTest, SaveLoadRoundTrip) {
  NerModel model = ToyModel();
  std::string path = TempPath("roundtrip.bin");
  ASSERT_TRUE(model.Save(path).ok());
  StatusOr<NerModel> loaded = NerModel::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(loaded->params().feature_keys, model.params().feature_keys);
  ASSERT_EQ(loaded->params().weights.size(), model.params().weights.size());
  for (size_t i = 0; i < model.params().weights.size(); ++i) {
    EXPECT_NEAR(loaded->params().weights[i], model.params().weights[i], 1e-3);
  }
  std::vector<std::string_view> tokens = {"Rutte", "in", "Brussel"};
  EXPECT_EQ(loaded->Tag(tokens), model.Tag(tokens));
  std::remove(path.c_str());
}

TEST(NerModelTest, LoadErrorsNameTheFile) {
  std::string missing = TempPath("missing.bin");
  StatusOr<NerModel> m = NerModel::Load(missing);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), StatusCode::kNotFound);
  EXPECT_NE(m.status().message().find(missing), std::string::npos);

  std::string path = TempPath("damaged.bin");
  ASSERT_TRUE(ToyModel().Save(path).ok());
  const std::string good = ReadBytes(path);

  WriteBytes(path, good.substr(0, good.size() / 2));  // truncated
  m = NerModel::Load(path);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), StatusCode::kCorrupt);
  EXPECT_NE(m.status().message().find(path), std::string::npos);

  std::string flipped = good;
  flipped[flipped.size() / 2] ^= 0x40;  // one damaged byte
  WriteBytes(path, flipped);
  m = NerModel::Load(path);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), StatusCode::kCorrupt);

  WriteBytes(path, "this is not a model at all");
  m = NerModel::Load(path);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), StatusCode::kCorrupt);

  WriteBytes(path, "");
  m = NerModel::Load(path);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), StatusCode::kCorrupt);

  std::string other_version = good;
  other_version[8] = 99;  // the u32 format version follows the 8-byte magic
  WriteBytes(path, other_version);
  m = NerModel::Load(path);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(m.status().message().find("version 99"), std::string::npos);
  EXPECT_NE(m.status().message().find(path), std::string::npos);
  std::remove(path.c_str());
}

TEST(NerIobTest, ConllevalChunkRules) {
  std::vector<std::string_view> tags = {"B-PER", "I-PER", "I-LOC", "O", "I-ORG", "B-ORG", "I-ORG"};
  std::vector<NerSpan> spans = SpansFromIob(tags);
  ASSERT_EQ(spans.size(), 4u);
  EXPECT_EQ(spans[0], (NerSpan{0, 2, NerType::kPer}));
  EXPECT_EQ(spans[1], (NerSpan{2, 3, NerType::kLoc}));
  EXPECT_EQ(spans[2], (NerSpan{4, 5, NerType::kOrg}));
  EXPECT_EQ(spans[3], (NerSpan{5, 7, NerType::kOrg}));
}

TEST(NerScoresTest, ExactSpanAndType) {
  NerScores scores;
  std::vector<std::string_view> gold = {"B-PER", "I-PER", "O", "B-LOC", "O", "B-ORG"};
  std::vector<std::string_view> pred = {"B-PER", "I-PER", "O", "B-ORG", "O", "B-ORG"};
  scores.Add(gold, pred);
  std::vector<std::string_view> gold2 = {"B-MISC", "I-MISC"};
  std::vector<std::string_view> pred2 = {"B-MISC", "O"};
  scores.Add(gold2, pred2);
  EXPECT_EQ(scores.overall.gold, 4u);
  EXPECT_EQ(scores.overall.predicted, 4u);
  EXPECT_EQ(scores.overall.correct, 2u);
  EXPECT_DOUBLE_EQ(scores.overall.F1(), 0.5);
  EXPECT_EQ(scores.by_type[static_cast<size_t>(NerType::kLoc)].correct, 0u);
  EXPECT_EQ(scores.by_type[static_cast<size_t>(NerType::kOrg)].predicted, 2u);
}

TEST(NerConllTest, DecodesLatin1AndKeepsUtf8) {
  EXPECT_EQ(DecodeUtf8OrLatin1("Belgi\xEB"), "België");
  EXPECT_EQ(DecodeUtf8OrLatin1("België"), "België");
  EXPECT_EQ(DecodeUtf8OrLatin1("offici\x81" "Ele"), "offici\xC2\x81" "Ele");
  std::vector<ConllLine> lines = ParseConllLines("-DOCSTART- -DOCSTART- O\nDe Art O\r\n\nKok N B-PER\n");
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0].kind, ConllLine::Kind::kDocStart);
  EXPECT_EQ(lines[1].token, "De");
  EXPECT_EQ(lines[1].tag, "O");
  EXPECT_EQ(lines[2].kind, ConllLine::Kind::kBlank);
  EXPECT_EQ(lines[3].tag, "B-PER");
}

std::vector<NerDocument> TinyCorpus() {
  const char* text[][2] = {
      {"Premier Kok bezocht gisteren Brussel .", "O B-PER O O B-LOC O"},
      {"Wim Kok sprak met de NAVO in Brussel .", "B-PER I-PER O O O B-ORG O B-LOC O"},
      {"De NAVO vergaderde in Antwerpen .", "O B-ORG O O B-LOC O"},
      {"Volgens Kok is de Europese Unie te traag .", "O B-PER O O B-ORG I-ORG O O O"},
      {"In Antwerpen won Anderlecht van Club Brugge .", "O B-LOC O B-ORG O B-ORG I-ORG O"},
      {"De Belgische regering reageerde .", "O B-MISC O O O"},
  };
  std::vector<NerDocument> docs(2);
  for (size_t i = 0; i < std::size(text); ++i) {
    NerSentence s;
    auto split = [](const char* str) {
      std::vector<std::string> out;
      std::string cur;
      for (const char* c = str; *c; ++c) {
        if (*c == ' ') {
          out.push_back(cur);
          cur.clear();
        } else {
          cur += *c;
        }
      }
      out.push_back(cur);
      return out;
    };
    s.tokens = split(text[i][0]);
    s.tags = split(text[i][1]);
    docs[i % 2].sentences.push_back(std::move(s));
  }
  return docs;
}

TEST(NerTrainTest, TinyTrainingIsDeterministicAndLearns) {
  NerTrainOptions options;
  options.epochs = 5;
  options.clusters = {4, 8, 16};
  options.cluster_min_count = 1;
  options.gazetteer_folds = 2;
  std::vector<NerDocument> docs = TinyCorpus();
  StatusOr<NerModel> a = TrainNer(docs, docs, options);
  StatusOr<NerModel> b = TrainNer(docs, docs, options);
  ASSERT_TRUE(a.ok()) << a.status().message();
  ASSERT_TRUE(b.ok());
  std::string pa = TempPath("tiny_a.bin"), pb = TempPath("tiny_b.bin");
  ASSERT_TRUE(a->Save(pa).ok());
  ASSERT_TRUE(b->Save(pb).ok());
  EXPECT_EQ(ReadBytes(pa), ReadBytes(pb));
  NerScores scores = EvaluateNer(*a, docs);
  EXPECT_GT(scores.overall.F1(), 0.9) << scores.Report();
  std::remove(pa.c_str());
  std::remove(pb.c_str());

  options.trainer = NerTrainOptions::Trainer::kPerceptron;
  StatusOr<NerModel> p = TrainNer(docs, {}, options);
  ASSERT_TRUE(p.ok());
  EXPECT_GT(EvaluateNer(*p, docs).overall.F1(), 0.9);

  EXPECT_FALSE(TrainNer({}, {}, options).ok());
}

TEST(NerShippedModelTest, FindsObviousEntities) {
  const std::string path = std::string(WIREWATCH_SOURCE_DIR) + "/models/ner-nl.bin";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " not present";
  StatusOr<NerModel> model = NerModel::Load(path);
  ASSERT_TRUE(model.ok()) << model.status().message();
  struct Case {
    std::vector<std::string_view> tokens;
    NerSpan expected;
  };
  const std::vector<Case> cases = {
      {{"Premier", "Guy", "Verhofstadt", "sprak", "gisteren", "in", "Brussel", "."},
       {1, 3, NerType::kPer}},
      {{"Premier", "Guy", "Verhofstadt", "sprak", "gisteren", "in", "Brussel", "."},
       {6, 7, NerType::kLoc}},
      {{"De", "Verenigde", "Naties", "sturen", "troepen", "naar", "Kosovo", "."},
       {6, 7, NerType::kLoc}},
      {{"Volgens", "minister", "Louis", "Michel", "is", "de", "zaak", "gesloten", "."},
       {2, 4, NerType::kPer}},
  };
  for (const Case& c : cases) {
    std::vector<NerSpan> spans = model->TagSpans(c.tokens);
    bool found = false;
    for (const NerSpan& s : spans) found |= s == c.expected;
    std::string sentence;
    for (auto t : c.tokens) sentence += std::string(t) + " ";
    EXPECT_TRUE(found) << sentence;
  }
}

TEST(NerSharedDataTest, ReadsConllTesta) {
  const std::string path = std::string(WIREWATCH_SHARED_DIR) + "/data/conll2002-ned/ned.testa";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " not present";
  StatusOr<std::vector<NerDocument>> docs = ReadConllDocuments(path);
  ASSERT_TRUE(docs.ok()) << docs.status().message();
  size_t sentences = 0;
  for (const auto& d : *docs) sentences += d.sentences.size();
  EXPECT_EQ(sentences, 2895u);
  EXPECT_GT(docs->size(), 10u);
}

}  // namespace
}  // namespace wirewatch
