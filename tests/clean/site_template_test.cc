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

TEST(SiteTemplates, FewPagesOrOtherSitesLearnNothing) {
  std::vector<Page> pages = {SitePage("stadskrant.nl", 1), SitePage("stadskrant.nl", 2),
                             SitePage("anderekrant.nl", 3), SitePage("derdekrant.nl", 4)};
  SiteTemplates templates = LearnSiteTemplates(pages);
  EXPECT_TRUE(templates.lines.empty());
}

}  // namespace
}  // namespace wirewatch
