// Main-content selection for HTML pages.
//
// Blocks of text are sorted into prose (sentence paragraphs with few links) and the rest
// (menus, link lists, labels); chrome (nav, footer, hidden parts, class/id words such as
// share/related/cookie) does not count. Each element scores the prose below it, fading with the
// number of branching levels in between (single-child wrappers do not count), scaled by the
// share of prose among all its weighted text. The best element is lifted through wrappers that
// add no prose, and sibling parts that are themselves mostly prose join it (articles split
// around an ad slot or a newsletter box). Within the chosen parts, the body runs from the first
// to the last prose block, dropping link-heavy lines in between. If class/id words hid nearly
// all prose (they sometimes sit on the article's own wrappers), the choice is redone with tag
// evidence only.
#include "clean/html_content.h"

#include <algorithm>
#include <optional>
#include <string_view>

namespace wirewatch {
namespace {

// What text outside sentence paragraphs costs a container, per byte: link text (menus, teaser
// lists) costs a lot, plain short text (list items, labels, captions) little.
constexpr double kLinkWeight = 0.8;
constexpr double kShortTextWeight = 0.15;
// Below this much paragraph text, the class/id evidence probably hid the article.
constexpr size_t kMinGoodChars = 300;
constexpr int kMaxDecayDistance = 6;
// A linked line this long reads as a teaser headline; each one per prose line costs this share.
constexpr int kTeaserHeadlineChars = 30;
constexpr double kTeaserPenalty = 1.0;
constexpr double kSiblingShare = 0.2;  // a sibling with this share of the best score joins it
constexpr double kParentShare = 0.85;  // a parent with this share of its child's score wins

bool EndsLikeSentence(std::string_view s) {
  while (!s.empty()) {
    char c = s.back();
    if (c == '"' || c == '\'' || c == ')' || c == ' ') {
      s.remove_suffix(1);
      continue;
    }
    if (s.size() >= 3 &&
        (s.substr(s.size() - 3) == "\xE2\x80\x9D" || s.substr(s.size() - 3) == "\xE2\x80\x99")) {
      s.remove_suffix(3);
      continue;
    }
    break;
  }
  if (s.empty()) return false;
  char c = s.back();
  return c == '.' || c == '!' || c == '?' || c == ':' ||
         (s.size() >= 3 && s.substr(s.size() - 3) == "\xE2\x80\xA6");
}

// A summary cut short: ends with an ellipsis ("...", "…", "[…]", "[...]"), which article
// paragraphs rarely do and teaser excerpts nearly always do.
bool EndsTruncated(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == ']' || s.back() == ')')) s.remove_suffix(1);
  return (s.size() >= 3 &&
          (s.substr(s.size() - 3) == "..." || s.substr(s.size() - 3) == "\xE2\x80\xA6"));
}

bool Ignored(const HtmlBlock& b, uint8_t chrome_mask) { return (b.chrome & chrome_mask) != 0; }

// A <p> of real length is body text even when links crowd it (hover-card names, citations).
bool IsLinkedParagraph(const HtmlOutline& o, const HtmlBlock& b) {
  return o.elements[b.element].tag == "p" && b.text.size() >= 100 && LinkDensity(b) <= 0.8;
}

// How much a paragraph counts for the element `distance` levels above the element holding it:
// fully for its own element and parent, then fading, so that the direct parent of a run of
// paragraphs outscores a page-wide ancestor that collects scattered teaser summaries.
double Decay(int distance) {
  if (distance <= 1) return 1.0;
  if (distance == 2) return 0.5;
  return 1.0 / (3.0 * (distance - 1));
}

ContentSelection SelectWithMask(const HtmlOutline& o, uint8_t chrome_mask) {
  size_t n = o.elements.size();
  std::vector<double> good(n, 0.0), other(n, 0.0), decayed(n, 0.0);
  // Teaser lists alternate linked headlines with summaries; article text rarely has a line
  // that is all link.
  std::vector<int> prose_lines(n, 0), link_lines(n, 0);
  // Wrappers around a single child do not make a paragraph more distant: only elements that
  // branch count as a level.
  std::vector<int> children(n, 0);
  for (size_t i = 1; i < n; ++i) ++children[o.elements[i].parent];
  for (const HtmlBlock& b : o.blocks) {
    if (Ignored(b, chrome_mask)) continue;
    double links = b.link_chars, plain = static_cast<double>(b.text.size()) - links;
    if (IsProseBlock(b)) {
      // Headline link + summary in one block is a teaser, and so is a summary cut off with an
      // ellipsis ("... […]"); either counts half and as a teaser line.
      if ((b.starts_with_link && b.link_chars >= kTeaserHeadlineChars) || EndsTruncated(b.text)) {
        ++link_lines[b.element];
        plain *= 0.5;
      }
      good[b.element] += plain;
      ++prose_lines[b.element];
      int d = 0;
      for (int e = b.element; e >= 0 && d <= kMaxDecayDistance; e = o.elements[e].parent) {
        decayed[e] += plain * Decay(d);
        if (children[e] > 1 || e == b.element) ++d;
      }
    } else {
      other[b.element] += kLinkWeight * links + kShortTextWeight * plain;
      if (LinkDensity(b) > 0.5 && b.link_chars >= kTeaserHeadlineChars) ++link_lines[b.element];
    }
  }
  // Children follow their parents in pre-order: one backward pass sums subtrees.
  for (size_t i = n; i-- > 1;) {
    int p = o.elements[i].parent;
    good[p] += good[i];
    other[p] += other[i];
    prose_lines[p] += prose_lines[i];
    link_lines[p] += link_lines[i];
  }
  auto score = [&](size_t i) {
    double s = decayed[i] * good[i] / (good[i] + other[i]);
    s /= 1.0 + kTeaserPenalty * link_lines[i] / std::max(1, prose_lines[i]);
    if (o.elements[i].content_hint) s *= 1.1;
    if (o.elements[i].article_body) s *= 1.5;
    return s;
  };
  ContentSelection sel;
  double best = 0;
  int top = -1;
  for (size_t i = 0; i < n; ++i) {
    if (good[i] <= 0) continue;
    double s = score(i);
    if (s > best) {
      best = s;
      top = static_cast<int>(i);
    }
  }
  if (top < 0) return sel;
  // Articles split over sibling wrappers (text, ad slot, more text): take in siblings that are
  // themselves mostly paragraphs.
  // Lift the winner through wrappers that add no paragraph text, so its siblings are the
  // article's other parts rather than the wrapper's nothing.
  // A parent scoring nearly as well holds more of the same article (a lead paragraph beside a
  // list-heavy body).
  int parent = o.elements[top].parent;
  while (parent > 0 && (good[parent] <= good[top] || score(parent) >= kParentShare * score(top))) {
    top = parent;
    parent = o.elements[top].parent;
  }
  if (parent >= 0) {
    for (int c = parent + 1; c < o.elements[parent].end; c = o.elements[c].end) {
      // A sibling joins when it is mostly prose and either weighs enough itself or is one
      // paragraph of the same run (the article's first paragraphs beside a wrapper of the rest).
      bool prose = good[c] > 0 && other[c] < 0.5 * good[c] && link_lines[c] * 4 <= prose_lines[c];
      bool joins = c == top || (prose && (score(c) >= kSiblingShare * best || good[c] >= 80));
      if (joins) sel.containers.push_back(c);
    }
  } else {
    sel.containers.push_back(top);
  }
  std::vector<size_t> inside;
  for (size_t i = 0; i < o.blocks.size(); ++i) {
    const HtmlBlock& b = o.blocks[i];
    if (Ignored(b, chrome_mask)) continue;
    for (int c : sel.containers) {
      if (IsInside(o, b.element, c)) {
        inside.push_back(i);
        break;
      }
    }
  }
  size_t first = inside.size(), last = 0;
  for (size_t k = 0; k < inside.size(); ++k) {
    if (IsProseBlock(o.blocks[inside[k]])) {
      first = std::min(first, k);
      last = k;
    }
  }
  while (first < inside.size() && first > 0 && IsLinkedParagraph(o, o.blocks[inside[first - 1]]))
    --first;
  // A short closing paragraph ("Meer kun je niet doen.") is still the article's: a <p> sentence
  // without links right after the last prose paragraph, in the same element.
  while (last + 1 < inside.size() && first < inside.size()) {
    const HtmlBlock& next = o.blocks[inside[last + 1]];
    const HtmlBlock& prev = o.blocks[inside[last]];
    if (next.heading != 0 || next.link_chars != 0 || next.list_item || next.chrome != 0 ||
        o.elements[next.element].tag != "p" ||
        o.elements[next.element].parent != o.elements[prev.element].parent ||
        !EndsLikeSentence(next.text) || next.text.size() < 12)
      break;
    ++last;
  }
  for (size_t k = first; k <= last && k < inside.size(); ++k) {
    const HtmlBlock& b = o.blocks[inside[k]];
    if (IsProseBlock(b))
      sel.good_chars += b.text.size();
    else if (LinkDensity(b) > 0.5 && !IsLinkedParagraph(o, b))
      continue;
    sel.blocks.push_back(inside[k]);
  }
  return sel;
}

// The publisher's own itemprop=articleBody element, when the prose-based choice lies wholly
// outside it while it holds plenty of plain text: an article made of lists or short lines (a
// calendar, a results table) has no sentence paragraphs for the scoring to find, and the choice
// then falls on some sidebar's prose.
std::optional<ContentSelection> SelectMarkedBody(const HtmlOutline& o,
                                                 const ContentSelection& chosen) {
  int marked = -1;
  for (size_t e = 1; e < o.elements.size(); ++e) {
    if (!o.elements[e].article_body || o.elements[e].chrome != 0) continue;
    if (marked >= 0 && IsInside(o, static_cast<int>(e), marked)) continue;
    if (marked >= 0) return std::nullopt;  // several bodies (a live blog, teasers): no verdict
    marked = static_cast<int>(e);
  }
  if (marked < 0) return std::nullopt;
  for (size_t i : chosen.blocks)
    if (IsInside(o, o.blocks[i].element, marked)) return std::nullopt;
  ContentSelection sel;
  sel.containers.push_back(marked);
  size_t plain = 0;
  for (size_t i = 0; i < o.blocks.size(); ++i) {
    const HtmlBlock& b = o.blocks[i];
    if (!IsInside(o, b.element, marked) || b.chrome != 0 || LinkDensity(b) > 0.5) continue;
    sel.blocks.push_back(i);
    plain += b.text.size() - static_cast<size_t>(b.link_chars);
    if (IsProseBlock(b)) sel.good_chars += b.text.size();
  }
  if (plain < kMinGoodChars) return std::nullopt;
  return sel;
}

}  // namespace

double LinkDensity(const HtmlBlock& b) {
  return b.text.empty() ? 0.0 : static_cast<double>(b.link_chars) / b.text.size();
}

bool IsProseBlock(const HtmlBlock& b) {
  if (b.heading != 0 || LinkDensity(b) > 0.35) return false;
  size_t n = b.text.size();
  return n >= 120 || (n >= 40 && EndsLikeSentence(b.text));
}

ContentSelection SelectMainContent(const HtmlOutline& outline) {
  ContentSelection sel = SelectWithMask(outline, kChromeTag | kChromeHint);
  if (sel.good_chars < kMinGoodChars) {
    ContentSelection tags_only = SelectWithMask(outline, kChromeTag);
    if (tags_only.good_chars > sel.good_chars) sel = std::move(tags_only);
  }
  if (std::optional<ContentSelection> marked = SelectMarkedBody(outline, sel))
    sel = std::move(*marked);
  return sel;
}

}  // namespace wirewatch
