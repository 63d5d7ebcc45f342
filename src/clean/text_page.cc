// Cleaning plain-text page dumps: portal chrome, headline (often repeated), a dateline, body
// paragraphs with subheadings, then a sidebar of briefs separated by age lines.
//
// The cleaner works on blocks (non-empty lines) and uses structure, not phrase lists: the
// dateline marks where the article starts; the first later dateline or age line marks the
// sidebar; a short line with no final punctuation is a heading (the title before the dateline,
// a subheading inside the body, a brief's headline before its dateline, or the sidebar's label).
// Pages without datelines fall back to repetition (a repeated headline) and then to the densest
// run of sentence paragraphs.
#include <algorithm>

#include "clean/boilerplate.h"
#include "clean/byline.h"
#include "clean/clean.h"
#include "clean/html_metadata.h"
#include "clean/site_template.h"
#include "core/dates.h"

namespace wirewatch {
namespace {

struct Block {
  std::string text;
  std::optional<int64_t> age;          // the block is an age line ("3 uur geleden")
  std::optional<DatelineMatch> dateline;
  bool heading = false;                // LooksLikeHeading
  std::optional<BylineMatch> byline;   // a byline or date line: never title, paragraph or brief
  bool chrome = false;                 // breadcrumbs, menu, cookie notice (IsBoilerplateLine)
  bool site_template = false;          // recurs on many pages of this site in the batch
};

// Lines that are neither text nor headings.
bool IsFurniture(const Block& b) { return b.byline || b.chrome; }

bool EndsSentence(std::string_view s) {
  while (!s.empty() && (s.back() == ' ')) s.remove_suffix(1);
  if (s.empty()) return false;
  char c = s.back();
  return c == '.' || c == '!' || c == '?' || c == ':' || c == '"' || c == '\'' ||
         (s.size() >= 3 && (s.substr(s.size() - 3) == "\xE2\x80\x9D" || s.substr(s.size() - 3) == "\xE2\x80\x99"));
}

// Finds an age glued to the end of a line ("... Hezbollah.39 minuten geleden"): the byte where
// the age starts, or npos.
size_t TrailingAgeStart(std::string_view s) {
  for (std::string_view tail : {"geleden", "ago"}) {
    if (s.size() <= tail.size() || s.substr(s.size() - tail.size()) != tail) continue;
    // Walk back over "<n> <unit> " to the number.
    size_t i = s.size() - tail.size();
    int spaces = 0;
    while (i > 0 && spaces < 3) {
      --i;
      if (s[i] == ' ') ++spaces;
      if (std::isdigit(static_cast<unsigned char>(s[i]))) {
        while (i > 0 && std::isdigit(static_cast<unsigned char>(s[i - 1]))) --i;
        auto m = MatchAge(s.substr(i));
        if (m && i + m->length == s.size()) return i;
        return std::string_view::npos;
      }
    }
  }
  return std::string_view::npos;
}

std::vector<Block> SplitBlocks(std::string_view content, const PlaceSet* known_places,
                               std::string_view crawl_time) {
  std::vector<std::string> lines;
  size_t blank = 0;
  bool prev_blank = false;
  std::vector<bool> blank_before;
  size_t pos = 0;
  while (pos <= content.size()) {
    size_t nl = content.find('\n', pos);
    std::string_view raw = content.substr(pos, nl == std::string_view::npos ? content.size() - pos : nl - pos);
    pos = nl == std::string_view::npos ? content.size() + 1 : nl + 1;
    std::string line = CollapseSpaces(raw);
    if (line.empty()) {
      ++blank;
      prev_blank = true;
      continue;
    }
    lines.push_back(std::move(line));
    blank_before.push_back(prev_blank);
    prev_blank = false;
  }
  // Pages whose paragraphs are separated by blank lines may hard-wrap long paragraphs: join a
  // line to the previous one when that one stops mid-sentence.
  bool blank_separated = blank * 2 >= lines.size() && !lines.empty();
  std::vector<Block> blocks;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string& line = lines[i];
    // Split ages glued to the start or the end of a line.
    std::vector<std::string> parts;
    if (auto m = MatchAge(line); m && m->length < line.size()) {
      parts.push_back(line.substr(0, m->length));
      parts.push_back(CollapseSpaces(line.substr(m->length)));
    } else if (size_t at = TrailingAgeStart(line); at != std::string_view::npos && at > 0) {
      parts.push_back(CollapseSpaces(line.substr(0, at)));
      parts.push_back(line.substr(at));
    } else {
      parts.push_back(line);
    }
    for (size_t k = 0; k < parts.size(); ++k) {
      Block b;
      b.text = std::move(parts[k]);
      if (b.text.empty()) continue;
      if (auto m = MatchAge(b.text); m && m->length == b.text.size()) b.age = m->seconds;
      if (!b.age) {
        b.dateline = MatchDateline(b.text, known_places);
        if (!b.dateline) b.byline = MatchByline(b.text, crawl_time);
        if (!b.dateline && !b.byline) b.chrome = IsBoilerplateLine(b.text);
        // A bare date ("21 januari 2022, 14:05") is page furniture, not a heading.
        b.heading = !b.dateline && !IsFurniture(b) && LooksLikeHeading(b.text) &&
                    !(b.text.size() <= 40 && NormalizeDate(b.text));
      }
      bool join = blank_separated && k == 0 && !blank_before[i] && !blocks.empty() &&
                  !blocks.back().age && !b.age && !b.dateline && !blocks.back().heading &&
                  !IsFurniture(b) && !IsFurniture(blocks.back()) &&
                  blocks.back().text.size() >= 50 && !EndsSentence(blocks.back().text);
      if (join) {
        blocks.back().text += ' ';
        blocks.back().text += b.text;
        continue;
      }
      blocks.push_back(std::move(b));
    }
  }
  // The line just above a byline is the headline, whatever its final punctuation ("Wat wil
  // Poetin?"): portals print the byline under the headline.
  for (size_t i = 1; i < blocks.size(); ++i) {
    if (!blocks[i].byline || blocks[i - 1].byline) continue;
    Block& above = blocks[i - 1];
    if (above.age || above.dateline || above.chrome || above.heading) continue;
    size_t words = 1;
    for (char c : above.text) words += c == ' ';
    std::string_view t = above.text;
    if (t.size() <= 200 && words <= 25 && !t.empty() && t.back() != '.' && t.back() != ',' &&
        t.back() != ';' && t.back() != ':')
      above.heading = true;
  }
  return blocks;
}

bool IsParagraph(const Block& b) { return !b.age && !b.heading && !IsFurniture(b); }

std::string JoinParagraphs(const std::vector<std::string>& paragraphs) {
  std::string out;
  for (const auto& p : paragraphs) {
    if (!out.empty()) out += "\n\n";
    out += p;
  }
  return out;
}

// Index of the article's dateline block, or npos.
size_t FindArticleDateline(const std::vector<Block>& blocks) {
  for (size_t i = 0; i < blocks.size(); ++i)
    if (blocks[i].dateline) return i;
  return std::string::npos;
}

// Start of the body when the page has no dateline: after a repeated headline, else the densest
// run of sentence paragraphs (subheadings may sit inside a run).
size_t FindBodyStartWithoutDateline(const std::vector<Block>& blocks, size_t limit) {
  for (size_t i = 0; i + 1 < limit; ++i) {
    if (blocks[i].heading && blocks[i + 1].text == blocks[i].text) {
      size_t j = i + 1;
      while (j < limit && blocks[j].text == blocks[i].text) ++j;
      return j;
    }
  }
  size_t best_start = std::string::npos, best_score = 0;
  for (size_t i = 0; i < limit;) {
    if (!IsParagraph(blocks[i])) {
      ++i;
      continue;
    }
    size_t score = 0, j = i;
    while (j < limit && !blocks[j].age) {
      if (IsParagraph(blocks[j])) score += blocks[j].text.size();
      else if (j + 1 < limit && IsParagraph(blocks[j + 1])) {
      } else break;
      ++j;
    }
    if (score > best_score) {
      best_score = score;
      best_start = i;
    }
    i = j + 1;
  }
  // A short lead-in before a heading at the top of the run is chrome ("Kort nieuws: ..."); the
  // heading is the title and the body starts after it.
  if (best_start != std::string::npos) {
    size_t lead = 0;
    for (size_t k = best_start; k < limit && k < best_start + 3; ++k) {
      if (blocks[k].heading) {
        if (lead < 200) return k + 1;
        break;
      }
      lead += blocks[k].text.size();
    }
  }
  return best_start;
}

}  // namespace

std::vector<Document> CleanTextPage(const Page& page, const CleanOptions& options) {
  std::vector<Block> blocks =
      SplitBlocks(page.content, options.known_places, page.crawl_time.value_or(std::string()));
  // Site template lines stay in the structure (a recurring sidebar brief is still a brief) but
  // never become the article's title or text.
  if (options.site_templates) {
    std::string site = SiteOf(page);
    for (Block& b : blocks) b.site_template = IsTemplateLine(*options.site_templates, site, b.text);
  }
  std::vector<Document> docs;
  if (blocks.empty()) return docs;

  Document article;
  article.kind = DocumentKind::kArticle;
  article.published = page.published;
  article.crawl_time = page.crawl_time;
  article.url = page.url;
  // A title the container gives (a JSONL field) is the publisher's, kept as given: DpgMedia's
  // "Guaidó zal moeten koorddansen. analyse terugkeer oppositieleider" included.
  if (page.title) article.title = CollapseSpaces(*page.title);

  size_t n = blocks.size();
  size_t first_age = n;
  size_t d = FindArticleDateline(blocks);
  for (size_t i = (d == std::string::npos ? 0 : d); i < n; ++i) {
    if (blocks[i].age) {
      first_age = i;
      break;
    }
  }
  if (page.content_is_body) d = 0;
  size_t body_start = d;
  if (d == std::string::npos) {
    body_start = FindBodyStartWithoutDateline(blocks, first_age);
    if (body_start == std::string::npos) return docs;
    // A headline ending in '?' or '!' does not read as a heading and so starts the run: a short
    // line of that kind directly followed by a paragraph twice its length is the headline.
    // (The run may start past the last block: then there is no headline to look at.)
    if (body_start < n) {
      const Block& first = blocks[body_start];
      size_t words = 1;
      for (char c : first.text) words += c == ' ';
      bool asks = !first.text.empty() && (first.text.back() == '?' || first.text.back() == '!');
      if (!article.title && asks && first.text.size() <= 160 && words <= 20 &&
          body_start + 1 < first_age && body_start + 1 < n && IsParagraph(blocks[body_start + 1]) &&
          blocks[body_start + 1].text.size() >= 2 * first.text.size()) {
        blocks[body_start].heading = true;
        ++body_start;
      }
    }
  }

  // Title: the nearest heading before the body (a repeated headline counts once).
  if (!article.title && body_start > 0) {
    size_t looked = 0;
    for (size_t k = body_start; k-- > 0 && looked < 3;) {
      // Bylines and chrome between headline and body.
      if (IsFurniture(blocks[k]) || blocks[k].site_template) continue;
      ++looked;
      if (blocks[k].heading) {
        article.title = StripTitleSuffix(blocks[k].text);
        break;
      }
      if (blocks[k].age) break;
    }
  }
  // The byline above or at the top of the body: publication date (when metadata gave none) and
  // author.
  // Nearest to the body first: a portal header may print today's date far above.
  std::vector<size_t> near;
  for (size_t k = std::min(body_start, n); k-- > 0;) near.push_back(k);
  for (size_t k = body_start; k < n && k < body_start + 4; ++k) near.push_back(k);
  for (size_t k : near) {
    if (!blocks[k].byline) continue;
    if (!article.published && blocks[k].byline->published) article.published = blocks[k].byline->published;
    if (!article.author && blocks[k].byline->author) article.author = blocks[k].byline->author;
  }
  // A date line among the chrome above the body ("21 januari 2022, 14:05") is the publication
  // date when metadata gave none.
  if (!article.published) {
    for (size_t k = 0; k < body_start && k < n; ++k) {
      if (blocks[k].text.size() <= 40) {
        if (auto date = NormalizeDate(blocks[k].text)) {
          article.published = date;
          break;
        }
      }
    }
  }

  // Where the sidebar starts: the next dateline after the article's, or the first age line.
  size_t next_dateline = n;
  for (size_t i = body_start + 1; i < first_age; ++i) {
    if (blocks[i].dateline) {
      next_dateline = i;
      break;
    }
  }
  size_t first_brief = n;  // first block belonging to a brief (headline or dateline paragraph)
  size_t body_end = n;
  if (!page.content_is_body && (next_dateline < n || first_age < n)) {
    size_t anchor;
    if (next_dateline < first_age) {
      anchor = next_dateline;
    } else {
      // The first brief has no dateline: walk back from the age over its paragraphs.
      anchor = first_age;
      while (anchor > body_start + 1 && IsParagraph(blocks[anchor - 1])) --anchor;
    }
    // Do briefs carry headlines? Look at the briefs after the first age line.
    size_t with_headline = 0, briefs = 0;
    for (size_t i = first_age + 1; i < n; ++i) {
      if (blocks[i - 1].age && !blocks[i].age) {
        ++briefs;
        with_headline += blocks[i].heading && i + 1 < n && IsParagraph(blocks[i + 1]);
      }
    }
    bool headlines = briefs > 0 && with_headline * 2 > briefs;
    first_brief = anchor;
    body_end = anchor;
    if (anchor > body_start + 1 && blocks[anchor - 1].heading) {
      bool label_above = anchor > body_start + 2 && blocks[anchor - 2].heading;
      if (headlines || label_above) {
        first_brief = anchor - 1;  // the first brief's headline
        body_end = label_above ? anchor - 2 : anchor - 1;
      } else {
        body_end = anchor - 1;  // the sidebar's label ("Meer uit Buitenland")
      }
    }
  }

  // Body paragraphs.
  // Site template lines are left out unless that would take most of the body: then the "template"
  // is the article itself, seen on several pages (a duplicate, a syndicated story).
  size_t body_bytes = 0, template_bytes = 0;
  for (size_t i = body_start; i < body_end; ++i) {
    if (blocks[i].age || IsFurniture(blocks[i])) continue;
    body_bytes += blocks[i].text.size();
    if (blocks[i].site_template) template_bytes += blocks[i].text.size();
  }
  bool drop_template = template_bytes * 2 < body_bytes;
  std::vector<std::string> paragraphs;
  for (size_t i = body_start; i < body_end; ++i) {
    Block& b = blocks[i];
    if (b.age || IsFurniture(b) || (b.site_template && drop_template)) continue;
    std::string text = b.text;
    if (i == body_start && b.dateline) {
      article.dateline = b.dateline->dateline;
      text = text.substr(b.dateline->length);
    }
    if (article.title && text == *article.title) continue;
    if (text.empty()) continue;
    paragraphs.push_back(std::move(text));
  }
  // A body does not end with headings: those are chrome or an unlabelled sidebar.
  size_t last = paragraphs.size();
  while (last > 0 && LooksLikeHeading(paragraphs[last - 1]) && last > 1) --last;
  paragraphs.resize(last);
  for (size_t i = 1; i + 1 < paragraphs.size(); ++i)
    if (LooksLikeHeading(paragraphs[i])) article.subheadings.push_back(paragraphs[i]);
  article.text = JoinParagraphs(paragraphs);
  if (article.text.empty()) return docs;
  docs.push_back(std::move(article));

  // Briefs: a new brief starts at a headline or dateline after the previous brief's text, and an
  // age line closes the brief above it.
  Document brief;
  std::vector<std::string> brief_paragraphs;
  std::optional<std::string> pending_headline;
  bool after_last_age = false;
  size_t last_age = n;
  for (size_t i = n; i-- > first_brief;) {
    if (blocks[i].age) {
      last_age = i;
      break;
    }
  }
  auto close = [&](std::optional<int64_t> age) {
    if (!brief_paragraphs.empty()) {
      brief.kind = DocumentKind::kBrief;
      brief.text = JoinParagraphs(brief_paragraphs);
      brief.age_seconds = age;
      brief.crawl_time = page.crawl_time;
      docs.push_back(std::move(brief));
    }
    brief = Document();
    brief_paragraphs.clear();
  };
  for (size_t i = first_brief; i < n; ++i) {
    Block& b = blocks[i];
    if (IsFurniture(b)) continue;
    if (b.age) {
      close(b.age);
      pending_headline.reset();
      continue;
    }
    after_last_age = last_age < n && i > last_age;
    bool next_is_text = i + 1 < n && IsParagraph(blocks[i + 1]);
    if (b.heading) {
      if (next_is_text && (!brief_paragraphs.empty() || !after_last_age || blocks[i + 1].dateline)) {
        if (!brief_paragraphs.empty()) close(std::nullopt);
        pending_headline = b.text;
      }
      continue;  // other lone headings between briefs are labels or chrome
    }
    if (b.dateline && !brief_paragraphs.empty()) close(std::nullopt);
    if (brief_paragraphs.empty()) {
      // Past the last age line, only a dateline (or a headline) starts a brief; the rest is
      // footer chrome.
      if (after_last_age && !b.dateline && !pending_headline) continue;
      brief.title = pending_headline;
      pending_headline.reset();
      std::string text = b.text;
      if (b.dateline) {
        brief.dateline = b.dateline->dateline;
        text = text.substr(b.dateline->length);
      }
      if (!text.empty()) brief_paragraphs.push_back(std::move(text));
      continue;
    }
    brief_paragraphs.push_back(b.text);
  }
  close(std::nullopt);
  return docs;
}

}  // namespace wirewatch
