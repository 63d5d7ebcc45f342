// Training and scoring the syntax model (tagger, lemmatiser, parser) on CoNLL-U treebanks.
//
//   std::vector<ConlluSentence> train = ..., dev = ...;
//   HarmoniseLegacyUd(legacy_sentences, current_sentences);   // UD 2.0 annotation -> current
//   SyntaxTrainOptions options;
//   StatusOr<SyntaxModel> model = TrainSyntax(train, dev, options);
//   SyntaxScores s = ScoreSyntax(dev, ParseTreebank(*model, dev));
//
// Training is deterministic: the same inputs and options give a byte-identical model (fixed
// seeds, fixed iteration order, one thread). With a non-empty dev set the tagger and the parser
// each keep the epoch that scores best on it; without, the last epoch.
#pragma once

#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "syntax/conllu.h"
#include "syntax/syntax.h"

namespace wirewatch {

struct SyntaxTrainOptions {
  int tagger_epochs = 10;
  int parser_epochs = 15;
  // The parser trains on tags predicted by taggers that did not see the sentence (k-fold), so
  // it learns from the tags it will get at run time; 0 trains it on gold tags.
  int jackknife_folds = 4;
  // Dynamic-oracle training: from epoch `explore_from` on, follow the model's own move (right or
  // wrong) with this probability, so the parser learns to recover from its mistakes.
  double explore = 0.9;
  int explore_from = 1;
  // Averaged weights below this magnitude are dropped from the model file.
  float prune = 0.05f;
  // A word counts as a separable-verb particle ("uit" in "zet ... uit") once the training data
  // attach it as compound:prt this often; fewer could be an annotation slip.
  int min_particle_count = 3;
  uint64_t seed = 20171024;
  // Word clusters: (HashString(lowercased word), three cluster ids), e.g. from the NER model.
  std::vector<std::pair<uint64_t, std::array<uint16_t, 3>>> clusters;
  std::string credit;         // stored in the model (licence and attribution of the data)
  std::FILE* log = nullptr;   // progress lines, or nothing
};

// A training sentence and how far the trainer may trust its annotation. Treebanks annotated by
// older guidelines still teach what the guidelines agree on: a word whose head the two disagree
// on (e.g. punctuation) takes part as a word, but no move is counted wrong for where it goes.
struct TrainingSentence {
  ConlluSentence sentence;
  std::vector<uint8_t> head_unknown;                     // per word; empty: all trusted
  std::vector<std::vector<std::string>> more_labels;     // per word: other acceptable relations
  std::vector<uint8_t> upos_only;                        // per word: FEATS not trusted
};

// Every word trusted.
std::vector<TrainingSentence> Trusted(const std::vector<ConlluSentence>& sentences);

StatusOr<SyntaxModel> TrainSyntax(const std::vector<TrainingSentence>& train,
                                  const std::vector<ConlluSentence>& dev,
                                  const SyntaxTrainOptions& options);

// Converts sentences annotated by the UD 2.0 Dutch guidelines (LassySmall 2017) to the current
// ones (UD 2.15+) where a rule of the guidelines says how: flat:name -> flat; possessive
// determiners -> PRON nmod:poss; passive "door" phrases -> obl:agent; coordinators attached to
// the conjunct that follows them; "moeten" an auxiliary of its infinitive; copular "worden"
// a main verb with an xcomp predicate; punctuation by AttachPunctuation; "als" a
// subordinator; ordinals adjectives; underscored lemmas of compounds and separable verbs taken
// from `current` ("uitgeven" -> "uit_geven"), as are the FEATS of re-tagged words. Where the
// guidelines changed in ways no local rule recovers, the words are marked untrusted:
// "willen"/"laten"/"gaan"/"blijven"/"staan" and their verbs, reflexive
// objects (obj or expl:pv), obl (obl or obl:arg), and FEATS not used by the current data.
std::vector<TrainingSentence> HarmoniseLegacyUd(const std::vector<ConlluSentence>& legacy,
                                                const std::vector<ConlluSentence>& current,
                                                size_t* changed_words = nullptr);

// True when the heads form one tree: every head known and inside the sentence, exactly one word
// on the root, no cycles.
bool IsTree(const ConlluSentence& sentence);

// Makes every tree projective by lifting the shortest non-projective arc to the head's head
// until none is left (labels unchanged). Words marked in `ignore` (untrusted heads) neither
// count as crossing nor get lifted. Returns the number of lifted arcs.
size_t Projectivise(ConlluSentence& sentence, const std::vector<uint8_t>& ignore = {});

// Re-tags, re-lemmatises and re-parses the words of `gold` (its forms only are read).
std::vector<ConlluSentence> ParseTreebank(const SyntaxModel& model,
                                          const std::vector<ConlluSentence>& gold);

struct RelationScore {
  size_t gold = 0;       // words with this relation in the gold tree
  size_t predicted = 0;  // words the parser gave it
  size_t correct = 0;    // right head and this relation in both
};

// The CoNLL 2018 shared task measures over words with gold tokenisation: UPOS, UFeats
// (universal features), lemma (a gold "_" matches anything), UAS and LAS over all words,
// punctuation included; LAS compares the universal part of the relation ("obl" for obl:agent)
// as the official script does; las_full compares it with its subtype.
struct SyntaxScores {
  size_t words = 0;
  double upos = 0, ufeats = 0, lemma = 0, uas = 0, las = 0, las_full = 0;
  std::map<std::string, RelationScore> relations;  // by full relation name
};
SyntaxScores ScoreSyntax(const std::vector<ConlluSentence>& gold,
                         const std::vector<ConlluSentence>& predicted);

}  // namespace wirewatch
