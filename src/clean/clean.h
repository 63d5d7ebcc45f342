// Clean: one decoded page in, its documents out: the article first, then one brief per sidebar
// item (kind kBrief; parent is set later, when ids are known).
//
//   std::vector<Document> docs = CleanPage(page, CleanOptions{});
//
// Plain-text page dumps and HTML pages are cleaned by different code that shares the dateline
// and age parsers below. Cleaning fills title, dateline, published, age_seconds, text (paragraphs
// joined by "\n\n", dateline prefix removed) and subheadings; later stages fill the rest.
// A page with no article text yields an empty vector. Thread-safe; no global state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/document.h"
#include "ingest/ingest.h"

namespace wirewatch {

// Upper-case place names ("AMSTERDAM", "DEN HAAG") that may open a dateline without an agency.
using PlaceSet = std::unordered_set<std::string>;

struct SiteTemplates;  // site_template.h

struct CleanOptions {
  int max_html_depth = 256;  // deeper elements are flattened into their ancestor at this depth
  // Without it, only datelines naming an agency ("BRUSSEL (ANP) - ") are recognised: a bare
  // "UITSTEL - " is as often a kicker as a place. Not owned; must outlive the cleaning calls.
  const PlaceSet* known_places = nullptr;
  // Lines learned as boilerplate of a page's site within the batch (site_template.h); they never
  // enter an article's title or text. Not owned; may be null.
  const SiteTemplates* site_templates = nullptr;
};

std::vector<Document> CleanPage(const Page& page, const CleanOptions& options);

// Plain-text page dumps (see examples/pages/).
std::vector<Document> CleanTextPage(const Page& page, const CleanOptions& options = {});

// HTML pages: main-content extraction plus sidebar teasers as briefs.
std::vector<Document> CleanHtmlPage(const Page& page, const CleanOptions& options);

// --- shared parts, exposed for tests ---

// "BRUSSEL (ANP/AFP) - " at the start of a paragraph.
struct DatelineMatch {
  Dateline dateline;
  size_t length = 0;  // bytes of the prefix, separator and following spaces included
};
std::optional<DatelineMatch> MatchDateline(std::string_view paragraph,
                                           const PlaceSet* known_places = nullptr);

// "39 minuten geleden" / "1 uur geleden" / "5 minutes ago" at the start of `s`.
struct AgeMatch {
  int64_t seconds = 0;
  size_t length = 0;
};
std::optional<AgeMatch> MatchAge(std::string_view s);

// Trims and collapses every run of white space to one space.
std::string CollapseSpaces(std::string_view s);

// True for a line that reads as a heading rather than a sentence: short, no final full stop.
bool LooksLikeHeading(std::string_view line);

}  // namespace wirewatch
