// Removes the opening markup of never-closed raw-text elements and comments (see html_repair.h).
//
// An element is never closed when no "</tag" follows its opening tag anywhere in the rest of the
// page (case-insensitive); a comment when no "-->" follows "<!--". Only those openers are
// removed; closed elements and comments stay as they are.
#include "clean/html_repair.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
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

// Inline elements pages leave open; sorted for binary search.
constexpr std::array<std::string_view, 19> kInlineTags = {
    "a",    "abbr", "b",    "big",  "cite", "code",   "em",  "font", "i",  "mark",
    "s",    "small", "span", "strike", "strong", "sub", "sup", "tt", "u"};
// Elements that start a block: inline elements still open before them are closed.
constexpr std::array<std::string_view, 28> kBlockTags = {
    "address", "article", "aside",  "blockquote", "dd",      "div",  "dl",    "dt",
    "figure",  "footer",  "form",   "h1",         "h2",      "h3",   "h4",    "h5",
    "h6",      "header",  "li",     "main",       "nav",     "ol",   "p",     "section",
    "table",   "td",      "tr",     "ul"};

template <size_t N>
bool Sorted(const std::array<std::string_view, N>& table, std::string_view w) {
  return std::binary_search(table.begin(), table.end(), w);
}

// Position of "</name" (case-insensitive) at or after `from`, or npos.
size_t FindCloseTag(std::string_view html, size_t from, std::string_view name) {
  for (size_t at = html.find("</", from); at != std::string_view::npos; at = html.find("</", at + 2)) {
    if (at + 2 + name.size() > html.size()) return std::string_view::npos;
    bool same = true;
    for (size_t k = 0; k < name.size() && same; ++k)
      same = std::tolower(static_cast<unsigned char>(html[at + 2 + k])) == name[k];
    if (same) return at;
  }
  return std::string_view::npos;
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

std::optional<std::string> CloseInlineBeforeBlocks(std::string_view html) {
  std::string out;
  out.reserve(html.size() + html.size() / 16);
  std::vector<std::string> open;  // inline elements open now, outermost first
  std::set<std::string> no_close;  // raw-text elements with no closing tag after some point
  bool changed = false;
  size_t pos = 0;
  while (pos < html.size()) {
    size_t lt = html.find('<', pos);
    if (lt == std::string_view::npos) break;
    out.append(html.substr(pos, lt - pos));
    pos = lt;
    // Comments and raw-text elements are copied whole.
    if (html.substr(lt, 4) == "<!--") {
      size_t end = html.find("-->", lt + 4);
      end = end == std::string_view::npos ? html.size() : end + 3;
      out.append(html.substr(lt, end - lt));
      pos = end;
      continue;
    }
    size_t i = lt + 1;
    bool closing = i < html.size() && html[i] == '/';
    if (closing) ++i;
    size_t name_start = i;
    while (i < html.size() && std::isalnum(static_cast<unsigned char>(html[i]))) ++i;
    std::string name = Lower(html.substr(name_start, i - name_start));
    size_t gt = html.find('>', i);
    size_t tag_end = gt == std::string_view::npos ? html.size() : gt + 1;
    if (name.empty()) {
      out += '<';
      pos = lt + 1;
      continue;
    }
    if (!closing && (name == "script" || name == "style" || name == "textarea" || name == "title")) {
      // Each search either ends at its element's close (and the scan skips past it) or fails
      // for good, remembered so that many unclosed openers cost one scan, not one each.
      size_t close = std::string_view::npos;
      if (no_close.find(name) == no_close.end()) {
        close = FindCloseTag(html, tag_end, name);
        if (close == std::string_view::npos) no_close.insert(name);
      }
      // Never closed: read on as markup (UnswallowHtml's case).
      if (close != std::string_view::npos) {
        out.append(html.substr(lt, close - lt));
        pos = close;
        continue;
      }
    }
    bool self_closing = gt != std::string_view::npos && gt > lt && html[gt - 1] == '/';
    if (Sorted(kBlockTags, name) && !open.empty()) {
      for (size_t k = open.size(); k-- > 0;) out += "</" + open[k] + ">";
      open.clear();
      changed = true;
    } else if (Sorted(kInlineTags, name) && !self_closing) {
      if (!closing) {
        open.push_back(name);
      } else {
        for (size_t k = open.size(); k-- > 0;) {
          if (open[k] == name) {
            open.resize(k);
            break;
          }
        }
      }
    }
    out.append(html.substr(lt, tag_end - lt));
    pos = tag_end;
  }
  if (pos < html.size()) out.append(html.substr(pos));
  if (!changed) return std::nullopt;
  return out;
}

}  // namespace wirewatch
