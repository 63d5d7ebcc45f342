// The cross-document pass: fills `duplicate_of` and `story` on records as they arrive.
//
// One object holds a near-duplicate index and a story index; records are added in a fixed
// order (analyze: input order; the store: insertion order) and each gets its links from the
// records before it. The per-document stages stay stateless; this is the one batch stage.
//
//   CorpusIndex corpus;
//   for (Document& doc : docs) corpus.Add(doc);     // sets doc.duplicate_of, doc.story
//   corpus.stories().Summaries();                   // titles and independent-report counts
//
// A store that keeps records across runs rebuilds the same state by adding its records again
// in insertion order (deterministic), then adds the new ones.
#pragma once

#include "core/document.h"
#include "corpus/near_duplicates.h"
#include "corpus/stories.h"

namespace wirewatch {

struct CorpusOptions {
  NearDuplicateOptions duplicates;
  StoryOptions stories;
};

class CorpusIndex {
 public:
  explicit CorpusIndex(CorpusOptions options = {})
      : duplicates_(options.duplicates), stories_(options.stories) {}

  // Sets doc.duplicate_of (the first record of its copy group, or null) and doc.story.
  void Add(Document& doc);
  // The same with the text's signature computed elsewhere (ComputeSignature, e.g. on workers).
  void Add(Document& doc, const MinHashSignature& signature);

  const NearDuplicateIndex& duplicates() const { return duplicates_; }
  const StoryIndex& stories() const { return stories_; }

 private:
  NearDuplicateIndex duplicates_;
  StoryIndex stories_;
};

}  // namespace wirewatch
