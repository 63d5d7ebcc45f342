// Lemma edit trees (see edit_tree.h).
#include "syntax/edit_tree.h"

#include <charconv>

#include "core/word_form.h"

namespace wirewatch::syntax_internal {
namespace {

std::u32string Decode(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) out.push_back(NextCodePoint(s, i));
  return out;
}

std::string Encode(std::u32string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char32_t cp : s) AppendUtf8(cp, out);
  return out;
}

std::u32string Lower(std::u32string_view s) {
  std::u32string out(s);
  for (char32_t& cp : out) cp = ToLowerCp(cp);
  return out;
}

// Longest common substring of a and b: (start in a, start in b, length); the first one found
// scanning a, then b, on ties, so the result is deterministic.
void LongestCommon(std::u32string_view a, std::u32string_view b, size_t& ia, size_t& ib,
                   size_t& len) {
  ia = ib = len = 0;
  std::vector<uint32_t> prev(b.size() + 1, 0), cur(b.size() + 1, 0);
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1 : 0;
      if (cur[j] > len) {
        len = cur[j];
        ia = i - len;
        ib = j - len;
      }
    }
    std::swap(prev, cur);
  }
}

void PutString(std::u32string_view s, std::string& out) {
  std::string bytes = Encode(s);
  out += std::to_string(bytes.size());
  out += ':';
  out += bytes;
}

bool GetNumber(std::string_view& key, uint32_t& value) {
  auto [ptr, ec] = std::from_chars(key.data(), key.data() + key.size(), value);
  if (ec != std::errc() || ptr == key.data()) return false;
  key.remove_prefix(static_cast<size_t>(ptr - key.data()));
  return true;
}

bool GetString(std::string_view& key, std::u32string& out) {
  uint32_t n = 0;
  if (!GetNumber(key, n) || key.empty() || key[0] != ':' || key.size() < n + 1) return false;
  out = Decode(key.substr(1, n));
  key.remove_prefix(n + 1);
  return true;
}

}  // namespace

EditScript EditScript::Build(std::string_view form, std::string_view lemma) {
  EditScript s;
  std::u32string f = Decode(form), l = Decode(lemma);
  std::u32string lf = Lower(f), ll = Lower(l);
  if (l == ll) {
    s.case_ = Case::kLower;
    s.root_ = s.BuildNode(lf, ll);
  } else if (!l.empty() && !f.empty() && l.substr(1) == ll.substr(1) && l[0] != ll[0] &&
             IsUpperCp(f[0])) {
    s.case_ = Case::kLikeForm;
    s.root_ = s.BuildNode(lf, ll);
  } else {
    s.case_ = Case::kAsWritten;
    s.root_ = s.BuildNode(f, l);
  }
  return s;
}

int32_t EditScript::BuildNode(std::u32string_view form, std::u32string_view lemma) {
  if (form.empty() && lemma.empty()) return -1;
  size_t ia, ib, len;
  LongestCommon(form, lemma, ia, ib, len);
  const int32_t id = static_cast<int32_t>(nodes_.size());
  nodes_.emplace_back();
  if (len == 0) {
    nodes_[id].from = std::u32string(form);
    nodes_[id].to = std::u32string(lemma);
    return id;
  }
  int32_t left = BuildNode(form.substr(0, ia), lemma.substr(0, ib));
  int32_t right = BuildNode(form.substr(ia + len), lemma.substr(ib + len));
  Node& n = nodes_[id];
  n.match = true;
  n.prefix = static_cast<uint32_t>(ia);
  n.suffix = static_cast<uint32_t>(form.size() - ia - len);
  n.left = left;
  n.right = right;
  return id;
}

bool EditScript::ApplyNode(int32_t node, std::u32string_view form, std::u32string& out) const {
  if (node < 0) return form.empty();
  const Node& n = nodes_[static_cast<size_t>(node)];
  if (!n.match) {
    if (form != n.from) return false;
    out += n.to;
    return true;
  }
  if (form.size() <= static_cast<size_t>(n.prefix) + n.suffix) return false;
  if (!ApplyNode(n.left, form.substr(0, n.prefix), out)) return false;
  out += form.substr(n.prefix, form.size() - n.prefix - n.suffix);
  return ApplyNode(n.right, form.substr(form.size() - n.suffix), out);
}

std::optional<std::string> EditScript::Apply(std::string_view form) const {
  std::u32string f = Decode(form);
  if (case_ != Case::kAsWritten) f = Lower(f);
  std::u32string out;
  if (!ApplyNode(root_, f, out) || out.empty()) return std::nullopt;
  if (case_ == Case::kLikeForm && !f.empty() && IsUpperCp(Decode(form)[0])) {
    // Upper case of the first letter: the inverse of ToLowerCp for the letters it covers.
    char32_t c = out[0];
    for (char32_t u : {c - 32, c - 1}) {
      if (u != c && IsUpperCp(u) && ToLowerCp(u) == c) {
        out[0] = u;
        break;
      }
    }
  }
  return Encode(out);
}

void EditScript::KeyNode(int32_t node, std::string& out) const {
  if (node < 0) {
    out += '-';
    return;
  }
  const Node& n = nodes_[static_cast<size_t>(node)];
  if (n.match) {
    out += 'M';
    out += std::to_string(n.prefix);
    out += ',';
    out += std::to_string(n.suffix);
    out += '(';
    KeyNode(n.left, out);
    KeyNode(n.right, out);
    out += ')';
  } else {
    out += 'R';
    PutString(n.from, out);
    PutString(n.to, out);
  }
}

std::string EditScript::Key() const {
  std::string out(1, static_cast<char>('0' + static_cast<int>(case_)));
  KeyNode(root_, out);
  return out;
}

bool EditScript::ParseNode(std::string_view& key, int32_t& node, int depth) {
  if (key.empty() || depth > 64) return false;
  char kind = key[0];
  key.remove_prefix(1);
  if (kind == '-') {
    node = -1;
    return true;
  }
  node = static_cast<int32_t>(nodes_.size());
  nodes_.emplace_back();
  if (kind == 'R') {
    std::u32string from, to;
    if (!GetString(key, from) || !GetString(key, to)) return false;
    nodes_[static_cast<size_t>(node)].from = std::move(from);
    nodes_[static_cast<size_t>(node)].to = std::move(to);
    return true;
  }
  if (kind != 'M') return false;
  uint32_t prefix = 0, suffix = 0;
  if (!GetNumber(key, prefix) || key.empty() || key[0] != ',') return false;
  key.remove_prefix(1);
  if (!GetNumber(key, suffix) || key.empty() || key[0] != '(') return false;
  key.remove_prefix(1);
  int32_t left = -1, right = -1;
  if (!ParseNode(key, left, depth + 1) || !ParseNode(key, right, depth + 1)) return false;
  if (key.empty() || key[0] != ')') return false;
  key.remove_prefix(1);
  Node& n = nodes_[static_cast<size_t>(node)];
  n.match = true;
  n.prefix = prefix;
  n.suffix = suffix;
  n.left = left;
  n.right = right;
  return true;
}

std::optional<EditScript> EditScript::FromKey(std::string_view key) {
  if (key.empty() || key[0] < '0' || key[0] > '2') return std::nullopt;
  EditScript s;
  s.case_ = static_cast<Case>(key[0] - '0');
  key.remove_prefix(1);
  if (!s.ParseNode(key, s.root_, 0) || !key.empty()) return std::nullopt;
  return s;
}

}  // namespace wirewatch::syntax_internal
