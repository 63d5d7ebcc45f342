// CoNLL-U reader and writer (see conllu.h).
#include "syntax/conllu.h"

#include <array>
#include <charconv>

namespace wirewatch {
namespace {

bool ParseUint(std::string_view s, uint32_t& value) {
  if (s.empty() || s.size() > 9) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  return ec == std::errc() && ptr == s.data() + s.size();
}

// Splits on tabs into exactly 10 fields; false when the count differs.
bool SplitColumns(std::string_view line, std::array<std::string_view, 10>& cols, size_t& found) {
  found = 0;
  size_t pos = 0;
  while (true) {
    size_t tab = line.find('\t', pos);
    std::string_view field = line.substr(pos, tab == std::string_view::npos ? line.size() - pos : tab - pos);
    if (found < cols.size()) cols[found] = field;
    ++found;
    if (tab == std::string_view::npos) break;
    pos = tab + 1;
  }
  return found == cols.size();
}

}  // namespace

StatusOr<std::vector<ConlluSentence>> ParseConllu(std::string_view text, std::string_view name) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<ConlluSentence> sentences;
  ConlluSentence current;
  bool open = false;
  size_t line_no = 0;
  auto error = [&](const std::string& what) {
    return Corrupt(std::string(name) + ": line " + std::to_string(line_no) + ": " + what);
  };
  auto finish = [&]() -> Status {
    if (!open) return Status::Ok();
    const size_t n = current.words.size();
    if (n == 0) return error("sentence without words");
    for (const ConlluWord& w : current.words) {
      if (w.head > static_cast<int>(n)) {
        return error("head " + std::to_string(w.head) + " is outside the sentence of " +
                     std::to_string(n) + " words");
      }
    }
    for (const ConlluMultiword& m : current.multiwords) {
      if (m.last > n) return error("multiword token ends after the last word");
    }
    sentences.push_back(std::move(current));
    current = ConlluSentence();
    open = false;
    return Status::Ok();
  };

  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      if (Status s = finish(); !s.ok()) return s;
      if (nl == text.size()) break;
      continue;
    }
    open = true;
    if (line[0] == '#') {
      if (!current.words.empty()) return error("comment inside a sentence");
      current.comments.emplace_back(line);
      continue;
    }
    std::array<std::string_view, 10> cols;
    size_t found = 0;
    if (!SplitColumns(line, cols, found)) {
      return error("expected 10 tab-separated columns, found " + std::to_string(found));
    }
    std::string_view id = cols[0];
    const uint32_t n = static_cast<uint32_t>(current.words.size());
    if (size_t dash = id.find('-'); dash != std::string_view::npos) {
      ConlluMultiword m;
      if (!ParseUint(id.substr(0, dash), m.first) || !ParseUint(id.substr(dash + 1), m.last) ||
          m.first != n + 1 || m.last < m.first) {
        return error("bad multiword token id '" + std::string(id) + "'");
      }
      m.line = std::string(line);
      current.multiwords.push_back(std::move(m));
      continue;
    }
    if (size_t dot = id.find('.'); dot != std::string_view::npos) {
      uint32_t major = 0, minor = 0;
      if (!ParseUint(id.substr(0, dot), major) || !ParseUint(id.substr(dot + 1), minor) ||
          major != n || minor == 0) {
        return error("bad empty node id '" + std::string(id) + "'");
      }
      current.empty_nodes.push_back({n, std::string(line)});
      continue;
    }
    uint32_t word_id = 0;
    if (!ParseUint(id, word_id) || word_id != n + 1) {
      return error("word id '" + std::string(id) + "' where " + std::to_string(n + 1) +
                   " was expected");
    }
    ConlluWord w;
    w.form = cols[1];
    w.lemma = cols[2];
    w.upos = cols[3];
    w.xpos = cols[4];
    w.feats = cols[5];
    if (cols[6] != "_") {
      uint32_t head = 0;
      if (!ParseUint(cols[6], head)) return error("bad head '" + std::string(cols[6]) + "'");
      w.head = static_cast<int>(head);
    }
    w.deprel = cols[7];
    w.deps = cols[8];
    w.misc = cols[9];
    if (w.form.empty()) return error("empty FORM");
    current.words.push_back(std::move(w));
  }
  if (Status s = finish(); !s.ok()) return s;
  return sentences;
}

void AppendConllu(const ConlluSentence& sentence, std::string& out) {
  for (const std::string& c : sentence.comments) out.append(c).push_back('\n');
  size_t next_mwt = 0;
  size_t next_empty = 0;
  auto empties_after = [&](uint32_t word) {
    while (next_empty < sentence.empty_nodes.size() &&
           sentence.empty_nodes[next_empty].after == word) {
      out.append(sentence.empty_nodes[next_empty++].line).push_back('\n');
    }
  };
  empties_after(0);
  for (size_t i = 0; i < sentence.words.size(); ++i) {
    const uint32_t id = static_cast<uint32_t>(i + 1);
    while (next_mwt < sentence.multiwords.size() && sentence.multiwords[next_mwt].first == id) {
      out.append(sentence.multiwords[next_mwt++].line).push_back('\n');
    }
    const ConlluWord& w = sentence.words[i];
    out.append(std::to_string(id)).push_back('\t');
    for (const std::string* field : {&w.form, &w.lemma, &w.upos, &w.xpos, &w.feats}) {
      out.append(field->empty() ? "_" : *field).push_back('\t');
    }
    out.append(w.head < 0 ? "_" : std::to_string(w.head)).push_back('\t');
    for (const std::string* field : {&w.deprel, &w.deps}) {
      out.append(field->empty() ? "_" : *field).push_back('\t');
    }
    out.append(w.misc.empty() ? "_" : w.misc).push_back('\n');
    empties_after(id);
  }
  out.push_back('\n');
}

std::string_view ConlluComment(const ConlluSentence& sentence, std::string_view key) {
  for (const std::string& c : sentence.comments) {
    std::string_view line = c;
    line.remove_prefix(1);
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    if (line.substr(0, key.size()) != key) continue;
    line.remove_prefix(key.size());
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    if (line.empty() || line.front() != '=') continue;
    line.remove_prefix(1);
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    return line;
  }
  return {};
}

}  // namespace wirewatch
