// Tests for the tree coder (CodeEventsFromTree): one test per argument structure the issue
// names (inverted subject, passive, separable verb, reflexive, light verb, coordination,
// content clause under a frame predicate, control, relative clause, nominalisation, pronoun
// and state-organ sources) and sentences that must yield nothing (condition, question, time
// adjunct, no actor). Trees are written by hand in the test, so the rules are tested apart
// from the parser; the predicate table is inline, so they are apart from the dictionary too.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "events/events.h"

namespace wirewatch {
namespace {

constexpr char kPredicates[] =
    "# wirewatch events: predicates.tsv version test; format TSV UTF-8\n"
    "predicate\tkind\tcameo\ttarget\toptions\texample\texpect\n"
    "uitzetten\tverb\t1663\tobj|iobj\t-\t-\t-\n"
    "oproepen\tverb\t020\tobj\tframe\t-\t-\n"
    "steunen\tverb\t051\tobj\t-\t-\t-\n"
    "aanvallen\tverb\t190\tobj\t-\t-\t-\n"
    "binnenvallen\tverb\t192\tobj\t-\t-\t-\n"
    "ontkennen\tverb\t016\t-\tframe\t-\t-\n"
    "aanval\tnoun\t190\tnmod:op|nmod:tegen\t-\t-\t-\n"
    "kritiek uiten\tlight\t111\tnmod:op\t-\t-\t-\n"
    "zich verzetten\tverb\t111\tobl:tegen\t-\t-\t-\n"
    "spreken\tverb\t040\tobl:met\trecip\t-\t-\n"
    "gesprek\tnoun\t040\tnmod:met\t-\t-\t-\n"
    "mobiliseren\tverb\t150\t-\tself\t-\t-\n"
    "ontvangen\tverb\t042\tobj\tneeds_target\t-\t-\n"
    "stellen\tverb\t010\t-\t-\t-\t-\n"
    "afzeggen\tverb\t161\tobj\t-\t-\t-\n"
    "heffingen opleggen\tlight\t163\tnmod:op\t-\t-\t-\n";

const EventLexicon& Lexicon() {
  static const EventLexicon* lexicon = [] {
    constexpr char kCodes[] =
        "code\tgoldstein\tplover\tname\n"
        "020\t3\tREQUEST\tappeal\n040\t1\tCONSULT\tconsult\n042\t1.9\tCONSULT\tvisit\n"
        "051\t3.4\tSUPPORT\tpraise\n111\t-2\tACCUSE\tcriticise\n150\t-7.2\tMOBILIZE\tmilitary\n"
        "1663\t-5\tSANCTION\texpel\n010\t0\t\tstatement\n161\t-4\tREJECT\treduce\n163\t-8\tSANCTION\tembargo\n016\t-2\t\tdeny\n190\t-10\tASSAULT\tforce\n192\t-9.5\tASSAULT\toccupy\n";
    auto lexicon = EventLexicon::Parse("patterns", "", "codes", kCodes);
    EXPECT_TRUE(lexicon.ok()) << lexicon.status().message();
    auto table = PredicateTable::Parse("predicates", kPredicates, lexicon->codes());
    EXPECT_TRUE(table.ok()) << table.status().message();
    lexicon->set_predicates(std::move(table).value());
    return new EventLexicon(std::move(lexicon).value());
  }();
  return *lexicon;
}

// One sentence per string; words "form|lemma|UPOS|head|deprel" or "...|deprel|ACTOR|TYPE" for a
// name with an actor (TYPE defaults to LOC).
Document MakeDoc(const std::vector<std::vector<std::string>>& sentences) {
  Document doc;
  doc.tokens.emplace();
  for (size_t s = 0; s < sentences.size(); ++s) {
    uint32_t sentence_start = static_cast<uint32_t>(doc.text.size());
    uint32_t id = 0;
    for (const std::string& word : sentences[s]) {
      std::vector<std::string> f;
      size_t pos = 0;
      while (true) {
        size_t bar = word.find('|', pos);
        f.push_back(word.substr(pos, bar == std::string::npos ? std::string::npos : bar - pos));
        if (bar == std::string::npos) break;
        pos = bar + 1;
      }
      if (!doc.text.empty()) doc.text += ' ';
      SyntaxToken t;
      t.sentence = static_cast<uint32_t>(s);
      t.id = ++id;
      t.span = {static_cast<uint32_t>(doc.text.size()), static_cast<uint32_t>(doc.text.size() + f[0].size())};
      doc.text += f[0];
      t.lemma = f[1];
      t.upos = f[2];
      t.head = static_cast<uint32_t>(std::stoi(f[3]));
      t.deprel = f[4];
      if (f.size() > 5) {
        EntityMention m;
        m.span = t.span;
        m.text = f[0];
        m.type = f.size() > 6 ? f[6] : "LOC";
        m.id = "test:" + f[0];
        m.actor = f[5];
        doc.entities.push_back(m);
      }
      doc.tokens->push_back(t);
    }
    doc.sentences.push_back({sentence_start, static_cast<uint32_t>(doc.text.size())});
  }
  return doc;
}

std::string Show(const std::vector<Event>& events) {
  std::string out;
  for (const Event& e : events) {
    if (!out.empty()) out += ' ';
    out += e.source.actor.value_or("?") + ">" + (e.target ? e.target->actor.value_or("?") : "-") +
           ":" + e.cameo + (e.negated ? "!" : "");
  }
  return out;
}

std::string Code(const std::vector<std::vector<std::string>>& sentences) {
  return Show(CodeEventsFromTree(MakeDoc(sentences), Lexicon()));
}

TEST(TreeCoder, SeparableVerbAndIndirectObject) {
  // Polen zet de consul van Rusland het land uit.
  EXPECT_EQ(Code({{"Polen|Polen|PROPN|2|nsubj|POL", "zet|uit_zetten|VERB|0|root", "de|de|DET|4|det",
                   "consul|consul|NOUN|2|iobj", "van|van|ADP|6|case", "Rusland|Rusland|PROPN|4|nmod|RUS",
                   "het|het|DET|8|det", "land|land|NOUN|2|obj", "uit|uit|ADP|2|compound:prt", ".|.|PUNCT|2|punct"}}),
            "POL>RUS:1663");
  EXPECT_EQ(Code({{"Polen|Polen|PROPN|2|nsubj|POL", "zet|zetten|VERB|0|root", "de|de|DET|5|det",
                   "Russische|Russisch|ADJ|5|amod|RUS|MISC", "consul|consul|NOUN|2|obj",
                   "uit|uit|ADP|2|compound:prt", ".|.|PUNCT|2|punct"}}),
            "POL>RUS:1663");
}

TEST(TreeCoder, StatementIsAboutThePartiesOfItsContent) {
  // Washington stelt dat Turkije de voordelen niet nodig heeft.
  EXPECT_EQ(Code({{"Washington|Washington|PROPN|2|nsubj|USA", "stelt|stellen|VERB|0|root",
                   "dat|dat|SCONJ|8|mark", "Turkije|Turkije|PROPN|8|nsubj|TUR", "de|de|DET|6|det",
                   "voordelen|voordeel|NOUN|8|obj", "niet|niet|ADV|8|advmod", "nodig|nodig|ADJ|2|ccomp",
                   ".|.|PUNCT|2|punct"}}),
            "USA>TUR:010");
  // About itself only: commentary, no interaction.
  EXPECT_EQ(Code({{"Turkije|Turkije|PROPN|2|nsubj|TUR", "stelt|stellen|VERB|0|root",
                   "dat|dat|SCONJ|5|mark", "het|het|PRON|5|nsubj", "groeit|groeien|VERB|2|ccomp",
                   ".|.|PUNCT|2|punct"}}),
            "");
}

TEST(TreeCoder, ObjectThatIsAThingNamesThePartyInItsComplement) {
  // Noord-Koreaanse leiders zegden afspraken met Amerikanen af.
  EXPECT_EQ(Code({{"Noord-Koreaanse|Noord-koreaans|ADJ|2|amod|PRK|MISC", "leiders|leider|NOUN|3|nsubj",
                   "zegden|af_zeggen|VERB|0|root", "afspraken|afspraak|NOUN|3|obj", "met|met|ADP|6|case",
                   "Amerikanen|Amerikaan|PROPN|4|nmod|USA|MISC", "af|af|ADP|3|compound:prt", ".|.|PUNCT|3|punct"}}),
            "PRK>USA:161");
}

TEST(TreeCoder, LightConstructionWrittenInThePluralMatchesTheNounAsWritten) {
  // India legt heffingen op aan ... : the lemma is "heffing", the row says "heffingen".
  EXPECT_EQ(Code({{"India|India|PROPN|2|nsubj|IND", "legt|opleggen|VERB|0|root", "heffingen|heffing|NOUN|2|obj",
                   "op|op|ADP|6|case", "Amerikaanse|Amerikaans|ADJ|6|amod|USA|MISC", "goederen|goed|NOUN|2|obl",
                   ".|.|PUNCT|2|punct"}}),
            "IND>USA:163");
}

TEST(TreeCoder, MemberStatesActingTogetherAreTheirUnion) {
  // De eurolanden steunen Griekenland.
  EXPECT_EQ(Code({{"De|de|DET|2|det", "eurolanden|euroland|NOUN|3|nsubj", "steunen|steunen|VERB|0|root",
                   "Griekenland|Griekenland|PROPN|3|obj|GRC", ".|.|PUNCT|3|punct"}}),
            "EU>GRC:051");
  // "de lidstaten" of the union the text names: NATO here.
  EXPECT_EQ(Code({{"De|de|DET|2|det", "NAVO|NAVO|PROPN|3|nsubj|NATO|ORG", "steunt|steunen|VERB|0|root",
                   "Polen|Polen|PROPN|3|obj|POL", ".|.|PUNCT|3|punct"},
                  {"De|de|DET|2|det", "lidstaten|lidstaat|NOUN|3|nsubj", "steunen|steunen|VERB|0|root",
                   "Litouwen|Litouwen|PROPN|3|obj|LTU", ".|.|PUNCT|3|punct"}}),
            "NATO>POL:051 NATO>LTU:051");
}

TEST(TreeCoder, InvertedSubjectReadFromTheRelation) {
  // Vorig jaar steunde China Iran.
  EXPECT_EQ(Code({{"Vorig|vorig|ADJ|2|amod", "jaar|jaar|NOUN|3|obl", "steunde|steunen|VERB|0|root",
                   "China|China|PROPN|3|nsubj|CHN", "Iran|Iran|PROPN|3|obj|IRN", ".|.|PUNCT|3|punct"}}),
            "CHN>IRN:051");
}

TEST(TreeCoder, PassiveTakesTheAgentAsSource) {
  // Oekraïne werd door Rusland aangevallen.
  EXPECT_EQ(Code({{"Oekraïne|Oekraïne|PROPN|5|nsubj:pass|UKR", "werd|worden|AUX|5|aux:pass",
                   "door|door|ADP|4|case", "Rusland|Rusland|PROPN|5|obl:agent|RUS",
                   "aangevallen|aan_vallen|VERB|0|root", ".|.|PUNCT|5|punct"}}),
            "RUS>UKR:190");
  // Without an agent the source is unknown: nothing.
  EXPECT_EQ(Code({{"Oekraïne|Oekraïne|PROPN|3|nsubj:pass|UKR", "werd|worden|AUX|3|aux:pass",
                   "aangevallen|aan_vallen|VERB|0|root"}}),
            "");
}

TEST(TreeCoder, CoordinatedSubjectsAndObjectsGiveOneEventEach) {
  // Rusland en China steunen Iran en Syrië.
  EXPECT_EQ(Code({{"Rusland|Rusland|PROPN|4|nsubj|RUS", "en|en|CCONJ|3|cc", "China|China|PROPN|1|conj|CHN",
                   "steunen|steunen|VERB|0|root", "Iran|Iran|PROPN|4|obj|IRN", "en|en|CCONJ|7|cc",
                   "Syrië|Syrië|PROPN|5|conj|SYR"}}),
            "RUS>IRN:051 RUS>SYR:051 CHN>IRN:051 CHN>SYR:051");
}

TEST(TreeCoder, ReciprocalActOfCoordinatedPartiesGoesFromTheFirstToTheOthers) {
  // Rusland en China spreken elkaar: "spreken" is recip in the table.
  EXPECT_EQ(Code({{"Rusland|Rusland|PROPN|4|nsubj|RUS", "en|en|CCONJ|3|cc", "China|China|PROPN|1|conj|CHN",
                   "spreken|spreken|VERB|0|root", "elkaar|elkaar|PRON|4|obj", ".|.|PUNCT|4|punct"}}),
            "RUS>CHN:040");
  // "elkaar" makes any act reciprocal: Rusland en China steunen elkaar.
  EXPECT_EQ(Code({{"Rusland|Rusland|PROPN|4|nsubj|RUS", "en|en|CCONJ|3|cc", "China|China|PROPN|1|conj|CHN",
                   "steunen|steunen|VERB|0|root", "elkaar|elkaar|PRON|4|obj"}}),
            "RUS>CHN:051");
  // Without "elkaar" a non-reciprocal act of two parties stays domestic for each.
  EXPECT_EQ(Code({{"Rusland|Rusland|PROPN|4|nsubj|RUS", "en|en|CCONJ|3|cc", "China|China|PROPN|1|conj|CHN",
                   "steunen|steunen|VERB|0|root"}}),
            "RUS>RUS:051 CHN>CHN:051");
}

TEST(TreeCoder, EventNounBetweenTwoPartiesIsReciprocal) {
  // De gesprekken tussen Rusland en Oekraïne.
  EXPECT_EQ(Code({{"De|de|DET|2|det", "gesprekken|gesprek|NOUN|0|root", "tussen|tussen|ADP|4|case",
                   "Rusland|Rusland|PROPN|2|nmod|RUS", "en|en|CCONJ|6|cc", "Oekraïne|Oekraïne|PROPN|4|conj|UKR"}}),
            "RUS>UKR:040");
}

TEST(TreeCoder, FramePredicateCodesOnlyItself) {
  // Rusland ontkent Oekraïne te willen binnenvallen.
  EXPECT_EQ(Code({{"Rusland|Rusland|PROPN|2|nsubj|RUS", "ontkent|ontkennen|VERB|0|root",
                   "Oekraïne|Oekraïne|PROPN|6|obj|UKR", "te|te|ADP|6|mark", "willen|willen|AUX|6|aux",
                   "binnenvallen|binnen_vallen|VERB|2|xcomp"}}),
            "RUS>UKR:016");
}

TEST(TreeCoder, ControlVerbLendsItsSubject) {
  // Israël besloot Gaza aan te vallen: "aanvallen" has the subject of "besloot".
  EXPECT_EQ(Code({{"Israël|Israël|PROPN|2|nsubj|ISR", "besloot|besluiten|VERB|0|root",
                   "Hamas|Hamas|PROPN|6|obj|HAMAS|ORG", "aan|aan|ADP|6|compound:prt", "te|te|ADP|6|mark",
                   "vallen|vallen|VERB|2|xcomp"}}),
            "ISR>HAMAS:190");
}

TEST(TreeCoder, ReflexiveAndLightVerbs) {
  // Hongarije verzet zich tegen Brussel.
  EXPECT_EQ(Code({{"Hongarije|Hongarije|PROPN|2|nsubj|HUN", "verzet|verzetten|VERB|0|root",
                   "zich|zich|PRON|2|expl:pv", "tegen|tegen|ADP|5|case", "Brussel|Brussel|PROPN|2|obl|EU"}}),
            "HUN>EU:111");
  // De Russische minister uitte kritiek op Washington.
  EXPECT_EQ(Code({{"De|de|DET|3|det", "Russische|Russisch|ADJ|3|amod|RUS|MISC", "minister|minister|NOUN|4|nsubj",
                   "uitte|uiten|VERB|0|root", "kritiek|kritiek|NOUN|4|obj", "op|op|ADP|7|case",
                   "Washington|Washington|PROPN|5|nmod|USA"}}),
            "RUS>USA:111");
}

TEST(TreeCoder, NominalisationTakesAdjectiveAndPrepositionalTarget) {
  // De Russische aanval op Kiev werd veroordeeld.
  EXPECT_EQ(Code({{"De|de|DET|3|det", "Russische|Russisch|ADJ|3|amod|RUS|MISC", "aanval|aanval|NOUN|7|nsubj:pass",
                   "op|op|ADP|5|case", "Kiev|Kiev|PROPN|3|nmod|UKR", "werd|worden|AUX|7|aux:pass",
                   "veroordeeld|veroordelen|VERB|0|root"}}),
            "RUS>UKR:190");
  // Compound heads: "de raketaanval van Iran op Israël".
  EXPECT_EQ(Code({{"de|de|DET|2|det", "raketaanval|raketaanval|NOUN|0|root", "van|van|ADP|4|case",
                   "Iran|Iran|PROPN|2|nmod|IRN", "op|op|ADP|6|case", "Israël|Israël|PROPN|2|nmod|ISR"}}),
            "IRN>ISR:190");
  // Background in a time adjunct: "Na de aanval van Iran op Israël sprak ..." codes no attack.
  EXPECT_EQ(Code({{"Na|na|ADP|3|case", "de|de|DET|3|det", "aanval|aanval|NOUN|0|root", "van|van|ADP|5|case",
                   "Iran|Iran|PROPN|3|nmod|IRN", "op|op|ADP|7|case", "Israël|Israël|PROPN|3|nmod|ISR"}}),
            "");
}

TEST(TreeCoder, PronounAndStateOrganTakeTheRunningTopic) {
  EXPECT_EQ(Code({{"Frankrijk|Frankrijk|PROPN|2|nsubj|FRA", "steunt|steunen|VERB|0|root",
                   "Oekraïne|Oekraïne|PROPN|2|obj|UKR"},
                  {"De|de|DET|2|det", "regering|regering|NOUN|3|nsubj", "steunt|steunen|VERB|0|root",
                   "Moldavië|Moldavië|PROPN|3|obj|MDA"}}),
            "FRA>UKR:051 FRA>MDA:051");
  EXPECT_EQ(Code({{"Macron|Macron|PROPN|2|nsubj|FRA|PER", "steunt|steunen|VERB|0|root",
                   "Oekraïne|Oekraïne|PROPN|2|obj|UKR"},
                  {"Hij|hij|PRON|2|nsubj", "roept|op_roepen|VERB|0|root", "Rusland|Rusland|PROPN|2|obj|RUS",
                   "op|op|ADP|2|compound:prt"}}),
            "FRA>UKR:051 FRA>RUS:020");
}

TEST(TreeCoder, RelativePronounStandsForItsAntecedent) {
  // ... de sancties die de EU Rusland ... : "het land dat Oekraïne binnenviel"
  EXPECT_EQ(Code({{"Rusland|Rusland|PROPN|0|root|RUS", ",|,|PUNCT|4|punct", "dat|dat|PRON|5|nsubj",
                   "Oekraïne|Oekraïne|PROPN|5|obj|UKR", "binnenviel|binnen_vallen|VERB|1|acl:relcl"}}),
            "RUS>UKR:192");
}

TEST(TreeCoder, NegationAndTargetRequirements) {
  EXPECT_EQ(Code({{"China|China|PROPN|2|nsubj|CHN", "steunt|steunen|VERB|0|root", "niet|niet|ADV|2|advmod",
                   "Rusland|Rusland|PROPN|2|obj|RUS"}}),
            "CHN>RUS:051!");
  // "ontvangen" is political only with a state received.
  EXPECT_EQ(Code({{"Duitsland|Duitsland|PROPN|2|nsubj|DEU", "ontving|ontvangen|VERB|0|root",
                   "vluchtelingen|vluchteling|NOUN|2|obj"}}),
            "");
  EXPECT_EQ(Code({{"Duitsland|Duitsland|PROPN|2|nsubj|DEU", "mobiliseert|mobiliseren|VERB|0|root",
                   "troepen|troep|NOUN|2|obj"}}),
            "DEU>-:150");
}

TEST(TreeCoder, ConditionsAndQuestionsAreNoFacts) {
  EXPECT_EQ(Code({{"Als|als|SCONJ|3|mark", "Rusland|Rusland|PROPN|3|nsubj|RUS", "aanvalt|aan_vallen|VERB|6|advcl",
                   ",|,|PUNCT|3|punct", "zal|zullen|AUX|6|aux", "reageren|reageren|VERB|0|root",
                   "Polen|Polen|PROPN|6|nsubj|POL", "Litouwen|Litouwen|PROPN|3|obj|LTU"}}),
            "");
  EXPECT_EQ(Code({{"Steunt|steunen|VERB|0|root", "China|China|PROPN|1|nsubj|CHN", "Rusland|Rusland|PROPN|1|obj|RUS",
                   "?|?|PUNCT|1|punct"}}),
            "");
}

TEST(TreeCoder, DomesticInteractionKeepsBothSides) {
  // Het kabinet (NLD) steunt de Tweede Kamer (NLD): two bodies of one state, coded NLD>NLD.
  EXPECT_EQ(Code({{"Rutte|Rutte|PROPN|2|nsubj|NLD|PER", "steunt|steunen|VERB|0|root",
                   "Kamer|Kamer|PROPN|2|obj|NLD|ORG"}}),
            "NLD>NLD:051");
}

TEST(MergeEvents, OnePerSentenceSourceTargetAndRoot) {
  auto event = [](uint32_t sentence, const char* source, const char* target, const char* root) {
    Event e;
    e.sentence = sentence;
    e.source.actor = source;
    e.target = EventActor{};
    e.target->actor = target;
    e.root = root;
    e.cameo = std::string(root) + "0";
    return e;
  };
  std::vector<Event> tree = {event(1, "RUS", "UKR", "19"), event(1, "RUS", "UKR", "19"), event(0, "RUS", "UKR", "19")};
  std::vector<Event> patterns = {event(1, "RUS", "UKR", "19"), event(1, "RUS", "UKR", "11")};
  std::vector<Event> merged = MergeEvents(tree, patterns);
  EXPECT_EQ(Show(merged), "RUS>UKR:190 RUS>UKR:190 RUS>UKR:110");
  ASSERT_EQ(merged.size(), 3u);
  EXPECT_EQ(merged[0].sentence, 0u);
  EXPECT_EQ(merged[1].sentence, 1u);
}

TEST(PredicateTable, RejectsBadRows) {
  const auto& codes = Lexicon().codes();
  auto bad_code = PredicateTable::Parse(
      "p.tsv", "# wirewatch events: predicates.tsv version t\npredicate\tkind\tcameo\ttarget\toptions\texample\texpect\n"
               "steunen\tverb\t999\tobj\t-\t-\t-\n", codes);
  ASSERT_FALSE(bad_code.ok());
  EXPECT_NE(bad_code.status().message().find("p.tsv: line 3"), std::string::npos);
  auto bad_slot = PredicateTable::Parse(
      "p.tsv", "# wirewatch events: predicates.tsv version t\npredicate\tkind\tcameo\ttarget\toptions\texample\texpect\n"
               "steunen\tverb\t051\tsubject\t-\t-\t-\n", codes);
  EXPECT_FALSE(bad_slot.ok());
  auto not_table = PredicateTable::Parse("p.tsv", "hello\n", codes);
  EXPECT_FALSE(not_table.ok());
}

}  // namespace
}  // namespace wirewatch
