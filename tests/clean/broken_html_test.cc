// Broken HTML shapes: never-closed tags, bad nesting, a page ending mid-element, and elements
// left open that swallow the rest of the page (<title>, <textarea>, <script>, "<!--"). Each must
// still give the article's text; the 1 MB never-closed page is built in memory.
#include <gtest/gtest.h>

#include "clean/clean.h"
#include "clean/html_repair.h"

namespace wirewatch {
namespace {

constexpr const char* kFirst =
    "De regering in Den Haag heeft dinsdag besloten om de nieuwe wet op de energievoorziening uit "
    "te stellen tot na de zomer. Dat meldden ingewijden aan het persbureau.";
constexpr const char* kSecond =
    "Volgens de minister is er meer tijd nodig om alle bezwaren van de oppositie zorgvuldig te "
    "bekijken en te wegen.";

std::vector<Document> Clean(const std::string& html) {
  Page page;
  page.source = "broken.html";
  page.format = PageFormat::kHtml;
  page.content = html;
  return CleanHtmlPage(page, CleanOptions{});
}

std::string Paragraphs() { return std::string("<p>") + kFirst + "</p><p>" + kSecond + "</p>"; }

void ExpectBothParagraphs(const std::string& html, const char* shape) {
  auto docs = Clean(html);
  ASSERT_FALSE(docs.empty()) << shape;
  EXPECT_NE(docs[0].text.find(kFirst), std::string::npos) << shape << ": " << docs[0].text;
  EXPECT_NE(docs[0].text.find(kSecond), std::string::npos) << shape << ": " << docs[0].text;
}

TEST(BrokenHtml, NeverClosedInlineAndBlockTags) {
  ExpectBothParagraphs(std::string("<html><body><h1>Wet uitgesteld</h1><p>") + kFirst + " <b>nog <i>meer" +
                           "<p>" + kSecond + " <div><span>slot",
                       "never closed");
}

TEST(BrokenHtml, BadNesting) {
  ExpectBothParagraphs(std::string("<html><body><div><h1>Wet uitgesteld</h1><table><p>") + kFirst +
                           "</div></b></p></td><p><i>" + kSecond + "</table></span></em>",
                       "bad nesting");
}

TEST(BrokenHtml, EndsMidElement) {
  ExpectBothParagraphs("<html><body><h1>Wet uitgesteld</h1>" + Paragraphs() + "<p>En dan <a href=\"x",
                       "ends mid-element");
}

TEST(BrokenHtml, SwallowingElementsLeftOpen) {
  const std::string body = "<h1>Wet uitgesteld</h1>" + Paragraphs() + "</body></html>";
  ExpectBothParagraphs("<html><head><title>Wet uitgesteld</head><body>" + body, "open <title>");
  ExpectBothParagraphs("<html><head></head><body><textarea>" + body, "open <textarea>");
  ExpectBothParagraphs("<html><head><script>var a = 1;</head><body>" + body, "open <script>");
  ExpectBothParagraphs("<html><head></head><body><!-- kop " + body, "open comment");
  ExpectBothParagraphs("<html><head><style>p { color: red }</head><body>" + body, "open <style>");
}

TEST(BrokenHtml, ClosedElementsAreLeftAlone) {
  EXPECT_FALSE(UnswallowHtml("<title>a</title><script>x</script><!-- c --><p>t</p>"));
  auto repaired = UnswallowHtml("<title>a</title><p>x</p><TEXTAREA rows=2><p>y</p>");
  ASSERT_TRUE(repaired);
  EXPECT_EQ(*repaired, "<title>a</title><p>x</p><p>y</p>");
}

TEST(BrokenHtml, OneMegabyteNeverClosedPageWithOpenTitle) {
  std::string html = "<html><head><title>Energiewet uitgesteld<meta charset=utf-8><body><h1>Energiewet uitgesteld</h1>";
  size_t paragraphs = 0;
  while (html.size() < (size_t{1} << 20)) {
    html += "<p>";
    html += kFirst;
    html += paragraphs % 3 == 0 ? " <b>" : paragraphs % 3 == 1 ? " <i>" : " <span>";
    html += kSecond;
    ++paragraphs;
  }
  auto docs = Clean(html);
  ASSERT_FALSE(docs.empty());
  // Most of the page's prose comes back, not a fragment of it.
  EXPECT_GT(docs[0].text.size(), html.size() / 2);
  EXPECT_NE(docs[0].text.find(kSecond), std::string::npos);
}

}  // namespace
}  // namespace wirewatch
