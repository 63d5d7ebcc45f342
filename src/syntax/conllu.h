// CoNLL-U: the Universal Dependencies treebank format, read and written.
//
//   StatusOr<std::vector<ConlluSentence>> sentences = ParseConllu(text, "nl-dev.conllu");
//   for (const ConlluSentence& s : *sentences) Use(s.words[0].form, s.words[0].head);
//   std::string out; AppendConllu(sentences->front(), out);   // the same lines back
//
// A sentence is a block of lines ended by a blank line: comments ("# text = ..."), one line per
// syntactic word (10 tab-separated columns, ID 1..n), multiword-token lines ("3-4 du ...") that
// span words, and empty nodes ("5.1 ...") of enhanced dependencies. Words are what a parser sees;
// multiword tokens and empty nodes are kept as they were so a file round-trips unchanged.
// Errors name the input and the line: "nl-dev.conllu: line 17: expected 10 columns, found 9".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace wirewatch {

struct ConlluWord {
  std::string form;
  std::string lemma;
  std::string upos;
  std::string xpos;
  std::string feats;   // "_" when none
  int head = -1;       // 0 for the root, 1..n for a word, -1 when the file gives "_"
  std::string deprel;  // "_" when unknown
  std::string deps;
  std::string misc;
};

// A multiword token ("3-4 du"): words first..last (1-based, inclusive) are written as `form`.
struct ConlluMultiword {
  uint32_t first = 0;
  uint32_t last = 0;
  std::string line;  // the whole line as read
};

// An empty node ("5.1 ..."), kept verbatim; `after` is the word it follows (0 = before the first).
struct ConlluEmptyNode {
  uint32_t after = 0;
  std::string line;
};

struct ConlluSentence {
  std::vector<std::string> comments;  // whole lines, with their "#"
  std::vector<ConlluWord> words;
  std::vector<ConlluMultiword> multiwords;
  std::vector<ConlluEmptyNode> empty_nodes;
};

// Parses a whole CoNLL-U text (UTF-8; a BOM and CRLF line ends are accepted). `name` goes into
// error messages. Word IDs must run 1..n and heads must point inside the sentence.
StatusOr<std::vector<ConlluSentence>> ParseConllu(std::string_view text, std::string_view name);

// Appends the sentence as CoNLL-U lines followed by a blank line.
void AppendConllu(const ConlluSentence& sentence, std::string& out);

// The value of a "# key = value" comment, or empty.
std::string_view ConlluComment(const ConlluSentence& sentence, std::string_view key);

}  // namespace wirewatch
