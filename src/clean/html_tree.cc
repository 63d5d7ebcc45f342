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

#include "clean/html_rules.h"

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

// An attribute's value without copying it: libxml2's HTML parser stores each value as one text
// child with entities already resolved. Anything else (a tree built by other means) goes
// through xmlNodeListGetString into `scratch`. Empty when absent.
std::string_view AttrValue(const xmlAttr* attr, std::string& scratch) {
  const xmlNode* child = attr->children;
  if (child == nullptr) return {};
  if (child->next == nullptr && child->type == XML_TEXT_NODE) {
    return child->content ? std::string_view(reinterpret_cast<const char*>(child->content))
                          : std::string_view();
  }
  XmlString value(xmlNodeListGetString(attr->doc, attr->children, 1));
  scratch = value ? reinterpret_cast<const char*>(value.get()) : "";
  return scratch;
}

// The attributes the walker reads, found in one pass over the element's attribute list.
struct Attributes {
  std::string_view cls, id, role, itemprop, style, aria_hidden, type, content, datetime;
  std::string_view property, name;
  bool hidden = false;
  // Owns values that had to be assembled (see AttrValue); stable across the pass.
  std::array<std::string, 11> scratch;
};

bool EqualsIgnoreCase(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != lower[i]) return false;
  return true;
}

void ReadAttributes(const xmlNode* node, Attributes& a) {
  for (const xmlAttr* attr = node->properties; attr; attr = attr->next) {
    if (attr->name == nullptr) continue;
    std::string_view name(reinterpret_cast<const char*>(attr->name));
    // libxml2 lower-cases HTML attribute names; the first attribute of a name wins, as with
    // xmlGetProp.
    struct Slot {
      std::string_view name;
      std::string_view* value;
    };
    const Slot slots[] = {
        {"class", &a.cls},         {"id", &a.id},           {"role", &a.role},
        {"itemprop", &a.itemprop}, {"style", &a.style},     {"aria-hidden", &a.aria_hidden},
        {"type", &a.type},         {"content", &a.content}, {"datetime", &a.datetime},
        {"property", &a.property}, {"name", &a.name}};
    if (name == "hidden") {
      a.hidden = true;
      continue;
    }
    for (size_t k = 0; k < std::size(slots); ++k) {
      if (name != slots[k].name) continue;
      if (slots[k].value->data() == nullptr) {
        *slots[k].value = AttrValue(attr, a.scratch[k]);
        // Present but empty still counts as found.
        if (slots[k].value->data() == nullptr) *slots[k].value = std::string_view("", 0);
      }
      break;
    }
  }
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

template <size_t N>
bool OneOf(std::string_view s, const std::array<std::string_view, N>& sorted_table) {
  return html_rules::Contains(sorted_table, s);
}

using html_rules::kBlockTags;
using html_rules::kChromeRoles;
using html_rules::kChromeTags;
using html_rules::kChromeWords;
using html_rules::kContentWords;
using html_rules::kGluedChromeException;
using html_rules::kGluedChromeStems;
using html_rules::kSkipTags;

// Longest class/id word or name compared against the tables; longer ones are judged on a heap
// copy (rare: generated class names).
constexpr size_t kShortName = 64;

struct HintVerdict {
  bool chrome = false;
  bool content = false;
};

// Judges one class or id name: its words (split at non-letters and camelCase humps,
// lower-cased) against the word tables, and its lower-cased whole against the glued stems.
void JudgeName(std::string_view name, bool& chrome, bool& content) {
  char word[kShortName];
  size_t len = 0;
  bool long_word = false;
  auto flush = [&] {
    if (len > 0 && !long_word && html_rules::MayBeWord(std::string_view(word, len))) {
      std::string_view w(word, len);
      if (OneOf(w, kChromeWords)) chrome = true;
      if (OneOf(w, kContentWords)) content = true;
    }
    len = 0;
    long_word = false;
  };
  for (size_t i = 0; i < name.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    if (!std::isalpha(c)) {
      flush();
      continue;
    }
    if (std::isupper(c) && i > 0 && std::islower(static_cast<unsigned char>(name[i - 1]))) flush();
    // No table word is this long, so a longer word matches nothing.
    if (len == kShortName)
      long_word = true;
    else
      word[len++] = static_cast<char>(std::tolower(c));
  }
  flush();
  char lower_buf[kShortName];
  std::string lower_heap;
  std::string_view lower;
  if (name.size() <= kShortName) {
    for (size_t i = 0; i < name.size(); ++i)
      lower_buf[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[i])));
    lower = std::string_view(lower_buf, name.size());
  } else {
    lower_heap = Lower(name);
    lower = lower_heap;
  }
  if (lower != kGluedChromeException) {
    for (std::string_view glued : kGluedChromeStems)
      if (lower.find(glued) != std::string_view::npos) chrome = true;
  }
}

// Judges class and id values: chrome when some name reads as chrome and none purely as content
// ("article-body share-enabled" stays content; "related-articles" is chrome).
HintVerdict JudgeHints(std::string_view class_attr, std::string_view id_attr) {
  bool any_chrome = false, any_content = false;
  for (std::string_view attr : {class_attr, id_attr}) {
    size_t i = 0;
    while (i < attr.size()) {
      while (i < attr.size() && std::isspace(static_cast<unsigned char>(attr[i]))) ++i;
      size_t j = i;
      while (j < attr.size() && !std::isspace(static_cast<unsigned char>(attr[j]))) ++j;
      if (j > i) {
        bool chrome = false, content = false;
        JudgeName(attr.substr(i, j - i), chrome, content);
        if (chrome)
          any_chrome = true;
        else if (content)
          any_content = true;
      }
      i = j;
    }
  }
  return {any_chrome && !any_content, any_content};
}

// `text` contains `needle` (lower case, no spaces) once spaces are removed and case ignored.
bool ContainsIgnoringSpaces(std::string_view text, std::string_view needle) {
  for (size_t start = 0; start < text.size(); ++start) {
    size_t i = start, k = 0;
    while (i < text.size() && k < needle.size()) {
      char c = static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
      ++i;
      if (c == ' ') {
        if (k == 0) break;  // a match starts at a non-space
        continue;
      }
      if (c != needle[k]) break;
      ++k;
    }
    if (k == needle.size()) return true;
  }
  return false;
}

bool LooksHidden(const Attributes& a) {
  if (a.hidden) return true;
  if (EqualsIgnoreCase(a.aria_hidden, "true")) return true;
  return ContainsIgnoringSpaces(a.style, "display:none") ||
         ContainsIgnoringSpaces(a.style, "visibility:hidden");
}

// Collects text with whitespace collapsed, tracking how much of it sits inside links.
class BlockBuilder {
 public:
  void Append(std::string_view s, bool in_link) {
    for (size_t i = 0; i < s.size(); ++i) {
      // Runs of bytes that are neither white space nor the lead byte of a character handled
      // below are copied whole: most text is such runs.
      size_t run = i;
      while (run < s.size()) {
        unsigned char r = static_cast<unsigned char>(s[run]);
        if (r <= ' ' || r == 0xC2 || r == 0xE2) break;
        ++run;
      }
      if (run > i) {
        AppendRun(s.substr(i, run - i), in_link);
        i = run;
        if (i == s.size()) break;
      }
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

  // Appends bytes that are all non-space characters; same effect as appending them one by one.
  void AppendRun(std::string_view run, bool in_link) {
    if (pending_space_) {
      text_ += ' ';
      if (in_link) ++link_chars_;
      pending_space_ = false;
    }
    if (text_.empty()) starts_with_link_ = in_link;
    text_.append(run);
    if (in_link) link_chars_ += static_cast<int>(run.size());
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
  bool in_article;  // inside an <article> element
};

class Walker {
 public:
  Walker(int max_depth, HtmlOutline& out) : max_depth_(max_depth), out_(out) {}

  void Run(xmlDoc* doc) {
    out_.elements.push_back(HtmlElement{});  // the document root
    xmlNode* root = xmlDocGetRootElement(doc);
    if (!root) return;
    frames_.push_back(Frame{nullptr, 0, 0, true, false, 0, false, false});
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
      if (node->content) builder_.Append(reinterpret_cast<const char*>(node->content), top.link);
      return false;
    }
    if (node->type != XML_ELEMENT_NODE) return false;
    std::string tag = Lower(Name(node));
    if (tag == "meta") {
      Attributes a;
      ReadAttributes(node, a);
      RecordMeta(a, top.element);
      return false;
    }
    // <link rel="canonical" href="...">: the page's own address, kept as a meta "canonical".
    // Read here, not by ReadAttributes, which every element (every <a href>) passes through.
    if (tag == "link") {
      std::string rel_scratch, href_scratch;
      std::string_view rel, href;
      for (const xmlAttr* attr = node->properties; attr; attr = attr->next) {
        if (attr->name == nullptr) continue;
        std::string_view attr_name(reinterpret_cast<const char*>(attr->name));
        if (attr_name == "rel" && rel.data() == nullptr) rel = AttrValue(attr, rel_scratch);
        if (attr_name == "href" && href.data() == nullptr) href = AttrValue(attr, href_scratch);
      }
      if (EqualsIgnoreCase(rel, "canonical") && !href.empty())
        out_.meta.push_back(HtmlMeta{"canonical", std::string(href), top.element});
      return false;
    }
    if (tag == "title") {
      if (out_.title_tag.empty()) out_.title_tag = TextOf(node);
      return false;
    }
    if (tag == "script") {
      Attributes a;
      ReadAttributes(node, a);
      if (EqualsIgnoreCase(a.type, "application/ld+json")) out_.json_ld.push_back(TextOf(node));
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
    if (tag.size() == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6')
      frame.heading = tag[1] - '0';
    if (tag == "li") frame.list_item = true;
    if (tag == "article") frame.in_article = true;

    int depth = out_.elements[top.element].depth + 1;
    if (depth <= max_depth_) {
      HtmlElement e;
      e.parent = top.element;
      e.depth = depth;
      e.tag = tag;
      e.content_hint = tag == "article" || tag == "main";
      Attributes a;
      ReadAttributes(node, a);
      e.article_body = a.itemprop == "articleBody";
      e.content_hint = e.content_hint || e.article_body;
      bool structural = tag == "html" || tag == "body" || tag == "article" || tag == "main";
      if (OneOf(tag, kChromeTags) || (!a.role.empty() && OneOf(Lower(a.role), kChromeRoles)) ||
          LooksHidden(a))
        e.own_chrome |= kChromeTag;
      // An <article> inside another is, in HTML's own terms, a related item: a comment, a
      // teaser card, an embedded post. The veto in InheritChrome keeps a page-wide outer
      // <article> from hiding the story inside it.
      if (tag == "article" && top.in_article) e.own_chrome |= kChromeHint;
      if (!structural && !e.article_body) {
        HintVerdict v = JudgeHints(a.cls, a.id);
        if (v.chrome) e.own_chrome |= kChromeHint;
        e.content_hint = e.content_hint || v.content;
      }
      if (!a.itemprop.empty()) {
        std::string_view value = a.content.empty() ? a.datetime : a.content;
        if (!value.empty())
          out_.meta.push_back(HtmlMeta{Lower(a.itemprop), std::string(value),
                                       static_cast<int>(out_.elements.size())});
      }
      if (tag == "time" && !a.datetime.empty())
        out_.meta.push_back(
            HtmlMeta{"time", std::string(a.datetime), static_cast<int>(out_.elements.size())});
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
    out_.deepest = std::max(out_.deepest, static_cast<int>(frames_.size()) - 1);
    return true;
  }

  // Paragraph-like text: long enough, few links. Used only to veto chrome on big wrappers.
  static bool IsProse(const HtmlBlock& b) {
    return b.heading == 0 && b.text.size() >= 80 &&
           b.link_chars * 3 < static_cast<int>(b.text.size());
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

  void RecordMeta(const Attributes& a, int element) {
    std::string_view key = a.property;
    if (key.empty()) key = a.name;
    if (key.empty()) key = a.itemprop;
    if (key.empty() || a.content.empty()) return;
    out_.meta.push_back(HtmlMeta{Lower(key), std::string(a.content), element});
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
