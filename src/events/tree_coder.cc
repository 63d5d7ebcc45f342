// The tree coder: CAMEO events read from the dependency tree of each sentence.
//
// A predicate is a verb lemma with its separable particle ("zet ... uit" -> uitzetten) and its
// reflexive ("verzet zich" -> zich verzetten), a light-verb construction (the verb and the noun
// that is its object: "uitte kritiek" -> kritiek uiten), or a noun naming an act ("de Russische
// aanval op Kiev"). Arguments come from relations, never from word order:
//   source  nsubj; the obl:agent ("door X") of a passive; a shared subject up a coordination or
//           a control verb (xcomp); for a noun its adjective of nationality, "van X", "door X"
//   target  the slots the dictionary names for the predicate (obj, iobj, obl:PREP, nmod:PREP),
//           nsubj:pass standing in for obj in a passive
// Each conjunct of a coordinated argument is its own event. A phrase stands for an actor
// through the name it contains (the mention's actor), "de regering van Iran" (its "van X"),
// "de Russische minister" (its adjective), a relative pronoun (its antecedent), a first-person
// pronoun in a quote (the speaker), a third-person pronoun or a bare state organ ("hij", "het
// land", "de regering": the latest actor named before it, the reading a newspaper reader
// takes). A predicate marked `frame` (deny, threaten, demand, refuse, appeal) governs its
// clause: what it governs is not coded on its own ("ontkent te willen binnenvallen" is the
// denial only). Conditional clauses ("als", "indien") and questions are not facts and yield
// nothing; negation ("niet", "nooit", "geen") sets `negated`.
#include <algorithm>
#include <set>
#include <optional>
#include <tuple>

#include "events/events.h"

namespace wirewatch {
namespace {

struct Node {
  ByteSpan span;
  std::string lemma;           // plain (no underscores), lower case for words that are not names
  std::string_view upos;
  std::string_view deprel;     // "obl:agent"
  std::string_view rel;        // "obl"
  int head = -1;               // index in the sentence, -1 for the root
  std::vector<int> kids;
  int mention = -1;            // index into doc.entities of the name covering the word
};

struct Tree {
  uint32_t sentence = 0;
  std::vector<Node> nodes;
};

// An argument resolved to whom it stands for.
struct Party {
  EventActor actor;
  int node = -1;     // the word in the tree that names it (-1: from context)
  int mention = -1;  // the entity mention behind it, to tell two parties apart
};

bool OneOf(std::string_view w, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), w) != set.end();
}

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Nouns that name a state organ or office: without a name of their own ("de regering", "het
// kabinet", "het land") they refer to the state the text is about.
bool IsStateOrganNoun(std::string_view lemma) {
  return OneOf(lemma, {"regering", "kabinet", "land", "overheid", "ministerie", "parlement",
                       "leger", "ambassade", "president", "premier", "minister", "staat",
                       "regime", "autoriteit", "krijgsmacht", "strijdkracht", "leiding",
                       "bondskanselier", "presidente", "ministerpresident", "staatshoofd",
                       "regeringsleider", "woordvoerder", "diplomaat", "ambassadeur", "justitie",
                       "inlichtingendienst", "veiligheidsdienst", "marine", "luchtmacht"});
}

// Groups of a state's people without a name of their own ("de demonstranten", "de oppositie",
// "bedrijven"): CAMEO codes them under the state they act in (SDNOPP, SDNCVL, SDNBUS), which at
// country level is the state the text is about at that point.
bool IsGroupNoun(std::string_view lemma) {
  return OneOf(lemma, {"demonstrant", "betoger", "menigte", "oppositie", "bevolking", "burger",
                       "inwoner", "bedrijf", "militair", "soldaat", "troep", "rebel", "activist",
                       "politicus", "partij", "politie", "agent", "vakbond", "boer", "student",
                       "coalitie", "kiezer", "overheid", "volk"});
}

bool IsThirdPersonPronoun(std::string_view lemma) {
  return OneOf(lemma, {"hij", "zij", "ze", "hem", "haar", "hen", "hun"});
}

bool IsFirstPersonPronoun(std::string_view lemma) {
  return OneOf(lemma, {"ik", "wij", "we", "mij", "me", "ons"});
}

// Support verbs (steunwerkwoorden): with an object noun that names an act they mean that act
// ("een bezoek brengen" is visiting, "een aanval uitvoeren" attacking). Verbs that report on,
// judge or receive the act ("veroordelen", "melden", "krijgen") are not among them: their
// subject is not the act's agent.
bool IsSupportVerb(std::string_view lemma) {
  return OneOf(lemma, {"voeren", "houden", "hebben", "brengen", "doen", "plegen", "uitvoeren",
                       "leveren", "uiten", "stellen", "indienen", "instellen", "beginnen",
                       "starten", "openen", "aangaan", "afleggen", "organiseren", "lanceren",
                       "ondernemen", "hervatten", "voortzetten", "treffen", "richten"});
}

// Subordinators of a condition: what follows is not a reported fact.
bool IsConditional(std::string_view lemma) { return OneOf(lemma, {"als", "indien", "tenzij", "mits"}); }

// Prepositions of a time adjunct: an act named inside one ("na de aanval") is background.
bool IsTemporalPreposition(std::string_view lemma) {
  return OneOf(lemma, {"na", "sinds", "tijdens", "voorafgaand", "rond", "sedert"});
}

class TreeCoder {
 public:
  TreeCoder(const Document& doc, const EventLexicon& lexicon) : doc_(doc), lexicon_(lexicon) {}

  std::vector<Event> Run() {
    std::vector<Event> events;
    const std::vector<SyntaxToken>& tokens = *doc_.tokens;
    size_t mention = 0;
    for (size_t i = 0; i < tokens.size();) {
      size_t j = i;
      while (j < tokens.size() && tokens[j].sentence == tokens[i].sentence) ++j;
      Tree tree = Build(tokens, i, j, mention);
      CodeSentence(tree, &events);
      Remember(tree);
      i = j;
    }
    return events;
  }

 private:
  Tree Build(const std::vector<SyntaxToken>& tokens, size_t begin, size_t end, size_t& mention) {
    Tree t;
    t.sentence = tokens[begin].sentence;
    t.nodes.resize(end - begin);
    const auto& ents = doc_.entities;
    for (size_t k = begin; k < end; ++k) {
      const SyntaxToken& tok = tokens[k];
      Node& n = t.nodes[k - begin];
      n.span = tok.span;
      n.upos = tok.upos;
      n.deprel = tok.deprel;
      n.rel = n.deprel.substr(0, n.deprel.find(':'));
      n.head = tok.head == 0 ? -1 : static_cast<int>(tok.head) - 1;
      if (n.head >= static_cast<int>(end - begin)) n.head = -1;
      for (char c : tok.lemma)
        if (c != '_') n.lemma += c;
      if (n.upos != "PROPN") n.lemma = LowerAscii(n.lemma);
      while (mention < ents.size() && ents[mention].span.end <= n.span.start) ++mention;
      if (mention < ents.size() && ents[mention].span.start < n.span.end) n.mention = static_cast<int>(mention);
    }
    for (size_t k = 0; k < t.nodes.size(); ++k)
      if (t.nodes[k].head >= 0) t.nodes[t.nodes[k].head].kids.push_back(static_cast<int>(k));
    return t;
  }

  std::string_view Form(const Node& n) const {
    return std::string_view(doc_.text).substr(n.span.start, n.span.end - n.span.start);
  }

  // The case word of a prepositional phrase headed by `n` ("tegen", "op"), or "".
  std::string_view CaseOf(const Tree& t, int n) const {
    for (int k : t.nodes[n].kids)
      if (t.nodes[k].rel == "case") return t.nodes[k].lemma;
    return {};
  }

  int Child(const Tree& t, int n, std::string_view deprel) const {
    for (int k : t.nodes[n].kids)
      if (t.nodes[k].deprel == deprel) return k;
    return -1;
  }

  // `n` and the conjuncts coordinated with it ("Rusland en China": both).
  std::vector<int> Conjuncts(const Tree& t, int n) const {
    std::vector<int> out{n};
    for (size_t i = 0; i < out.size() && out.size() < 16; ++i)
      for (int k : t.nodes[out[i]].kids)
        if (t.nodes[k].rel == "conj" && t.nodes[k].upos != "VERB") out.push_back(k);
    return out;
  }

  EventActor FromMention(int m) const {
    const EntityMention& e = doc_.entities[m];
    EventActor a;
    a.text = e.text;
    a.actor = e.actor;
    if (!e.id.empty()) a.id = e.id;
    return a;
  }

  // Whom the phrase headed by `n` stands for.
  std::optional<Party> PartyOf(const Tree& t, int n, int depth = 0,
                               const std::optional<std::string>& not_actor = std::nullopt) const {
    if (n < 0 || depth > 3) return std::nullopt;
    const Node& node = t.nodes[n];
    auto named = [&](int k) -> std::optional<Party> {
      int m = t.nodes[k].mention;
      if (m < 0 || !doc_.entities[m].actor) return std::nullopt;
      return Party{FromMention(m), k, m};
    };
    // A person or organisation named in the phrase outranks its head noun and adjectives
    // ("de Amerikaanse president Joe Biden" is Biden).
    for (int k : node.kids)
      if (OneOf(t.nodes[k].rel, {"appos", "flat"}))
        if (auto p = named(k)) return p;
    if (auto p = named(n)) return p;
    // "de regering van Iran", "het leger van Israël", "de aanval door Rusland"
    for (int k : node.kids) {
      if (t.nodes[k].rel != "nmod") continue;
      std::string_view c = CaseOf(t, k);
      if (c == "van" || c == "door")
        if (auto p = PartyOf(t, k, depth + 1, not_actor)) return p;
    }
    // "de Russische minister", "Amerikaanse troepen", "Poetins regering"
    for (int k : node.kids)
      if (OneOf(t.nodes[k].deprel, {"amod", "nmod:poss", "compound"}))
        if (auto p = named(k)) return p;
    if (node.upos == "PRON") {
      // A relative pronoun stands for the noun its clause modifies.
      if (OneOf(node.lemma, {"die", "dat", "welke", "wie"}) && node.head >= 0 &&
          t.nodes[node.head].deprel == "acl:relcl" && t.nodes[node.head].head >= 0)
        return PartyOf(t, t.nodes[node.head].head, depth + 1, not_actor);
      if (IsFirstPersonPronoun(node.lemma)) return Speaker(node.span.start);
      if (IsThirdPersonPronoun(node.lemma)) return Latest(node.lemma == "hij" || node.lemma == "hem", not_actor);
      return std::nullopt;
    }
    if (node.upos == "NOUN" && (IsStateOrganNoun(node.lemma) || IsGroupNoun(node.lemma)))
      return Latest(false, not_actor);
    // The member states acting together are their union: "de eurolanden spraken af" is the EU
    // acting; "de lidstaten" are those of the union the text names most (EU, NATO, UN).
    if (node.upos == "NOUN") {
      std::string_view lemma = node.lemma;
      std::optional<Party> u;
      if (OneOf(lemma, {"euroland", "eurolanden", "eurozoneland", "eu-land", "eu-landen", "eu-lidstaat"}))
        u = Union({"EU"}, not_actor);
      else if (OneOf(lemma, {"lidstaat", "lidstaten", "lidland", "lidlanden"}))
        u = Union({"EU", "NATO", "UN"}, not_actor);
      if (u) {
        u->node = n;  // the words that name it, for provenance
        return u;
      }
    }
    return std::nullopt;
  }

  // The first of `unions` the text names, the most named one when several are; none when the
  // text names none of them (but "eurolanden" alone is the EU's).
  std::optional<Party> Union(std::initializer_list<std::string_view> unions,
                             const std::optional<std::string>& not_actor) const {
    std::string best;
    int best_count = 0;
    for (std::string_view u : unions) {
      int count = 0;
      for (const EntityMention& m : doc_.entities)
        if (m.actor && *m.actor == u) ++count;
      if (count > best_count) {
        best = std::string(u);
        best_count = count;
      }
    }
    if (best.empty() && unions.size() == 1) best = std::string(*unions.begin());
    if (best.empty() || (not_actor && *not_actor == best)) return std::nullopt;
    EventActor a;
    a.text = best;
    a.actor = best;
    return Party{a, -1, -1};
  }

  // The speaker of the quotation around `offset`, if it has an actor.
  std::optional<Party> Speaker(uint32_t offset) const {
    for (const Quote& q : doc_.quotes) {
      if (q.span.start <= offset && offset < q.span.end && q.speaker_actor) {
        EventActor a;
        a.text = q.speaker;
        a.actor = q.speaker_actor;
        a.id = q.speaker_id;
        return Party{a, -1, -1};
      }
    }
    return std::nullopt;
  }

  // The running topic: the latest party that acted (or, for "hij", the latest person), other
  // than `not_actor` (an act is aimed at someone else than its source).
  std::optional<Party> Latest(bool person, const std::optional<std::string>& not_actor = std::nullopt) const {
    const std::vector<Party>& history = person ? people_ : parties_;
    for (auto it = history.rbegin(); it != history.rend(); ++it) {
      if (not_actor && it->actor.actor == not_actor) continue;
      Party copy = *it;
      copy.node = -1;
      return copy;
    }
    return std::nullopt;
  }

  // Subjects of the sentence become the topic that later pronouns and bare organs refer to.
  void Remember(const Tree& t) {
    // Objects and indirect objects first, subjects last: a later "ze", "hen" or "het land"
    // takes the subject unless the act excludes it ("Washington bood hen de kans": not USA).
    for (size_t k = 0; k < t.nodes.size(); ++k) {
      const Node& n = t.nodes[k];
      if (n.rel != "obj" && n.rel != "iobj") continue;
      int m = n.mention;
      if (m < 0 || !doc_.entities[m].actor) continue;
      for (int c : Conjuncts(t, static_cast<int>(k)))
        if (int cm = t.nodes[c].mention; cm >= 0 && doc_.entities[cm].actor)
          Push(parties_, Party{FromMention(cm), -1, cm});
    }
    for (size_t k = 0; k < t.nodes.size(); ++k) {
      const Node& n = t.nodes[k];
      if (n.rel != "nsubj" && n.deprel != "obl:agent") continue;
      int m = n.mention;
      if (m < 0 || !doc_.entities[m].actor) continue;
      Party p{FromMention(m), -1, m};
      if (doc_.entities[m].type == "PER") Push(people_, p);
      Push(parties_, p);
    }
  }

  static void Push(std::vector<Party>& history, const Party& p) {
    std::erase_if(history, [&](const Party& q) { return q.actor.actor == p.actor.actor; });
    history.push_back(p);
    if (history.size() > 4) history.erase(history.begin());
  }

  bool IsPassive(const Tree& t, int v) const {
    for (int k : t.nodes[v].kids)
      if (t.nodes[k].deprel == "aux:pass" || t.nodes[k].deprel == "nsubj:pass") return true;
    return false;
  }

  // The subject of verb `v`, looking up a coordination ("viel aan en bezette") and a control
  // verb ("besloot troepen te sturen") when the verb has none of its own.
  int SubjectOf(const Tree& t, int v) const {
    for (int depth = 0; v >= 0 && depth < 4; ++depth) {
      int s = Child(t, v, "nsubj");
      if (s >= 0) return s;
      const Node& n = t.nodes[v];
      if ((n.rel == "conj" || n.rel == "xcomp") && n.head >= 0 && t.nodes[n.head].upos == "VERB") {
        v = n.head;
        continue;
      }
      return -1;
    }
    return -1;
  }

  bool Negated(const Tree& t, int v, int object) const {
    for (int k : t.nodes[v].kids)
      if (t.nodes[k].rel == "advmod" && OneOf(t.nodes[k].lemma, {"niet", "nooit", "geenszins"})) return true;
    if (object >= 0)
      for (int k : t.nodes[object].kids)
        if (t.nodes[k].rel == "det" && t.nodes[k].lemma == "geen") return true;
    return false;
  }

  // Whether the clause of `v` or one above it is a condition.
  bool Hypothetical(const Tree& t, int v) const {
    for (int depth = 0; v >= 0 && depth < 6; ++depth) {
      for (int k : t.nodes[v].kids)
        if (t.nodes[k].rel == "mark" && IsConditional(t.nodes[k].lemma)) return true;
      v = t.nodes[v].head;
    }
    return false;
  }

  // The argument in `slot` of predicate word `v` (and of its object noun `noun` for a light
  // construction); `passive` turns obj into nsubj:pass.
  int SlotFiller(const Tree& t, const TargetSlot& slot, int v, int noun, bool passive) const {
    auto pp = [&](int head, std::string_view rel) {
      for (int k : t.nodes[head].kids) {
        if (t.nodes[k].rel != rel) continue;
        if (t.nodes[k].deprel == "obl:agent") continue;
        if (slot.preposition.empty() || CaseOf(t, k) == slot.preposition) return k;
      }
      return -1;
    };
    switch (slot.kind) {
      case TargetSlot::Kind::kObj:
        return passive ? Child(t, v, "nsubj:pass") : Child(t, v, "obj");
      case TargetSlot::Kind::kIobj:
        return Child(t, v, "iobj");
      case TargetSlot::Kind::kObl:
      case TargetSlot::Kind::kNmod: {
        // A prepositional phrase may hang from the verb or from its noun: parsers attach both.
        int k = -1;
        if (noun >= 0) k = pp(noun, "nmod");
        if (k < 0 && v >= 0 && t.nodes[v].upos != "NOUN") k = pp(v, "obl");
        if (k < 0 && v >= 0 && t.nodes[v].upos == "NOUN") k = pp(v, "nmod");
        return k;
      }
    }
    return -1;
  }

  struct Found {
    const Predicate* predicate = nullptr;
    int word = -1;  // the verb or noun
    int noun = -1;  // the object noun of a light construction
  };

  // The predicate word `v` carries, if any.
  Found Lookup(const Tree& t, int v) const {
    const Node& n = t.nodes[v];
    const PredicateTable& table = lexicon_.predicates();
    Found f;
    f.word = v;
    if (n.upos == "VERB") {
      std::string lemma = n.lemma;
      bool reflexive = false;
      int object = -1;
      for (int k : n.kids) {
        const Node& c = t.nodes[k];
        if (c.deprel == "compound:prt" && lemma.rfind(c.lemma, 0) != 0) lemma = c.lemma + lemma;
        if (c.deprel == "expl:pv" || (c.rel == "obj" && OneOf(c.lemma, {"zich", "zichzelf"}))) reflexive = true;
        if (c.rel == "obj" && c.upos == "NOUN" && object < 0) object = k;
        if (c.deprel == "nsubj:pass" && c.upos == "NOUN" && object < 0) object = k;
      }
      if (object >= 0) {
        auto light = table.Light(t.nodes[object].lemma, lemma);
        // Rows written with the plural the construction takes ("heffingen aankondigen",
        // "sancties opleggen"): the noun as written.
        if (light.empty()) light = table.Light(LowerAscii(Form(t.nodes[object])), lemma);
        if (!light.empty()) return Choose(t, light, v, object, f);
      }
      // A support verb lends its subject to the act its object noun names ("voert gesprekken
      // met Kiev", "diende een klacht in tegen China", "pleegden een aanval op"): the verb says
      // nothing of its own, so the noun's reading is the predicate, its source the subject.
      if (object >= 0 && IsSupportVerb(lemma)) {
        auto noun = table.Noun(t.nodes[object].lemma);
        if (!noun.empty()) return Choose(t, noun, v, object, f);
      }
      if (reflexive) {
        auto refl = table.Verb("zich " + lemma);
        if (!refl.empty()) return Choose(t, refl, v, -1, f);
      }
      auto verb = table.Verb(lemma);
      if (!verb.empty()) return Choose(t, verb, v, -1, f);
    } else if (n.upos == "NOUN") {
      auto noun = table.Noun(n.lemma);
      if (!noun.empty()) return Choose(t, noun, v, -1, f);
    }
    return f;
  }

  // Of several readings, the one whose first target slot is filled; else the first.
  Found Choose(const Tree& t, std::span<const Predicate* const> readings, int v, int noun, Found f) const {
    f.noun = noun;
    f.predicate = readings.front();
    if (readings.size() > 1) {
      bool passive = t.nodes[v].upos == "VERB" && IsPassive(t, v);
      for (const Predicate* p : readings)
        if (!p->targets.empty() && SlotFiller(t, p->targets.front(), v, noun, passive) >= 0) {
          f.predicate = p;
          break;
        }
    }
    return f;
  }

  // "elkaar" / "mekaar" as an argument of the predicate, or inside its prepositional phrase.
  static bool HasReciprocal(const Tree& t, int v) {
    for (int k : t.nodes[v].kids)
      if (OneOf(t.nodes[k].lemma, {"elkaar", "mekaar"}) &&
          OneOf(t.nodes[k].rel, {"obj", "iobj", "obl", "nmod"}))
        return true;
    return false;
  }

  void Mark(const Tree& t, int n, std::vector<bool>& framed) const {
    framed[n] = true;
    for (int k : t.nodes[n].kids) Mark(t, k, framed);
  }

  void CodeSentence(const Tree& t, std::vector<Event>* out) const {
    const size_t size = t.nodes.size();
    if (size == 0) return;
    // A question asks; it does not report.
    if (Form(t.nodes.back()) == "?") return;
    std::vector<Found> found(size);
    for (size_t v = 0; v < size; ++v) found[v] = Lookup(t, static_cast<int>(v));
    // What a frame predicate governs is not coded on its own.
    std::vector<bool> framed(size, false);
    for (size_t v = 0; v < size; ++v) {
      if (!found[v].predicate || !found[v].predicate->frame) continue;
      for (int k : t.nodes[v].kids)
        if (OneOf(t.nodes[k].rel, {"ccomp", "xcomp", "obl", "obj", "nmod"}) &&
            t.nodes[k].rel != "nsubj")
          Mark(t, k, framed);
    }
    for (size_t v = 0; v < size; ++v) {
      const Found& f = found[v];
      if (!f.predicate || framed[v]) continue;
      if (f.noun >= 0 && framed[f.noun]) continue;
      Code(t, f, out);
    }
  }

  void Code(const Tree& t, const Found& f, std::vector<Event>* out) const {
    const Predicate& p = *f.predicate;
    const int v = f.word;
    const Node& word = t.nodes[v];
    if (Hypothetical(t, v)) return;
    std::vector<Party> sources;
    bool passive = false;
    bool between = false;  // the sources are the parties of a "tussen A en B" phrase
    if (word.upos == "VERB") {
      passive = IsPassive(t, v);
      int s = passive ? Child(t, v, "obl:agent") : SubjectOf(t, v);
      if (s < 0) return;
      for (int c : Conjuncts(t, s))
        if (auto party = PartyOf(t, c)) sources.push_back(*party);
    } else {
      // A noun: background when it names the time of something else ("na de aanval").
      if (IsTemporalPreposition(CaseOf(t, v))) return;
      // "gesprekken tussen Trump en Kim", "de top tussen de EU en China": the parties between
      // whom it happens, reciprocally.
      for (int k : word.kids) {
        if (t.nodes[k].rel != "nmod" || CaseOf(t, k) != "tussen") continue;
        std::vector<Party> parties;
        for (int c : Conjuncts(t, k))
          if (auto party = PartyOf(t, c)) parties.push_back(*party);
        if (parties.size() >= 2) {
          sources = std::move(parties);
          between = true;
        }
        break;
      }
      for (int k : word.kids) {
        if (between) break;
        const Node& c = t.nodes[k];
        bool agent = c.rel == "amod" || c.deprel == "nmod:poss" ||
                     (c.rel == "nmod" && OneOf(CaseOf(t, k), {"van", "door"}));
        if (!agent) continue;
        if (auto party = PartyOf(t, k)) {
          sources.push_back(*party);
          break;
        }
      }
    }
    if (sources.empty()) return;
    std::vector<Party> targets;
    int object = -1;
    if (!p.self && !between) {
      for (const TargetSlot& slot : p.targets) {
        int k = SlotFiller(t, slot, v, f.noun, passive);
        if (k < 0) continue;
        if (slot.kind == TargetSlot::Kind::kObj) object = k;
        for (int c : Conjuncts(t, k))
          if (auto party = PartyOf(t, c, 0, sources.front().actor.actor)) targets.push_back(*party);
        // An object that is a thing names the other party in its own complement: "afspraken
        // met andere Amerikanen afzeggen", "de export naar Noord-Korea stoppen".
        if (targets.empty() && slot.kind == TargetSlot::Kind::kObj && t.nodes[k].upos == "NOUN") {
          for (int n : t.nodes[k].kids) {
            if (t.nodes[n].rel != "nmod" || !OneOf(CaseOf(t, n), {"met", "tegen", "naar", "aan"})) continue;
            for (int c : Conjuncts(t, n))
              if (auto party = PartyOf(t, c, 0, sources.front().actor.actor)) targets.push_back(*party);
            if (!targets.empty()) break;
          }
        }
        if (!targets.empty()) break;
      }
    }
    // A frame predicate without an addressee of its own is about the parties of what it
    // governs: "Rusland ontkent Oekraïne te willen binnenvallen" is a denial towards Ukraine,
    // "Rusland eist dat Oekraïne zich terugtrekt" a demand on Ukraine.
    // A statement is coded towards whom it is about: the parties of its content clause
    // ("Washington stelt dat Turkije de voordelen niet meer nodig heeft": USA -> TUR).
    const bool statement_predicate = p.cameo.compare(0, 2, "01") == 0;
    if (targets.empty() && (p.frame || statement_predicate) && !p.self) {
      for (int k : word.kids) {
        if (t.nodes[k].rel != "ccomp" && t.nodes[k].rel != "xcomp") continue;
        for (int a : t.nodes[k].kids) {
          const Node& arg = t.nodes[a];
          bool party_slot = arg.rel == "obj" || arg.rel == "iobj" || arg.rel == "nsubj" ||
                            (arg.rel == "obl" && !IsTemporalPreposition(CaseOf(t, a)) && CaseOf(t, a) != "in");
          if (!party_slot) continue;
          for (int c : Conjuncts(t, a))
            if (auto party = PartyOf(t, c, 0, statement_predicate ? sources.front().actor.actor : std::nullopt))
              if (!statement_predicate || party->actor.actor != sources.front().actor.actor) targets.push_back(*party);
          if (!targets.empty()) break;
        }
        if (!targets.empty()) break;
      }
    }
    // A reciprocal act of coordinated parties ("Trump en Kim ontmoeten elkaar", "Rusland en
    // China sluiten een verdrag") is one event from the first named to each other one, as the
    // pattern coder and the annotation code it (events.h, Predicate::reciprocal).
    if (targets.empty() && sources.size() >= 2 && (p.reciprocal || between || HasReciprocal(t, v))) {
      bool negated = Negated(t, v, f.noun);
      const Party& first = sources.front();
      for (size_t b = 1; b < sources.size(); ++b)
        if (first.actor.actor && sources[b].actor.actor && first.actor.actor != sources[b].actor.actor)
          Emit(t, f, first, sources[b], negated, out);
      return;
    }
    if (targets.empty() && p.needs_target) return;
    // An act with no target in reach is aimed at the actor's own side (an appeal, a demand, a
    // reform announced at home): GDELT and the annotation rules code it domestic, source and
    // target the same state. Acts without a target by nature keep none.
    // A statement with no addressee is commentary, not an interaction.
    bool statement = p.cameo.compare(0, 2, "01") == 0;
    if (targets.empty() && statement && !p.self) return;
    bool domestic = targets.empty() && !p.self && !statement;
    bool negated = Negated(t, v, object >= 0 ? object : f.noun);
    for (const Party& source : sources) {
      if (targets.empty()) {
        std::optional<Party> own;
        if (domestic && source.actor.actor) own = Party{source.actor, -1, -1};
        Emit(t, f, source, own, negated, out);
        continue;
      }
      for (const Party& target : targets) {
        // The same mention on both sides is no interaction; two bodies of one state are
        // (the government against its parliament: both NLD, as GDELT codes them).
        if (source.mention >= 0 && source.mention == target.mention) continue;
        if (source.node < 0 && target.node < 0 && source.actor.actor == target.actor.actor) continue;
        Emit(t, f, source, target, negated, out);
      }
    }
  }

  void Emit(const Tree& t, const Found& f, const Party& source, const std::optional<Party>& target,
            bool negated, std::vector<Event>* out) const {
    const CameoCode* code = lexicon_.Code(f.predicate->cameo);
    if (code == nullptr) return;
    Event e;
    e.sentence = t.sentence;
    e.source = source.actor;
    // Provenance: the name's words when a mention stands behind the party, else the word.
    auto span_of = [&](const Party& p) -> std::optional<ByteSpan> {
      if (p.node < 0) return std::nullopt;
      if (p.mention >= 0) return doc_.entities[p.mention].span;
      return t.nodes[p.node].span;
    };
    e.source.span = span_of(source);
    if (target) {
      e.target = target->actor;
      e.target->span = span_of(*target);
    }
    e.cameo = f.predicate->cameo;
    e.root = e.cameo.substr(0, 2);
    e.goldstein = code->goldstein;
    e.plover = code->plover;
    // The trigger as written: the verb with its particle, or the noun and its light verb.
    std::vector<int> words{f.word};
    if (f.noun >= 0) words.push_back(f.noun);
    for (int k : t.nodes[f.word].kids)
      if (t.nodes[k].deprel == "compound:prt") words.push_back(k);
    std::sort(words.begin(), words.end());
    e.trigger_span = ByteSpan{t.nodes[words.front()].span.start, t.nodes[words.back()].span.end};
    for (int w : words) {
      if (!e.trigger.empty()) e.trigger += ' ';
      e.trigger += Form(t.nodes[w]);
    }
    e.negated = negated;
    for (int k : t.nodes[f.word].kids) {
      const Node& c = t.nodes[k];
      if (c.rel == "obl" && CaseOf(t, k) == "in" && c.mention >= 0 && doc_.entities[c.mention].type == "LOC")
        e.location = doc_.entities[c.mention].text;
    }
    const ByteSpan sentence = doc_.sentences[t.sentence];
    e.date = EventDateIn(doc_.times, sentence.start, sentence.end);
    if (!e.date && doc_.published && doc_.published->size() >= 10) e.date = doc_.published->substr(0, 10);
    for (const Event& prev : *out) {
      if (prev.sentence == e.sentence && prev.root == e.root && prev.source.actor == e.source.actor &&
          (prev.target ? prev.target->actor : std::nullopt) == (e.target ? e.target->actor : std::nullopt))
        return;
    }
    out->push_back(std::move(e));
  }

  const Document& doc_;
  const EventLexicon& lexicon_;
  std::vector<Party> parties_, people_;  // recent topics, latest last, one per actor
};

}  // namespace

std::vector<Event> MergeEvents(std::vector<Event> first, std::vector<Event> second) {
  auto key = [](const Event& e) {
    return std::make_tuple(e.sentence, e.source.actor, e.target ? e.target->actor : std::nullopt, e.root);
  };
  std::vector<Event> out;
  out.reserve(first.size() + second.size());
  std::set<decltype(key(std::declval<const Event&>()))> seen;
  for (std::vector<Event>* from : {&first, &second})
    for (Event& e : *from)
      if (seen.insert(key(e)).second) out.push_back(std::move(e));
  std::stable_sort(out.begin(), out.end(),
                   [](const Event& a, const Event& b) { return a.sentence < b.sentence; });
  return out;
}

std::vector<Event> CodeEventsFromTree(const Document& doc, const EventLexicon& lexicon) {
  if (!doc.tokens || doc.tokens->empty()) return {};
  return TreeCoder(doc, lexicon).Run();
}

}  // namespace wirewatch
