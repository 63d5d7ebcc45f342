// Site templates learned within a batch: lines that recur on many pages of the same site (menus,
// footers, "Lees ook" lists, share bars) are that site's boilerplate even when no rule names
// them, the way jusText and trafilatura use repetition.
//
//   SiteTemplates templates = LearnSiteTemplates(pages);          // one pass over a batch
//   CleanOptions options;  options.site_templates = &templates;   // then clean each page
//
// A page alone (or a site with fewer than kMinTemplatePages pages in the batch) learns nothing
// and cleans as without templates. Text dumps are learned by line, HTML pages by block (the text
// of each block element, as the cleaner outlines it).
// Immutable after learning; thread-safe to share.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ingest/ingest.h"

namespace wirewatch {

// A site needs this many pages in the batch before anything is called its template.
inline constexpr size_t kMinTemplatePages = 3;
// A line is template when it is on at least this share of the site's pages.
inline constexpr double kTemplateShare = 0.5;

struct SiteTemplates {
  // Site (URL host, else the source's folder) -> hashes of its template lines.
  std::unordered_map<std::string, std::unordered_set<uint64_t>> lines;
};

// The site a page belongs to: its URL's host, else the folder of its source path.
std::string SiteOf(const Page& page);

// Streaming form for a first pass over inputs that are not held in memory: Add every page, then
// Finish. Keeps one counter per distinct (site, line), not the pages.
class SiteTemplateLearner {
 public:
  void Add(const Page& page);
  SiteTemplates Finish() const;

 private:
  struct SiteCounts {
    size_t pages = 0;  // distinct articles: copies of one article (same longest line) count once
    std::unordered_set<uint64_t> articles;  // hash of each counted page's longest line
    std::unordered_map<uint64_t, size_t> pages_with_line;
  };
  std::unordered_map<std::string, SiteCounts> sites_;
};

SiteTemplates LearnSiteTemplates(const std::vector<Page>& pages);

// True when `line` (spaces collapsed) is a template line of `site`.
bool IsTemplateLine(const SiteTemplates& templates, std::string_view site, std::string_view line);

}  // namespace wirewatch
