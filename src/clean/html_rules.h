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

#include <array>
#include <string_view>

namespace wirewatch::html_rules {

// Elements whose text is never content.
inline constexpr std::array<std::string_view, 22> kSkipTags = {
    "script", "style",  "noscript", "template", "svg",   "math",   "iframe", "object",
    "embed",  "canvas", "select",   "button",   "input", "textarea", "audio", "video",
    "picture", "source", "map",     "link",     "label", "area"};

// Elements that end a run of text (a block).
inline constexpr std::array<std::string_view, 45> kBlockTags = {
    "address", "article", "aside",  "blockquote", "body",    "center",  "dd",       "details",
    "dialog",  "dir",     "div",    "dl",         "dt",      "fieldset", "figcaption", "figure",
    "footer",  "form",    "h1",     "h2",         "h3",      "h4",      "h5",       "h6",
    "header",  "hgroup",  "hr",     "html",       "li",      "main",    "menu",     "nav",
    "ol",      "p",       "pre",    "section",    "summary", "table",   "tbody",    "td",
    "tfoot",   "th",      "thead",  "tr",         "ul"};

inline constexpr std::array<std::string_view, 8> kChromeTags = {
    "nav", "footer", "aside", "header", "dialog", "menu", "figure", "figcaption"};

inline constexpr std::array<std::string_view, 10> kChromeRoles = {
    "navigation", "banner", "contentinfo", "complementary", "dialog",
    "alert",      "menu",   "menubar",     "search",        "toolbar"};

// Words of class and id values (split at '-', '_', digits and camelCase humps, lower-cased)
// that mark page chrome.
inline constexpr std::array<std::string_view, 82> kChromeWords = {
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
    "teaser"};

// Chrome stems that sites also glue to other words ("relatedarticles", "socialicons"); matched
// anywhere in a lower-cased class or id name, except in the one name below.
inline constexpr std::array<std::string_view, 10> kGluedChromeStems = {
    "related",    "cookie", "newsletter", "sidebar", "footer",
    "breadcrumb", "social", "comment",    "advert",  "sharing"};
inline constexpr std::string_view kGluedChromeException = "commentary";

// Words of class and id values that mark the article itself.
inline constexpr std::array<std::string_view, 11> kContentWords = {
    "article", "articlebody", "content", "entry", "main", "post",
    "story",   "body",        "text",    "prose", "blog"};

}  // namespace wirewatch::html_rules
