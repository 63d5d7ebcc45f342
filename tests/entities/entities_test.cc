// Entity mentions and linking end to end over the shipped model and knowledge tables: names,
// surnames, adjectives, compounds, offices by date and by context, metonymy, unknown names.
#include <gtest/gtest.h>

#include "entities/entities.h"

namespace wirewatch {
namespace {

struct Fixture {
  std::unique_ptr<const KnowledgeBase> kb;
  std::optional<NerModel> ner;
};

const Fixture& Shared() {
  static const Fixture f = [] {
    Fixture f;
    auto kb = KnowledgeBase::Load(std::string(WIREWATCH_SOURCE_DIR) + "/data/knowledge");
    EXPECT_TRUE(kb.ok()) << kb.status().message();
    if (kb.ok()) f.kb = std::move(kb).value();
    auto ner = NerModel::Load(std::string(WIREWATCH_SOURCE_DIR) + "/models/ner-nl.bin");
    EXPECT_TRUE(ner.ok()) << ner.status().message();
    if (ner.ok()) f.ner = std::move(ner).value();
    return f;
  }();
  return f;
}

std::vector<EntityMention> Find(const std::string& text, std::optional<std::string> published = {},
                                std::optional<Dateline> dateline = {}) {
  const Fixture& f = Shared();
  if (!f.kb || !f.ner) return {};
  Document doc;
  doc.text = text;
  doc.published = published;
  doc.dateline = dateline;
  std::vector<Token> tokens = Tokenize(doc.text);
  doc.sentences = SentenceSpans(tokens);
  return FindEntities(doc, tokens, *f.ner, *f.kb);
}

const EntityMention* ByText(const std::vector<EntityMention>& ms, const std::string& text,
                            size_t occurrence = 0) {
  for (const EntityMention& m : ms)
    if (m.text == text && occurrence-- == 0) return &m;
  return nullptr;
}

TEST(Entities, SurnameResolvesToEarlierFullName) {
  auto ms = Find("De NAVO roept Rusland op. Dat zei secretaris-generaal Jens Stoltenberg in Brussel. "
                 "Stoltenberg sprak van een positief teken.");
  const EntityMention* full = ByText(ms, "Jens Stoltenberg");
  const EntityMention* last = ByText(ms, "Stoltenberg");
  ASSERT_TRUE(full && last);
  EXPECT_EQ(full->type, "PER");
  EXPECT_EQ(last->id, full->id);
  EXPECT_EQ(last->name, "Jens Stoltenberg");
  EXPECT_EQ(full->actor, "NATO");
  EXPECT_EQ(last->actor, "NATO");
}

TEST(Entities, FamilyNameFirstResolvesToEarlierFullName) {
  // Korean and Chinese names put the family name first: "Kim Jong-un ... Kim".
  auto ms = Find("De Noord-Koreaanse onderhandelaar Kim Song-nam bezocht Peking. "
                 "Volgens Kim zijn de gesprekken goed verlopen.");
  const EntityMention* full = ByText(ms, "Kim Song-nam");
  const EntityMention* first = ByText(ms, "Kim");
  ASSERT_TRUE(full && first);
  EXPECT_EQ(first->id, full->id);
  EXPECT_EQ(first->actor, full->actor);
  EXPECT_EQ(full->actor, "PRK");
}

TEST(Entities, GenitiveOfANamedPersonIsThatPerson) {
  auto ms = Find("Donald Trump sprak in Washington. Trumps beslissing verraste de bondgenoten.");
  const EntityMention* full = ByText(ms, "Donald Trump");
  const EntityMention* genitive = ByText(ms, "Trumps");
  ASSERT_TRUE(full && genitive);
  EXPECT_EQ(genitive->type, "PER");
  EXPECT_EQ(genitive->id, full->id);
  EXPECT_EQ(genitive->actor, full->actor);
}

TEST(Entities, DesignatorDecidesTheTypeOfAnUnknownName) {
  // Whatever the tagger makes of "Ukio Bankas", its last word says it is a bank.
  auto ms = Find("De Litouwse toezichthouder sloot in 2013 de Ukio Bankas en de Snoras Bank.");
  const EntityMention* ukio = ByText(ms, "Ukio Bankas");
  const EntityMention* snoras = ByText(ms, "Snoras Bank");
  ASSERT_TRUE(ukio && snoras);
  EXPECT_EQ(ukio->type, "ORG");
  EXPECT_EQ(snoras->type, "ORG");
}

TEST(Entities, TitleBeforeAnUnknownNameMakesItAPerson) {
  // Whatever the tagger makes of an unknown name, a title right before it says it is a person,
  // also as a compound's head or a part of a hyphenated title.
  auto ms = Find("Ook militair historicus Christ Klep en oud-kapitein-ter-zee John Weyne verwachten dat.");
  const EntityMention* klep = ByText(ms, "Christ Klep");
  const EntityMention* weyne = ByText(ms, "John Weyne");
  ASSERT_TRUE(klep && weyne);
  EXPECT_EQ(klep->type, "PER");
  EXPECT_EQ(weyne->type, "PER");
}

TEST(Entities, DutchNamesLinkToActors) {
  auto ms = Find("Poetin sprak met de Amerikaanse president over de VS en Oekraïne.");
  const EntityMention* putin = ByText(ms, "Poetin");
  ASSERT_TRUE(putin);
  EXPECT_EQ(putin->name, "Vladimir Poetin");
  EXPECT_EQ(putin->actor, "RUS");
  const EntityMention* adj = ByText(ms, "Amerikaanse");
  ASSERT_TRUE(adj);
  EXPECT_EQ(adj->type, "MISC");
  EXPECT_EQ(adj->actor, "USA");
  ASSERT_TRUE(ByText(ms, "VS"));
  EXPECT_EQ(ByText(ms, "VS")->actor, "USA");
  ASSERT_TRUE(ByText(ms, "Oekraïne"));
  EXPECT_EQ(ByText(ms, "Oekraïne")->actor, "UKR");
}

TEST(Entities, CompoundsOnAKnownNameAreMiscOfItsActor) {
  auto ms = Find("De NAVO-landen en de EU-leiders overleggen.");
  const EntityMention* landen = ByText(ms, "NAVO-landen");
  ASSERT_TRUE(landen);
  EXPECT_EQ(landen->type, "MISC");
  EXPECT_EQ(landen->actor, "NATO");
  ASSERT_TRUE(ByText(ms, "EU-leiders"));
  EXPECT_EQ(ByText(ms, "EU-leiders")->actor, "EU");
}

TEST(Entities, OfficeFollowsThePublicationDate) {
  auto in_2022 = Find("Mark Rutte sprak in Den Haag met journalisten.", "2022-03-01");
  auto in_2025 = Find("Mark Rutte sprak in Den Haag met journalisten.", "2025-03-01");
  ASSERT_TRUE(ByText(in_2022, "Mark Rutte") && ByText(in_2025, "Mark Rutte"));
  EXPECT_EQ(ByText(in_2022, "Mark Rutte")->actor, "NLD");
  EXPECT_EQ(ByText(in_2025, "Mark Rutte")->actor, "NATO");
}

TEST(Entities, UndatedOfficeFollowsTheContext) {
  auto ms = Find("Trump sprak in Davos met NAVO-chef Mark Rutte over Groenland.");
  ASSERT_TRUE(ByText(ms, "Mark Rutte"));
  EXPECT_EQ(ByText(ms, "Mark Rutte")->actor, "NATO");
}

TEST(Entities, SeatOfOrganisationAsAgentIsMetonymy) {
  auto ms = Find("De EU wil praten. De relatie tussen Moskou en Brussel is slecht. "
                 "De ministers kwamen bijeen in Brussel.");
  const EntityMention* agent = ByText(ms, "Brussel", 0);
  const EntityMention* place = ByText(ms, "Brussel", 1);
  ASSERT_TRUE(agent && place);
  EXPECT_EQ(agent->actor, "EU");
  EXPECT_EQ(place->actor, "BEL");
}

TEST(Entities, UnknownNamesGetLocalIdsAndContextActors) {
  auto ms = Find("De Turkse minister Ahmet Kocabıyıkoğlu bezocht Ankara.");
  const EntityMention* p = ByText(ms, "Ahmet Kocabıyıkoğlu");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->type, "PER");
  EXPECT_EQ(p->id.rfind("ww:per:", 0), 0u);
  EXPECT_EQ(p->actor, "TUR");
  // Without an adjective, the dateline's country.
  Dateline dl{"WASHINGTON", {"ANP"}};
  auto ms2 = Find("Gouverneur Jonathan Whitfield-Barnes trad af.", std::nullopt, dl);
  const EntityMention* q = ByText(ms2, "Jonathan Whitfield-Barnes");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->actor, "USA");
}

TEST(Entities, KnownRegionsWithoutActorStayWithout) {
  Dateline dl{"BRUSSEL", {"ANP"}};
  auto ms = Find("De spanningen in het Midden-Oosten nemen toe.", std::nullopt, dl);
  const EntityMention* m = ByText(ms, "Midden-Oosten");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->type, "LOC");
  EXPECT_FALSE(m->actor);
}

TEST(Entities, MentionsAreOrderedAndPointAtTheirBytes) {
  std::string text = "Lavrov en Blinken spraken in Genève over Oekraïne en de NAVO.";
  auto ms = Find(text);
  ASSERT_GE(ms.size(), 4u);
  for (size_t i = 0; i < ms.size(); ++i) {
    EXPECT_EQ(text.substr(ms[i].span.start, ms[i].span.end - ms[i].span.start), ms[i].text);
    if (i > 0) EXPECT_LE(ms[i - 1].span.end, ms[i].span.start);
    EXPECT_FALSE(ms[i].id.empty());
  }
}

TEST(Entities, LocalIdsAreStable) {
  EXPECT_EQ(LocalEntityId("PER", "Kristi Noem"), "ww:per:kristi-noem");
  EXPECT_EQ(LocalEntityId("ORG", "The Minnesota Reporter"), LocalEntityId("ORG", "The Minnesota Reporter"));
  // A long name is shortened at a character boundary, never inside a UTF-8 sequence (found by
  // fuzz/analyze_fuzzer).
  std::string name = "R";
  for (int i = 0; i < 40; ++i) name += "\xc3\xbf";  // ÿ, two bytes each, so byte 40 falls inside one
  std::string id = LocalEntityId("PER", name);
  ASSERT_GT(id.size(), 8u);
  for (size_t i = 0; i + 1 < id.size(); ++i)
    if ((static_cast<unsigned char>(id[i]) & 0xE0) == 0xC0)
      EXPECT_EQ(static_cast<unsigned char>(id[i + 1]) & 0xC0, 0x80) << "cut sequence at byte " << i;
  EXPECT_NE((static_cast<unsigned char>(id[id.find('-', 8) - 1]) & 0xE0), 0xC0u);
}

TEST(Entities, PortfolioAfterMinisterIsTheMinistryNotPartOfTheName) {
  // Dutch capitalises the portfolio: "Handel" names the ministry, the person is the rest.
  auto ms = Find("Dat twitterde de Turkse minister van Handel Ruhsar Pekcan dinsdag.");
  EXPECT_EQ(ByText(ms, "Handel Ruhsar Pekcan"), nullptr);
  const EntityMention* person = ByText(ms, "Ruhsar Pekcan");
  ASSERT_TRUE(person);
  EXPECT_EQ(person->type, "PER");
  const EntityMention* ministry = ByText(ms, "Handel");
  ASSERT_TRUE(ministry);
  EXPECT_EQ(ministry->type, "ORG");
}

TEST(Entities, MinistryPhraseIsOneOrganisation) {
  auto ms = Find("Volgens het Duitse ministerie van Justitie en Veiligheid is dat niet gebeurd.");
  const EntityMention* ministry = ByText(ms, "ministerie van Justitie en Veiligheid");
  ASSERT_TRUE(ministry);
  EXPECT_EQ(ministry->type, "ORG");
  EXPECT_EQ(ministry->actor, "DEU");
}

TEST(Entities, NameSpansBeginAndEndWithACapital) {
  // Lower-case words are no part of a name unless they are particles inside it.
  auto ms = Find("Dat meldde telecomfabrikant Huawei, waarna de Nederlander Jan te Nijenhuis reageerde.");
  for (const EntityMention& m : ms) {
    EXPECT_NE(m.text.rfind("telecomfabrikant", 0), 0u) << m.text;
    EXPECT_NE(m.text.back(), 'e') << m.text;  // never ends on a particle ("te") or "reageerde"
  }
  EXPECT_TRUE(ByText(ms, "Huawei"));
}

TEST(Entities, CapitalOfASentenceOpenerIsNoEvidence) {
  // Inside an opening quotation mark too: ",,Onder Kim Jong-un" is the person, not "Onder".
  auto ms = Find("Ze drinken wodka. ,,Onder Kim Jong-un is er meer vrijheid gekomen.");
  for (const EntityMention& m : ms) EXPECT_NE(m.text.rfind("Onder", 0), 0u) << m.text;
  auto ms2 = Find("Telecomfabrikant Huawei klaagt de Amerikaanse overheid aan.");
  EXPECT_TRUE(ByText(ms2, "Huawei"));
  EXPECT_FALSE(ByText(ms2, "Telecomfabrikant Huawei"));
}

TEST(Entities, GenitiveOfAKnownPersonNotNamedOtherwiseIsThatPerson) {
  // The text never says "Poetin", only "Poetins": the tables know the person.
  auto ms = Find("Critici vrezen Poetins invloed in de regio.");
  const EntityMention* m = ByText(ms, "Poetins");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->type, "PER");
  EXPECT_EQ(m->actor, "RUS");
}

}  // namespace
}  // namespace wirewatch
