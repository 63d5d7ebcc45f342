// Tests for the CAMEO event coder: one Dutch sentence per root class, separable verbs,
// passives, nominalisations, negation, intentions and threats, quote attribution, and
// sentences that must yield nothing. Documents are built by hand (entity mentions with actors
// set in the test), so nothing depends on the NER model or on ../shared; the lexicon is the
// repository's data/events.
#include "events/events.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "text/tokenizer.h"

namespace wirewatch {
namespace {

const EventLexicon& Lexicon() {
  static const EventLexicon* lexicon = [] {
    auto loaded = LoadEventLexicon(std::string(WIREWATCH_SOURCE_DIR) + "/data/events");
    EXPECT_TRUE(loaded.ok()) << loaded.status().message();
    return new EventLexicon(std::move(loaded).value());
  }();
  return *lexicon;
}

struct Name {
  std::string text;
  std::string type;
  std::string actor;
};

// Every occurrence of each name in `text` becomes a mention with that actor.
Document MakeDoc(const std::string& text, const std::vector<Name>& names) {
  Document doc;
  doc.text = text;
  doc.sentences = SplitSentences(doc.text);
  for (const Name& n : names) {
    for (size_t pos = text.find(n.text); pos != std::string::npos;
         pos = text.find(n.text, pos + 1)) {
      EntityMention m;
      m.span = {static_cast<uint32_t>(pos), static_cast<uint32_t>(pos + n.text.size())};
      m.text = n.text;
      m.type = n.type;
      m.id = "test:" + n.text;
      m.name = n.text;
      m.actor = n.actor;
      doc.entities.push_back(m);
    }
  }
  std::sort(
      doc.entities.begin(), doc.entities.end(),
      [](const EntityMention& a, const EntityMention& b) { return a.span.start < b.span.start; });
  return doc;
}

std::vector<Event> Code(const Document& doc) {
  return CodeEvents(doc, Tokenize(doc.text), Lexicon());
}

std::string Key(const Event& e) {
  return e.source.actor.value_or("-") + ">" +
         (e.target && e.target->actor ? *e.target->actor : "-") + ":" + e.root;
}

std::vector<std::string> Keys(const Document& doc) {
  std::vector<std::string> keys;
  for (const Event& e : Code(doc)) keys.push_back(Key(e));
  return keys;
}

const Name kNato{"NAVO", "ORG", "NATO"};
const Name kRussia{"Rusland", "LOC", "RUS"};
const Name kUkraine{"Oekraïne", "LOC", "UKR"};
const Name kUsa{"VS", "LOC", "USA"};
const Name kIran{"Iran", "LOC", "IRN"};
const Name kIsrael{"Israël", "LOC", "ISR"};
const Name kGermany{"Duitsland", "LOC", "DEU"};
const Name kFrance{"Frankrijk", "LOC", "FRA"};
const Name kChina{"China", "LOC", "CHN"};
const Name kEu{"EU", "ORG", "EU"};

using Keys_ = std::vector<std::string>;

TEST(EventLexiconTest, LoadsAndCoversAllRootClasses) {
  EXPECT_GT(Lexicon().size(), 200u);
  for (const char* code : {"010", "020", "030", "040", "050", "060", "070", "080", "090", "100",
                           "110", "120", "130", "140", "150", "160", "170", "180", "190", "200"})
    EXPECT_NE(Lexicon().Code(code), nullptr) << code;
  EXPECT_EQ(Lexicon().Code("0256")->goldstein, -0.3);
  EXPECT_EQ(Lexicon().Code("012")->plover, "");  // CAMEO 01 has no PLOVER type
  EXPECT_EQ(Lexicon().Code("190")->plover, "ASSAULT");
}

TEST(EventLexiconTest, RejectsBadTables) {
  const std::string codes = "# c\ncode\tgoldstein\tplover\tname\n020\t3\tREQUEST\tAppeal\n";
  EXPECT_TRUE(EventLexicon::Parse("p", "roept … op\t020\n", "c", codes).ok());
  auto unknown = EventLexicon::Parse("p", "roept … op\t999\n", "c", codes);
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("p: line 1"), std::string::npos);
  EXPECT_FALSE(EventLexicon::Parse("p", "roept …\t020\n", "c", codes).ok());       // trailing gap
  EXPECT_FALSE(EventLexicon::Parse("p", "roept\t020\tbogus\n", "c", codes).ok());  // option
  EXPECT_FALSE(EventLexicon::Parse("p", "roept\t020\n", "c", "code\n020\t99\tX\n").ok());
}

// One sentence per CAMEO root class.
TEST(CodeEventsTest, Root01Statement) {
  EXPECT_EQ(Keys(MakeDoc("De NAVO vreest een aanval door Rusland.", {kNato, kRussia})),
            Keys_{"NATO>RUS:01"});
}
TEST(CodeEventsTest, Root02Appeal) {
  EXPECT_EQ(
      Keys(MakeDoc("De NAVO roept Rusland op de troepen terug te trekken.", {kNato, kRussia})),
      Keys_{"NATO>RUS:02"});
}
TEST(CodeEventsTest, Root03Intent) {
  EXPECT_EQ(Keys(MakeDoc("Duitsland wil met China praten over handel.", {kGermany, kChina})),
            Keys_{"DEU>CHN:03"});
}
TEST(CodeEventsTest, Root04Consult) {
  EXPECT_EQ(Keys(MakeDoc("De president van Frankrijk bracht maandag een bezoek aan China.",
                         {kFrance, kChina})),
            Keys_{"FRA>CHN:04"});
}
TEST(CodeEventsTest, Root05Support) {
  EXPECT_EQ(Keys(MakeDoc("De EU steunt Oekraïne.", {kEu, kUkraine})), Keys_{"EU>UKR:05"});
}
TEST(CodeEventsTest, Root06Cooperate) {
  EXPECT_EQ(Keys(MakeDoc("Frankrijk en Duitsland werken samen aan een nieuw gevechtsvliegtuig.",
                         {kFrance, kGermany})),
            Keys_{"FRA>DEU:06"});
}
TEST(CodeEventsTest, Root07Aid) {
  EXPECT_EQ(Keys(MakeDoc("Duitsland levert luchtafweer aan Oekraïne.", {kGermany, kUkraine})),
            Keys_{"DEU>UKR:07"});
}
TEST(CodeEventsTest, Root08Yield) {
  EXPECT_EQ(
      Keys(MakeDoc("Iran liet de Franse gijzelaars vrij.", {kIran, {"Franse", "MISC", "FRA"}})),
      Keys_{"IRN>FRA:08"});
}
TEST(CodeEventsTest, Root09Investigate) {
  EXPECT_EQ(Keys(MakeDoc("De EU stelt een onderzoek in naar Chinese subsidies aan China.",
                         {kEu, kChina})),
            Keys_{"EU>CHN:09"});
}
TEST(CodeEventsTest, Root10Demand) {
  EXPECT_EQ(Keys(MakeDoc("Moskou eist de aftocht van de NAVO uit Oost-Europa.",
                         {{"Moskou", "LOC", "RUS"}, kNato})),
            Keys_{"RUS>NATO:10"});
}
TEST(CodeEventsTest, Root11Disapprove) {
  EXPECT_EQ(Keys(MakeDoc("China bekritiseert de VS om de nieuwe heffingen.", {kChina, kUsa})),
            Keys_{"CHN>USA:11"});
}
TEST(CodeEventsTest, Root12Reject) {
  EXPECT_EQ(
      Keys(MakeDoc("De VS wijzen de Russische eisen af.", {kUsa, {"Russische", "MISC", "RUS"}})),
      Keys_{"USA>RUS:12"});
}
TEST(CodeEventsTest, Root13Threaten) {
  EXPECT_EQ(Keys(MakeDoc("De VS dreigen China met nieuwe sancties.", {kUsa, kChina})),
            Keys_{"USA>CHN:13"});
}
TEST(CodeEventsTest, Root14Protest) {
  EXPECT_EQ(Keys(MakeDoc("Duizenden Iraniërs demonstreerden tegen Israël.",
                         {{"Iraniërs", "MISC", "IRN"}, kIsrael})),
            Keys_{"IRN>ISR:14"});
}
TEST(CodeEventsTest, Root15ForcePosture) {
  EXPECT_EQ(Keys(MakeDoc(
                "Rusland heeft tienduizenden militairen aan de grens met Oekraïne samengetrokken.",
                {kRussia, kUkraine})),
            Keys_{"RUS>UKR:15"});
}
TEST(CodeEventsTest, Root16ReduceRelations) {
  EXPECT_EQ(
      Keys(MakeDoc("Duitsland heeft vier diplomaten van Rusland uitgewezen.", {kGermany, kRussia})),
      Keys_{"DEU>RUS:16"});
}
TEST(CodeEventsTest, Root17Coerce) {
  EXPECT_EQ(Keys(MakeDoc("Iran heeft een Franse journalist gearresteerd.",
                         {kIran, {"Franse", "MISC", "FRA"}})),
            Keys_{"IRN>FRA:17"});
}
TEST(CodeEventsTest, Root18Assault) {
  EXPECT_EQ(Keys(MakeDoc("IS heeft een aanslag gepleegd op een markt in Irak.",
                         {{"IS", "ORG", "ISIS"}, {"Irak", "LOC", "IRQ"}})),
            Keys_{"ISIS>IRQ:18"});
}
TEST(CodeEventsTest, Root19Fight) {
  EXPECT_EQ(Keys(MakeDoc("Israël heeft doelen in Iran gebombardeerd.", {kIsrael, kIran})),
            Keys_{"ISR>IRN:19"});
}
TEST(CodeEventsTest, Root20MassViolence) {
  EXPECT_EQ(Keys(MakeDoc("Myanmar pleegde genocide op de Rohingya.", {{"Myanmar", "LOC", "MMR"}})),
            Keys_{"MMR>-:20"});
}

// Structures.
TEST(CodeEventsTest, SeparableVerbAcrossObject) {
  std::vector<Event> events = Code(
      MakeDoc("Rusland trekt zijn troepen bij de grens met Oekraïne terug.", {kRussia, kUkraine}));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].cameo, "0874");
  EXPECT_EQ(events[0].trigger, "trekt troepen terug");
  EXPECT_EQ(events[0].plover, "RETREAT");
}

TEST(CodeEventsTest, InvertedOrderSubjectAfterVerb) {
  EXPECT_EQ(Keys(MakeDoc("Dinsdag kreeg Rusland bezoek van Duitsland.", {kRussia, kGermany})),
            Keys_{"RUS>DEU:04"});
}

TEST(CodeEventsTest, PassiveAgentIsSource) {
  EXPECT_EQ(Keys(MakeDoc("Een drone uit Iran werd neergeschoten door Israël.", {kIran, kIsrael})),
            Keys_{"ISR>IRN:19"});
}

TEST(CodeEventsTest, NominalisationTakesAdjectiveAsSource) {
  EXPECT_EQ(Keys(MakeDoc("Door Russische luchtaanvallen op Oekraïne viel de stroom uit.",
                         {{"Russische", "MISC", "RUS"}, kUkraine})),
            Keys_{"RUS>UKR:19"});
}

TEST(CodeEventsTest, CompoundNounVisit) {
  std::vector<Event> events =
      Code(MakeDoc("Frankrijk ontving Duitsland voor een Parijsbezoek.", {kFrance, kGermany}));
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events[0].root, "04");
}

TEST(CodeEventsTest, NegationSetsNegated) {
  std::vector<Event> events =
      Code(MakeDoc("Rusland wees het voorstel van de NAVO niet af.", {kRussia, kNato}));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].root, "12");
  EXPECT_TRUE(events[0].negated);
  EXPECT_FALSE(Code(MakeDoc("De NAVO roept Rusland op.", {kNato, kRussia}))[0].negated);
}

TEST(CodeEventsTest, IntentionIsNotTheAct) {
  std::vector<Event> events = Code(MakeDoc("De NAVO wil met Rusland praten.", {kNato, kRussia}));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].cameo, "036");
}

TEST(CodeEventsTest, ThreatIsNotTheAct) {
  std::vector<Event> events =
      Code(MakeDoc("De VS dreigen met een militaire aanval op Iran.", {kUsa, kIran}));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].root, "13");
  EXPECT_EQ(events[0].cameo, "138");
}

TEST(CodeEventsTest, DenialGovernsItsContent) {
  std::vector<Event> events =
      Code(MakeDoc("Rusland ontkent Oekraïne te willen binnenvallen.", {kRussia, kUkraine}));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].cameo, "016");
}

TEST(CodeEventsTest, ConsiderIsPolicyOption) {
  EXPECT_EQ(Code(MakeDoc("De VS overwegen sancties tegen China.", {kUsa, kChina}))[0].cameo, "014");
}

TEST(CodeEventsTest, QuoteWithWeIsTheSpeaker) {
  Document doc = MakeDoc("\"We willen praten met Rusland\", zei de NAVO-chef.", {kRussia});
  Quote q;
  q.text = "We willen praten met Rusland";
  q.span = {1, static_cast<uint32_t>(1 + q.text.size())};
  q.speaker = "Mark Rutte";
  q.speaker_actor = "NATO";
  doc.quotes.push_back(q);
  std::vector<Event> events = Code(doc);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(Key(events[0]), "NATO>RUS:03");
  EXPECT_EQ(events[0].source.text, "Mark Rutte");
}

TEST(CodeEventsTest, MustInSomeoneElsesQuoteIsADemand) {
  std::string text = "\"Rusland moet de militairen weghalen\", zei Blinken.";
  Document doc = MakeDoc(text, {kRussia, {"Blinken", "PER", "USA"}});
  Quote q;
  q.text = "Rusland moet de militairen weghalen";
  q.span = {1, static_cast<uint32_t>(1 + q.text.size())};
  q.speaker = "Antony Blinken";
  q.speaker_actor = "USA";
  doc.quotes.push_back(q);
  // Without a trigger pattern in the quote there is nothing to code; "weghalen" is not one.
  std::vector<Event> events = Code(doc);
  for (const Event& e : events) EXPECT_EQ(Key(e), "USA>RUS:10");
}

TEST(CodeEventsTest, PronounTakesRunningTopic) {
  EXPECT_EQ(Keys(MakeDoc("De NAVO vergaderde in Brussel. Hij riep Rusland op tot de-escalatie.",
                         {kNato, kRussia})),
            (Keys_{"NATO>RUS:02"}));
}

TEST(CodeEventsTest, CoordinatedSubjectsEachAct) {
  EXPECT_EQ(Keys(MakeDoc(
                "Rusland heeft troepen samengetrokken en Oekraïne en de NAVO vrezen een invasie.",
                {kRussia, kUkraine, kNato})),
            (Keys_{"RUS>-:15", "UKR>RUS:01", "NATO>RUS:01"}));
}

TEST(CodeEventsTest, ReciprocalMeeting) {
  EXPECT_EQ(Keys(MakeDoc("De VS en Rusland spraken elkaar in Genève.",
                         {kUsa, kRussia, {"Genève", "LOC", "CHE"}})),
            Keys_{"USA>RUS:04"});
  std::vector<Event> events = Code(MakeDoc("De VS en Rusland spraken elkaar in Genève.",
                                           {kUsa, kRussia, {"Genève", "LOC", "CHE"}}));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].location.value_or(""), "Genève");
}

TEST(CodeEventsTest, CodeFieldsFromTable) {
  std::vector<Event> events = Code(MakeDoc("Israël heeft Iran aangevallen.", {kIsrael, kIran}));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].cameo, "190");
  EXPECT_EQ(events[0].root, "19");
  EXPECT_EQ(events[0].goldstein, -10.0);
  EXPECT_EQ(events[0].plover, "ASSAULT");
  EXPECT_EQ(events[0].sentence, 0u);
  EXPECT_FALSE(events[0].date.has_value());
}

// Sentences that must yield nothing: sport, weather, human interest, and political sentences
// without a coded act.
TEST(CodeEventsTest, NoEventsInUnrelatedSentences) {
  EXPECT_TRUE(Code(MakeDoc("Nederland won met 2-0 van Duitsland in de kwalificatie voor het EK.",
                           {{"Nederland", "LOC", "NLD"}, kGermany}))
                  .empty());
  EXPECT_TRUE(
      Code(MakeDoc("In Frankrijk wordt het morgen twintig graden met zon en een enkele bui.",
                   {kFrance}))
          .empty());
  EXPECT_TRUE(Code(MakeDoc("Een oma uit Duitsland vierde haar honderdste verjaardag met taart.",
                           {kGermany}))
                  .empty());
  EXPECT_TRUE(Code(MakeDoc("Het weer in China was vandaag warm.", {kChina})).empty());
  EXPECT_TRUE(
      Code(MakeDoc("De aanval van Ajax was sterk, maar de verdediging van Frankrijk hield stand.",
                   {kFrance}))
          .empty());
}

// Precision: what must not be coded, or not with that actor.
TEST(CodeEventsTest, ActInTimeAdjunctIsBackground) {
  // Reported once; "na het overleg" refers back to it.
  EXPECT_EQ(Keys(MakeDoc("De VS en Rusland spraken elkaar in Genève. Na het overleg met Rusland "
                         "vertrokken de VS naar huis.",
                         {kUsa, kRussia, {"Genève", "LOC", "CHE"}})),
            Keys_{"USA>RUS:04"});
  // The setting of a statement: before a meeting, around a visit.
  EXPECT_TRUE(Keys(MakeDoc("Dat zei Frankrijk voorafgaand aan overleg met de EU.", {kFrance, kEu}))
                  .empty());
  // A complement inside the adjunct is no target: "rond zijn bezoek aan Zwitserland".
  for (const Event& e :
       Code(MakeDoc("Trump beledigde bondgenoten rond zijn bezoek aan Zwitserland.",
                    {{"Trump", "PER", "USA"}, {"Zwitserland", "LOC", "CHE"}})))
    EXPECT_NE(Key(e), "USA>CHE:11");
}

TEST(CodeEventsTest, NominalisationBeforeVerbIsItsObject) {
  EXPECT_EQ(Keys(MakeDoc("China heeft de arrestatie door Canada scherp veroordeeld.",
                         {kChina, {"Canada", "LOC", "CAN"}})),
            Keys_{"CHN>CAN:11"});
}

TEST(CodeEventsTest, PeopleAreNotAState) {
  EXPECT_TRUE(Code(MakeDoc("De Italiaanse kiezers hopen op een nieuwe regering.",
                           {{"Italiaanse", "MISC", "ITA"}}))
                  .empty());
  EXPECT_TRUE(Code(MakeDoc("Nederlanders maken zich zorgen over Rusland.",
                           {{"Nederlanders", "MISC", "NLD"}, kRussia}))
                  .empty());
  // An official noun makes the adjective the state; a singular demonym is one person.
  EXPECT_EQ(Keys(MakeDoc("De Russische minister hoopt op overleg met de VS.",
                         {{"Russische", "MISC", "RUS"}, kUsa})),
            Keys_{"RUS>USA:01"});
  EXPECT_EQ(Keys(MakeDoc("De Amerikaan vroeg Rusland om te de-escaleren.",
                         {{"Amerikaan", "MISC", "USA"}, kRussia})),
            Keys_{"USA>RUS:02"});
}

TEST(CodeEventsTest, IndefiniteSubjectNamesNobody) {
  EXPECT_EQ(Keys(MakeDoc("Meerdere leiders hebben steun uitgesproken aan Oekraïne.", {kUkraine})),
            Keys_{"->UKR:05"});
  // Not the speaker of the reported speech it stands in.
  Document doc =
      MakeDoc("Veel lidstaten hopen op een akkoord met Rusland, zei de NAVO-chef.", {kRussia});
  Quote q;
  q.span = {0, 52};
  q.direct = false;
  q.speaker = "Mark Rutte";
  q.speaker_actor = "NATO";
  doc.quotes.push_back(q);
  for (const Event& e : Code(doc)) EXPECT_NE(e.source.actor.value_or("-"), "NATO") << Key(e);
}

TEST(CodeEventsTest, FigurativeAndCourtUsesYieldNothing) {
  EXPECT_TRUE(Code(MakeDoc("Rusland noemt het een aanslag op de democratie.", {kRussia})).empty());
  EXPECT_TRUE(
      Code(MakeDoc("De bank viel ten prooi aan Duitsland en Frankrijk.", {kGermany, kFrance}))
          .empty());
  EXPECT_TRUE(
      Code(MakeDoc("Hij is in Duitsland bij verstek tot zes jaar cel veroordeeld.", {kGermany}))
          .empty());
  EXPECT_TRUE(Code(MakeDoc("Uit onderzoek van de EU blijkt dat Duitsland minder uitstoot.",
                           {kEu, kGermany}))
                  .empty());
  // Without its agent a passive arrest names no arresting party.
  EXPECT_TRUE(
      Code(MakeDoc("Honderd Italiaanse fans werden gearresteerd.", {{"Italiaanse", "MISC", "ITA"}}))
          .empty());
  EXPECT_EQ(Keys(MakeDoc("Honderd fans uit Frankrijk werden door Duitsland gearresteerd.",
                         {kFrance, kGermany})),
            Keys_{"DEU>FRA:17"});
}

TEST(CodeEventsTest, ListedAndLocatedMentionsAreNoTargets) {
  EXPECT_EQ(Keys(MakeDoc("De NAVO-landen waaronder Duitsland steunen Oekraïne.",
                         {{"NAVO-landen", "MISC", "NATO"}, kGermany, kUkraine})),
            Keys_{"NATO>UKR:05"});
  // "in Brussel" is where, not whom: the implicit target skips it.
  EXPECT_EQ(Keys(MakeDoc("Frankrijk overlegde met Duitsland in Brussel. Frankrijk dreigde later.",
                         {kFrance, kGermany, {"Brussel", "LOC", "BEL"}})),
            (Keys_{"FRA>DEU:04", "FRA>DEU:13"}));
}

// Structure: who the implicit or hidden parties are.
TEST(CodeEventsTest, ContentClauseSubjectIsTheTarget) {
  EXPECT_EQ(
      Keys(MakeDoc("De NAVO vreest dat Rusland Oekraïne binnenvalt.", {kNato, kRussia, kUkraine})),
      Keys_{"NATO>RUS:01"});
  EXPECT_EQ(
      Keys(MakeDoc("Rusland eist dat de NAVO zich terugtrekt uit Oost-Europa.", {kRussia, kNato})),
      Keys_{"RUS>NATO:10"});
}

TEST(CodeEventsTest, CoordinatedClauseSharesTheSubject) {
  std::vector<std::string> keys =
      Keys(MakeDoc("Rusland heeft troepen opgesteld, maar ontkent een invasie van Oekraïne.",
                   {kRussia, kUkraine}));
  EXPECT_NE(std::find(keys.begin(), keys.end(), "RUS>UKR:01"), keys.end());
  EXPECT_EQ(std::find(keys.begin(), keys.end(), "RUS>UKR:19"), keys.end());  // denied, not done
}

TEST(CodeEventsTest, AppositionKeepsItsClause) {
  EXPECT_EQ(Keys(MakeDoc("Huawei, het Chinese bedrijf, klaagt de Canadese overheid aan.",
                         {{"Huawei", "ORG", "CHN"}, {"Canadese", "MISC", "CAN"}})),
            Keys_{"CHN>CAN:11"});
}

TEST(CodeEventsTest, TheTwoOfThemAreTheLastTwoParties) {
  EXPECT_EQ(Keys(MakeDoc("Blinken was in Kiev en Lavrov in Moskou. De twee ministers spraken "
                         "elkaar dinsdag telefonisch.",
                         {{"Blinken", "PER", "USA"}, {"Lavrov", "PER", "RUS"}})),
            Keys_{"USA>RUS:04"});
}

TEST(CodeEventsTest, TogetherWithIsACoAgent) {
  EXPECT_EQ(Keys(MakeDoc("De VS zijn samen met Israël een oorlog begonnen tegen Iran.",
                         {kUsa, kIsrael, kIran})),
            (Keys_{"USA>IRN:19", "ISR>IRN:19"}));
}

TEST(CodeEventsTest, SupportVerbGivesTheNounItsAgent) {
  EXPECT_EQ(Keys(MakeDoc("Duitsland hield overleg met Frankrijk.", {kGermany, kFrance})),
            Keys_{"DEU>FRA:04"});
  // Without one, the subject did not do what the noun names.
  EXPECT_TRUE(
      Code(MakeDoc("Duitsland was woedend over het overleg met Frankrijk.", {kGermany, kFrance}))
          .empty());
}

TEST(CodeEventsTest, DateFromTheClauseElsePublication) {
  Document doc = MakeDoc("Dinsdag viel Rusland Oekraïne aan. Duitsland veroordeelde Rusland.",
                         {kRussia, kUkraine, kGermany});
  doc.published = "2022-01-20T10:00:00Z";
  TimeExpression t;
  t.span = {0, 7};
  t.text = "Dinsdag";
  t.value = "2022-01-18";
  doc.times.push_back(t);
  std::vector<Event> events = Code(doc);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].date.value_or(""), "2022-01-18");
  EXPECT_EQ(events[1].date.value_or(""), "2022-01-20");
  // A start point is not when it happened; a clock time is cut to its day.
  doc.times[0].text = "sinds dinsdag";
  EXPECT_EQ(Code(doc)[0].date.value_or(""), "2022-01-20");
  doc.times[0].text = "Dinsdag";
  doc.times[0].value = "2022-01-18T14:30";
  EXPECT_EQ(Code(doc)[0].date.value_or(""), "2022-01-18");
}

TEST(CodeEventsTest, ExactWordOutranksCompoundHead) {
  std::vector<Event> events =
      Code(MakeDoc("Syrië voerde een gifgasaanval uit op Idlib.", {{"Syrië", "LOC", "SYR"}}));
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events[0].root, "20");
}

TEST(CodeEventsTest, EmptyDocument) {
  Document doc;
  EXPECT_TRUE(CodeEvents(doc, {}, Lexicon()).empty());
}

}  // namespace
}  // namespace wirewatch
