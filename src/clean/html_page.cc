// HTML page cleaning: the article's main content, plus sidebar teasers as briefs.
//
// Main content is found by structure, not by site rules. Blocks of text are sorted into
// "good" (sentence-like paragraphs with few links) and "other" (menus, link lists, labels);
// chrome (nav, footer, hidden parts, class/id words such as share/related/cookie) does not count.
// The container element that maximises good text minus a share of other text holds the article:
// it grows to take in paragraphs split over sibling wrappers, and stops before swallowing a page
// of link lists. Within it, the text runs from the first to the last good block. If class/id
// words removed most of the article (they sometimes sit on wrappers), the choice is redone with
// tag evidence only.
//
// Briefs are teasers carrying an age ("39 minuten geleden"): the smallest element around an age
// that also holds other text, outside the article, is one teaser.
#include <algorithm>

#include "clean/clean.h"
#include "clean/html_metadata.h"
#include "clean/html_tree.h"

namespace wirewatch {
namespace {

// What text outside sentence paragraphs costs a container, per byte: link text (menus, teaser
// lists) costs a lot, plain short text (list items, labels, captions) little.
constexpr double kLinkWeight = 0.8;
constexpr double kShortTextWeight = 0.15;
// Below this much paragraph text, the class/id evidence probably hid the article.
constexpr size_t kMinGoodChars = 300;

double LinkDensity(const HtmlBlock& b) {
  return b.text.empty() ? 0.0 : static_cast<double>(b.link_chars) / b.text.size();
}

bool EndsLikeSentence(std::string_view s) {
  while (!s.empty()) {
    char c = s.back();
    if (c == '"' || c == '\'' || c == ')' || c == ' ') {
      s.remove_suffix(1);
      continue;
    }
    if (s.size() >= 3 && (s.substr(s.size() - 3) == "\xE2\x80\x9D" ||
                          s.substr(s.size() - 3) == "\xE2\x80\x99")) {
      s.remove_suffix(3);
      continue;
    }
    break;
  }
  if (s.empty()) return false;
  char c = s.back();
  return c == '.' || c == '!' || c == '?' || c == ':' || (s.size() >= 3 && s.substr(s.size() - 3) == "\xE2\x80\xA6");
}

// A sentence paragraph: what articles are made of.
bool IsGood(const HtmlBlock& b) {
  if (b.heading != 0 || LinkDensity(b) > 0.35) return false;
  size_t n = b.text.size();
  return n >= 120 || (n >= 40 && EndsLikeSentence(b.text));
}

bool Ignored(const HtmlBlock& b, uint8_t chrome_mask) { return (b.chrome & chrome_mask) != 0; }

struct Selection {
  std::vector<int> containers;  // the article's elements, in document order
  std::vector<size_t> blocks;   // indices into outline.blocks, in order
  size_t good_chars = 0;
};

// How much a paragraph counts for the element `distance` levels above the element holding it:
// fully for its own element and parent, then fading, so that the direct parent of a run of
// paragraphs outscores a page-wide ancestor that collects scattered teaser summaries.
double Decay(int distance) {
  if (distance <= 1) return 1.0;
  if (distance == 2) return 0.5;
  return 1.0 / (3.0 * (distance - 1));
}

constexpr int kMaxDecayDistance = 6;
constexpr double kSiblingShare = 0.2;  // a sibling with this share of the best score joins it

Selection SelectContent(const HtmlOutline& o, uint8_t chrome_mask) {
  size_t n = o.elements.size();
  std::vector<double> good(n, 0.0), other(n, 0.0), decayed(n, 0.0);
  // Wrappers around a single child do not make a paragraph more distant: only elements that
  // branch count as a level.
  std::vector<int> children(n, 0);
  for (size_t i = 1; i < n; ++i) ++children[o.elements[i].parent];
  for (const HtmlBlock& b : o.blocks) {
    if (Ignored(b, chrome_mask)) continue;
    double links = b.link_chars, plain = static_cast<double>(b.text.size()) - links;
    if (IsGood(b)) {
      good[b.element] += plain;
      int d = 0;
      for (int e = b.element; e >= 0 && d <= kMaxDecayDistance; e = o.elements[e].parent) {
        decayed[e] += plain * Decay(d);
        if (children[e] > 1 || e == b.element) ++d;
      }
    } else {
      other[b.element] += kLinkWeight * links + kShortTextWeight * plain;
    }
  }
  // Children follow their parents in pre-order: one backward pass sums subtrees.
  for (size_t i = n; i-- > 1;) {
    int p = o.elements[i].parent;
    good[p] += good[i];
    other[p] += other[i];
  }
  auto score = [&](size_t i) {
    double s = decayed[i] * good[i] / (good[i] + other[i]);
    if (o.elements[i].content_hint) s *= 1.1;
    if (o.elements[i].article_body) s *= 1.5;
    return s;
  };
  Selection sel;
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
  int parent = o.elements[top].parent;
  while (parent > 0 && good[parent] <= good[top]) {
    top = parent;
    parent = o.elements[top].parent;
  }
  if (parent >= 0) {
    for (int c = parent + 1; c < o.elements[parent].end; c = o.elements[c].end) {
      bool joins = c == top || (good[c] > 0 && score(c) >= kSiblingShare * best &&
                                other[c] < 0.5 * good[c]);
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
    if (IsGood(o.blocks[inside[k]])) {
      first = std::min(first, k);
      last = k;
    }
  }
  for (size_t k = first; k <= last && k < inside.size(); ++k) {
    const HtmlBlock& b = o.blocks[inside[k]];
    if (IsGood(b)) sel.good_chars += b.text.size();
    else if (LinkDensity(b) > 0.5) continue;
    sel.blocks.push_back(inside[k]);
  }
  return sel;
}

std::string Join(const std::vector<std::string>& paragraphs) {
  std::string out;
  for (const std::string& p : paragraphs) {
    if (!out.empty()) out += "\n\n";
    out += p;
  }
  return out;
}

bool IsAgeBlock(const HtmlBlock& b) {
  auto m = MatchAge(b.text);
  return m && m->length == b.text.size();
}

// Teasers: for each age block outside the article, the smallest element around it holding
// other text but no other age.
std::vector<Document> FindBriefs(const HtmlOutline& o, const Selection& article,
                                 const Page& page) {
  std::vector<Document> briefs;
  std::vector<bool> in_article(o.blocks.size(), false);
  for (size_t i : article.blocks) in_article[i] = true;
  std::vector<size_t> ages;
  for (size_t i = 0; i < o.blocks.size(); ++i)
    if (!in_article[i] && IsAgeBlock(o.blocks[i])) ages.push_back(i);
  if (ages.empty()) return briefs;
  std::vector<std::string> seen;
  for (size_t a = 0; a < ages.size(); ++a) {
    const HtmlBlock& age_block = o.blocks[ages[a]];
    // Blocks that could belong to this teaser: between the neighbouring ages.
    size_t lo = a == 0 ? 0 : ages[a - 1] + 1;
    size_t hi = a + 1 < ages.size() ? ages[a + 1] : o.blocks.size();
    int container = age_block.element;
    size_t from = ages[a], to = ages[a] + 1;  // blocks of the teaser: [from, to)
    bool found = false;
    while (container > 0) {
      // Extend over the blocks inside `container`.
      size_t f = ages[a], t = ages[a] + 1;
      while (f > lo && IsInside(o, o.blocks[f - 1].element, container)) --f;
      while (t < hi && IsInside(o, o.blocks[t].element, container)) ++t;
      bool other_age = (f == lo && lo > 0 && IsInside(o, o.blocks[lo - 1].element, container)) ||
                       (t == hi && hi < o.blocks.size() &&
                        IsInside(o, o.blocks[hi].element, container));
      if (other_age) {
        // Flat list: ages sit beside their texts. Take the blocks after the previous age.
        if (from == ages[a] && to == ages[a] + 1) {
          from = f;
          to = ages[a] + 1;
          found = from < ages[a];
        }
        break;
      }
      from = f;
      to = t;
      if (t - f > 1) {
        found = true;
        break;
      }
      container = o.elements[container].parent;
    }
    if (!found) continue;
        bool holds_article = false;
    for (int c : article.containers) holds_article = holds_article || IsInside(o, c, container);
    if (holds_article) continue;
    std::vector<std::string> paragraphs;
    std::optional<std::string> headline;
    for (size_t i = from; i < to; ++i) {
      if (i == ages[a] || in_article[i]) continue;
      const HtmlBlock& b = o.blocks[i];
      if (IsAgeBlock(b)) continue;
      bool heading = b.heading != 0 || (LooksLikeHeading(b.text) && b.text.size() < 120);
      if (paragraphs.empty() && !headline && heading) {
        headline = b.text;
        continue;
      }
      if (heading && LinkDensity(b) > 0.5) continue;
      paragraphs.push_back(b.text);
    }
    if (paragraphs.empty()) continue;
    Document brief;
    brief.kind = DocumentKind::kBrief;
    brief.title = headline;
    if (auto m = MatchDateline(paragraphs.front())) {
      brief.dateline = m->dateline;
      paragraphs.front() = paragraphs.front().substr(m->length);
      if (paragraphs.front().empty()) paragraphs.erase(paragraphs.begin());
    }
    brief.text = Join(paragraphs);
    if (brief.text.empty()) continue;
    if (std::find(seen.begin(), seen.end(), brief.text) != seen.end()) continue;
    seen.push_back(brief.text);
    brief.age_seconds = MatchAge(age_block.text)->seconds;
    brief.crawl_time = page.crawl_time;
    brief.url = page.url;
    briefs.push_back(std::move(brief));
  }
  return briefs;
}

}  // namespace

std::vector<Document> CleanHtmlPage(const Page& page, const CleanOptions& options) {
  std::vector<Document> docs;
  HtmlOutline outline = OutlineHtml(page.content, options.max_html_depth);
  if (!outline.parsed) return docs;
  HtmlMetadata md = ReadHtmlMetadata(outline);

  Selection sel = SelectContent(outline, kChromeTag | kChromeHint);
  // Class/id words sometimes sit on the article's own wrappers: when trusting only tags finds
  // far more paragraph text, trust only tags.
  if (sel.good_chars < kMinGoodChars) {
    Selection tags_only = SelectContent(outline, kChromeTag);
    if (tags_only.good_chars > sel.good_chars) sel = std::move(tags_only);
  }
  if (sel.blocks.empty()) return docs;

  Document article;
  article.kind = DocumentKind::kArticle;
  article.title = page.title ? std::optional(CollapseSpaces(*page.title)) : md.title;
  article.published = page.published ? page.published : md.published;
  article.crawl_time = page.crawl_time;
  article.url = page.url;

  std::vector<std::string> paragraphs;
  for (size_t i : sel.blocks) {
    const HtmlBlock& b = outline.blocks[i];
    if (b.heading == 1) continue;
    if (article.title && b.text == *article.title) continue;
    std::string text = b.text;
    if (paragraphs.empty() && b.heading == 0) {
      if (auto m = MatchDateline(text)) {
        article.dateline = m->dateline;
        text = text.substr(m->length);
        if (text.empty()) continue;
      }
    }
    if (b.heading >= 2 && b.heading <= 4 && !paragraphs.empty()) article.subheadings.push_back(text);
    paragraphs.push_back(std::move(text));
  }
  article.text = Join(paragraphs);
  if (article.text.empty()) return docs;
  docs.push_back(std::move(article));
  for (Document& brief : FindBriefs(outline, sel, page)) docs.push_back(std::move(brief));
  return docs;
}

}  // namespace wirewatch
