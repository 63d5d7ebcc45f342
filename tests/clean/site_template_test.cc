// Site templates learned within a batch: lines on most pages of one site leave the article text
// of each page; a site with too few pages, or another site, learns nothing.
#include <gtest/gtest.h>

#include "clean/clean.h"
#include "clean/site_template.h"

namespace wirewatch {
namespace {

Page SitePage(const std::string& site, int n) {
  Page page;
  page.source = site + "/page" + std::to_string(n) + ".txt";
  page.url = "https://www." + site + "/nieuws/" + std::to_string(n);
  page.content = "Stadskrant\nKop nummer " + std::to_string(n) + " over de gemeenteraad\n" +
                 "De gemeenteraad heeft op avond " + std::to_string(n) +
                 " besloten dat het nieuwe zwembad er komt. De wethouder sprak van een goede dag.\n"
                 "Volgens de oppositie is plan " + std::to_string(n) +
                 " te duur, maar een meerderheid stemde ermee in.\n"
                 "Stadskrant is een uitgave van Mediagroep Oost. Alle rechten voorbehouden.\n";
  return page;
}

TEST(SiteTemplates, CopiesOfOneArticleTeachNothing) {
  // The same page saved four times (other file names, other encodings) is one article: its
  // title and paragraphs are not the site's template.
  std::vector<Page> pages;
  for (int copy = 0; copy < 4; ++copy) {
    Page page = SitePage("stadskrant.nl", 1);
    page.source = "stadskrant.nl/copy" + std::to_string(copy) + ".txt";
    pages.push_back(page);
  }
  SiteTemplates templates = LearnSiteTemplates(pages);
  EXPECT_TRUE(templates.lines.empty());
}

TEST(SiteTemplates, RecurringLinesLeaveTheArticle) {
  std::vector<Page> pages;
  for (int n = 1; n <= 4; ++n) pages.push_back(SitePage("stadskrant.nl", n));
  SiteTemplates templates = LearnSiteTemplates(pages);
  EXPECT_EQ(SiteOf(pages[0]), "stadskrant.nl");
  CleanOptions with;
  with.site_templates = &templates;
  for (const Page& page : pages) {
    auto alone = CleanPage(page, CleanOptions{});
    ASSERT_FALSE(alone.empty());
    // Without the batch the footer sentence is indistinguishable from the body.
    EXPECT_NE(alone[0].text.find("Mediagroep"), std::string::npos);
    auto docs = CleanPage(page, with);
    ASSERT_FALSE(docs.empty());
    EXPECT_EQ(docs[0].text.find("Mediagroep"), std::string::npos) << docs[0].text;
    EXPECT_NE(docs[0].text.find("Volgens de oppositie"), std::string::npos);
    EXPECT_EQ(docs[0].title, alone[0].title);
  }
}

TEST(SiteTemplates, ADuplicatedArticleKeepsItsText) {
  std::vector<Page> pages(3, SitePage("stadskrant.nl", 1));
  SiteTemplates templates = LearnSiteTemplates(pages);
  CleanOptions with;
  with.site_templates = &templates;
  auto docs = CleanPage(pages[0], with);
  ASSERT_FALSE(docs.empty());
  EXPECT_EQ(docs[0].text, CleanPage(pages[0], CleanOptions{})[0].text);
}

Page HtmlSitePage(int n) {
  Page page;
  page.format = PageFormat::kHtml;
  page.source = "html/page" + std::to_string(n) + ".html";
  page.url = "https://www.dagkrant.nl/nieuws/" + std::to_string(n);
  std::string k = std::to_string(n);
  page.content = "<html><head><title>Kop " + k + " | Dagkrant</title></head><body><article><h1>Kop " + k +
                 "</h1><p>De gemeenteraad heeft op avond " + k +
                 " besloten dat het nieuwe zwembad er komt, na een lang en fel debat over de kosten.</p>"
                 "<p>Volgens de oppositie is plan " + k +
                 " veel te duur, maar een ruime meerderheid van de raad stemde er toch mee in.</p>"
                 "<p>Volg Dagkrant ook op sociale media en meld je aan voor de dagelijkse nieuwsbrief.</p>"
                 "</article></body></html>";
  return page;
}

TEST(SiteTemplates, RecurringHtmlBlocksLeaveTheArticle) {
  // A paragraph every page of the site carries inside its article element is the site's.
  std::vector<Page> pages;
  for (int n = 1; n <= 4; ++n) pages.push_back(HtmlSitePage(n));
  SiteTemplates templates = LearnSiteTemplates(pages);
  CleanOptions with;
  with.site_templates = &templates;
  for (const Page& page : pages) {
    auto alone = CleanPage(page, CleanOptions{});
    ASSERT_FALSE(alone.empty());
    EXPECT_NE(alone[0].text.find("nieuwsbrief"), std::string::npos);
    auto docs = CleanPage(page, with);
    ASSERT_FALSE(docs.empty());
    EXPECT_EQ(docs[0].text.find("nieuwsbrief"), std::string::npos) << docs[0].text;
    EXPECT_NE(docs[0].text.find("Volgens de oppositie"), std::string::npos);
  }
}

TEST(SiteTemplates, HtmlTemplateThatWouldBeMostOfTheBodyStays) {
  // The same story updated on four pages: a new lead each time, the rest unchanged. What recurs
  // is the article, not the site's chrome.
  std::string rest;
  for (int k = 0; k < 3; ++k)
    rest += "<p>De raad debatteerde urenlang over de kosten van het zwembad en de gevolgen voor de "
            "begroting van de komende jaren, deel " + std::to_string(k) + ".</p>";
  std::vector<Page> pages;
  for (int n = 1; n <= 4; ++n) {
    Page page = HtmlSitePage(n);
    page.content = "<html><body><article><h1>Zwembad</h1><p>Update " + std::to_string(n) +
                   ": de gemeenteraad heeft besloten dat het nieuwe zwembad er komt, meldt de gemeente vanavond.</p>" +
                   rest + "</article></body></html>";
    pages.push_back(page);
  }
  SiteTemplates templates = LearnSiteTemplates(pages);
  CleanOptions with;
  with.site_templates = &templates;
  auto docs = CleanPage(pages[0], with);
  ASSERT_FALSE(docs.empty());
  EXPECT_EQ(docs[0].text, CleanPage(pages[0], CleanOptions{})[0].text);
}

TEST(SiteTemplates, FewPagesOrOtherSitesLearnNothing) {
  std::vector<Page> pages = {SitePage("stadskrant.nl", 1), SitePage("stadskrant.nl", 2),
                             SitePage("anderekrant.nl", 3), SitePage("derdekrant.nl", 4)};
  SiteTemplates templates = LearnSiteTemplates(pages);
  EXPECT_TRUE(templates.lines.empty());
}

}  // namespace
}  // namespace wirewatch
