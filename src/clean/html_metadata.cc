// Reads headline, publication date and JSON-LD article body from an outlined HTML page.
//
// JSON-LD is parsed with nlohmann::json in no-throw mode after a cheap nesting check, so a
// hostile script block can neither throw nor recurse deeply.
#include "clean/html_metadata.h"

#include <nlohmann/json.hpp>

#include <array>
#include <string_view>
#include <vector>

#include "core/dates.h"

namespace wirewatch {
namespace {

constexpr size_t kMaxJsonLdBytes = size_t{2} << 20;
constexpr int kMaxJsonLdDepth = 64;

// Maximum bracket nesting outside strings.
int JsonDepth(std::string_view s) {
  int depth = 0, max_depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '{' || c == '[') max_depth = std::max(max_depth, ++depth);
    else if (c == '}' || c == ']') --depth;
  }
  return max_depth;
}

struct JsonLdFacts {
  std::string headline;
  std::string date_published;
  std::string article_body;
  std::string author;
};

// schema.org author: a string, a Person/Organization object, or a list of them.
std::string AuthorName(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_object()) {
    auto it = value.find("name");
    if (it != value.end() && it->is_string()) return it->get<std::string>();
  }
  if (value.is_array()) {
    std::string names;
    for (const auto& v : value) {
      std::string one = AuthorName(v.is_array() ? nlohmann::json() : v);
      if (one.empty()) continue;
      if (!names.empty()) names += ", ";
      names += one;
    }
    return names;
  }
  return {};
}

bool IsArticleType(const nlohmann::json& obj) {
  auto it = obj.find("@type");
  if (it == obj.end()) return false;
  auto check = [](const nlohmann::json& t) {
    if (!t.is_string()) return false;
    const std::string& s = t.get_ref<const std::string&>();
    return s.find("Article") != std::string::npos || s.find("Posting") != std::string::npos ||
           s == "Report";
  };
  if (check(*it)) return true;
  if (it->is_array())
    for (const auto& t : *it)
      if (check(t)) return true;
  return false;
}

std::string StringAt(const nlohmann::json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_string()) return {};
  return it->get_ref<const std::string&>();
}

// Walks all objects (including @graph members) without recursion; article-typed objects win.
void ReadJsonLd(std::string_view text, JsonLdFacts& facts) {
  if (text.size() > kMaxJsonLdBytes || JsonDepth(text) > kMaxJsonLdDepth) return;
  nlohmann::json root = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (root.is_discarded()) return;
  std::vector<const nlohmann::json*> stack = {&root};
  while (!stack.empty()) {
    const nlohmann::json* node = stack.back();
    stack.pop_back();
    if (node->is_array()) {
      for (auto it = node->rbegin(); it != node->rend(); ++it) stack.push_back(&*it);
      continue;
    }
    if (!node->is_object()) continue;
    bool article = IsArticleType(*node);
    std::string body = StringAt(*node, "articleBody");
    if (body.size() > facts.article_body.size()) facts.article_body = body;
    if (article || !body.empty()) {
      std::string headline = StringAt(*node, "headline");
      if (!headline.empty() && facts.headline.empty()) facts.headline = headline;
      std::string date = StringAt(*node, "datePublished");
      if (!date.empty() && facts.date_published.empty()) facts.date_published = date;
      if (auto a = node->find("author"); a != node->end() && facts.author.empty())
        facts.author = AuthorName(*a);
    }
    for (const auto& [key, value] : node->items())
      if (value.is_object() || value.is_array()) stack.push_back(&value);
  }
}

const HtmlMeta* FindMeta(const HtmlOutline& o, std::string_view key) {
  for (const HtmlMeta& m : o.meta)
    if (m.key == key) return &m;
  return nullptr;
}

std::optional<std::string> FirstDate(const HtmlOutline& o, const JsonLdFacts& ld) {
  static constexpr std::array<std::string_view, 12> kMetaKeys = {
      "article:published_time", "og:article:published_time", "datepublished",
      "pubdate",                "publishdate",               "publish-date",
      "dc.date.issued",         "dcterms.created",           "parsely-pub-date",
      "sailthru.date",          "article.published",         "date"};
  for (std::string_view key : kMetaKeys) {
    if (key == "date") {
      if (auto d = NormalizeDate(ld.date_published)) return d;
    }
    if (const HtmlMeta* m = FindMeta(o, key))
      if (auto d = NormalizeDate(m->value)) return d;
  }
  if (auto d = NormalizeDate(ld.date_published)) return d;
  // A <time datetime> inside non-chrome content comes before one in a sidebar.
  for (int pass = 0; pass < 2; ++pass) {
    for (const HtmlMeta& m : o.meta) {
      if (m.key != "time") continue;
      if (pass == 0 && o.elements[m.element].chrome != 0) continue;
      if (auto d = NormalizeDate(m.value)) return d;
    }
  }
  return std::nullopt;
}

bool IsSeparator(std::string_view s) {
  return s == "|" || s == "-" || s == "\xE2\x80\x93" || s == "\xE2\x80\x94" || s == "::" ||
         s == "\xC2\xB7" || s == "\xE2\x80\xA2" || s == "/";
}

size_t CountWords(std::string_view s) {
  size_t words = 0;
  bool in_word = false;
  for (char c : s) {
    bool space = c == ' ';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

}  // namespace

std::string StripTitleSuffix(std::string_view title, std::string_view known) {
  std::string t = CollapseSpaces(title);
  if (!known.empty() && t.size() > known.size() && t.compare(0, known.size(), known) == 0) {
    std::string_view rest = std::string_view(t).substr(known.size());
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    size_t sp = rest.find(' ');
    if (IsSeparator(rest.substr(0, sp))) return std::string(known);
  }
  // Drop up to two short trailing parts: "Headline - Section | Site".
  for (int round = 0; round < 2; ++round) {
    size_t best = std::string::npos;
    for (size_t i = t.size(); i-- > 1;) {
      if (t[i - 1] != ' ') continue;
      size_t end = t.find(' ', i);
      if (end == std::string::npos) continue;
      if (IsSeparator(std::string_view(t).substr(i, end - i))) {
        best = i - 1;
        break;
      }
    }
    if (best == std::string::npos) break;
    std::string_view head = std::string_view(t).substr(0, best);
    std::string_view tail = std::string_view(t).substr(t.find(' ', best + 1) + 1);
    if (CountWords(tail) > 4 || tail.size() >= head.size() || CountWords(head) < 1) break;
    t = std::string(head);
  }
  return t;
}

HtmlMetadata ReadHtmlMetadata(const HtmlOutline& o) {
  HtmlMetadata md;
  JsonLdFacts ld;
  for (const std::string& script : o.json_ld) ReadJsonLd(script, ld);
  // Keep the body's own line breaks as paragraph breaks.
  size_t start = 0;
  while (start < ld.article_body.size()) {
    size_t nl = ld.article_body.find('\n', start);
    if (nl == std::string::npos) nl = ld.article_body.size();
    std::string para = CollapseSpaces(std::string_view(ld.article_body).substr(start, nl - start));
    if (!para.empty()) {
      if (!md.ld_article_body.empty()) md.ld_article_body += "\n\n";
      md.ld_article_body += para;
    }
    start = nl + 1;
  }
  md.published = FirstDate(o, ld);
  // An author that is a profile URL names nobody readable.
  std::string author = CollapseSpaces(ld.author);
  if (author.empty())
    for (std::string_view key : {"author", "article:author", "dc.creator", "byl"})
      if (const HtmlMeta* m = FindMeta(o, key)) {
        author = CollapseSpaces(m->value);
        break;
      }
  if (author.rfind("By ", 0) == 0 || author.rfind("Door ", 0) == 0) author.erase(0, author.find(' ') + 1);
  if (!author.empty() && author.find("://") == std::string::npos && author.size() <= 200)
    md.author = author;
  // The page's own address: the canonical link, else Open Graph / Twitter. Only an absolute
  // http(s) URL without spaces: a relative or templated one names no site.
  for (std::string_view key : {"canonical", "og:url", "twitter:url"}) {
    const HtmlMeta* m = FindMeta(o, key);
    if (m == nullptr) continue;
    std::string url = CollapseSpaces(m->value);
    bool web = url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
    if (web && url.size() <= 2048 && url.find(' ') == std::string::npos &&
        url.find("://", 8) == std::string::npos) {
      md.url = url;
      break;
    }
  }

  // Every <h1> outside chrome (else every one): a page may mark its logo as <h1> too.
  // A logo <h1> is usually a link home: headings that are mostly link text count only when no
  // other agrees.
  std::vector<std::string> h1s;
  std::vector<bool> linked;
  for (int pass = 0; pass < 2 && h1s.empty(); ++pass)
    for (const HtmlBlock& b : o.blocks)
      if (b.heading == 1 && (pass == 1 || b.chrome == 0) && b.text.size() >= 8) {
        h1s.push_back(b.text);
        linked.push_back(b.link_chars * 2 > static_cast<int>(b.text.size()));
      }
  std::string h1 = h1s.empty() ? std::string() : h1s.front();
  std::vector<std::string> candidates;
  for (std::string_view key : {"og:title", "twitter:title"})
    if (const HtmlMeta* m = FindMeta(o, key)) candidates.push_back(m->value);
  candidates.push_back(ld.headline);
  candidates.push_back(o.title_tag);
  // An <h1> agrees with a metadata title that starts with it ("Headline | Site") or ends with it
  // after a separator ("Site | Headline"). Where several agree (the logo and the headline), the
  // longest is the headline.
  auto agrees = [](const std::string& title, const std::string& heading) {
    if (title.compare(0, heading.size(), heading) == 0) return true;
    if (title.size() <= heading.size() + 2 ||
        title.compare(title.size() - heading.size(), heading.size(), heading) != 0 ||
        title[title.size() - heading.size() - 1] != ' ')
      return false;
    std::string_view before = std::string_view(title).substr(0, title.size() - heading.size() - 1);
    size_t sp = before.rfind(' ');
    return IsSeparator(sp == std::string_view::npos ? before : before.substr(sp + 1));
  };
  const std::string* best = nullptr;
  bool best_linked = true;
  for (const std::string& c : candidates) {
    std::string collapsed = CollapseSpaces(c);
    if (collapsed.empty()) continue;
    for (size_t k = 0; k < h1s.size(); ++k) {
      if (!agrees(collapsed, h1s[k])) continue;
      bool better = !best || (best_linked && !linked[k]) ||
                    (best_linked == linked[k] && h1s[k].size() > best->size());
      if (better) best = &h1s[k], best_linked = linked[k];
    }
  }
  if (best) {
    md.title = *best;
    return md;
  }
  for (const std::string& c : candidates) {
    std::string t = StripTitleSuffix(c);
    if (!t.empty()) {
      md.title = t;
      return md;
    }
  }
  if (!h1.empty()) md.title = h1;
  return md;
}

}  // namespace wirewatch
