// Headline, publication date, author, address and JSON-LD article body of an HTML page, from
// its metadata.
//
// Publishers describe their articles several ways at once (Open Graph, schema.org itemprops,
// JSON-LD, <title>, <time>); this picks the most specific source present, in a fixed order, so
// the result does not depend on markup order. Thread-safe.
#pragma once

#include <optional>
#include <string>

#include "clean/clean.h"
#include "clean/html_tree.h"

namespace wirewatch {

struct HtmlMetadata {
  std::optional<std::string> title;      // headline, " | Site name" suffix removed
  std::optional<std::string> published;  // ISO 8601 via NormalizeDate
  std::string ld_article_body;           // JSON-LD articleBody, paragraphs joined by "\n\n"
  std::optional<std::string> author;     // JSON-LD author name or <meta name="author">
  std::optional<std::string> url;        // <link rel="canonical">, else og:url / twitter:url
};

HtmlMetadata ReadHtmlMetadata(const HtmlOutline& outline);

// "Headline | Site" / "Headline - Section - Site" -> "Headline": drops short trailing parts
// after a separator, keeping `known` (an <h1> text) intact when the title starts with it.
std::string StripTitleSuffix(std::string_view title, std::string_view known = {});

}  // namespace wirewatch
