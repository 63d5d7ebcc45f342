// Removes the opening markup of never-closed raw-text elements and comments (see html_repair.h).
//
// An element is never closed when no "</tag" follows its opening tag anywhere in the rest of the
// page (case-insensitive); a comment when no "-->" follows "<!--". Only those openers are
// removed; closed elements and comments stay as they are.
#include "clean/html_repair.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace wirewatch {
namespace {

// Elements whose content a parser reads as raw text (or, for noscript/iframe, skips).
constexpr std::array<std::string_view, 9> kSwallowingTags = {
    "title", "textarea", "script", "style", "xmp", "noscript", "iframe", "noembed", "noframes"};

// Lower-cased copy: the searches below are case-insensitive.
std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

struct Cut {
  size_t start, end;  // bytes to remove
};

}  // namespace

std::optional<std::string> UnswallowHtml(std::string_view html) {
  std::string lower = Lower(html);
  std::vector<Cut> cuts;
  for (std::string_view tag : kSwallowingTags) {
    std::string open = "<" + std::string(tag);
    std::string close = "</" + std::string(tag);
    // The last closing tag: openers after it are never closed.
    size_t last_close = lower.rfind(close);
    size_t from = last_close == std::string::npos ? 0 : last_close + close.size();
    for (size_t at = lower.find(open, from); at != std::string::npos; at = lower.find(open, at + 1)) {
      size_t after = at + open.size();
      if (after < lower.size() && std::isalnum(static_cast<unsigned char>(lower[after]))) continue;
      size_t gt = lower.find('>', after);
      cuts.push_back({at, gt == std::string::npos ? lower.size() : gt + 1});
      break;  // the first never-closed opener swallows the rest, later ones with it
    }
  }
  size_t last_end = lower.rfind("-->");
  size_t from = last_end == std::string::npos ? 0 : last_end + 3;
  if (size_t at = lower.find("<!--", from); at != std::string::npos) cuts.push_back({at, at + 4});
  if (cuts.empty()) return std::nullopt;
  std::sort(cuts.begin(), cuts.end(), [](const Cut& a, const Cut& b) { return a.start < b.start; });
  std::string out;
  out.reserve(html.size());
  size_t pos = 0;
  for (const Cut& c : cuts) {
    if (c.start < pos) continue;  // inside an earlier cut
    out.append(html.substr(pos, c.start - pos));
    pos = c.end;
  }
  out.append(html.substr(std::min(pos, html.size())));
  return out;
}

}  // namespace wirewatch
