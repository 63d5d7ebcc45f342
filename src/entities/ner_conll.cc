// CoNLL reading and conlleval scoring (see ner_conll.h).
#include "entities/ner_conll.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace wirewatch {
namespace {

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || c == 0xC0 || c == 0xC1 || i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

}  // namespace

std::string DecodeUtf8OrLatin1(std::string_view bytes) {
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  if (IsValidUtf8(bytes)) return std::string(bytes);
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (char ch : bytes) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out += ch;
    } else {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

StatusOr<std::string> ReadTextFileUtf8(const std::string& path) {
  std::FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    if (errno == ENOENT) return NotFound(path + ": no such file");
    return IoError(path + ": cannot open: " + std::strerror(errno));
  }
  std::string bytes;
  char buf[1 << 16];
  size_t got;
  while ((got = std::fread(buf, 1, sizeof(buf), f)) > 0) bytes.append(buf, got);
  bool error = std::ferror(f) != 0;
  if (f != stdin) std::fclose(f);
  if (error) return IoError(path + ": read error");
  return DecodeUtf8OrLatin1(bytes);
}

std::vector<ConllLine> ParseConllLines(std::string_view text) {
  std::vector<ConllLine> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = Trim(text.substr(pos, nl - pos));
    pos = nl + 1;
    ConllLine out;
    if (line.empty()) {
      out.kind = ConllLine::Kind::kBlank;
    } else {
      size_t sp = line.find_first_of(" \t");
      out.token = std::string(line.substr(0, sp));
      if (sp != std::string_view::npos) {
        size_t last = line.find_last_of(" \t");
        out.tag = std::string(line.substr(last + 1));
      }
      out.kind = out.token == "-DOCSTART-" ? ConllLine::Kind::kDocStart : ConllLine::Kind::kToken;
    }
    lines.push_back(std::move(out));
  }
  return lines;
}

StatusOr<std::vector<NerDocument>> ReadConllDocuments(const std::string& path) {
  StatusOr<std::string> text = ReadTextFileUtf8(path);
  if (!text.ok()) return text.status();
  std::vector<NerDocument> docs(1);
  NerSentence sentence;
  auto flush = [&] {
    if (!sentence.tokens.empty()) docs.back().sentences.push_back(std::move(sentence));
    sentence = NerSentence();
  };
  size_t line_no = 0;
  for (ConllLine& line : ParseConllLines(*text)) {
    ++line_no;
    switch (line.kind) {
      case ConllLine::Kind::kBlank:
        flush();
        break;
      case ConllLine::Kind::kDocStart:
        flush();
        if (!docs.back().sentences.empty()) docs.emplace_back();
        break;
      case ConllLine::Kind::kToken:
        if (line.tag.empty()) {
          return InvalidArgument(path + ":" + std::to_string(line_no) + ": no tag column");
        }
        sentence.tokens.push_back(std::move(line.token));
        sentence.tags.push_back(std::move(line.tag));
        break;
    }
  }
  flush();
  if (docs.back().sentences.empty()) docs.pop_back();
  if (docs.empty()) return Empty(path + ": no sentences");
  return docs;
}

void NerScores::Add(std::span<const std::string_view> gold,
                    std::span<const std::string_view> predicted) {
  std::vector<NerSpan> g = SpansFromIob(gold);
  std::vector<NerSpan> p = SpansFromIob(predicted);
  for (const NerSpan& s : g) {
    ++overall.gold;
    ++by_type[static_cast<size_t>(s.type)].gold;
  }
  for (const NerSpan& s : p) {
    ++overall.predicted;
    ++by_type[static_cast<size_t>(s.type)].predicted;
  }
  // Both lists are sorted and non-overlapping, so one merge finds the exact matches.
  size_t i = 0, j = 0;
  while (i < g.size() && j < p.size()) {
    if (g[i] == p[j]) {
      ++overall.correct;
      ++by_type[static_cast<size_t>(g[i].type)].correct;
      ++i;
      ++j;
    } else if (g[i].begin < p[j].begin || (g[i].begin == p[j].begin && g[i].end < p[j].end)) {
      ++i;
    } else {
      ++j;
    }
  }
}

std::string NerScores::Report() const {
  std::string out;
  char line[160];
  auto row = [&](const char* name, const NerCounts& c) {
    std::snprintf(line, sizeof(line), "%-8s P %6.2f  R %6.2f  F1 %6.2f  (gold %zu, found %zu, correct %zu)\n",
                  name, 100 * c.Precision(), 100 * c.Recall(), 100 * c.F1(), c.gold, c.predicted,
                  c.correct);
    out += line;
  };
  row("overall", overall);
  for (int t = 0; t < kNerTypeCount; ++t) {
    row(NerTypeName(static_cast<NerType>(t)), by_type[static_cast<size_t>(t)]);
  }
  return out;
}

}  // namespace wirewatch
