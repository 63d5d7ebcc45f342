// Parsing the sentences of a document (see syntax.h, ParseDocument).
#include <algorithm>

#include "syntax/syntax.h"

namespace wirewatch {

std::vector<SyntaxToken> ParseDocument(std::string_view text, std::span<const Token> tokens,
                                       std::span<const ByteSpan> sentences, const SyntaxModel& model) {
  std::vector<SyntaxToken> out;
  out.reserve(tokens.size());
  std::vector<std::string_view> words;
  std::vector<SyntaxWord> parsed;
  size_t t = 0;
  for (size_t s = 0; s < sentences.size(); ++s) {
    const ByteSpan& span = sentences[s];
    while (t < tokens.size() && tokens[t].span.start < span.start) ++t;
    size_t end = t;
    while (end < tokens.size() && tokens[end].span.end <= span.end) ++end;
    uint32_t next_id = 1;
    for (size_t piece = t; piece < end; piece += kMaxParsedSentence) {
      const size_t piece_end = std::min(end, piece + kMaxParsedSentence);
      words.clear();
      for (size_t k = piece; k < piece_end; ++k) {
        words.push_back(text.substr(tokens[k].span.start, tokens[k].span.end - tokens[k].span.start));
      }
      model.Parse(words, parsed);
      const uint32_t offset = next_id - 1;
      for (size_t k = 0; k < parsed.size(); ++k) {
        SyntaxToken tok;
        tok.sentence = static_cast<uint32_t>(s);
        tok.id = next_id++;
        tok.span = tokens[piece + k].span;
        tok.lemma = std::move(parsed[k].lemma);
        tok.upos = parsed[k].upos;
        tok.feats = parsed[k].feats;
        tok.head = parsed[k].head == 0 ? 0 : parsed[k].head + offset;
        tok.deprel = parsed[k].deprel;
        out.push_back(std::move(tok));
      }
    }
    t = end;
  }
  return out;
}

}  // namespace wirewatch
