// Flattens libxml2's HTML tree into the element table and text blocks the extractor scores.
//
// The walk is iterative (explicit frames, sibling/parent pointers), so nesting depth costs heap,
// never call stack. Chrome evidence (tags, roles, hidden markers, class/id words) is decided
// once per element here and inherited down, so later stages only test a bit.
#include "clean/html_tree.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>

namespace wirewatch {
namespace {

struct DocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocDeleter>;

struct XmlCharDeleter {
  void operator()(xmlChar* s) const { xmlFree(s); }
};
using XmlString = std::unique_ptr<xmlChar, XmlCharDeleter>;

std::string_view Name(const xmlNode* node) {
  return node->name ? std::string_view(reinterpret_cast<const char*>(node->name)) : "";
}

// An attribute's value; empty when absent.
std::string Attr(xmlNode* node, const char* name) {
  XmlString value(xmlGetProp(node, reinterpret_cast<const xmlChar*>(name)));
  return value ? std::string(reinterpret_cast<const char*>(value.get())) : std::string();
}

bool HasAttr(xmlNode* node, const char* name) {
  return xmlHasProp(node, reinterpret_cast<const xmlChar*>(name)) != nullptr;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

template <size_t N>
bool OneOf(std::string_view s, const std::array<std::string_view, N>& set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

// Elements whose text is never content.
constexpr std::array<std::string_view, 22> kSkipTags = {
    "script", "style",  "noscript", "template", "svg",   "math",   "iframe", "object",
    "embed",  "canvas", "select",   "button",   "input", "textarea", "audio", "video",
    "picture", "source", "map",     "link",     "label", "area"};

constexpr std::array<std::string_view, 45> kBlockTags = {
    "address", "article", "aside",  "blockquote", "body",    "center",  "dd",       "details",
    "dialog",  "dir",     "div",    "dl",         "dt",      "fieldset", "figcaption", "figure",
    "footer",  "form",    "h1",     "h2",         "h3",      "h4",      "h5",       "h6",
    "header",  "hgroup",  "hr",     "html",       "li",      "main",    "menu",     "nav",
    "ol",      "p",       "pre",    "section",    "summary", "table",   "tbody",    "td",
    "tfoot",   "th",      "thead",  "tr",         "ul"};

constexpr std::array<std::string_view, 8> kChromeTags = {
    "nav", "footer", "aside", "header", "dialog", "menu", "figure", "figcaption"};

constexpr std::array<std::string_view, 10> kChromeRoles = {
    "navigation", "banner", "contentinfo", "complementary", "dialog",
    "alert",      "menu",   "menubar",     "search",        "toolbar"};

// Words in class and id values that mark page chrome.
constexpr std::array<std::string_view, 83> kChromeWords = {
    "nav",        "navbar",      "navigation", "menu",        "menus",       "footer",
    "header",     "masthead",    "sidebar",    "aside",       "breadcrumb",  "breadcrumbs",
    "share",      "sharing",     "shares",     "sharebar",    "social",      "related",
    "recommended", "recommendations", "recirc", "comment",    "comments",    "disqus",
    "cookie",     "cookies",     "consent",    "gdpr",        "newsletter",  "subscribe",
    "subscription", "signup",    "promo",      "promotion",   "promoted",    "sponsor",
    "sponsored",  "ad",          "ads",        "advert",      "advertisement", "advertising",
    "dfp",        "banner",      "popup",      "modal",       "overlay",     "outbrain",
    "taboola",    "widget",      "trending",   "popular",     "toolbar",     "tags",
    "byline",     "author",      "caption",    "credit",      "credits",     "timestamp",
    "sr",         "login",       "carousel",
    "pagination", "pager",       "rating",     "poll",        "feedback",    "meta",
    "bio",        "disclaimer",  "copyright",  "legal",       "notification", "mostread",
    "skip",       "jump",        "topics",     "keywords",    "follow",      "email",
    "inline-ad",  "teaser"};

constexpr std::array<std::string_view, 11> kContentWords = {
    "article", "articlebody", "content", "entry", "main", "post",
    "story",   "body",        "text",    "prose", "blog"};

// Splits one class name into lower-case words at '-', '_', digits and camelCase humps.
std::vector<std::string> ClassWords(std::string_view name) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) words.push_back(std::move(word));
    word.clear();
  };
  for (size_t i = 0; i < name.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    if (!std::isalpha(c)) {
      flush();
      continue;
    }
    if (std::isupper(c) && i > 0 && std::islower(static_cast<unsigned char>(name[i - 1]))) flush();
    word += static_cast<char>(std::tolower(c));
  }
  flush();
  return words;
}

struct HintVerdict {
  bool chrome = false;
  bool content = false;
};

// Judges class and id values: chrome when some name reads as chrome and none purely as content
// ("article-body share-enabled" stays content; "related-articles" is chrome).
HintVerdict JudgeHints(const std::string& class_attr, const std::string& id_attr) {
  bool any_chrome = false, any_content = false;
  auto judge_name = [&](std::string_view name) {
    bool chrome = false, content = false;
    for (const std::string& w : ClassWords(name)) {
      if (OneOf(w, kChromeWords)) chrome = true;
      if (OneOf(w, kContentWords)) content = true;
    }
    // Glued compounds ("relatedArticles" is split, "relatedarticles" is not).
    std::string lower = Lower(name);
    for (std::string_view glued : {"related", "cookie", "newsletter", "sidebar", "footer",
                                   "breadcrumb", "social", "comment", "advert", "sharing"}) {
      if (lower.find(glued) != std::string::npos && lower != "commentary") chrome = true;
    }
    if (chrome) any_chrome = true;
    else if (content) any_content = true;
  };
  for (const std::string* attr : {&class_attr, &id_attr}) {
    size_t i = 0;
    while (i < attr->size()) {
      while (i < attr->size() && std::isspace(static_cast<unsigned char>((*attr)[i]))) ++i;
      size_t j = i;
      while (j < attr->size() && !std::isspace(static_cast<unsigned char>((*attr)[j]))) ++j;
      if (j > i) judge_name(std::string_view(*attr).substr(i, j - i));
      i = j;
    }
  }
  return {any_chrome && !any_content, any_content};
}

bool LooksHidden(xmlNode* node) {
  if (HasAttr(node, "hidden")) return true;
  if (Lower(Attr(node, "aria-hidden")) == "true") return true;
  std::string style = Lower(Attr(node, "style"));
  style.erase(std::remove(style.begin(), style.end(), ' '), style.end());
  return style.find("display:none") != std::string::npos ||
         style.find("visibility:hidden") != std::string::npos;
}

// Collects text with whitespace collapsed, tracking how much of it sits inside links.
class BlockBuilder {
 public:
  void Append(std::string_view s, bool in_link) {
    for (size_t i = 0; i < s.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
      if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
        space = true;  // no-break space
        ++i;
      } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xAD) {
        ++i;  // soft hyphen
        continue;
      } else if (c == 0xE2 && s.substr(i, 3) == "\xE2\x80\x8B") {
        i += 2;  // zero-width space
        continue;
      }
      if (space) {
        pending_space_ = !text_.empty();
        continue;
      }
      if (pending_space_) {
        text_ += ' ';
        if (in_link) ++link_chars_;
        pending_space_ = false;
      }
      if (text_.empty()) starts_with_link_ = in_link;
      text_ += static_cast<char>(c);
      if (in_link) ++link_chars_;
    }
  }

  // Ends the current block; returns false when it held no text.
  bool Take(HtmlBlock& block) {
    pending_space_ = false;
    if (text_.empty()) return false;
    block.text = std::move(text_);
    block.link_chars = link_chars_;
    block.starts_with_link = starts_with_link_;
    text_.clear();
    link_chars_ = 0;
    return true;
  }

 private:
  std::string text_;
  int link_chars_ = 0;
  bool starts_with_link_ = false;
  bool pending_space_ = false;
};

// An element holding more than this share of the page's prose is never chrome.
constexpr double kChromeVetoShare = 0.6;

struct Frame {
  xmlNode* node;
  int element;     // innermost element table entry (flattened elements reuse their ancestor's)
  int block_elem;  // innermost block-level element
  bool block;      // this node opened a block boundary
  bool link;
  int heading;
  bool list_item;
};

class Walker {
 public:
  Walker(int max_depth, HtmlOutline& out) : max_depth_(max_depth), out_(out) {}

  void Run(xmlDoc* doc) {
    out_.elements.push_back(HtmlElement{});  // the document root
    xmlNode* root = xmlDocGetRootElement(doc);
    if (!root) return;
    frames_.push_back(Frame{nullptr, 0, 0, true, false, 0, false});
    // Start at the first top-level node so comments or a doctype before <html> are fine.
    xmlNode* node = root;
    while (node->prev) node = node->prev;
    while (node) {
      bool descend = Enter(node);
      if (descend && node->children) {
        node = node->children;
        continue;
      }
      if (descend) Leave();
      // Climb until a sibling exists, closing elements on the way.
      while (node && !node->next) {
        node = node->parent;
        if (!node || node->type == XML_DOCUMENT_NODE || node->type == XML_HTML_DOCUMENT_NODE) {
          node = nullptr;
          break;
        }
        Leave();
      }
      if (node) node = node->next;
    }
    Flush();
    for (size_t i = out_.elements.size(); i-- > 0;) {
      HtmlElement& e = out_.elements[i];
      if (e.end == 0) e.end = static_cast<int>(out_.elements.size());
    }
    InheritChrome();
  }

 private:
  // Handles a node on the way down; true when its children (and a matching Leave) follow.
  bool Enter(xmlNode* node) {
    const Frame& top = frames_.back();
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      if (node->content)
        builder_.Append(reinterpret_cast<const char*>(node->content), top.link);
      return false;
    }
    if (node->type != XML_ELEMENT_NODE) return false;
    std::string tag = Lower(Name(node));
    if (tag == "meta") {
      RecordMeta(node, top.element);
      return false;
    }
    if (tag == "title") {
      if (out_.title_tag.empty()) out_.title_tag = TextOf(node);
      return false;
    }
    if (tag == "script") {
      if (Lower(Attr(node, "type")) == "application/ld+json") out_.json_ld.push_back(TextOf(node));
      return false;
    }
    if (tag == "br" || tag == "hr") {
      Flush();
      return false;
    }
    if (tag == "img") return false;
    if (OneOf(tag, kSkipTags)) return false;

    Frame frame = top;
    frame.node = node;
    frame.block = false;
    if (tag == "a") frame.link = true;
    if (tag.size() == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6') frame.heading = tag[1] - '0';
    if (tag == "li") frame.list_item = true;

    int depth = out_.elements[top.element].depth + 1;
    if (depth <= max_depth_) {
      HtmlElement e;
      e.parent = top.element;
      e.depth = depth;
      e.tag = tag;
      e.content_hint = tag == "article" || tag == "main";
      std::string itemprop = Attr(node, "itemprop");
      e.article_body = itemprop == "articleBody";
      e.content_hint = e.content_hint || e.article_body;
      bool structural = tag == "html" || tag == "body" || tag == "article" || tag == "main";
      std::string role = Lower(Attr(node, "role"));
      if (OneOf(tag, kChromeTags) || OneOf(role, kChromeRoles) || LooksHidden(node))
        e.own_chrome |= kChromeTag;
      if (!structural && !e.article_body) {
        HintVerdict v = JudgeHints(Attr(node, "class"), Attr(node, "id"));
        if (v.chrome) e.own_chrome |= kChromeHint;
        e.content_hint = e.content_hint || v.content;
      }
      if (!itemprop.empty()) {
        std::string value = Attr(node, "content");
        if (value.empty()) value = Attr(node, "datetime");
        if (!value.empty())
          out_.meta.push_back(HtmlMeta{Lower(itemprop), value, static_cast<int>(out_.elements.size())});
      }
      if (tag == "time") {
        std::string value = Attr(node, "datetime");
        if (!value.empty())
          out_.meta.push_back(HtmlMeta{"time", value, static_cast<int>(out_.elements.size())});
      }
      bool new_chrome = e.own_chrome != 0;
      out_.elements.push_back(std::move(e));
      frame.element = static_cast<int>(out_.elements.size()) - 1;
      // Inline chrome (a byline <span>) becomes its own block so its flag can be told apart.
      if (OneOf(tag, kBlockTags) || new_chrome || frame.heading) {
        Flush();
        frame.block = true;
        frame.block_elem = frame.element;
      }
    }
    frames_.push_back(frame);
    return true;
  }

  // Paragraph-like text: long enough, few links. Used only to veto chrome on big wrappers.
  static bool IsProse(const HtmlBlock& b) {
    return b.heading == 0 && b.text.size() >= 80 && b.link_chars * 3 < static_cast<int>(b.text.size());
  }

  void InheritChrome() {
    std::vector<HtmlElement>& el = out_.elements;
    std::vector<double> prose(el.size(), 0.0);
    for (const HtmlBlock& b : out_.blocks)
      if (IsProse(b)) prose[b.element] += static_cast<double>(b.text.size());
    for (size_t i = el.size(); i-- > 1;) prose[el[i].parent] += prose[i];
    double total = prose[0];
    for (size_t i = 1; i < el.size(); ++i) {
      uint8_t own = el[i].own_chrome;
      if (own != 0 && total > 0 && prose[i] > kChromeVetoShare * total) own = 0;
      el[i].chrome = el[el[i].parent].chrome | own;
    }
    for (HtmlBlock& b : out_.blocks) b.chrome = el[b.element].chrome;
  }

  void Leave() {
    if (frames_.size() <= 1) return;
    Frame frame = frames_.back();
    if (frame.block) Flush();
    if (frame.element != frames_[frames_.size() - 2].element)
      out_.elements[frame.element].end = static_cast<int>(out_.elements.size());
    frames_.pop_back();
  }

  void Flush() {
    HtmlBlock block;
    if (!builder_.Take(block)) return;
    const Frame& top = frames_.back();
    block.element = top.block_elem;
    block.heading = top.heading;
    block.list_item = top.list_item;
    out_.blocks.push_back(std::move(block));
  }

  // Text of an element that holds only text (title, script), without walking deeper.
  static std::string TextOf(xmlNode* node) {
    std::string text;
    for (xmlNode* c = node->children; c; c = c->next) {
      if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
        text += reinterpret_cast<const char*>(c->content);
    }
    return text;
  }

  void RecordMeta(xmlNode* node, int element) {
    std::string key = Attr(node, "property");
    if (key.empty()) key = Attr(node, "name");
    if (key.empty()) key = Attr(node, "itemprop");
    std::string value = Attr(node, "content");
    if (key.empty() || value.empty()) return;
    out_.meta.push_back(HtmlMeta{Lower(key), std::move(value), element});
  }

  int max_depth_;
  HtmlOutline& out_;
  std::vector<Frame> frames_;
  BlockBuilder builder_;
};

}  // namespace

HtmlOutline OutlineHtml(std::string_view html, int max_depth) {
  // libxml2 wants one initialisation before concurrent use; a function-local static makes
  // that happen exactly once without mutable globals of our own.
  static const bool kInitialised = [] {
    xmlInitParser();
    return true;
  }();
  (void)kInitialised;
  HtmlOutline out;
  if (html.empty() || html.size() > static_cast<size_t>(INT32_MAX)) return out;
  DocPtr doc(htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8",
                            HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                HTML_PARSE_NONET | HTML_PARSE_COMPACT));
  if (!doc) return out;
  out.parsed = true;
  Walker(std::max(1, max_depth), out).Run(doc.get());
  return out;
}

}  // namespace wirewatch
