// The HTML cleaner's vocabulary: which tags, roles and class/id words mark page chrome or
// content. Immutable tables, compiled in, and kept apart from the code that uses them.
//
// Why compiled in rather than a file under data/: these are words of HTML practice (nav,
// footer, cookie, share, articleBody), the same for every site and language, not knowledge that
// users tune per deployment; CleanPage runs without a data directory (tests, fuzzers, library
// users), so a loaded table would add a failure path and a way to run with no rules at all. As
// constexpr arrays they cannot change at run time and are safe to share between threads. Edit
// them here, and add a case to tests/clean/html_page_test.cc for each word added.
//
// Structural evidence (link density, paragraph shape, position, repetition) does the main work
// in html_content.cc; these words only break ties and remove what structure cannot see (a
// cookie notice written as prose).
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>

namespace wirewatch::html_rules {

// Elements whose text is never content.
inline constexpr std::array<std::string_view, 22> kSkipTags = {
    "area",   "audio", "button", "canvas",   "embed",    "iframe",  "input",  "label",
    "link",   "map",   "math",   "noscript", "object",   "picture", "script", "select",
    "source", "style", "svg",    "template", "textarea", "video"};

// Elements that end a run of text (a block).
inline constexpr std::array<std::string_view, 45> kBlockTags = {
    "address", "article", "aside", "blockquote", "body",    "center",   "dd",         "details",
    "dialog",  "dir",     "div",   "dl",         "dt",      "fieldset", "figcaption", "figure",
    "footer",  "form",    "h1",    "h2",         "h3",      "h4",       "h5",         "h6",
    "header",  "hgroup",  "hr",    "html",       "li",      "main",     "menu",       "nav",
    "ol",      "p",       "pre",   "section",    "summary", "table",    "tbody",      "td",
    "tfoot",   "th",      "thead", "tr",         "ul"};

inline constexpr std::array<std::string_view, 8> kChromeTags = {
    "aside", "dialog", "figcaption", "figure", "footer", "header", "menu", "nav"};

inline constexpr std::array<std::string_view, 10> kChromeRoles = {
    "alert", "banner",  "complementary", "contentinfo", "dialog",
    "menu",  "menubar", "navigation",    "search",      "toolbar"};

// Words of class and id values (split at '-', '_', digits and camelCase humps, lower-cased)
// that mark page chrome.
inline constexpr std::array<std::string_view, 82> kChromeWords = {"ad",
                                                                  "ads",
                                                                  "advert",
                                                                  "advertisement",
                                                                  "advertising",
                                                                  "aside",
                                                                  "author",
                                                                  "banner",
                                                                  "bio",
                                                                  "breadcrumb",
                                                                  "breadcrumbs",
                                                                  "byline",
                                                                  "caption",
                                                                  "carousel",
                                                                  "comment",
                                                                  "comments",
                                                                  "consent",
                                                                  "cookie",
                                                                  "cookies",
                                                                  "copyright",
                                                                  "credit",
                                                                  "credits",
                                                                  "dfp",
                                                                  "disclaimer",
                                                                  "disqus",
                                                                  "email",
                                                                  "feedback",
                                                                  "follow",
                                                                  "footer",
                                                                  "gdpr",
                                                                  "header",
                                                                  "jump",
                                                                  "keywords",
                                                                  "legal",
                                                                  "login",
                                                                  "masthead",
                                                                  "menu",
                                                                  "menus",
                                                                  "meta",
                                                                  "modal",
                                                                  "mostread",
                                                                  "nav",
                                                                  "navbar",
                                                                  "navigation",
                                                                  "newsletter",
                                                                  "notification",
                                                                  "outbrain",
                                                                  "overlay",
                                                                  "pager",
                                                                  "pagination",
                                                                  "poll",
                                                                  "popular",
                                                                  "popup",
                                                                  "promo",
                                                                  "promoted",
                                                                  "promotion",
                                                                  "rating",
                                                                  "recirc",
                                                                  "recommendations",
                                                                  "recommended",
                                                                  "related",
                                                                  "share",
                                                                  "sharebar",
                                                                  "shares",
                                                                  "sharing",
                                                                  "sidebar",
                                                                  "signup",
                                                                  "skip",
                                                                  "social",
                                                                  "sponsor",
                                                                  "sponsored",
                                                                  "sr",
                                                                  "subscribe",
                                                                  "subscription",
                                                                  "taboola",
                                                                  "tags",
                                                                  "teaser",
                                                                  "timestamp",
                                                                  "toolbar",
                                                                  "topics",
                                                                  "trending",
                                                                  "widget"};

// Chrome stems that sites also glue to other words ("relatedarticles", "socialicons"); matched
// anywhere in a lower-cased class or id name, except in the one name below.
inline constexpr std::array<std::string_view, 10> kGluedChromeStems = {
    "related",    "cookie", "newsletter", "sidebar", "footer",
    "breadcrumb", "social", "comment",    "advert",  "sharing"};
inline constexpr std::string_view kGluedChromeException = "commentary";

// Words of class and id values that mark the article itself.
inline constexpr std::array<std::string_view, 11> kContentWords = {
    "article", "articlebody", "blog",  "body",  "content", "entry",
    "main",    "post",        "prose", "story", "text"};

// Tables are sorted so that lookups can use binary search (see Contains).
static_assert(std::is_sorted(kSkipTags.begin(), kSkipTags.end()));
static_assert(std::is_sorted(kBlockTags.begin(), kBlockTags.end()));
static_assert(std::is_sorted(kChromeTags.begin(), kChromeTags.end()));
static_assert(std::is_sorted(kChromeRoles.begin(), kChromeRoles.end()));
static_assert(std::is_sorted(kChromeWords.begin(), kChromeWords.end()));
static_assert(std::is_sorted(kContentWords.begin(), kContentWords.end()));

// A cheap pre-test for class/id words: bit (c - 'a') of kWordStarts[n] is set when some word
// of length n in kChromeWords or kContentWords starts with letter c. Most words of a class
// name ("col", "md", "flex") fail it and skip the search.
inline constexpr size_t kMaxWordLength = 16;
inline constexpr std::array<uint32_t, kMaxWordLength + 1> kWordStarts = [] {
  std::array<uint32_t, kMaxWordLength + 1> starts{};
  for (std::string_view w : kChromeWords) starts[w.size()] |= uint32_t{1} << (w[0] - 'a');
  for (std::string_view w : kContentWords) starts[w.size()] |= uint32_t{1} << (w[0] - 'a');
  return starts;
}();
constexpr bool MayBeWord(std::string_view lower_word) {
  return lower_word.size() <= kMaxWordLength && lower_word[0] >= 'a' && lower_word[0] <= 'z' &&
         (kWordStarts[lower_word.size()] >> (lower_word[0] - 'a') & 1) != 0;
}
static_assert([] {
  for (std::string_view w : kChromeWords)
    if (!MayBeWord(w)) return false;
  for (std::string_view w : kContentWords)
    if (!MayBeWord(w)) return false;
  return true;
}());

template <size_t N>
constexpr bool Contains(const std::array<std::string_view, N>& sorted_table, std::string_view s) {
  return std::binary_search(sorted_table.begin(), sorted_table.end(), s);
}

}  // namespace wirewatch::html_rules
