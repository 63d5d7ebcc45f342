// Tests for HTML page cleaning: chrome removal, metadata, subheadings, teaser briefs, and
// hostile input (deep nesting, garbage). Fixtures are small hand-made pages built inline.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "clean/clean.h"
#include "clean/html_content.h"
#include "clean/html_metadata.h"
#include "clean/html_tree.h"

namespace wirewatch {
namespace {

Page HtmlPage(std::string content) {
  Page page;
  page.source = "test.html";
  page.format = PageFormat::kHtml;
  page.content = std::move(content);
  return page;
}

std::vector<Document> Clean(const std::string& html, CleanOptions options = {}) {
  return CleanHtmlPage(HtmlPage(html), options);
}

bool Contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

constexpr char kParagraph1[] =
    "De Europese Unie moet zich voorlopig richten op het voorspelbaarder en stabieler maken van "
    "de relatie met Rusland, zegt EU-buitenlandchef Josep Borrell in een advies aan de leiders.";
constexpr char kParagraph2[] =
    "De EU-leiders, die zich volgende week over de betrekkingen met Rusland buigen, hadden "
    "Borrell om advies gevraagd. De relatie is beland op een dieptepunt sinds de Koude Oorlog.";
constexpr char kParagraph3[] =
    "De EU zal Rusland waar nodig terugduwen en tegelijkertijd het contact zoeken, aldus "
    "Borrell. Brussel moet terugduwen als Rusland bijvoorbeeld de mensenrechten schendt.";

// A news page with the usual chrome around one article.
std::string NewsPage(const std::string& head, const std::string& article_extra = "") {
  return std::string("<!DOCTYPE html><html><head>") + head +
         "</head><body>"
         "<nav><ul><li><a href='/'>Home</a></li><li><a href='/binnenland'>Binnenland</a></li>"
         "<li><a href='/buitenland'>Buitenland</a></li></ul></nav>"
         "<div class='cookie-banner'><p>Wij gebruiken cookies om de site te verbeteren en om "
         "advertenties te tonen. Door verder te gaan gaat u akkoord met ons cookiebeleid.</p>"
         "<button>Akkoord</button></div>"
         "<main><article><h1>Brussel richt zich op stabielere relatie met Rusland</h1>"
         "<div class='share-bar'><a href='#'>Deel op Facebook</a> <a href='#'>Deel op X</a></div>"
         "<div class='article-body'><p>BRUSSEL (ANP) - " +
         std::string(kParagraph1) + "</p><p>" + kParagraph2 + "</p><h2>Contact zoeken</h2><p>" +
         kParagraph3 + "</p>" + article_extra +
         "</div>"
         "<div class='related-articles'><h3>Lees ook</h3><p>Een ander artikel over de "
         "relatie tussen de Europese Unie en Rusland, met veel meer achtergrond en analyse.</p>"
         "</div></article></main>"
         "<footer><p>Copyright 2024 Voorbeeldkrant. Alle rechten voorbehouden. Lees onze "
         "privacyverklaring en de algemene voorwaarden voor het gebruik van deze site.</p>"
         "</footer><script>var x = 'Dit is script en geen tekst.';</script></body></html>";
}

TEST(HtmlPageTest, ExtractsArticleWithoutChrome) {
  auto docs =
      Clean(NewsPage("<title>Brussel richt zich op stabielere relatie met Rusland | "
                     "Voorbeeldkrant</title>"));
  ASSERT_FALSE(docs.empty());
  const Document& a = docs[0];
  EXPECT_EQ(a.kind, DocumentKind::kArticle);
  EXPECT_EQ(a.text, std::string(kParagraph1) + "\n\n" + kParagraph2 + "\n\nContact zoeken\n\n" +
                        kParagraph3);
  for (std::string_view chrome : {"Home", "cookies", "Akkoord", "Deel op", "Lees ook", "Copyright",
                                  "script", "ander artikel"})
    EXPECT_FALSE(Contains(a.text, chrome)) << chrome;
}

TEST(HtmlPageTest, StripsDatelineIntoField) {
  auto docs = Clean(NewsPage(""));
  ASSERT_FALSE(docs.empty());
  ASSERT_TRUE(docs[0].dateline.has_value());
  EXPECT_EQ(docs[0].dateline->place, "BRUSSEL");
  EXPECT_EQ(docs[0].dateline->agencies, std::vector<std::string>{"ANP"});
  EXPECT_EQ(docs[0].text.rfind("De Europese Unie", 0), 0u);
}

TEST(HtmlPageTest, SubheadingsStayInText) {
  auto docs = Clean(NewsPage(""));
  ASSERT_FALSE(docs.empty());
  EXPECT_EQ(docs[0].subheadings, std::vector<std::string>{"Contact zoeken"});
  EXPECT_TRUE(Contains(docs[0].text, "\n\nContact zoeken\n\n"));
}

TEST(HtmlPageTest, TitleFromH1WhenTitleTagHasSiteSuffix) {
  auto docs =
      Clean(NewsPage("<title>Brussel richt zich op stabielere relatie met Rusland | "
                     "Voorbeeldkrant</title>"));
  ASSERT_FALSE(docs.empty());
  EXPECT_EQ(docs[0].title, "Brussel richt zich op stabielere relatie met Rusland");
  EXPECT_FALSE(Contains(docs[0].text, "Brussel richt zich"));  // not repeated in the text
}

TEST(HtmlPageTest, TitleFromOpenGraph) {
  HtmlOutline o = OutlineHtml(
      "<html><head><meta property='og:title' content='Kabinet valt over asielbeleid'>"
      "<title>Home - Nieuwsplein</title></head><body><p>x</p></body></html>",
      256);
  EXPECT_EQ(ReadHtmlMetadata(o).title, "Kabinet valt over asielbeleid");
}

TEST(HtmlPageTest, AddressFromCanonicalLinkElseOpenGraph) {
  auto url_of = [](const std::string& head) {
    return ReadHtmlMetadata(OutlineHtml("<html><head>" + head + "</head><body><p>x</p></body></html>",
                                        256)).url;
  };
  EXPECT_EQ(url_of("<meta property='og:url' content='https://nos.nl/og'>"
                   "<link rel='Canonical' href='https://nos.nl/artikel/1'>"),
            "https://nos.nl/artikel/1");
  EXPECT_EQ(url_of("<link rel='canonical' href='/artikel/1'><meta property='og:url' "
                   "content=' https://www.nu.nl/a '>"),
            "https://www.nu.nl/a");  // a relative canonical names no site
  EXPECT_EQ(url_of("<link rel='stylesheet' href='https://x.nl/s.css'>"), std::nullopt);
  EXPECT_EQ(url_of("<meta property='og:url' content='javascript:alert(1)'>"), std::nullopt);
  // The article takes the page's address only when its container gave none.
  std::string page = NewsPage("<link rel='canonical' href='https://krant.nl/a/1'>");
  EXPECT_EQ(Clean(page)[0].url, "https://krant.nl/a/1");
  Page given = HtmlPage(page);
  given.url = "https://crawl.example/x";
  EXPECT_EQ(CleanHtmlPage(given, {})[0].url, "https://crawl.example/x");
}

TEST(HtmlPageTest, TitleFromTitleTagWithoutSuffix) {
  HtmlOutline o = OutlineHtml(
      "<html><head><title>Kabinet valt over asielbeleid - Politiek | Nieuwsplein</title>"
      "</head><body><p>x</p></body></html>",
      256);
  EXPECT_EQ(ReadHtmlMetadata(o).title, "Kabinet valt over asielbeleid");
}

TEST(HtmlPageTest, StripTitleSuffixKeepsLongTails) {
  EXPECT_EQ(StripTitleSuffix("Rutte - Ik heb geen actieve herinnering aan dat gesprek gehad"),
            "Rutte - Ik heb geen actieve herinnering aan dat gesprek gehad");
  EXPECT_EQ(StripTitleSuffix("Storm raast over Nederland | NOS"), "Storm raast over Nederland");
}

TEST(HtmlPageTest, PublishedFromMetaTag) {
  auto docs = Clean(
      NewsPage("<meta property='article:published_time' content='2022-01-21T14:05:00+01:00'>"));
  ASSERT_FALSE(docs.empty());
  EXPECT_EQ(docs[0].published, "2022-01-21T13:05:00Z");
}

TEST(HtmlPageTest, PublishedFromItemprop) {
  auto docs = Clean(NewsPage("", "<meta itemprop='datePublished' content='2022-01-21'>"));
  ASSERT_FALSE(docs.empty());
  EXPECT_EQ(docs[0].published, "2022-01-21");
}

TEST(HtmlPageTest, PublishedFromJsonLd) {
  auto docs = Clean(NewsPage(
      "<script type='application/ld+json'>{\"@context\":\"https://schema.org\",\"@graph\":[{"
      "\"@type\":\"WebSite\",\"name\":\"x\"},{\"@type\":\"NewsArticle\",\"headline\":\"Kop\","
      "\"datePublished\":\"2022-01-20T08:00:00Z\"}]}</script>"));
  ASSERT_FALSE(docs.empty());
  EXPECT_EQ(docs[0].published, "2022-01-20T08:00:00Z");
}

TEST(HtmlPageTest, PublishedFromTimeElement) {
  auto docs = Clean(NewsPage("", "<p><time datetime='2022-01-19'>19 januari</time></p>"));
  ASSERT_FALSE(docs.empty());
  EXPECT_EQ(docs[0].published, "2022-01-19");
}

TEST(HtmlPageTest, BrokenJsonLdIsIgnored) {
  std::string deep(100000, '[');
  auto docs =
      Clean(NewsPage("<script type='application/ld+json'>{\"datePublished\": </script>"
                     "<script type='application/ld+json'>" +
                     deep + "</script>"));
  ASSERT_FALSE(docs.empty());
  EXPECT_FALSE(docs[0].published.has_value());
}

TEST(HtmlPageTest, PageMetadataWins) {
  Page page = HtmlPage(NewsPage("<title>Andere kop | Site</title>"));
  page.title = "Kop uit de container";
  page.published = "2022-02-01";
  auto docs = CleanHtmlPage(page, CleanOptions{});
  ASSERT_FALSE(docs.empty());
  EXPECT_EQ(docs[0].title, "Kop uit de container");
  EXPECT_EQ(docs[0].published, "2022-02-01");
}

// A sidebar of teasers, each with its own text and an age, after the article.
std::string PageWithTeasers() {
  std::string sidebar =
      "<aside class='sidebar'><h2>Meer uit Buitenland</h2><ul>"
      "<li><a href='/a'><p>BEIROET (ANP) - Artsen zonder Grenzen breidt de noodhulp in Libanon "
      "uit.</p><span class='age'>39 minuten geleden</span></a></li>"
      "<li><a href='/b'><h3>Raket niet voor Turkije</h3><p>ANKARA (ANP/AFP) - De Iraanse raket "
      "was volgens een Turkse bron niet bedoeld voor Turkije.</p><span>2 uur geleden</span>"
      "</a></li>"
      "<li><a href='/c'><span>Alleen een kop zonder tekst</span><span>3 uur geleden</span>"
      "</a></li></ul></aside>";
  std::string page = NewsPage("");
  page.insert(page.find("<footer>"), sidebar);
  return page;
}

TEST(HtmlPageTest, TeasersWithAgesBecomeBriefs) {
  auto docs = Clean(PageWithTeasers());
  ASSERT_EQ(docs.size(), 3u);
  EXPECT_EQ(docs[0].kind, DocumentKind::kArticle);
  EXPECT_FALSE(Contains(docs[0].text, "Libanon"));

  const Document& b1 = docs[1];
  EXPECT_EQ(b1.kind, DocumentKind::kBrief);
  EXPECT_EQ(b1.age_seconds, 39 * 60);
  EXPECT_EQ(b1.text, "Artsen zonder Grenzen breidt de noodhulp in Libanon uit.");
  ASSERT_TRUE(b1.dateline.has_value());
  EXPECT_EQ(b1.dateline->place, "BEIROET");

  const Document& b2 = docs[2];
  EXPECT_EQ(b2.age_seconds, 2 * 3600);
  EXPECT_EQ(b2.title, "Raket niet voor Turkije");
  EXPECT_EQ(b2.text, "De Iraanse raket was volgens een Turkse bron niet bedoeld voor Turkije.");
  ASSERT_TRUE(b2.dateline.has_value());
  EXPECT_EQ(b2.dateline->agencies, (std::vector<std::string>{"ANP", "AFP"}));
}

TEST(HtmlPageTest, NoBriefsWithoutAges) {
  auto docs = Clean(NewsPage(""));
  ASSERT_EQ(docs.size(), 1u);
}

TEST(HtmlPageTest, ArticleSplitAroundAdSlotIsJoined) {
  std::string html = std::string("<html><body><div class='story'><div class='part'><p>") +
                     kParagraph1 + "</p><p>" + kParagraph2 +
                     "</p></div><div class='ad-slot'>Advertentie</div><div class='part'><p>" +
                     kParagraph3 +
                     "</p></div></div><div class='links'><a href='/1'>Sport</a> "
                     "<a href='/2'>Weer</a></div></body></html>";
  auto docs = Clean(html);
  ASSERT_FALSE(docs.empty());
  EXPECT_TRUE(Contains(docs[0].text, "Koude Oorlog"));
  EXPECT_TRUE(Contains(docs[0].text, "mensenrechten schendt"));
  EXPECT_FALSE(Contains(docs[0].text, "Advertentie"));
  EXPECT_FALSE(Contains(docs[0].text, "Sport"));
}

TEST(HtmlPageTest, WholePageFormIsNotChrome) {
  // ASP.NET pages wrap everything in one <form>.
  std::string html = std::string("<html><body><form id='aspnetForm'><div><p>") + kParagraph1 +
                     "</p><p>" + kParagraph2 + "</p></div></form></body></html>";
  auto docs = Clean(html);
  ASSERT_FALSE(docs.empty());
  EXPECT_TRUE(Contains(docs[0].text, "Koude Oorlog"));
}

TEST(HtmlPageTest, DeepNestingFinishes) {
  const int depth = 100000;
  std::string html = "<html><body>";
  html.reserve(depth * 11 + 1000);
  for (int i = 0; i < depth; ++i) html += "<div>";
  html += std::string("<p>") + kParagraph1 + "</p>";
  for (int i = 0; i < depth; ++i) html += "</div>";
  html += "</body></html>";
  auto docs = Clean(html);
  ASSERT_LE(docs.size(), 1u);
  if (!docs.empty()) EXPECT_TRUE(Contains(docs[0].text, "Borrell"));
}

TEST(HtmlPageTest, DepthLimitFlattensButKeepsText) {
  CleanOptions options;
  options.max_html_depth = 4;
  auto docs = Clean(NewsPage(""), options);
  ASSERT_FALSE(docs.empty());
  EXPECT_TRUE(Contains(docs[0].text, "Koude Oorlog"));
  HtmlOutline o = OutlineHtml(NewsPage(""), 4);
  for (const HtmlElement& e : o.elements) EXPECT_LE(e.depth, 4);
}

TEST(HtmlPageTest, EmptyAndGarbageYieldNothing) {
  EXPECT_TRUE(Clean("").empty());
  EXPECT_TRUE(Clean("<html></html>").empty());
  EXPECT_TRUE(Clean("<<<>>><!--<div").empty());
  EXPECT_TRUE(Clean(std::string("\x01\x02\xff\xfe<p>", 7)).empty());
  EXPECT_TRUE(Clean("<html><body><nav><a href='/'>Home</a></nav></body></html>").empty());
}

TEST(HtmlPageTest, UnclosedTagsAreRecovered) {
  std::string html = std::string("<html><body><div><p>") + kParagraph1 + "<p>" + kParagraph2;
  auto docs = Clean(html);
  ASSERT_FALSE(docs.empty());
  EXPECT_EQ(docs[0].text, std::string(kParagraph1) + "\n\n" + kParagraph2);
}

TEST(HtmlPageTest, HiddenElementsAreChrome) {
  std::string html = std::string("<html><body><div><p>") + kParagraph1 +
                     "</p><p style='display: none'>Verborgen tekst die niemand ziet, maar die wel "
                     "lang genoeg is om als alinea mee te tellen in de score.</p><p>" +
                     kParagraph2 + "</p></div></body></html>";
  auto docs = Clean(html);
  ASSERT_FALSE(docs.empty());
  EXPECT_FALSE(Contains(docs[0].text, "Verborgen"));
}

// A list of excerpts cut off with an ellipsis, next to a short article, is a teaser list.
TEST(HtmlPageTest, TruncatedExcerptsAreTeasers) {
  std::string teasers;
  for (int i = 0; i < 5; ++i)
    teasers += "<div class='card'><h3>Verhaal " + std::to_string(i) +
               "</h3><p>Een ander verhaal dat hier alleen als voorproefje staat, met genoeg "
               "woorden om op een echte alinea te lijken voordat het wordt afgebroken \xE2\x80\xA6"
               "</p></div>";
  std::string html = std::string("<html><body><div><div class='story'><p>") + kParagraph1 +
                     "</p></div><div class='list'>" + teasers + "</div></div></body></html>";
  auto docs = Clean(html);
  ASSERT_FALSE(docs.empty());
  EXPECT_EQ(docs[0].text, kParagraph1);
}

// An <article> inside another <article> is a related item (a card, a comment), not the story.
TEST(HtmlPageTest, NestedArticlesAreRelatedItems) {
  std::string cards;
  for (int i = 0; i < 4; ++i)
    cards += std::string("<article class='card'><h2>Kaart</h2><p>") + kParagraph3 + " Deel " +
             std::to_string(i) + ".</p></article>";
  std::string html = std::string("<html><body><div><article class='post'><h1>Kop</h1><p>") +
                     kParagraph1 + "</p><p>" + kParagraph2 +
                     "</p></article><article class='more'>" + cards +
                     "</article></div></body></html>";
  auto docs = Clean(html);
  ASSERT_FALSE(docs.empty());
  EXPECT_EQ(docs[0].text, std::string(kParagraph1) + "\n\n" + kParagraph2);
}

// But a page-wide outer <article> does not hide the story nested in it.
TEST(HtmlPageTest, OuterArticleDoesNotHideNestedStory) {
  std::string html = std::string("<html><body><article class='page'><article class='story'><p>") +
                     kParagraph1 + "</p><p>" + kParagraph2 +
                     "</p></article></article></body></html>";
  auto docs = Clean(html);
  ASSERT_FALSE(docs.empty());
  EXPECT_EQ(docs[0].text, std::string(kParagraph1) + "\n\n" + kParagraph2);
}

// An article made of short lines (a calendar) has no prose; the publisher's articleBody
// element is taken over a sidebar's paragraphs.
TEST(HtmlPageTest, ListOnlyArticleBodyIsKept) {
  std::string lines;
  for (int i = 1; i <= 12; ++i)
    lines += "Ronde " + std::to_string(i) + ": " + std::to_string(i + 2) +
             " maart \xE2\x80\x93 Zandvoort<br>";
  std::string html = std::string("<html><body><div class='main'><div itemprop='articleBody'><p>") +
                     lines + "</p></div></div><div class='column'><p>" + kParagraph2 + "</p><p>" +
                     kParagraph3 + "</p></div></body></html>";
  auto docs = Clean(html);
  ASSERT_FALSE(docs.empty());
  EXPECT_TRUE(Contains(docs[0].text, "Ronde 1: 3 maart")) << docs[0].text;
  EXPECT_TRUE(Contains(docs[0].text, "Ronde 12: 14 maart"));
  EXPECT_FALSE(Contains(docs[0].text, "Borrell"));
}

// The fast paths of ingest decoding and attribute reading keep what the slow paths gave:
// entities in class values, upper-case markup, and accented text reach the outline intact.
TEST(HtmlPageTest, AttributesWithEntitiesAndCaseAreRead) {
  std::string html = std::string("<HTML><BODY><DIV CLASS='Related&#45;Articles'><P>") +
                     kParagraph3 + "</P></DIV><DIV STYLE='Display : None'><P>" + kParagraph2 +
                     "</P></DIV><DIV><P>" + kParagraph1 + " Caf\xC3\xA9.</P></DIV></BODY></HTML>";
  HtmlOutline o = OutlineHtml(html, 256);
  int related = -1, hidden = -1;
  for (size_t i = 0; i < o.blocks.size(); ++i) {
    if (Contains(o.blocks[i].text, "terugduwen")) related = static_cast<int>(i);
    if (Contains(o.blocks[i].text, "buigen")) hidden = static_cast<int>(i);
  }
  ASSERT_GE(related, 0);
  ASSERT_GE(hidden, 0);
  EXPECT_EQ(o.blocks[related].chrome, kChromeHint);
  EXPECT_EQ(o.blocks[hidden].chrome, kChromeTag);
  auto docs = Clean(html);
  ASSERT_FALSE(docs.empty());
  EXPECT_TRUE(Contains(docs[0].text, "Caf\xC3\xA9."));
}

// Every page of the shared extraction benchmark yields an article, without crashing.
TEST(HtmlPageTest, SharedBenchmarkPagesYieldArticles) {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(WIREWATCH_SHARED_DIR) / "data/article-extraction-benchmark-en/html";
  if (!fs::is_directory(dir)) GTEST_SKIP() << "no " << dir;
  int pages = 0, with_article = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    ReadResult r = ReadInput(InputFile{entry.path().string()}, IngestLimits{});
    for (const Page& page : r.pages) {
      ++pages;
      auto docs = CleanHtmlPage(page, CleanOptions{});
      if (!docs.empty() && docs[0].kind == DocumentKind::kArticle && !docs[0].text.empty())
        ++with_article;
    }
  }
  ASSERT_GT(pages, 0);
  EXPECT_GE(with_article, pages - 1);
}

}  // namespace
}  // namespace wirewatch
