// Quote extraction on Dutch sentences: every quote form, reported speech cues, speakers
// (names, pronouns, roles through entity mentions), and sentences that hold no quote.
#include <gtest/gtest.h>

#include "quotes/quotes.h"
#include "text/tokenizer.h"

namespace wirewatch {
namespace {

const QuoteLexicon& Lexicon() {
  static const QuoteLexicon lexicon = [] {
    auto l = LoadQuoteLexicon(std::string(WIREWATCH_SOURCE_DIR) + "/data/quotes/cues.tsv");
    EXPECT_TRUE(l.ok()) << l.status().message();
    return l.ok() ? std::move(l).value() : QuoteLexicon();
  }();
  return lexicon;
}

Document Doc(const std::string& text) {
  Document d;
  d.text = text;
  d.sentences = SplitSentences(d.text);
  return d;
}

void AddEntity(Document& d, const std::string& surface, const std::string& type,
               const std::string& name, const std::string& actor, size_t occurrence = 0) {
  size_t at = d.text.find(surface);
  for (size_t i = 0; i < occurrence && at != std::string::npos; ++i) at = d.text.find(surface, at + 1);
  ASSERT_NE(at, std::string::npos) << surface;
  EntityMention e;
  e.span = {static_cast<uint32_t>(at), static_cast<uint32_t>(at + surface.size())};
  e.text = surface;
  e.type = type;
  e.name = name;
  e.id = "Q" + name;
  e.actor = actor;
  d.entities.push_back(e);
  std::sort(d.entities.begin(), d.entities.end(),
            [](const EntityMention& a, const EntityMention& b) { return a.span.start < b.span.start; });
}

std::vector<Quote> Extract(const Document& d) { return ExtractQuotes(d, Lexicon()); }

TEST(Quotes, TrailingCueAfterDirectQuote) {
  auto q = Extract(Doc("\"Het was een belangrijk gesprek\", zei Blinken in een reactie."));
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, "Het was een belangrijk gesprek");
  EXPECT_TRUE(q[0].direct);
  EXPECT_EQ(q[0].speaker, "Blinken");
  EXPECT_EQ(q[0].cue, "zei");
}

TEST(Quotes, EveryDutchQuoteForm) {
  for (std::string text : {",,We gaan door met praten'', zei de minister.",
                           "„We gaan door met praten”, zei de minister.",
                           "“We gaan door met praten”, zei de minister.",
                           "'We gaan door met praten', zei de minister.",
                           "«We gaan door met praten», zei de minister."}) {
    auto q = Extract(Doc(text));
    ASSERT_EQ(q.size(), 1u) << text;
    EXPECT_EQ(q[0].text, "We gaan door met praten") << text;
    EXPECT_EQ(q[0].speaker, "de minister") << text;
  }
}

TEST(Quotes, QuotationSpanningTwoSentences) {
  auto q = Extract(Doc("\"Ze bevonden zich niet in de positie. Ze wezen het ook niet af\", zei hij."));
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, "Ze bevonden zich niet in de positie. Ze wezen het ook niet af");
}

TEST(Quotes, ReportedSpeechWithDat) {
  auto q = Extract(Doc("Lavrov zei kort na de ontmoeting dat hij hoopt dat de spanningen afnemen."));
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, "hij hoopt dat de spanningen afnemen");
  EXPECT_FALSE(q[0].direct);
  EXPECT_EQ(q[0].speaker, "Lavrov");
}

// A focus particle stands before the subject in first position ("Ook hij vermoedt"): the
// subject is the word after it, and a cognition verb of attribution is a cue.
TEST(Quotes, FocusParticleBeforeTheSubject) {
  Document d = Doc("Oud-kapitein John Weyne zegt dat de Russen geïnteresseerd zijn. "
                   "Ook militair historicus Christ Klep verwacht dat de Russen hun energie sparen. "
                   "Ook hij vermoedt dat het bergen niet uitvoerbaar is.");
  AddEntity(d, "John Weyne", "PER", "John Weyne", "NLD");
  AddEntity(d, "Christ Klep", "PER", "Christ Klep", "NLD");
  auto q = Extract(d);
  ASSERT_EQ(q.size(), 3u);
  EXPECT_EQ(q[0].speaker, "John Weyne");
  EXPECT_EQ(q[1].speaker, "Christ Klep");
  EXPECT_EQ(q[1].cue, "verwacht");
  EXPECT_EQ(q[2].speaker, "Christ Klep");
  EXPECT_EQ(q[2].cue, "vermoedt");
}

TEST(Quotes, VolgensAtStartAndMidSentence) {
  auto q = Extract(Doc("Volgens de hulporganisatie zijn tienduizenden mensen op de vlucht. "
                       "Het zou volgens hem helpen bij gesprekken."));
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].text, "zijn tienduizenden mensen op de vlucht");
  EXPECT_EQ(q[0].speaker, "de hulporganisatie");
  EXPECT_EQ(q[1].text, "Het zou volgens hem helpen bij gesprekken");
}

TEST(Quotes, DatZeiClaimsThePreviousSentence) {
  auto q = Extract(Doc("Iran heeft contact gezocht met de VS. Dat zei president Trump donderdag."));
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, "Iran heeft contact gezocht met de VS");
  EXPECT_EQ(q[0].speaker, "president Trump");
}

TEST(Quotes, AldusAndNaarEigenZeggen) {
  auto q = Extract(Doc("De EU zal Rusland terugduwen, aldus Borrell. "
                       "De strijdkrachten hebben naar eigen zeggen posities bestookt."));
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].text, "De EU zal Rusland terugduwen");
  EXPECT_EQ(q[0].speaker, "Borrell");
  EXPECT_EQ(q[1].speaker, "De strijdkrachten");
}

TEST(Quotes, ApostrophesInsideWordsAreNotQuotes) {
  auto q = Extract(Doc("Het was 's avonds druk bij Trump's hotel en z'n gasten bleven tot "
                       "middernacht, meldt de krant."));
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text.rfind("Het was 's avonds", 0), 0u);
}

TEST(Quotes, ScareQuotesWithoutCueAreNotQuotations) {
  EXPECT_TRUE(Extract(Doc("Kubilius hoopt het succes van een eerdere 'munitietoer' te herhalen.")).empty());
  EXPECT_TRUE(Extract(Doc("De regering kocht nieuwe raketten voor de luchtmacht.")).empty());
}

TEST(Quotes, NameBeforeAColonSpeaks) {
  // The press convention "Naam (functie): '...'" without any speech verb.
  Document d = Doc("Merlijn Stoffels (persvoorlichter van het Rode Kruis): 'We merken dat er minder wordt gegeven.'");
  AddEntity(d, "Merlijn Stoffels", "PER", "Merlijn Stoffels", "NLD");
  AddEntity(d, "Rode Kruis", "ORG", "Rode Kruis", "NLD");
  auto q = Extract(d);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "Merlijn Stoffels");
  EXPECT_TRUE(q[0].direct);
}

TEST(Quotes, VerbsOfSayingBeyondZeggen) {
  Document d = Doc("'Heel raar dat het Rode Kruis met dit voorstel komt', reageert Antoinette Laan.");
  AddEntity(d, "Antoinette Laan", "PER", "Antoinette Laan", "NLD");
  auto q = Extract(d);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "Antoinette Laan");
  // An infinitive after "te" is no report.
  EXPECT_TRUE(Extract(Doc("Het kabinet probeert het succes van vorig jaar te herhalen.")).empty());
}

TEST(Quotes, UnattributedQuotationsAreDropped) {
  // No person in the text: the quotation has no speaker and is not a quote.
  Document d = Doc("Het boek 'Een land zonder grenzen en zonder angst' ligt in de winkel.");
  d.quotes = Extract(d);
  AttributeSpeakersFromTree(d);
  EXPECT_TRUE(d.quotes.empty());
}

TEST(Quotes, PronounResolvesToLatestPerson) {
  Document d = Doc("Jens Stoltenberg sprak met Rusland. \"We willen praten\", zei hij.");
  AddEntity(d, "Jens Stoltenberg", "PER", "Jens Stoltenberg", "NATO");
  AddEntity(d, "Rusland", "LOC", "Rusland", "RUS");
  auto q = Extract(d);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "Jens Stoltenberg");
  EXPECT_EQ(q[0].speaker_actor, "NATO");
  EXPECT_EQ(q[0].speaker_id, "QJens Stoltenberg");
}

TEST(Quotes, RoleResolvesToLatestPersonOfThatActor) {
  Document d = Doc("Stoltenberg sprak in Berlijn. Het overleg gaat door, aldus de NAVO-chef.");
  AddEntity(d, "Stoltenberg", "PER", "Jens Stoltenberg", "NATO");
  AddEntity(d, "NAVO-chef", "MISC", "NAVO-chef", "NATO");
  auto q = Extract(d);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "Jens Stoltenberg");
}

TEST(Quotes, UncuedQuoteTakesContextSpeaker) {
  auto q = Extract(Doc("\"Het was een goed gesprek\", zei Blinken. \"Nu begrijpen we elkaar beter.\""));
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[1].text, "Nu begrijpen we elkaar beter");
  EXPECT_EQ(q[1].speaker, "Blinken");
  EXPECT_TRUE(q[1].direct);
}

TEST(Quotes, SpansPointAtTheQuotedBytes) {
  Document d = Doc("Intro. \"Dit is het citaat\", zei Rutte.");
  auto q = Extract(d);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(d.text.substr(q[0].span.start, q[0].span.end - q[0].span.start), q[0].text);
}

TEST(QuoteLexicon, MalformedTableIsAClearError) {
  auto bad = QuoteLexicon::Parse("cues.tsv", "zei\tverb\nzegt\tpraatwoord\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("cues.tsv: line 2"), std::string::npos);
  EXPECT_FALSE(LoadQuoteLexicon("/nonexistent/cues.tsv").ok());
}

}  // namespace
}  // namespace wirewatch

namespace wirewatch {
namespace {

// A parsed sentence: words "form|lemma|UPOS|head|deprel", separated by single spaces in the text.
Document ParsedDoc(const std::vector<std::string>& words) {
  Document d;
  d.tokens.emplace();
  uint32_t id = 0;
  for (const std::string& w : words) {
    std::vector<std::string> f;
    for (size_t pos = 0;;) {
      size_t bar = w.find('|', pos);
      f.push_back(w.substr(pos, bar == std::string::npos ? std::string::npos : bar - pos));
      if (bar == std::string::npos) break;
      pos = bar + 1;
    }
    if (!d.text.empty()) d.text += ' ';
    SyntaxToken t;
    t.id = ++id;
    t.span = {static_cast<uint32_t>(d.text.size()), static_cast<uint32_t>(d.text.size() + f[0].size())};
    d.text += f[0];
    t.lemma = f[1];
    t.upos = f[2];
    t.head = static_cast<uint32_t>(std::stoi(f[3]));
    t.deprel = f[4];
    d.tokens->push_back(t);
  }
  d.sentences = {{0, static_cast<uint32_t>(d.text.size())}};
  return d;
}

TEST(Quotes, SentenceInitialFunctionWordIsNoSpeaker) {
  // The capital of "In" is the sentence's: the speaker is the subject after the verb.
  auto q = Extract(Doc("In een verklaring zei Blinken dat de gesprekken doorgaan."));
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "Blinken");
}

TEST(Quotes, BareNounAfterVolgensIsTheSource) {
  auto q = Extract(Doc("Dit treft ruim vier op de tien weggebruikers, volgens onderzoek in opdracht van de bond."));
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker.rfind("onderzoek", 0), 0u) << q[0].speaker;
}

TEST(Quotes, NationalityAdjectiveLendsItsActorNotItsName) {
  Document d = Doc("Volgens het Chinese concern is de maatregel ongrondwettelijk.");
  AddEntity(d, "Chinese", "MISC", "Chinees", "CHN");
  auto q = Extract(d);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_NE(q[0].speaker, "Chinees");
  EXPECT_EQ(q[0].speaker_actor, "CHN");
}

TEST(Quotes, VerbAfterAnInsertedClauseIsNoTrailingCue) {
  // The comma closes "wiens ... staat"; no subject follows "zegt": the subject precedes it.
  auto q = Extract(Doc("Directeur Mariëlle Winkel, wiens handtekening op de facturen staat, zegt niks te weten van het bedrijf."));
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, "niks te weten van het bedrijf");
  EXPECT_NE(q[0].speaker.find("Winkel"), std::string::npos) << q[0].speaker;
}

TEST(Quotes, InvertedSubjectWithAppositionInsideASeparableCue) {
  auto q = Extract(Doc("In Europa liet Mario Draghi, de president van de Europese Centrale Bank, weten dat de rente laag blijft."));
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].cue, "liet weten");
  EXPECT_EQ(q[0].text, "de rente laag blijft");
}

TEST(Quotes, UncuedQuoteAfterASentenceAboutSomeoneIsTheirs) {
  // "Kroes reageert verbaasd. 'Dat ...'": the person the sentence before has as its subject.
  Document d = Doc("Stoffels zei dat het druk was. Kroes reageert verbaasd. 'Dat is een goed plan voor iedereen hier.'");
  AddEntity(d, "Stoffels", "PER", "Merlijn Stoffels", "NLD");
  AddEntity(d, "Kroes", "PER", "Neelie Kroes", "NLD");
  d.tokens.emplace();
  SyntaxToken subject;
  size_t at = d.text.find("Kroes");
  subject.span = {static_cast<uint32_t>(at), static_cast<uint32_t>(at + 5)};
  subject.sentence = 1;
  subject.upos = "PROPN";
  subject.deprel = "nsubj";
  subject.head = 2;
  d.tokens->push_back(subject);
  auto q = Extract(d);
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[1].text, "Dat is een goed plan voor iedereen hier");
  EXPECT_EQ(q[1].speaker, "Neelie Kroes");
}

TEST(Quotes, TrailingSeparableCueWithItsSubjectBetweenItsParts) {
  auto q = Extract(Doc("De deadline zorgt voor druk op het bedrijf, legt Laan uit."));
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "Laan");
  EXPECT_EQ(q[0].text, "De deadline zorgt voor druk op het bedrijf");
}

TEST(TreeSpeakers, SubjectTakenAsContentMovesToTheContentClause) {
  // Word order read "David Gauke , de minister van Justitie" as what was said before ", zei".
  Document d = ParsedDoc({"David|David|PROPN|9|nsubj", "Gauke|Gauke|PROPN|1|flat", ",|,|PUNCT|5|punct",
                          "de|de|DET|5|det", "minister|minister|NOUN|1|appos", "van|van|ADP|7|case",
                          "Justitie|justitie|NOUN|5|nmod", ",|,|PUNCT|9|punct", "zei|zeggen|VERB|0|root",
                          "dat|dat|SCONJ|13|mark", "hij|hij|PRON|13|nsubj", "zou|zullen|AUX|13|aux",
                          "aftreden|af_treden|VERB|9|ccomp", ".|.|PUNCT|9|punct"});
  AddEntity(d, "David Gauke", "PER", "David Gauke", "GBR");
  Quote wrong;
  wrong.span = {0, static_cast<uint32_t>(d.text.find(" , zei"))};
  wrong.text = d.text.substr(0, wrong.span.end);
  wrong.speaker = "Theresa May";
  wrong.cue = "zei";
  wrong.direct = false;
  d.quotes = {wrong};
  AttributeSpeakersFromTree(d);
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(d.quotes[0].text, "hij zou aftreden");
  EXPECT_EQ(d.quotes[0].speaker, "David Gauke");
  EXPECT_EQ(d.quotes[0].speaker_actor, "GBR");
}

TEST(TreeSpeakers, InvertedSubjectOfTheCueVerbSpeaks) {
  // "Vorige week kondigde de Indiase regering aan dat ...": not "Vorige".
  Document d = ParsedDoc({"Vorige|vorig|ADJ|2|amod", "week|week|NOUN|3|obl", "kondigde|kondigen|VERB|0|root",
                          "de|de|DET|6|det", "Indiase|Indiaas|ADJ|6|amod", "regering|regering|NOUN|3|nsubj",
                          "aan|aan|ADP|3|compound:prt", "dat|dat|SCONJ|11|mark", "de|de|DET|10|det",
                          "heffingen|heffing|NOUN|11|nsubj", "stijgen|stijgen|VERB|3|ccomp", ".|.|PUNCT|3|punct"});
  AddEntity(d, "Indiase", "MISC", "Indiaas", "IND");
  Quote q;
  q.span = {static_cast<uint32_t>(d.text.find("de heffingen")), static_cast<uint32_t>(d.text.find(" ."))};
  q.text = "de heffingen stijgen";
  q.speaker = "Vorige";
  q.cue = "kondigde aan";
  q.direct = false;
  d.quotes = {q};
  AttributeSpeakersFromTree(d);
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(d.quotes[0].speaker, "de Indiase regering");
  EXPECT_EQ(d.quotes[0].speaker_actor, "IND");
}

TEST(TreeSpeakers, VolgensInARelativeClauseReportsThatClause) {
  // "Russen die volgens de autoriteiten dicht bij Poetin staan": the source is the noun
  // "volgens" governs, the content the rest of the clause it opens.
  Document d = ParsedDoc({"Russen|rus|NOUN|0|root", "die|die|PRON|8|nsubj", "volgens|volgens|ADP|5|case",
                          "de|de|DET|5|det", "autoriteiten|autoriteit|NOUN|8|obl", "dicht|dicht|ADJ|8|advmod",
                          "bij|bij|ADP|8|case", "staan|staan|VERB|1|acl:relcl", ".|.|PUNCT|1|punct"});
  Quote q;
  q.span = {0, static_cast<uint32_t>(d.text.find(" ."))};
  q.text = d.text.substr(0, q.span.end);
  q.speaker = "Poetin";
  q.cue = "volgens";
  q.direct = false;
  d.quotes = {q};
  AttributeSpeakersFromTree(d);
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(d.quotes[0].text, "dicht bij staan");
  EXPECT_EQ(d.quotes[0].speaker, "de autoriteiten");
}

TEST(TreeSpeakers, QuoteReopenedAtEachParagraphIsOneQuotePerParagraph) {
  // A quotation over paragraphs reopens at each one without closing the one before.
  Document d;
  d.text = "Stoffels: 'We merken het. Dat geldt minder. 'We streven naar meer.' En verder.";
  Quote q;
  q.span = {static_cast<uint32_t>(d.text.find("We merken")), static_cast<uint32_t>(d.text.rfind("'"))};
  q.text = d.text.substr(q.span.start, q.span.end - q.span.start);
  q.speaker = "Merlijn Stoffels";
  q.cue = ":";
  q.direct = true;
  d.quotes = {q};
  AttributeSpeakersFromTree(d);
  ASSERT_EQ(d.quotes.size(), 2u);
  EXPECT_EQ(d.quotes[0].text, "We merken het. Dat geldt minder.");
  EXPECT_EQ(d.quotes[1].text, "We streven naar meer.");
  EXPECT_EQ(d.quotes[1].speaker, "Merlijn Stoffels");
}

}  // namespace
}  // namespace wirewatch
