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
// A store that keeps records across runs saves the state (Serialize) and restores it on the
// next run (Restore), or rebuilds it by adding its records again in insertion order: either
// way the next records are linked exactly as in one batch with everything before them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/document.h"
#include "corpus/near_duplicates.h"
#include "corpus/stories.h"

namespace wirewatch {

struct CorpusOptions {
  NearDuplicateOptions duplicates;
  StoryOptions stories;
};

// What the pass decides for one record.
struct CorpusLinks {
  std::optional<std::string> duplicate_of;
  std::string story;
};

class CorpusIndex {
 public:
  explicit CorpusIndex(CorpusOptions options = {})
      : options_(options), duplicates_(options.duplicates), stories_(options.stories) {}

  // Sets doc.duplicate_of (the first record of its copy group, or null) and doc.story.
  void Add(Document& doc);
  // The same with the text's signature computed elsewhere (ComputeSignature, e.g. on workers).
  void Add(Document& doc, const MinHashSignature& signature);
  // The same decisions, returned instead of written into the document (a store keeps the
  // document it was given and writes the links into the stored row and JSON).
  CorpusLinks Link(const Document& doc, const MinHashSignature& signature);

  const NearDuplicateIndex& duplicates() const { return duplicates_; }
  const StoryIndex& stories() const { return stories_; }

  // The whole state as bytes (tagged with a format version and the options it was built with).
  std::string Serialize() const;
  // Replaces the state with a serialised one. False (state unchanged) when the bytes are
  // damaged, of another format version, or built with other options: the caller rebuilds.
  bool Restore(std::string_view bytes);

 private:
  CorpusOptions options_;
  NearDuplicateIndex duplicates_;
  StoryIndex stories_;
};

}  // namespace wirewatch
