// Portal layouts built at test time: sixteen page templates (text dumps and HTML, Dutch and
// English conventions) wrapped around article bodies, with the gold taken from the construction
// (title, publication date, author, first and last paragraph, record count). The scorer prints
// per-layout figures and asserts >= 0.97 on each measure over all pages.
//
// Bodies: short made-up articles (always run) and, when ../shared is present, DpgMedia2019
// articles read from it at test time (that set may not be redistributed, so none of its text is
// stored in the repository; the test skips that part cleanly without it).
#include <gtest/gtest.h>

#include <cstdarg>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "clean/clean.h"

namespace wirewatch {
namespace {

struct Article {
  std::string title;
  std::vector<std::string> paragraphs;
  int year, month, day, hour, minute;
  std::string author;  // a person
};

struct Built {
  std::string content;
  PageFormat format = PageFormat::kText;
  std::optional<std::string> author;  // gold
  bool has_time = true;               // the layout prints the time
  bool has_date = true;               // the layout prints a date at all (else gold is null)
  size_t briefs = 0;                  // gold brief records
};

constexpr const char* kDutchMonths[] = {"januari", "februari", "maart",     "april",   "mei",      "juni",
                                        "juli",    "augustus", "september", "oktober", "november", "december"};
constexpr const char* kDutchAbbrev[] = {"jan", "feb", "mrt", "apr", "mei", "jun",
                                        "jul", "aug", "sep", "okt", "nov", "dec"};
constexpr const char* kEnglishMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                          "July",    "August",   "September", "October", "November", "December"};
constexpr const char* kEnglishAbbrev[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr const char* kDutchWeekdays[] = {"zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"};

int Weekday(int y, int m, int d) {  // 0 = Sunday (Sakamoto)
  static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  y -= m < 3;
  return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

std::string Fmt(const char* f, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, f);
  std::vsnprintf(buf, sizeof buf, f, ap);
  va_end(ap);
  return buf;
}

std::string Iso(const Article& a) { return Fmt("%04d-%02d-%02d", a.year, a.month, a.day); }
std::string Time(const Article& a) { return Fmt("%02d:%02d", a.hour, a.minute); }
std::string DutchDate(const Article& a) { return Fmt("%d %s %d", a.day, kDutchMonths[a.month - 1], a.year); }

std::string Body(const Article& a, const char* sep = "\n") {
  std::string out;
  for (const std::string& p : a.paragraphs) out += p + sep;
  return out;
}

std::string HtmlParagraphs(const Article& a) {
  std::string out;
  for (const std::string& p : a.paragraphs) out += "<p>" + p + "</p>\n";
  return out;
}

constexpr const char* kCookie =
    "Wij gebruiken cookies om onze website te verbeteren en advertenties te tonen. Klik op "
    "Akkoord om cookies te accepteren of kies Instellingen.";

using Layout = std::function<Built(const Article&)>;

std::vector<std::pair<std::string, Layout>> Layouts() {
  std::vector<std::pair<std::string, Layout>> l;
  // Text dumps.
  l.emplace_back("text-menu-cookie-crumbs-correspondent", [](const Article& a) {
    Built b;
    b.content = "Nieuwsportaal\nNieuws | Sport | Economie | Cultuur | Opinie\n" + std::string(kCookie) +
                "\nHome \xE2\x80\xBA Nieuws \xE2\x80\xBA Buitenland\n" + a.title +
                "\nDoor onze correspondent \xC2\xB7 " + DutchDate(a) + ", " + Time(a) + "\n" +
                Body(a) + "Deel dit artikel\n\xC2\xA9 2019 Nieuwsportaal\n";
    return b;
  });
  l.emplace_back("text-kicker-door-gepubliceerd", [](const Article& a) {
    Built b;
    b.content = "Home > Nieuws > Politiek\nANALYSE\n" + a.title + "\nDoor " + a.author +
                "\nGepubliceerd op " + kDutchWeekdays[Weekday(a.year, a.month, a.day)] + " " +
                DutchDate(a) + "\n\n" + Body(a, "\n\n") + "Lees ook\nKabinet wil sneller besluiten over asielwet\n"
                "Oppositie eist debat over begroting\n";
    b.author = a.author;
    b.has_time = false;
    return b;
  });
  l.emplace_back("text-suffixed-title-redactie-numeric", [](const Article& a) {
    Built b;
    b.content = a.title + " | Het Dagblad\nVoorpagina \xC2\xBB Binnenland \xC2\xBB Politiek\n" +
                "Redactie " + Fmt("%02d-%02d-%02d", a.day, a.month, a.year % 100) + ", " + Time(a) +
                "\n" + Body(a) + "Reageer\nVolg ons\n";
    b.author = "Redactie";
    return b;
  });
  l.emplace_back("text-updated-verslaggever", [](const Article& a) {
    Built b;
    b.content = "Menu Zoeken Inloggen\nBinnenland / Buitenland / Economie / Sport\n" + a.title +
                "\nVan onze verslaggever\nBijgewerkt: " + Fmt("%d %s. %d", a.day, kDutchAbbrev[a.month - 1], a.year) +
                " om " + Time(a) + "\n" + Body(a) + "Advertentie\n";
    return b;
  });
  l.emplace_back("text-english-by-pipe", [](const Article& a) {
    Built b;
    b.content = "Home > World > Europe\nWe use cookies to improve your experience. By using this site you accept our cookie policy.\n" +
                a.title + " - The Portal\nBy " + a.author + " | " +
                Fmt("%s %d, %d", kEnglishMonths[a.month - 1], a.day, a.year) + " " + Time(a) + "\n" +
                Body(a) + "Share this article\nRead more\n";
    b.author = a.author;
    return b;
  });
  l.emplace_back("text-date-on-top-agencies", [](const Article& a) {
    Built b;
    b.content = Fmt("%d %s %d", a.day, kEnglishAbbrev[a.month - 1], a.year) + "\n" +
                "Nieuws \xE2\x80\xA2 Sport \xE2\x80\xA2 Show \xE2\x80\xA2 Regio\nBrexit\n" + a.title +
                "\nANP/Reuters\n" + Body(a) + "Terug naar boven\n";
    b.author = "ANP/Reuters";
    b.has_time = false;
    return b;
  });
  l.emplace_back("text-published-and-update-sidebar", [](const Article& a) {
    Built b;
    b.content = "NIEUWS.NL\nHome \xE2\x80\xBA Buitenland\n" + a.title + "\n" + DutchDate(a) + " " + Time(a) +
                " Laatste update: " + Fmt("%d %s", a.day < 28 ? a.day + 1 : a.day, kDutchMonths[a.month - 1]) +
                "\nDoor " + a.author + "\n" + Body(a) + "Meer uit Buitenland\n"
                "Trump waarschuwt burgemeester over immigratieacties\n"
                "De Amerikaanse president Trump heeft de burgemeester van Minneapolis gewaarschuwd.\n"
                "9 minuten geleden\n"
                "Duizenden mensen demonstreren in Belgrado\n"
                "In de Servische hoofdstad gingen opnieuw duizenden mensen de straat op.\n"
                "2 uur geleden\n";
    b.author = a.author;
    b.briefs = 2;
    return b;
  });
  l.emplace_back("text-bare-name-photo-reading-time", [](const Article& a) {
    Built b;
    b.content = "Zoeken Menu\nNieuws \xC2\xB7 Politiek \xC2\xB7 Economie \xC2\xB7 Sport \xC2\xB7 Cultuur\n" + a.title +
                "\nFoto: ANP\n" + a.author + " \xE2\x80\x94 " + Fmt("%02d-%02d-%04d", a.day, a.month, a.year) +
                ", " + Time(a) + "\nLeestijd: 3 minuten\n" + Body(a) + "Kopieer link\n";
    b.author = a.author;
    return b;
  });
  l.emplace_back("text-no-byline-crumbs-footer", [](const Article& a) {
    Built b;
    b.content = "Nieuwsportaal\nHome \xE2\x80\xBA Nieuws \xE2\x80\xBA Binnenland\n" + a.title + "\n" + Body(a) +
                "Lees ook\nDeel dit artikel\n";
    b.has_date = false;
    return b;
  });
  // HTML.
  l.emplace_back("html-meta-author-iso-time", [](const Article& a) {
    Built b;
    b.format = PageFormat::kHtml;
    b.content = "<html><head><title>" + a.title + " \xE2\x80\x93 Stadskrant</title>"
                "<meta name=\"author\" content=\"" + a.author + "\"></head><body>"
                "<div class=\"wrap\"><h1>" + a.title + "</h1><p class=\"info\"><span>Door " + a.author +
                "</span> <time datetime=\"" + Iso(a) + "T" + Time(a) + ":00+01:00\">" + DutchDate(a) +
                "</time></p><div class=\"text\">" + HtmlParagraphs(a) + "</div></div></body></html>";
    b.author = a.author;
    b.has_time = false;  // the <time> value is converted to UTC
    return b;
  });
  l.emplace_back("html-site-first-title-update-only", [](const Article& a) {
    Built b;
    b.format = PageFormat::kHtml;
    b.content = "<html><head><title>Dagblad Noord | " + a.title + "</title></head><body>"
                "<div class=\"top\"><h1 class=\"logo\"><a href=\"/\">Dagblad Noord</a></h1></div><div id=\"main\"><h1>" +
                a.title + "</h1><div class=\"dates\">Laatst bijgewerkt: " +
                Fmt("%02d.%02d.%04d", a.day, a.month, a.year) + " " + Time(a) + "</div>" + HtmlParagraphs(a) +
                "</div></body></html>";
    return b;
  });
  l.emplace_back("html-semantic-byline-div", [](const Article& a) {
    Built b;
    b.format = PageFormat::kHtml;
    b.content = "<!doctype html><html><head><title>" + a.title + " | Nieuwsportaal</title>"
                "<meta property=\"og:title\" content=\"" + a.title + "\"></head><body>"
                "<header><nav><a href=/>Nieuws</a> <a href=/s>Sport</a></nav></header>"
                "<main><article><div class=\"breadcrumbs\"><a href=/>Home</a> \xE2\x80\xBA <a href=/b>Buitenland</a></div>"
                "<h1>" + a.title + "</h1><div class=\"byline\">Door " + a.author + " \xC2\xB7 " +
                DutchDate(a) + ", " + Time(a) + "</div>" + HtmlParagraphs(a) +
                "</article></main><footer><p>\xC2\xA9 Nieuwsportaal</p></footer></body></html>";
    b.author = a.author;
    return b;
  });
  l.emplace_back("html-plain-gepubliceerd-suffix", [](const Article& a) {
    Built b;
    b.format = PageFormat::kHtml;
    b.content = "<html><head><title>" + a.title + " - NU.nl</title></head><body><div id=\"page\">"
                "<div class=\"menu\"><ul><li><a href=/>Voorpagina</a></li><li><a href=/e>Economie</a></li></ul></div>"
                "<div class=\"content\"><h1>" + a.title + "</h1><p class=\"meta\">Gepubliceerd op " +
                kDutchWeekdays[Weekday(a.year, a.month, a.day)] + " " + DutchDate(a) + "</p>" +
                HtmlParagraphs(a) + "</div></div></body></html>";
    b.has_time = false;
    return b;
  });
  l.emplace_back("html-never-closed-redactie", [](const Article& a) {
    Built b;
    b.format = PageFormat::kHtml;
    std::string body;
    for (size_t i = 0; i < a.paragraphs.size(); ++i)
      body += (i % 2 ? "<p><b>" : "<p><i>") + a.paragraphs[i] + "\n";
    b.content = "<html><head><title>" + a.title + "</title><body><div class=article><h1>" + a.title +
                "</h1><span class=date>Redactie " + Fmt("%02d-%02d-%04d", a.day, a.month, a.year) + " " +
                Time(a) + "</span>" + body;
    b.author = "Redactie";
    return b;
  });
  l.emplace_back("html-english-cookie-banner", [](const Article& a) {
    Built b;
    b.format = PageFormat::kHtml;
    b.content = "<html><head><title>" + a.title + " | The Portal</title>"
                "<meta property=\"og:title\" content=\"" + a.title + " | The Portal\"></head><body>"
                "<div class=\"cookie-banner\"><p>We use cookies. Accept all cookies to continue reading this website.</p></div>"
                "<div class=\"story\"><h1>" + a.title + "</h1><p class=\"byline\">By " + a.author + " | " +
                Fmt("%d %s %d", a.day, kEnglishAbbrev[a.month - 1], a.year) + "</p>" + HtmlParagraphs(a) +
                "<div class=\"share\"><a href=#>Share</a> <a href=#>Tweet</a></div></div></body></html>";
    b.author = a.author;
    b.has_time = false;
    return b;
  });
  l.emplace_back("html-kicker-updated-time", [](const Article& a) {
    Built b;
    b.format = PageFormat::kHtml;
    b.content = "<html><head><title>" + a.title + "</title></head><body><section class=\"article-page\">"
                "<span class=\"kicker\">Achtergrond</span><h1>" + a.title + "</h1>"
                "<div class=\"meta\"><time>Bijgewerkt: " + Fmt("%d %s. %d", a.day, kDutchAbbrev[a.month - 1], a.year) +
                " om " + Time(a) + "</time><span class=\"author\">Van onze correspondent</span></div>"
                "<div class=\"article-body\">" + HtmlParagraphs(a) + "</div></section>"
                "<aside><h3>Meest gelezen</h3><ul><li><a href=/1>Eerste kop van elders</a></li></ul></aside></body></html>";
    return b;
  });
  return l;
}

// Made-up articles: always available.
std::vector<Article> MadeUpArticles() {
  return {
      {"Kabinet stelt besluit over energiewet uit tot na de zomer",
       {"Het kabinet heeft dinsdag besloten de nieuwe energiewet pas na de zomer aan de Tweede Kamer voor te leggen. Volgens ingewijden is er meer tijd nodig om de bezwaren van netbeheerders te wegen.",
        "De minister van Klimaat zei na afloop van de ministerraad dat zorgvuldigheid voorgaat. 'We willen geen wet die over een jaar alweer gerepareerd moet worden', aldus de bewindsman.",
        "De oppositie reageerde teleurgesteld. Meerdere partijen hadden gehoopt nog voor het reces over de wet te kunnen stemmen."},
       2019, 3, 5, 22, 43, "Jan de Vries"},
      {"Duizenden boeren voeren actie in Den Haag",
       {"Duizenden boeren zijn woensdag met hun trekkers naar Den Haag gereden om te protesteren tegen de nieuwe stikstofregels. Op verschillende snelwegen ontstonden lange files.",
        "De politie had het Malieveld afgezet, maar liet de demonstranten uiteindelijk toe. Een woordvoerder sprak van een rustige maar drukke ochtend.",
        "De actievoerders willen met de minister van Landbouw praten over de gevolgen van de regels voor hun bedrijven."},
       2019, 2, 13, 9, 5, "Els van der Berg"},
      {"Zorgen over tekort aan leraren in grote steden",
       {"Scholen in de grote steden kampen met een groeiend tekort aan leraren. Dat blijkt uit een rondgang langs schoolbesturen in Amsterdam, Rotterdam en Utrecht.",
        "Vooral in het basisonderwijs staan klassen geregeld zonder vaste leerkracht. Sommige scholen sturen leerlingen een dag per week naar huis.",
        "De onderwijsbonden pleiten al langer voor hogere salarissen. Het ministerie laat weten dat er volgend jaar extra geld beschikbaar komt."},
       2019, 4, 1, 7, 30, "Karin de Groot"},
      {"Wat betekent de brexit voor Nederlandse vissers?",
       {"Nederlandse vissers vrezen dat zij na de brexit niet meer in Britse wateren mogen vissen. Een groot deel van hun vangst komt daar vandaan.",
        "De sector heeft het kabinet gevraagd in Brussel op te komen voor de vissers. Europese onderhandelaars zeggen dat visrechten onderdeel zijn van de gesprekken.",
        "In IJmuiden en Urk wordt de onzekerheid met zorg gevolgd. 'Niemand weet wat er over een maand gebeurt', zegt een schipper."},
       2019, 3, 28, 14, 2, "Piet Peters"},
      {"Storm causes widespread travel disruption across Europe",
       {"A powerful storm swept across northern Europe on Monday, cancelling hundreds of flights and halting trains in several countries. Wind gusts of more than 120 kilometres an hour were recorded on the coast.",
        "Airports in Amsterdam, Brussels and Frankfurt reported long delays as airlines grounded planes. Rail operators advised passengers not to travel unless necessary.",
        "Forecasters said the worst of the weather would pass by Tuesday morning, but warned of flooding in low-lying areas."},
       2019, 3, 11, 18, 20, "John Smith"},
      {"Central bank keeps interest rates unchanged",
       {"The European Central Bank left its key interest rates unchanged on Thursday and said it expected them to stay at their present levels at least through the end of the year.",
        "The bank's president told reporters that growth in the euro area had slowed more than expected. Several governors had argued for new support measures.",
        "Markets reacted calmly to the decision, with the euro trading slightly lower against the dollar in the afternoon."},
       2019, 3, 7, 13, 45, "Mary O'Neill"},
  };
}

// Splits a single-paragraph text into paragraphs of three sentences.
std::vector<std::string> SplitParagraphs(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  int sentences = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    current += text[i];
    bool end = (text[i] == '.' || text[i] == '?' || text[i] == '!') && i + 2 < text.size() &&
               text[i + 1] == ' ' && std::isupper(static_cast<unsigned char>(text[i + 2]));
    if (end && ++sentences == 3) {
      out.push_back(current);
      current.clear();
      sentences = 0;
      ++i;  // the space
    }
  }
  if (!current.empty()) out.push_back(current);
  return out;
}

std::vector<Article> SharedArticles(size_t count) {
  std::ifstream in(std::string(WIREWATCH_SHARED_DIR) +
                   "/data/dpgmedia2019-nl-news/dpgMedia2019-articles-byarticle.jsonl");
  std::vector<Article> out;
  const char* authors[] = {"Jan de Vries", "Fatima el Amrani", "Kees van Dijk", "Sanne Jansen"};
  std::string line;
  while (out.size() < count && std::getline(in, line)) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j["title"].is_string() || !j["text"].is_string() ||
        !j["published_at"].is_string())
      continue;
    Article a;
    // DpgMedia titles carry a kicker after a full stop ("... vriendjes. diplomatie"): the
    // headline is the part before it, without the stop.
    std::string title = j["title"];
    if (size_t dot = title.rfind(". "); dot != std::string::npos) title.resize(dot);
    while (!title.empty() && (title.back() == '.' || title.back() == ' ')) title.pop_back();
    a.title = title;
    a.paragraphs = SplitParagraphs(CollapseSpaces(j["text"].get<std::string>()));
    // Gold must be well defined: bodies that end in a page reference or signature ("... P13",
    // "Marcel Valk, Amsterdam") rather than a sentence are left out.
    const std::string& last = a.paragraphs.empty() ? title : a.paragraphs.back();
    char end = last.empty() ? ' ' : last.back();
    if (end != '.' && end != '!' && end != '?' && end != '\'' && end != '"') continue;
    if (a.title.size() < 5 || a.paragraphs.size() < 2) continue;
    if (std::sscanf(j["published_at"].get<std::string>().c_str(), "%d-%d-%d", &a.year, &a.month, &a.day) != 3)
      continue;
    a.hour = 6 + static_cast<int>(out.size() * 5 % 17);
    a.minute = static_cast<int>(out.size() * 13 % 60);
    a.author = authors[out.size() % 4];
    out.push_back(std::move(a));
  }
  return out;
}

struct Tally {
  int pages = 0, records = 0, title = 0, published = 0, author = 0, bounds = 0;
};

bool StartsWith(const std::string& s, const std::string& p) { return s.compare(0, p.size(), p) == 0; }
bool EndsWith(const std::string& s, const std::string& p) {
  return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}

void Score(const std::vector<Article>& articles, const char* label) {
  std::map<std::string, Tally> per_layout;
  Tally all;
  for (const auto& [name, layout] : Layouts()) {
    Tally& t = per_layout[name];
    for (const Article& a : articles) {
      Built b = layout(a);
      Page page;
      page.source = name;
      page.format = b.format;
      page.content = b.content;
      page.crawl_time = Fmt("%04d-%02d-%02dT23:59:00Z", a.year, a.month, a.day);
      std::vector<Document> docs = CleanPage(page, CleanOptions{});
      ++t.pages;
      t.records += docs.size() == 1 + b.briefs;
      if (docs.empty()) continue;
      const Document& d = docs[0];
      bool title = d.title == a.title;
      bool published = !b.has_date ? !d.published
                                   : d.published && d.published->substr(0, 10) == Iso(a) &&
                                         (!b.has_time || d.published->substr(11, 5) == Time(a));
      bool author = d.author == b.author;
      bool bounds = StartsWith(d.text, a.paragraphs.front()) && EndsWith(d.text, a.paragraphs.back());
      t.title += title;
      t.published += published;
      t.author += author;
      t.bounds += bounds;
      if (!title || !published || !author || !bounds)
        std::printf("  miss %s: gold title=%s\n    title=%s published=%s author=%s text=[%.60s ... %.40s]\n",
                    name.c_str(), a.title.c_str(),
                    d.title.value_or("null").c_str(), d.published.value_or("null").c_str(),
                    d.author.value_or("null").c_str(), d.text.c_str(),
                    d.text.size() > 40 ? d.text.c_str() + d.text.size() - 40 : "");
    }
  }
  std::printf("%s: layout                                   pages records title published author bounds\n", label);
  for (const auto& [name, t] : per_layout) {
    std::printf("  %-44s %3d   %.2f   %.2f   %.2f    %.2f   %.2f\n", name.c_str(), t.pages,
                1.0 * t.records / t.pages, 1.0 * t.title / t.pages, 1.0 * t.published / t.pages,
                1.0 * t.author / t.pages, 1.0 * t.bounds / t.pages);
    all.pages += t.pages, all.records += t.records, all.title += t.title;
    all.published += t.published, all.author += t.author, all.bounds += t.bounds;
  }
  double n = all.pages;
  std::printf("  %-44s %3d   %.2f   %.2f   %.2f    %.2f   %.2f\n", "ALL", all.pages, all.records / n,
              all.title / n, all.published / n, all.author / n, all.bounds / n);
  EXPECT_GE(all.records / n, 0.97);
  EXPECT_GE(all.title / n, 0.97);
  EXPECT_GE(all.published / n, 0.97);
  EXPECT_GE(all.author / n, 0.97);
  EXPECT_GE(all.bounds / n, 0.97);
}

TEST(PortalLayouts, MadeUpArticles) { Score(MadeUpArticles(), "made-up"); }

TEST(PortalLayouts, DpgMediaArticles) {
  std::vector<Article> articles = SharedArticles(30);
  if (articles.empty()) GTEST_SKIP() << "../shared/data/dpgmedia2019-nl-news not available";
  Score(articles, "dpgmedia");
}

}  // namespace
}  // namespace wirewatch
