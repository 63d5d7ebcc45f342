// The HTML extractor's view of a page: libxml2's tree flattened into elements and text blocks.
//
//   HtmlOutline outline = OutlineHtml(page.content, /*max_depth=*/256);
//
// Scoring works on blocks (runs of text between block-level boundaries, whitespace collapsed)
// and on the elements that hold them, not on raw markup: a flat, pre-ordered element table is
// cheap to aggregate over (children come after their parent) and needs no recursion, which
// keeps hostile nesting harmless. Elements deeper than `max_depth` are flattened into their
// ancestor at that depth. Metadata the extractor needs (meta tags, JSON-LD, <title>, <time>) is
// collected in the same pass. Thread-safe; no global state besides libxml2's one-time init.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wirewatch {

// Why an element (and everything inside it) is page chrome rather than content.
enum ChromeBits : uint8_t {
  kChromeTag = 1,   // nav, footer, aside, header, hidden, role=navigation, ...
  kChromeHint = 2,  // class/id words: cookie, share, related, comment, promo, ...
};

struct HtmlElement {
  int parent = -1;
  int end = 0;  // one past the last descendant (pre-order), so descendants are (index, end)
  int depth = 0;
  std::string tag;
  uint8_t own_chrome = 0;  // ChromeBits from this element's own tag and attributes
  uint8_t chrome = 0;      // ChromeBits in effect: own or inherited (see OutlineHtml)
  bool content_hint = false;  // <article>, itemprop=articleBody, class/id article/content/body
  bool article_body = false;  // itemprop=articleBody on this element
};

struct HtmlBlock {
  std::string text;  // whitespace collapsed, trimmed, never empty
  int element = 0;   // innermost block-level element holding the text
  int link_chars = 0;  // bytes of text inside <a>
  bool starts_with_link = false;  // the first character is link text (teaser: headline + summary)
  int heading = 0;     // 1..6 inside <h1>..<h6>, else 0
  bool list_item = false;
  uint8_t chrome = 0;  // ChromeBits of the holding elements
};

struct HtmlMeta {
  std::string key;  // lower-cased property / name / itemprop
  std::string value;
  int element = 0;
};

struct HtmlOutline {
  std::vector<HtmlElement> elements;  // pre-order; element 0 is the document root
  std::vector<HtmlBlock> blocks;      // in document order
  std::vector<HtmlMeta> meta;         // <meta>, and itemprop/datetime attributes of elements
  std::vector<std::string> json_ld;   // bodies of <script type="application/ld+json">
  std::string title_tag;              // text of <title>
  bool parsed = false;                // false when libxml2 produced no document
  int deepest = 0;                    // deepest element nesting in libxml2's tree
};

// Chrome marks are inherited, except that an element holding most of the page's paragraph text
// is not chrome whatever its markup says (ASP.NET wraps whole pages in <form>; some sites put
// "sidebar" on the column that holds the article).
HtmlOutline OutlineHtml(std::string_view html, int max_depth);

// True when `e` is `ancestor` or lies inside it.
inline bool IsInside(const HtmlOutline& o, int e, int ancestor) {
  return e >= ancestor && e < o.elements[ancestor].end;
}

}  // namespace wirewatch
