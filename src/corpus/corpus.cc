// CorpusIndex: the near-duplicate decision first, since a copy's story is its original's.
#include "corpus/corpus.h"

namespace wirewatch {

void CorpusIndex::Add(Document& doc) {
  doc.duplicate_of = duplicates_.Add(doc.id, doc.text);
  doc.story = stories_.Add(doc);
}

void CorpusIndex::Add(Document& doc, const MinHashSignature& signature) {
  doc.duplicate_of = duplicates_.Add(doc.id, signature);
  doc.story = stories_.Add(doc);
}

}  // namespace wirewatch
