// HTML page cleaning: the article's main content (html_content.h), its metadata
// (html_metadata.h), plus sidebar teasers as briefs.
//
// Briefs are teasers carrying an age ("39 minuten geleden"): the smallest element around an age
// that also holds other text, outside the article, is one teaser.
#include <algorithm>
#include <functional>

#include "clean/byline.h"
#include "clean/clean.h"
#include "clean/html_content.h"
#include "clean/html_metadata.h"
#include "clean/html_repair.h"
#include "clean/html_tree.h"
#include "clean/site_template.h"

namespace wirewatch {
namespace {

// A body shorter than this is suspect: JSON-LD's articleBody, when longer, replaces it.
constexpr size_t kMinBodyBytes = 200;

// libxml2 stops reading a document whose elements nest 256 deep; a tree this deep probably
// lost its end that way.
constexpr int kNearParserDepthLimit = 200;

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
std::vector<Document> FindBriefs(const HtmlOutline& o, const ContentSelection& article,
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

// `is_template`: whether a block's text is a template line of the page's site (learned over
// the batch): such blocks never become the article's text.
std::vector<Document> CleanOutline(const HtmlOutline& outline, const Page& page,
                                   const std::function<bool(const std::string&)>& is_template) {
  std::vector<Document> docs;
  if (!outline.parsed) return docs;
  HtmlMetadata md = ReadHtmlMetadata(outline);

  ContentSelection sel = SelectMainContent(outline);
  if (sel.blocks.empty()) return docs;

  Document article;
  article.kind = DocumentKind::kArticle;
  article.title = page.title ? std::optional(CollapseSpaces(*page.title)) : md.title;
  article.published = page.published ? page.published : md.published;
  article.crawl_time = page.crawl_time;
  article.url = page.url ? page.url : md.url;  // a saved page names its own address

  // Bylines: inside the selection they are dropped from the text; the byline just above the
  // content (a header between <h1> and the body) counts too.
  std::string_view crawl = page.crawl_time ? std::string_view(*page.crawl_time) : std::string_view();
  std::optional<std::string> byline_date, byline_author;
  auto note_byline = [&](const BylineMatch& m) {
    if (!byline_date) byline_date = m.published;
    if (!byline_author) byline_author = m.author;
  };
  if (!sel.blocks.empty()) {
    size_t first = sel.blocks.front();
    for (size_t k = first; k-- > 0 && first - k <= 6;)
      if (auto m = MatchByline(outline.blocks[k].text, crawl)) note_byline(*m);
  }
  std::vector<std::string> paragraphs;
  std::vector<std::string> template_paragraphs;  // left out as the site's boilerplate
  for (size_t i : sel.blocks) {
    const HtmlBlock& b = outline.blocks[i];
    if (b.heading == 1) continue;
    if (article.title && b.text == *article.title) continue;
    if (is_template && is_template(b.text)) {
      template_paragraphs.push_back(b.text);
      continue;
    }
    if (auto m = MatchByline(b.text, crawl)) {
      note_byline(*m);
      continue;
    }
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
  // Template blocks that would be most of the body are the article itself, seen on several
  // pages of the site (an update, a syndicated copy): then they stay, in their place.
  size_t kept_bytes = 0, template_bytes = 0;
  for (const std::string& p : paragraphs) kept_bytes += p.size();
  for (const std::string& p : template_paragraphs) template_bytes += p.size();
  if (template_bytes > kept_bytes) return CleanOutline(outline, page, nullptr);
  article.text = Join(paragraphs);
  // Little structure to go on (a script-rendered page): the publisher's own JSON-LD body.
  if (article.text.size() < kMinBodyBytes && md.ld_article_body.size() > 2 * article.text.size()) {
    article.text = md.ld_article_body;
    article.subheadings.clear();
    article.dateline.reset();
    if (auto m = MatchDateline(article.text)) {
      article.dateline = m->dateline;
      article.text.erase(0, m->length);
    }
  }
  if (article.text.empty()) return docs;
  if (!article.published) article.published = byline_date;
  article.author = md.author ? md.author : byline_author;
  docs.push_back(std::move(article));
  for (Document& brief : FindBriefs(outline, sel, page)) docs.push_back(std::move(brief));
  return docs;
}

}  // namespace

std::vector<Document> CleanHtmlPage(const Page& page, const CleanOptions& options) {
  // One parse, and when inline elements were left open so often that the tree reached the
  // parser's depth limit (which ends the document there), a second one with them closed before
  // each block; the one with more text wins.
  std::function<bool(const std::string&)> is_template;
  std::string site;
  if (options.site_templates) {
    site = SiteOf(page);
    is_template = [&](const std::string& text) { return IsTemplateLine(*options.site_templates, site, text); };
  }
  auto attempt = [&](std::string_view html) {
    HtmlOutline outline = OutlineHtml(html, options.max_html_depth);
    std::vector<Document> docs = CleanOutline(outline, page, is_template);
    if (outline.deepest < kNearParserDepthLimit) return docs;
    std::optional<std::string> balanced = CloseInlineBeforeBlocks(html);
    if (!balanced) return docs;
    std::vector<Document> retry = CleanOutline(OutlineHtml(*balanced, options.max_html_depth), page, is_template);
    if (!retry.empty() && (docs.empty() || retry[0].text.size() > docs[0].text.size())) return retry;
    return docs;
  };
  std::vector<Document> docs = attempt(page.content);
  if (!docs.empty()) return docs;
  // No text: an element left open (<title>, <textarea>, <script>, "<!--") may have swallowed
  // the page. Parse it again without that element's opening markup.
  if (std::optional<std::string> repaired = UnswallowHtml(page.content)) docs = attempt(*repaired);
  return docs;
}

}  // namespace wirewatch
