// Learning site templates from a batch (see site_template.h): per site, the share of pages on
// which each distinct line occurs. Lines are compared after collapsing spaces; a hash stands for
// each so the table stays small on big batches.
#include "clean/site_template.h"

#include <functional>

#include "clean/clean.h"
#include "clean/html_tree.h"

namespace wirewatch {
namespace {

uint64_t LineHash(std::string_view line) { return std::hash<std::string_view>{}(line); }

// Distinct non-empty lines of a text page, spaces collapsed.
// The hashes of a page's lines, and of its longest line (the article's, on any portal).
std::unordered_set<uint64_t> PageLines(std::string_view content, uint64_t* longest) {
  std::unordered_set<uint64_t> out;
  size_t pos = 0, longest_size = 0;
  *longest = 0;
  while (pos < content.size()) {
    size_t nl = content.find('\n', pos);
    if (nl == std::string_view::npos) nl = content.size();
    std::string line = CollapseSpaces(content.substr(pos, nl - pos));
    if (!line.empty()) {
      uint64_t h = LineHash(line);
      out.insert(h);
      if (line.size() > longest_size) {
        longest_size = line.size();
        *longest = h;
      }
    }
    pos = nl + 1;
  }
  return out;
}

// The same for an HTML page: the text of each block, as the cleaner sees it (OutlineHtml), so a
// learned line is compared with what the cleaner would make a paragraph of.
std::unordered_set<uint64_t> HtmlPageBlocks(std::string_view html, uint64_t* longest) {
  std::unordered_set<uint64_t> out;
  size_t longest_size = 0;
  *longest = 0;
  HtmlOutline outline = OutlineHtml(html, CleanOptions().max_html_depth);
  for (const HtmlBlock& b : outline.blocks) {
    uint64_t h = LineHash(b.text);
    out.insert(h);
    if (b.text.size() > longest_size) {
      longest_size = b.text.size();
      *longest = h;
    }
  }
  return out;
}

}  // namespace

std::string SiteOf(const Page& page) {
  if (page.url) {
    std::string_view u = *page.url;
    size_t scheme = u.find("://");
    if (scheme != std::string_view::npos) {
      u.remove_prefix(scheme + 3);
      size_t end = u.find_first_of("/?#:");
      std::string host(u.substr(0, end));
      for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (host.rfind("www.", 0) == 0) host.erase(0, 4);
      if (!host.empty()) return host;
    }
  }
  size_t slash = page.source.rfind('/');
  return slash == std::string::npos ? std::string() : page.source.substr(0, slash);
}

void SiteTemplateLearner::Add(const Page& page) {
  if (page.content_is_body) return;
  if (page.format != PageFormat::kText && page.format != PageFormat::kHtml) return;
  SiteCounts& site = sites_[SiteOf(page)];
  uint64_t longest = 0;
  std::unordered_set<uint64_t> lines = page.format == PageFormat::kHtml
                                           ? HtmlPageBlocks(page.content, &longest)
                                           : PageLines(page.content, &longest);
  // A copy of a page already counted (the same article saved twice, in another encoding) says
  // nothing about the site's template: its title and text would pass for one.
  if (!site.articles.insert(longest).second) return;
  ++site.pages;
  for (uint64_t h : lines) ++site.pages_with_line[h];
}

SiteTemplates SiteTemplateLearner::Finish() const {
  SiteTemplates templates;
  for (const auto& [name, site] : sites_) {
    if (site.pages < kMinTemplatePages) continue;
    double need = kTemplateShare * static_cast<double>(site.pages);
    for (const auto& [h, count] : site.pages_with_line)
      if (count >= 2 && static_cast<double>(count) >= need) templates.lines[name].insert(h);
  }
  return templates;
}

SiteTemplates LearnSiteTemplates(const std::vector<Page>& pages) {
  SiteTemplateLearner learner;
  for (const Page& page : pages) learner.Add(page);
  return learner.Finish();
}

bool IsTemplateLine(const SiteTemplates& templates, std::string_view site, std::string_view line) {
  auto it = templates.lines.find(std::string(site));
  return it != templates.lines.end() && it->second.count(LineHash(line)) > 0;
}

}  // namespace wirewatch
