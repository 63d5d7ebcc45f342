// Tests for the knowledge tables (data/knowledge) and their loader (entities/knowledge.h): the
// linking examples of the record spec, dated role resolution, errors on malformed tables, and
// integrity checks over every row of the checked-in tables.
#include "entities/knowledge.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <thread>

namespace wirewatch {
namespace {

namespace fs = std::filesystem;

const std::string kKnowledgeDir = std::string(WIREWATCH_SOURCE_DIR) + "/data/knowledge";

class KnowledgeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded = KnowledgeBase::Load(kKnowledgeDir);
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    kb_ = std::move(loaded).value().release();
  }
  static void TearDownTestSuite() {
    delete kb_;
    kb_ = nullptr;
  }

  // First candidate for `surface` (optionally on `date`); fails the test when there is none.
  static KnowledgeCandidate First(std::string_view surface, std::string_view date = {}) {
    auto found = kb_->Lookup(surface, {.date = date});
    EXPECT_FALSE(found.empty()) << "no candidate for '" << surface << "'";
    return found.empty() ? KnowledgeCandidate{} : found.front();
  }

  static const KnowledgeBase* kb_;
};

const KnowledgeBase* KnowledgeTest::kb_ = nullptr;

TEST_F(KnowledgeTest, VersionsAreRead) {
  EXPECT_FALSE(kb_->versions().countries.empty());
  EXPECT_FALSE(kb_->versions().places.empty());
  EXPECT_FALSE(kb_->versions().organisations.empty());
  EXPECT_FALSE(kb_->versions().people.empty());
  EXPECT_FALSE(kb_->versions().role_phrases.empty());
}

TEST_F(KnowledgeTest, PeopleFromTheSpec) {
  auto putin = First("Poetin");
  EXPECT_EQ(putin.entry->kind, KnowledgeKind::kPerson);
  EXPECT_EQ(putin.id, "Q7747");
  EXPECT_EQ(putin.name, "Vladimir Poetin");
  EXPECT_EQ(putin.entry->name_en, "Vladimir Putin");
  EXPECT_EQ(putin.actor, "RUS");
  EXPECT_EQ(putin.type, "PER");
  EXPECT_EQ(First("Vladimir Poetin").entry, putin.entry);
  EXPECT_EQ(First("Vladimir Putin").entry, putin.entry);

  EXPECT_EQ(First("Stoltenberg", "2022-01-12").id, "Q57630");
  EXPECT_EQ(First("Stoltenberg", "2022-01-12").actor, "NATO");
  EXPECT_EQ(First("Jens Stoltenberg", "2012-05-01").actor, "NOR");

  EXPECT_EQ(First("Mark Rutte", "2022-01-12").actor, "NLD");
  EXPECT_EQ(First("Mark Rutte", "2026-01-21").actor, "NATO");
  EXPECT_EQ(First("Rutte").actor, "NATO");  // undated: the running term

  for (const char* spelling : {"Zelensky", "Zelenski", "Zelenskyy", "Volodymyr Zelensky"}) {
    EXPECT_EQ(First(spelling).actor, "UKR") << spelling;
  }
  EXPECT_EQ(First("Netanjahoe").entry, First("Netanyahu").entry);
  EXPECT_EQ(First("Sergej Lavrov").actor, "RUS");
  EXPECT_EQ(First("Lavrov").name, "Sergej Lavrov");
  EXPECT_EQ(First("Borrell", "2022-01-12").actor, "EU");
  EXPECT_EQ(First("Sjmyhal").actor, "UKR");
  EXPECT_EQ(First("Peter Hegseth").name, "Pete Hegseth");
}

TEST_F(KnowledgeTest, PeopleInTheSeedPagesAreKnown) {
  const std::map<std::string, std::string> expected = {
      {"Josep Borrell", "EU"},       {"Joe Biden", "USA"},           {"Donald Trump", "USA"},
      {"Pete Hegseth", "USA"},        {"Dan Caine", "USA"},           {"António Costa", "EU"},
      {"Pedro Sánchez", "ESP"},       {"Kristi Noem", "USA"},         {"Markwayne Mullin", "USA"},
      {"Eyal Zamir", "ISR"},          {"Olaf Scholz", "DEU"},         {"Antony Blinken", "USA"},
      {"Annalena Baerbock", "DEU"},   {"Benjamin Netanyahu", "ISR"},  {"Andrius Kubilius", "EU"},
      {"Emmanuel Macron", "FRA"},     {"Mette Frederiksen", "DNK"},   {"Jens-Frederik Nielsen", "GRL"},
      {"Nouri al-Maliki", "IRQ"},     {"Sergej Rjabkov", "RUS"},      {"Keir Starmer", "GBR"},
      {"Denys Sjmyhal", "UKR"},       {"Kaja Kallas", "EU"},          {"Friedrich Merz", "DEU"},
      {"Donald Tusk", "POL"},         {"Martin O'Donnell", "NATO"},   {"Philippe Tabarot", "FRA"},
      {"Jacob Frey", "USA"},
  };
  // The seed pages are from January 2022 (articles) and January 2026 (briefs).
  const std::set<std::string> in_2022 = {"Josep Borrell", "Joe Biden", "Olaf Scholz", "Antony Blinken",
                                         "Annalena Baerbock"};
  for (const auto& [name, actor] : expected) {
    std::string date = in_2022.count(name) ? "2022-01-12" : "2026-01-21";
    auto c = First(name, date);
    EXPECT_EQ(c.name, name);
    EXPECT_EQ(c.actor, actor) << name << " on " << date;
  }
}

TEST_F(KnowledgeTest, CountriesAndShortForms) {
  for (const char* s : {"VS", "Verenigde Staten", "Amerika", "United States"}) {
    auto c = First(s);
    EXPECT_EQ(c.entry->kind, KnowledgeKind::kCountry) << s;
    EXPECT_EQ(c.actor, "USA") << s;
    EXPECT_EQ(c.type, "LOC") << s;
    EXPECT_EQ(c.id, "Q30") << s;
  }
  EXPECT_EQ(First("Rusland").id, "Q159");
  EXPECT_EQ(First("Oekraïne").actor, "UKR");
  EXPECT_EQ(First("Groenland").actor, "GRL");
  EXPECT_EQ(First("Groenland").entry->country, "DNK");  // sovereign
  EXPECT_EQ(First("Grieks-Cyprus").actor, "CYP");
  EXPECT_EQ(First("Verenigde Arabische Emiraten").actor, "ARE");
  EXPECT_EQ(kb_->Country("NLD")->name, "Nederland");
}

TEST_F(KnowledgeTest, AdjectivesAndDemonyms) {
  struct Case {
    const char* word;
    const char* actor;
    const char* name;
  };
  for (const Case& c : {Case{"Russische", "RUS", "Russisch"}, Case{"Russisch", "RUS", "Russisch"},
                        Case{"Amerikaanse", "USA", "Amerikaans"}, Case{"Oekraïense", "UKR", "Oekraïens"},
                        Case{"Iraanse", "IRN", "Iraans"}, Case{"Iraakse", "IRQ", "Iraaks"},
                        Case{"Israëlische", "ISR", "Israëlisch"}, Case{"Duitse", "DEU", "Duits"},
                        Case{"Noorse", "NOR", "Noors"}, Case{"Chinese", "CHN", "Chinees"},
                        Case{"Groenlandse", "GRL", "Groenlands"}, Case{"Britse", "GBR", "Brits"}}) {
    auto found = kb_->LookupAdjective(c.word);
    ASSERT_TRUE(found.has_value()) << c.word;
    EXPECT_EQ(found->actor, c.actor) << c.word;
    EXPECT_EQ(found->name, c.name) << c.word;
    EXPECT_EQ(found->type, "MISC") << c.word;
    EXPECT_EQ(found->form, SurfaceForm::kAdjective) << c.word;
  }
  for (const char* d : {"Russen", "Rus", "Amerikaan", "Amerikanen", "Oekraïner"}) {
    auto found = kb_->LookupAdjective(d);
    ASSERT_TRUE(found.has_value()) << d;
    EXPECT_EQ(found->form, SurfaceForm::kDemonym) << d;
    EXPECT_EQ(found->name, d);
  }
  // Regional adjectives have no actor, as in the gold ("Europese partners").
  auto european = kb_->LookupAdjective("Europese");
  ASSERT_TRUE(european.has_value());
  EXPECT_EQ(european->actor, "");
  EXPECT_FALSE(kb_->LookupAdjective("Rusland").has_value());
}

TEST_F(KnowledgeTest, OrganisationsAndMetonyms) {
  for (const char* s : {"NAVO", "NATO", "Noord-Atlantische Verdragsorganisatie"}) {
    auto c = First(s);
    EXPECT_EQ(c.actor, "NATO") << s;
    EXPECT_EQ(c.id, "Q7184") << s;
    EXPECT_EQ(c.type, "ORG") << s;
  }
  EXPECT_EQ(First("Verenigde Naties").actor, "UN");
  EXPECT_EQ(First("VN").actor, "UN");
  EXPECT_EQ(First("Europese Commissie").actor, "EU");
  EXPECT_EQ(First("Europol").actor, "EUROPOL");
  EXPECT_EQ(First("WHO").actor, "WHO");
  EXPECT_EQ(First("Wereldgezondheidsorganisatie").actor, "WHO");
  EXPECT_EQ(First("IAEA").actor, "IAEA");
  EXPECT_EQ(First("OVSE").actor, "OSCE");
  EXPECT_EQ(First("AzG").actor, "MSF");
  EXPECT_EQ(First("Artsen zonder Grenzen").actor, "MSF");
  EXPECT_EQ(First("Hezbollah").actor, "LBN");
  EXPECT_EQ(First("NAVO-Ruslandraad").actor, "NATO");

  auto kremlin = First("Kremlin");
  EXPECT_EQ(kremlin.actor, "RUS");
  EXPECT_EQ(kremlin.type, "LOC");
  EXPECT_EQ(First("Witte Huis").actor, "USA");
  EXPECT_EQ(First("Pentagon").actor, "USA");

  // Weak aliases only with include_weak.
  EXPECT_TRUE(kb_->Lookup("het bondgenootschap").empty());
  auto weak = kb_->Lookup("het bondgenootschap", {.include_weak = true});
  ASSERT_FALSE(weak.empty());
  EXPECT_EQ(weak.front().actor, "NATO");
  EXPECT_EQ(weak.front().form, SurfaceForm::kWeakAlias);
  EXPECT_TRUE(kb_->Lookup("X").empty());
}

TEST_F(KnowledgeTest, PlacesAndRegions) {
  for (const char* s : {"Kiev", "Kyiv", "Kyjiv"}) {
    auto c = First(s);
    EXPECT_EQ(c.entry->kind, KnowledgeKind::kPlace) << s;
    EXPECT_EQ(c.actor, "UKR") << s;
  }
  EXPECT_EQ(First("Moskou").actor, "RUS");
  EXPECT_EQ(First("Genève").actor, "CHE");
  EXPECT_EQ(First("Teheran").actor, "IRN");
  EXPECT_EQ(First("Jeruzalem").actor, "ISR");
  EXPECT_EQ(First("Davos").actor, "CHE");
  EXPECT_EQ(First("Minneapolis").actor, "USA");
  EXPECT_EQ(First("Washington").actor, "USA");
  EXPECT_EQ(First("Californië").actor, "USA");
  EXPECT_EQ(First("Hasakeh").actor, "SYR");
  EXPECT_EQ(First("Oost-Oekraïne").actor, "UKR");
  EXPECT_EQ(First("Krim").actor, "UKR");
  EXPECT_EQ(First("Gazastrook").actor, "PSE");
  auto brussel = First("Brussel");
  EXPECT_EQ(brussel.actor, "BEL");
  EXPECT_EQ(brussel.entry->alt_actors, (std::vector<std::string>{"EU", "NATO"}));
  for (const char* region : {"Oost-Europa", "Midden-Oosten", "Europa", "Westen"}) {
    auto c = First(region);
    EXPECT_EQ(c.actor, "") << region;
    EXPECT_EQ(c.type, "LOC") << region;
  }
}

TEST_F(KnowledgeTest, CaseAndDiacriticFolding) {
  auto exact = First("NAVO");
  EXPECT_EQ(exact.match, MatchLevel::kExact);
  auto folded = First("navo");
  EXPECT_EQ(folded.match, MatchLevel::kCaseFolded);
  EXPECT_EQ(folded.actor, "NATO");
  auto stripped = First("Oekraine");
  EXPECT_EQ(stripped.match, MatchLevel::kAccentFolded);
  EXPECT_EQ(stripped.actor, "UKR");
  EXPECT_EQ(First("GENEVE").actor, "CHE");
  EXPECT_EQ(First("Pedro Sanchez").name, "Pedro Sánchez");
  EXPECT_EQ(First("Martin O\u2019Donnell").name, "Martin O'Donnell");  // typographic apostrophe
  EXPECT_EQ(First("  Mark\u00a0 Rutte ").name, "Mark Rutte");             // spacing
  // Decomposed input (e + combining diaeresis) matches exactly after NFC.
  EXPECT_EQ(First("Oekrai\u0308ne").match, MatchLevel::kExact);
  EXPECT_TRUE(kb_->Lookup("Atlantis").empty());
  EXPECT_TRUE(kb_->Lookup("").empty());
}

TEST_F(KnowledgeTest, RoleResolutionByDate) {
  auto name_of = [](const KnowledgeEntry* e) { return e ? e->name : std::string("<none>"); };
  EXPECT_EQ(name_of(kb_->PersonFor("secretary_general", "NATO", "2022-01-12")), "Jens Stoltenberg");
  EXPECT_EQ(name_of(kb_->PersonFor("secretary_general", "NATO", "2024-09-30")), "Jens Stoltenberg");
  EXPECT_EQ(name_of(kb_->PersonFor("secretary_general", "NATO", "2024-10-01")), "Mark Rutte");  // handover
  EXPECT_EQ(name_of(kb_->PersonFor("secretary_general", "NATO", "2026-01-21")), "Mark Rutte");
  EXPECT_EQ(name_of(kb_->PersonFor("secretary_general", "NATO", "2012-01-01")), "Anders Fogh Rasmussen");
  EXPECT_EQ(name_of(kb_->PersonFor("head_of_state", "USA", "2022-01-12")), "Joe Biden");
  EXPECT_EQ(name_of(kb_->PersonFor("head_of_state", "USA", "2025-03-01")), "Donald Trump");
  EXPECT_EQ(name_of(kb_->PersonFor("head_of_state", "USA", "2019-03-01")), "Donald Trump");
  EXPECT_EQ(name_of(kb_->PersonFor("head_of_state", "USA", "2025-01-20T14:00:00Z")), "Donald Trump");
  EXPECT_EQ(name_of(kb_->PersonFor("head_of_government", "NLD", "2024-07-01")), "Mark Rutte");
  EXPECT_EQ(name_of(kb_->PersonFor("head_of_government", "NLD", "2024-07-02")), "Dick Schoof");
  EXPECT_EQ(name_of(kb_->PersonFor("foreign_minister", "RUS", "2022-01-12")), "Sergej Lavrov");
  EXPECT_EQ(name_of(kb_->PersonFor("foreign_minister", "USA", "2022-01-12")), "Antony Blinken");
  EXPECT_EQ(name_of(kb_->PersonFor("foreign_minister", "USA", "2026-01-21")), "Marco Rubio");
  EXPECT_EQ(name_of(kb_->PersonFor("high_representative", "EU", "2022-01-12")), "Josep Borrell");
  EXPECT_EQ(name_of(kb_->PersonFor("high_representative", "EU", "2026-01-21")), "Kaja Kallas");
  EXPECT_EQ(name_of(kb_->PersonFor("head_of_government", "DEU", "2022-01-12")), "Olaf Scholz");
  EXPECT_EQ(name_of(kb_->PersonFor("head_of_government", "DEU", "2026-01-21")), "Friedrich Merz");
  // Title decides where the functional role would mislead: Iran's president heads the government.
  EXPECT_EQ(name_of(kb_->PersonFor("", "president", "IRN", "2026-01-21")), "Masoud Pezeshkian");
  EXPECT_EQ(name_of(kb_->PersonFor("head_of_state", "IRN", "2026-01-21")), "Ali Khamenei");
  EXPECT_EQ(kb_->PersonFor("head_of_state", "USA", "not a date"), nullptr);
  EXPECT_EQ(kb_->PersonFor("head_of_state", "ZZZ", "2022-01-12"), nullptr);
  EXPECT_EQ(kb_->PersonFor("", "", "USA", "2022-01-12"), nullptr);
}

TEST_F(KnowledgeTest, RolePhrasesResolveToPeople) {
  struct Case {
    const char* phrase;
    const char* context_actor;  // from an adjective such as "Russische", empty if none
    const char* date;
    const char* person;
  };
  for (const Case& c : {Case{"president", "RUS", "2022-01-12", "Vladimir Poetin"},
                        Case{"president", "USA", "2022-01-12", "Joe Biden"},
                        Case{"president", "USA", "2026-01-21", "Donald Trump"},
                        Case{"NAVO-chef", "", "2022-01-12", "Jens Stoltenberg"},
                        Case{"NAVO-baas", "", "2026-01-21", "Mark Rutte"},
                        Case{"EU-buitenlandchef", "", "2022-01-12", "Josep Borrell"},
                        Case{"buitenlandminister", "RUS", "2022-01-12", "Sergej Lavrov"},
                        Case{"minister van Buitenlandse Zaken", "USA", "2022-01-12", "Antony Blinken"},
                        Case{"minister van Defensie", "USA", "2026-01-21", "Pete Hegseth"},
                        Case{"bondskanselier", "", "2022-01-12", "Olaf Scholz"},
                        Case{"premier", "DNK", "2026-01-21", "Mette Frederiksen"},
                        Case{"premier", "GBR", "2026-01-21", "Keir Starmer"},
                        Case{"secretaris-generaal", "NATO", "2022-01-12", "Jens Stoltenberg"},
                        Case{"legerleider", "ISR", "2026-01-21", "Eyal Zamir"},
                        Case{"president", "IRN", "2026-01-21", "Masoud Pezeshkian"}}) {
    const RolePhrase* rp = kb_->FindRolePhrase(c.phrase);
    ASSERT_NE(rp, nullptr) << c.phrase;
    std::string actor = !rp->actor.empty() ? rp->actor : *c.context_actor ? c.context_actor : rp->default_actor;
    const KnowledgeEntry* who = kb_->PersonFor(rp->role, rp->title, actor, c.date);
    ASSERT_NE(who, nullptr) << c.phrase << " " << actor << " " << c.date;
    EXPECT_EQ(who->name, c.person) << c.phrase << " " << actor << " " << c.date;
  }
  EXPECT_NE(kb_->FindRolePhrase("navo-chef"), nullptr);  // case-folded
  EXPECT_EQ(kb_->FindRolePhrase("bakker"), nullptr);
}

TEST_F(KnowledgeTest, ConcurrentLookupsAgree) {
  // The object is immutable; hammer it from several threads and compare with a serial answer.
  const std::vector<std::string> words = {"Poetin", "navo", "Oekraine", "Russische", "Kremlin", "VS"};
  std::vector<std::string> serial;
  for (const auto& w : words) serial.push_back(First(w).id);
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 200; ++round) {
        for (size_t i = 0; i < words.size(); ++i) {
          auto c = kb_->Lookup(words[i]);
          if (c.empty() || c.front().id != serial[i]) ++failures[static_cast<size_t>(t)];
        }
        if (!kb_->PersonFor("secretary_general", "NATO", "2022-01-12")) ++failures[static_cast<size_t>(t)];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int f : failures) EXPECT_EQ(f, 0);
}

// ---------------------------------------------------------------------------------------------
// Integrity of the checked-in tables (beyond what Load already enforces).

TEST_F(KnowledgeTest, TablesHaveExpectedCoverage) {
  EXPECT_GE(kb_->Entries(KnowledgeKind::kCountry).size(), 245u);
  EXPECT_GE(kb_->Entries(KnowledgeKind::kPlace).size(), 400u);
  EXPECT_GE(kb_->Entries(KnowledgeKind::kOrganisation).size(), 150u);
  EXPECT_GE(kb_->Entries(KnowledgeKind::kPerson).size(), 200u);
  EXPECT_GE(kb_->RolePhrases().size(), 100u);
  // Adjectives for the states the brief names.
  for (const char* a3 : {"ARG", "AUS", "BRA", "CAN", "CHN", "DEU", "FRA", "GBR", "IDN", "IND", "ITA", "JPN",
                         "KOR", "MEX", "RUS", "SAU", "TUR", "USA", "ZAF", "AUT", "BEL", "BGR", "HRV", "CYP",
                         "CZE", "DNK", "EST", "FIN", "GRC", "HUN", "IRL", "LVA", "LTU", "LUX", "MLT", "NLD",
                         "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE", "ALB", "ISL", "MNE", "MKD", "NOR",
                         "UKR", "IRN", "ISR", "PSE", "SYR", "IRQ", "LBN", "PRK", "TWN", "VEN", "CUB", "GRL"}) {
    const KnowledgeEntry* c = kb_->Country(a3);
    ASSERT_NE(c, nullptr) << a3;
    EXPECT_FALSE(c->adjective.empty()) << a3 << " has no Dutch adjective";
  }
}

TEST_F(KnowledgeTest, EveryRowReferencesValidCodesAndDates) {
  std::set<std::string> qids;
  for (KnowledgeKind kind : {KnowledgeKind::kCountry, KnowledgeKind::kPlace, KnowledgeKind::kOrganisation,
                             KnowledgeKind::kPerson}) {
    std::set<std::string> keys;
    for (const KnowledgeEntry& e : kb_->Entries(kind)) {
      EXPECT_TRUE(keys.insert(e.key).second) << "duplicate key " << e.key;
      EXPECT_FALSE(e.name.empty()) << e.key;
      EXPECT_FALSE(e.id.empty()) << e.key;
      if (!e.qid.empty()) EXPECT_TRUE(qids.insert(e.qid).second) << "QID used twice: " << e.qid;
      EXPECT_TRUE(e.type == "PER" || e.type == "LOC" || e.type == "ORG" || e.type == "MISC") << e.key;
      if (!e.actor.empty()) EXPECT_TRUE(kb_->IsKnownActor(e.actor)) << e.key << " -> " << e.actor;
      if (kind == KnowledgeKind::kPlace && !e.country.empty()) {
        EXPECT_NE(kb_->Country(e.country), nullptr) << e.key;
      }
      for (const auto& a : e.alt_actors) EXPECT_TRUE(kb_->IsKnownActor(a)) << e.key;
      for (const Term& t : e.terms) {
        EXPECT_TRUE(t.start.empty() || IsIsoDate(t.start)) << e.key;
        EXPECT_TRUE(t.end.empty() || IsIsoDate(t.end)) << e.key;
        if (!t.start.empty() && !t.end.empty()) EXPECT_LT(t.start, t.end) << e.key;
        EXPECT_TRUE(kb_->IsKnownActor(t.actor)) << e.key << " -> " << t.actor;
        EXPECT_FALSE(t.role.empty()) << e.key;
        EXPECT_GE(t.start, std::string("")) << e.key;
      }
      if (kind == KnowledgeKind::kPerson) EXPECT_FALSE(e.terms.empty()) << e.key;
    }
  }
  for (const RolePhrase& p : kb_->RolePhrases()) {
    if (!p.actor.empty()) EXPECT_TRUE(kb_->IsKnownActor(p.actor)) << p.phrase;
    if (!p.default_actor.empty()) EXPECT_TRUE(kb_->IsKnownActor(p.default_actor)) << p.phrase;
  }
}

TEST_F(KnowledgeTest, NoOverlappingTermsForOneOffice) {
  // Two people holding the same single-holder office for the same actor on the same day is a data
  // error (multi-member roles such as commissioner or spokesperson are exempt).
  const std::set<std::string> single = {"head_of_state", "head_of_government", "foreign_minister",
                                        "defence_minister", "secretary_general", "high_representative",
                                        "president_commission", "president_european_council"};
  struct Held {
    std::string person, start, end;
  };
  std::map<std::string, std::vector<Held>> offices;
  for (const KnowledgeEntry& e : kb_->Entries(KnowledgeKind::kPerson)) {
    for (const Term& t : e.terms) {
      if (!single.count(t.role) || t.start.empty()) continue;
      // Iran and the Vatican: title distinguishes (president vs supreme leader).
      offices[t.role + "/" + t.actor + "/" + t.title].push_back({e.key, t.start, t.end});
    }
  }
  for (const auto& [office, terms] : offices) {
    for (size_t i = 0; i < terms.size(); ++i) {
      for (size_t j = i + 1; j < terms.size(); ++j) {
        const Held& a = terms[i];
        const Held& b = terms[j];
        bool a_before_b = !a.end.empty() && a.end <= b.start;
        bool b_before_a = !b.end.empty() && b.end <= a.start;
        EXPECT_TRUE(a_before_b || b_before_a)
            << office << ": " << a.person << " [" << a.start << "," << a.end << ") overlaps " << b.person
            << " [" << b.start << "," << b.end << ")";
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Malformed tables: a clear Status naming file and line, never a crash.

class MalformedKnowledgeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("wirewatch_kb_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    for (const auto& entry : fs::directory_iterator(kKnowledgeDir)) {
      if (entry.path().extension() == ".tsv") fs::copy_file(entry.path(), dir_ / entry.path().filename());
    }
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Appends `line` to `file` in the scratch copy and returns the load status.
  Status LoadWithExtraLine(const std::string& file, const std::string& line) {
    std::ofstream(dir_ / file, std::ios::app) << line << "\n";
    auto loaded = KnowledgeBase::Load(dir_.string());
    return loaded.ok() ? Status::Ok() : loaded.status();
  }

  fs::path dir_;
};

TEST_F(MalformedKnowledgeTest, CopyLoads) {
  auto loaded = KnowledgeBase::Load(dir_.string());
  EXPECT_TRUE(loaded.ok()) << loaded.status().message();
}

TEST_F(MalformedKnowledgeTest, MissingFolderIsNotFound) {
  auto loaded = KnowledgeBase::Load((dir_ / "nope").string());
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), StatusCode::kNotFound);
  EXPECT_NE(loaded.status().message().find("countries.tsv"), std::string::npos);
}

TEST_F(MalformedKnowledgeTest, WrongFieldCountNamesFileAndLine) {
  Status s = LoadWithExtraLine("people.tsv", "broken-row\tQ1\tonly three");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kCorrupt);
  EXPECT_NE(s.message().find("people.tsv:"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("expected 11 tab-separated fields, found 3"), std::string::npos) << s.message();
}

TEST_F(MalformedKnowledgeTest, BadDate) {
  Status s = LoadWithExtraLine("people.tsv", "x-person\t\tX Person\t\t\thead_of_state\tpresident\tNLD\t2024-13-01\t\t");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("bad start date '2024-13-01'"), std::string::npos) << s.message();
}

TEST_F(MalformedKnowledgeTest, EndBeforeStart) {
  Status s = LoadWithExtraLine("people.tsv",
                               "x-person\t\tX Person\t\t\thead_of_state\tpresident\tNLD\t2024-01-01\t2023-01-01\t");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("before it starts"), std::string::npos) << s.message();
}

TEST_F(MalformedKnowledgeTest, UnknownActor) {
  Status s = LoadWithExtraLine("people.tsv", "x-person\t\tX Person\t\t\thead_of_state\tpresident\tXYZ\t2024-01-01\t\t");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("'XYZ'"), std::string::npos) << s.message();
}

TEST_F(MalformedKnowledgeTest, DuplicateKey) {
  Status s = LoadWithExtraLine("organisations.tsv", "nato\tNATO\t\tNAVO 2\tNAVO 2\t\t\tigo\tORG\t\t");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("duplicate key 'nato'"), std::string::npos) << s.message();
}

TEST_F(MalformedKnowledgeTest, DuplicateQid) {
  Status s = LoadWithExtraLine("organisations.tsv", "fake\tNATO\tQ7184\tNep\tNep\t\t\tigo\tORG\t\t");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("QID Q7184 already used"), std::string::npos) << s.message();
}

TEST_F(MalformedKnowledgeTest, BadMentionType) {
  Status s = LoadWithExtraLine("organisations.tsv", "fake\tNATO\t\tNep\tNep\t\t\tigo\tPERSON\t\t");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("mention type 'PERSON'"), std::string::npos) << s.message();
}

TEST_F(MalformedKnowledgeTest, InvalidUtf8) {
  Status s = LoadWithExtraLine("places.tsv", "bad\t\tBr\xff\tBr\xff\t\tcity\tBEL\tBEL\t\t");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("invalid UTF-8"), std::string::npos) << s.message();
}

TEST_F(MalformedKnowledgeTest, MissingVersionLine) {
  std::ofstream(dir_ / "role_phrases.tsv", std::ios::trunc) << "phrase\trole\ttitle\tactor\tdefault_actor\tnote\n";
  auto loaded = KnowledgeBase::Load(dir_.string());
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.status().message().find("role_phrases.tsv:1:"), std::string::npos) << loaded.status().message();
}

TEST_F(MalformedKnowledgeTest, MissingColumn) {
  std::ofstream(dir_ / "role_phrases.tsv", std::ios::trunc)
      << "# wirewatch knowledge: role_phrases.tsv version 0; format TSV\nphrase\trole\n";
  auto loaded = KnowledgeBase::Load(dir_.string());
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.status().message().find("lacks column 'title'"), std::string::npos) << loaded.status().message();
}

TEST_F(MalformedKnowledgeTest, EmptyFileAndGarbageDoNotCrash) {
  std::ofstream(dir_ / "places.tsv", std::ios::trunc) << "";
  EXPECT_FALSE(KnowledgeBase::Load(dir_.string()).ok());
  std::ofstream(dir_ / "places.tsv", std::ios::trunc) << std::string(1000, '\t') << "\n\n\x01\x02";
  EXPECT_FALSE(KnowledgeBase::Load(dir_.string()).ok());
}

}  // namespace
}  // namespace wirewatch

namespace wirewatch {
namespace {

TEST_F(KnowledgeTest, DesignatorsNameTheKindOfAName) {
  EXPECT_EQ(kb_->DesignatedType("Bank"), "ORG");
  EXPECT_EQ(kb_->DesignatedType("BANKAS"), "ORG");
  EXPECT_EQ(kb_->DesignatedType("Universiteit"), "ORG");
  EXPECT_EQ(kb_->DesignatedType("Leiden"), "");
  EXPECT_FALSE(kb_->versions().designators.empty());
}

}  // namespace
}  // namespace wirewatch
