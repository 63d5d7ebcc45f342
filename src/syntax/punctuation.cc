// Punctuation attachment by the UD guideline (see syntax_model.h, AttachPunctuation).
#include <string>

#include "syntax/syntax_model.h"

namespace wirewatch::syntax_internal {
namespace {

// The closing mark of an opening one, or empty. Straight quotes close themselves.
std::string_view Closing(std::string_view open) {
  if (open == "(") return ")";
  if (open == "[") return "]";
  if (open == "{") return "}";
  if (open == ",,") return "''";
  if (open == "\"") return "\"";
  if (open == "'") return "'";
  if (open == "\xC2\xAB") return "\xC2\xBB";          // « »
  if (open == "\xE2\x80\x98") return "\xE2\x80\x99";  // ‘ ’
  if (open == "\xE2\x80\x9C") return "\xE2\x80\x9D";  // “ ”
  if (open == "\xE2\x80\x9E") return "\xE2\x80\x9D";  // „ ”
  return {};
}

}  // namespace

void AttachPunctuation(std::span<const std::string_view> forms, const std::vector<uint8_t>& is_punct,
                       std::vector<int>& head) {
  const int n = static_cast<int>(head.size());
  auto punct = [&](int x) { return is_punct[static_cast<size_t>(x - 1)] != 0; };
  auto parent = [&](int x) { return head[static_cast<size_t>(x - 1)]; };
  // Words the parser hung under punctuation move up to the nearest word that is not.
  for (int x = 1; x <= n; ++x) {
    if (punct(x)) continue;
    int h = parent(x);
    for (int steps = 0; h > 0 && punct(h) && steps <= n; ++steps) h = parent(h);
    head[static_cast<size_t>(x - 1)] = h > 0 && punct(h) ? 0 : h;
  }
  int root = 0;
  for (int x = 1; x <= n && root == 0; ++x) {
    if (!punct(x) && parent(x) == 0) root = x;
  }
  if (root == 0) return;  // nothing but punctuation: leave the parser's tree
  for (int x = 1; x <= n; ++x) {
    if (!punct(x) && x != root && parent(x) == 0) head[static_cast<size_t>(x - 1)] = root;
  }
  // The phrase a mark opens: from the next word, climb while the head stays right of the mark.
  auto phrase_after = [&](int p) {
    int r = p + 1;
    while (r <= n && punct(r)) ++r;
    if (r > n) return 0;
    int x = r;
    while (parent(x) != 0 && parent(x) > p) x = parent(x);
    return x;
  };
  auto phrase_before = [&](int p) {
    int l = p - 1;
    while (l >= 1 && punct(l)) --l;
    if (l < 1) return 0;
    int x = l;
    while (parent(x) != 0 && parent(x) < p) x = parent(x);
    return x;
  };
  std::vector<int> opened;  // positions of marks waiting for their closing partner
  std::vector<int> attach(static_cast<size_t>(n) + 1, 0);
  for (int p = 1; p <= n; ++p) {
    if (!punct(p)) continue;
    std::string_view f = forms[static_cast<size_t>(p - 1)];
    int h = 0;
    if (!opened.empty() && Closing(forms[static_cast<size_t>(opened.back() - 1)]) == f) {
      h = attach[static_cast<size_t>(opened.back())];  // a closing mark goes with its opener
      opened.pop_back();
    } else {
      if (!Closing(f).empty()) opened.push_back(p);
      h = phrase_after(p);
      if (h == 0) h = phrase_before(p);
    }
    if (h == 0) h = root;
    attach[static_cast<size_t>(p)] = h;
  }
  for (int p = 1; p <= n; ++p) {
    if (punct(p)) head[static_cast<size_t>(p - 1)] = attach[static_cast<size_t>(p)];
  }
}

}  // namespace wirewatch::syntax_internal
