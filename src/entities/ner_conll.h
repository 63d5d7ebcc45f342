// CoNLL-2002 column files (reading, encoding detection) and conlleval-style entity scoring.
//
// A CoNLL file has one token per line ("token POS tag"; the tag is the last column), a blank line
// after each sentence and "-DOCSTART-" lines between articles. The Dutch files are Latin-1 with a
// few stray bytes; a file is taken as UTF-8 when all of it is valid UTF-8, else as Latin-1.
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "entities/ner.h"

namespace wirewatch {

// UTF-8 input as is; anything else decoded as Latin-1 (every byte is a code point).
std::string DecodeUtf8OrLatin1(std::string_view bytes);

// Reads a whole file (or standard input for "-") and decodes it as above.
StatusOr<std::string> ReadTextFileUtf8(const std::string& path);

struct ConllLine {
  enum class Kind { kToken, kBlank, kDocStart };
  Kind kind = Kind::kBlank;
  std::string token;  // first column
  std::string tag;    // last column when there are two or more, else empty
};

// Splits decoded text into lines; "\r\n" endings are accepted.
std::vector<ConllLine> ParseConllLines(std::string_view text);

struct NerSentence {
  std::vector<std::string> tokens;
  std::vector<std::string> tags;  // IOB2, one per token
};

struct NerDocument {
  std::vector<NerSentence> sentences;
};

// Reads a labelled CoNLL file into documents (one per -DOCSTART-; a file without them is one
// document). Errors name the file.
StatusOr<std::vector<NerDocument>> ReadConllDocuments(const std::string& path);

// Entity counts for conlleval scores: an entity is correct when its span and type match.
struct NerCounts {
  size_t gold = 0;
  size_t predicted = 0;
  size_t correct = 0;
  double Precision() const { return predicted ? static_cast<double>(correct) / predicted : 0; }
  double Recall() const { return gold ? static_cast<double>(correct) / gold : 0; }
  double F1() const {
    double p = Precision(), r = Recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

struct NerScores {
  NerCounts overall;
  std::array<NerCounts, kNerTypeCount> by_type;

  // Adds one sentence's gold and predicted IOB tags (equal lengths).
  void Add(std::span<const std::string_view> gold, std::span<const std::string_view> predicted);
  // A conlleval-like table: one line overall, one per type, P/R/F1 in percent.
  std::string Report() const;
};

}  // namespace wirewatch
