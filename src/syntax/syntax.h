// Dutch syntax: part of speech, morphological features, lemma and a dependency tree (Universal
// Dependencies v2 labels) for every word of a sentence.
//
//   StatusOr<SyntaxModel> model = SyntaxModel::Load("models/syntax-nl.bin");
//   if (!model.ok()) return model.status();            // names the file and what is wrong
//   std::vector<std::string_view> words = {"Polen", "zet", "de", "consul", "uit", "."};
//   std::vector<SyntaxWord> tree = model->Parse(words);
//   // tree[1]: lemma "uit_zetten", upos "VERB", head 0, deprel "root"; tree[4]: "compound:prt"
//
// Three models in one file, run in order over a sentence: a greedy tagger (averaged perceptron
// over word, affix, shape, cluster and previous-tag features) predicting UPOS and FEATS as one
// tag; a lemmatiser (the training words' lemmas per form and tag, else an edit-tree class chosen
// by the word's suffix and tag); and a greedy arc-hybrid transition parser (averaged perceptron,
// trained with a dynamic oracle) that adds heads and labels. Trees are projective, single-rooted
// and acyclic. Separable verbs get their particle in the lemma, as the Dutch treebanks write it
// ("zet ... uit" -> "uit_zetten"); PlainLemma drops the underscores for dictionary look-ups.
//
// Training: syntax/syntax_train.h and `wirewatch train-syntax`; measures: docs/syntax.md.
// A SyntaxModel is immutable after Load: every method is const and safe to call from many
// threads at once; copies share the tables. Words may hold any bytes.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/status.h"
#include "syntax/verbs.h"
#include "text/tokenizer.h"

namespace wirewatch {

struct SyntaxWord {
  std::string lemma;
  std::string_view upos;    // "NOUN", "VERB", ...; points into the model's tables
  std::string_view feats;   // "Number=Sing|Tense=Past|VerbForm=Fin", or "_" when none
  uint32_t head = 0;        // 1-based index of the head word in the sentence, 0 for the root
  std::string_view deprel;  // "nsubj", "obl:agent", ...; "_" when not parsed
};

namespace syntax_internal {
struct SyntaxParams;  // tables and weights, defined in syntax_model.h
}

class SyntaxModel {
 public:
  // Reads a model file written by Save. Errors (kNotFound, kIoError, kCorrupt, kUnsupported for
  // another format version) carry a message that starts with `path`.
  static StatusOr<SyntaxModel> Load(const std::string& path);

  // Writes the model (little-endian, magic number, version, checksum).
  Status Save(const std::string& path) const;

  // Tags, lemmatises and parses one sentence; `out` gets one SyntaxWord per word.
  void Parse(std::span<const std::string_view> words, std::vector<SyntaxWord>& out) const;
  std::vector<SyntaxWord> Parse(std::span<const std::string_view> words) const;

  // Tags and lemmatises only (head 0 and deprel "_" for every word): for callers that need
  // no tree. Separable-verb particles are not joined (that needs the tree).
  void Tag(std::span<const std::string_view> words, std::vector<SyntaxWord>& out) const;

  // This model with a verb lexicon for the verb forms its training words lack (shares the
  // weights; data/syntax/irregular_verbs.tsv). Without one, unknown verbs get edit-tree lemmas.
  SyntaxModel WithVerbs(std::shared_ptr<const VerbLexicon> verbs) const;

  // The training data's credit and licence line, stored in the model file.
  const std::string& credit() const;

  // Internal: wraps trained parameters (used by the trainer and tests).
  explicit SyntaxModel(std::shared_ptr<const syntax_internal::SyntaxParams> params);
  const syntax_internal::SyntaxParams& params() const { return *params_; }

 private:
  std::shared_ptr<const syntax_internal::SyntaxParams> params_;
  std::shared_ptr<const VerbLexicon> verbs_;
};

// Parses every sentence of a document's text: `tokens` and `sentences` as text/tokenizer.h makes
// them. One SyntaxToken per token, in order. Sentences longer than kMaxParsedSentence tokens
// (run-on text, lists, hostile input) are parsed in pieces of that size, each its own tree, so
// the cost stays linear in the text.
inline constexpr size_t kMaxParsedSentence = 200;
std::vector<SyntaxToken> ParseDocument(std::string_view text, std::span<const Token> tokens,
                                       std::span<const ByteSpan> sentences, const SyntaxModel& model);

// "uit_zetten" -> "uitzetten", "klooster_orde" -> "kloosterorde": the lemma as a dictionary
// writes it.
std::string PlainLemma(std::string_view lemma);

}  // namespace wirewatch
