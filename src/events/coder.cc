// The event coder: trigger patterns over each sentence's words, then actors from the clause
// around each trigger.
//
// Without a parser, clause structure comes from cheap signals: punctuation, quote marks and
// subordinating words split a sentence into clauses; a mention right after a preposition (over
// at most a determiner and adjectives) is a prepositional object, never a subject; the subject
// is the first other mention before the trigger, or, when none precedes it, the first after
// it (inverted order, "Dinsdag kreeg Lavrov bezoek"). What the sentence leaves implicit comes
// from context the way a reader takes it: a pronoun or a bare "we" is the speaker of the
// quote or the running topic, and a dyadic act without a named target is directed at the
// latest other actor mentioned.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <optional>

#include "events/events.h"

namespace wirewatch {
namespace {

// The calendar value of a time expression as an event date: a day (part of day and clock time
// cut off), an ISO week, a month or a year; 0 for anything else (durations, PRESENT_REF,
// decades, seasons). Higher is more precise.
int DatePrecision(std::string_view v, std::string* date) {
  auto digits = [&](size_t from, size_t n) {
    if (v.size() < from + n) return false;
    for (size_t i = from; i < from + n; ++i)
      if (v[i] < '0' || v[i] > '9') return false;
    return true;
  };
  if (!digits(0, 4)) return 0;
  if (v.size() == 4) {
    *date = std::string(v);
    return 1;
  }
  if (v[4] != '-') return 0;
  if (v.size() >= 10 && digits(5, 2) && v[7] == '-' && digits(8, 2) &&
      (v.size() == 10 || v[10] == 'T')) {
    *date = std::string(v.substr(0, 10));
    return 4;
  }
  if (v.size() >= 8 && v[5] == 'W' && digits(6, 2) && (v.size() == 8 || v[8] == '-')) {
    *date = std::string(v.substr(0, 8));
    return 3;
  }
  if (v.size() == 7 && digits(5, 2)) {
    *date = std::string(v);
    return 2;
  }
  return 0;
}

}  // namespace

std::optional<std::string> EventDateIn(const std::vector<TimeExpression>& times, uint32_t begin,
                                       uint32_t end) {
  std::string best, date;
  int best_rank = 0;
  // Times are in text order: start at the first one inside the range.
  auto first = std::lower_bound(times.begin(), times.end(), begin,
                                [](const TimeExpression& t, uint32_t p) { return t.span.start < p; });
  for (auto it = first; it != times.end() && it->span.start < end; ++it) {
    const TimeExpression& t = *it;
    if (t.span.end > end || !t.value) continue;
    // A start point ("sinds 2019") is not when the act happened.
    if (t.text.size() >= 5 &&
        (t.text.compare(0, 5, "sinds") == 0 || t.text.compare(0, 5, "Sinds") == 0))
      continue;
    int rank = DatePrecision(*t.value, &date);
    if (rank > best_rank) {
      best_rank = rank;
      best = date;
    }
  }
  if (best_rank > 0) return best;
  return std::nullopt;
}

namespace {

constexpr int kMaxGap = 12;  // words a "…" may skip: "vraagt het bondgenootschap Rusland zijn
                             // troepen uit Georgië en Moldavië terug te trekken"
constexpr int kContextSentences = 2;  // how far back an implicit target is looked for

std::string Lower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
      ++i;
      continue;
    }
    int32_t start = i;
    UChar32 cp;
    U8_NEXT(s.data(), i, n, cp);
    if (cp < 0) {
      out.append(s.substr(start, i - start));
      continue;
    }
    cp = u_tolower(cp);
    char buf[4];
    int32_t len = 0;
    UBool error = false;
    U8_APPEND(buf, len, 4, cp, error);
    (void)error;  // cp came from U8_NEXT, so it always fits
    out.append(buf, len);
  }
  return out;
}

bool OneOf(std::string_view w, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), w) != set.end();
}

bool IsPreposition(std::string_view w) {
  return OneOf(
      w, {"aan",   "met",     "tegen",     "op",       "bij",     "voor",    "van",      "in",
          "uit",   "naar",    "over",      "tussen",   "door",    "volgens", "richting", "tot",
          "onder", "namens",  "zonder",    "binnen",   "buiten",  "na",      "sinds",    "rond",
          "om",    "jegens",  "tegenover", "vanuit",   "via",     "achter",  "boven",    "langs",
          "nabij", "dankzij", "wegens",    "vanwege",  "ondanks", "behalve", "zoals",    "als",
          "dan",   "per",     "waaronder", "inclusief"});
}

// Prepositions whose object only illustrates or excludes ("NAVO-landen waaronder Nederland"):
// never the one an act is directed at.
bool IsListingPreposition(std::string_view w) {
  return OneOf(w, {"waaronder", "zoals", "inclusief", "behalve"});
}

// Prepositions that open a time adjunct ("na het overleg", "rond zijn bezoek aan Davos"): an
// act named inside one is background to the sentence, reported where it happened.
bool IsTemporalPreposition(std::string_view w) {
  return OneOf(w, {"na", "voorafgaand", "rond", "rondom", "tijdens", "sinds", "sedert"});
}

// Words an indefinite subject starts with ("meerdere leiders", "veel lidstaten"): such a subject
// names nobody, so it is neither the speaker nor the running topic.
bool IsQuantifier(std::string_view w) {
  return OneOf(w, {"veel", "vele", "meerdere", "enkele", "verschillende", "diverse", "sommige",
                   "talrijke", "tal", "tientallen", "honderden", "duizenden", "allerlei"});
}

// Nouns that make a nationality adjective a state actor ("de Russische minister", "Amerikaanse
// troepen") rather than a group of people ("Italiaanse kiezers", "Nederlandse ouders").
bool IsOfficialNoun(std::string_view w) {
  static constexpr std::string_view kHeads[] = {"minister",
                                                "president",
                                                "premier",
                                                "regering",
                                                "kabinet",
                                                "leger",
                                                "troepen",
                                                "militairen",
                                                "strijdkrachten",
                                                "autoriteiten",
                                                "diplomaten",
                                                "diplomaat",
                                                "ambassadeur",
                                                "ambassade",
                                                "woordvoerder",
                                                "leider",
                                                "leiders",
                                                "overheid",
                                                "justitie",
                                                "politie",
                                                "marine",
                                                "luchtmacht",
                                                "delegatie",
                                                "regeringsdelegatie",
                                                "kanselier",
                                                "bondskanselier",
                                                "koning",
                                                "staatshoofd",
                                                "parlement",
                                                "ministerie",
                                                "inlichtingendienst",
                                                "inlichtingendiensten",
                                                "veiligheidsdienst",
                                                "geheime",
                                                "bewindslieden",
                                                "bewindsman",
                                                "gezant",
                                                "topdiplomaat",
                                                "bondgenoten",
                                                "grenswacht",
                                                "kustwacht",
                                                "generaal",
                                                "commandant",
                                                "rechter",
                                                "rechtbank",
                                                "staat",
                                                "staten",
                                                "zijde",
                                                "kant",
                                                "top",
                                                "raketten",
                                                "drones",
                                                "gevechtsvliegtuigen",
                                                "straaljagers",
                                                "oorlogsschepen",
                                                "eenheden",
                                                "soldaten"};
  for (std::string_view h : kHeads) {
    if (w.size() >= h.size() && w.substr(w.size() - h.size()) == h) return true;
  }
  return false;
}

// Verbs that carry a nominalised act with the clause subject as its agent: "Rusland voerde
// aanvallen uit", "ze hielden overleg", "begonnen onderhandelingen".
bool IsSupportVerb(std::string_view w) {
  return OneOf(w, {"voert",      "voeren",       "voerde",    "voerden",  "uitgevoerd", "pleegt",
                   "plegen",     "pleegde",      "pleegden",  "gepleegd", "houdt",      "houden",
                   "hield",      "hielden",      "gehouden",  "lanceert", "lanceren",   "lanceerde",
                   "lanceerden", "gelanceerd",   "begint",    "beginnen", "begon",      "begonnen",
                   "start",      "starten",      "startte",   "startten", "gestart",    "opent",
                   "openden",    "opende",       "geopend",   "zet",      "zette",      "zetten",
                   "uit",        "uitte",        "uitten",    "geuit",    "spreekt",    "sprak",
                   "spraken",    "betuigt",      "betuigde",  "biedt",    "bood",       "boden",
                   "geboden",    "legt",         "legde",     "legden",   "opgelegd",   "kondigt",
                   "kondigde",   "aangekondigd", "brengt",    "bracht",   "brachten",   "gebracht",
                   "stuurt",     "stuurde",      "stuurden",  "gestuurd", "levert",     "leverde",
                   "geleverd",   "tekent",       "tekende",   "tekenden", "getekend",   "richt",
                   "richtte",    "gericht",      "dient",     "diende",   "ingediend",  "geeft",
                   "gaf",        "gaven",        "gegeven",   "doet",     "deed",       "deden",
                   "gedaan",     "heeft",        "hebben",    "had",      "hadden",     "ontvangt",
                   "ontving",    "ontvingen",    "ontvangen", "krijgt",   "kreeg",      "kregen"});
}

// Words that may stand between a preposition and the mention it governs.
bool IsNounPhraseFiller(std::string_view w) {
  return OneOf(w, {"de", "het", "een", "zijn", "haar", "hun", "diens", "alle", "andere", "het",
                   "twee", "beide", "enkele", "meerdere", "verschillende", "veel", "vele"});
}

bool IsSubordinator(std::string_view w) {
  return OneOf(
      w, {"dat",       "omdat",  "terwijl",  "nadat",   "zodat",    "voordat",   "maar",   "want",
          "wanneer",   "hoewel", "doordat",  "waarin",  "waarbij",  "waarmee",   "waarna", "zodra",
          "mits",      "tenzij", "indien",   "mochten", "mocht",    "totdat",    "toen",   "zolang",
          "aangezien", "alsof",  "waardoor", "waarop",  "waarover", "waartegen", "ofwel"});
}

bool IsNegator(std::string_view w) {
  return OneOf(w, {"niet", "geen", "nooit", "niets", "noch", "nergens", "allerminst"});
}

bool IsFirstPerson(std::string_view w) {
  return OneOf(w, {"ik", "we", "wij", "ons", "onze", "mij", "me"});
}

bool IsThirdPersonPronoun(std::string_view w) {
  return OneOf(w, {"hij", "zij", "ze", "die", "deze", "het", "zich"});
}

bool IsModalMust(std::string_view w) {
  return OneOf(w, {"moet", "moeten", "dient", "dienen", "moest", "moesten"});
}

// Words of a demanded act that make the demand one of de-escalation (1056 rather than 100).
bool IsWithdrawalWord(std::string_view w) {
  return OneOf(w, {"terugtrekken", "weghalen", "stoppen", "de-escaleren", "terug", "staken",
                   "beëindigen", "terugtrekt", "terugtrekking", "aftocht"});
}

struct Mention {
  int first = 0, last = 0;  // token indices in the sentence, inclusive
  const EntityMention* entity = nullptr;
  bool in_pp = false;       // governed by a preposition
  std::string preposition;  // which one, when in_pp
  bool together = false;    // "samen met X": a co-agent, not the one acted on
  bool adjunct = false;     // inside a time adjunct: "rond zijn bezoek aan Davos"
};

struct Clause {
  int begin = 0, end = 0;  // token indices, end exclusive
  std::string opener;      // the subordinator that opened it, if any
};

struct Match {
  const EventPattern* pattern = nullptr;
  std::vector<int> tokens;  // sentence token index of each word element
  int first = 0, last = 0;
  int clause = 0;
};

// Everything about one sentence that the coder looks at more than once.
struct SentenceView {
  std::vector<std::string> words;  // lower case; empty for punctuation and other non-words
  std::vector<bool> boundary;      // ends a clause and stops a gap (punctuation, quotes)
  std::vector<uint32_t> starts;    // byte offset of each token
  std::vector<uint32_t> ends;
  std::vector<int> mention_of;    // index into mentions, -1 when none
  std::vector<Mention> mentions;  // mentions with an actor, in order
  std::vector<Clause> clauses;
  std::vector<int> clause_of;  // per token
};

bool MatchFrom(const EventPattern& p, const SentenceView& s, size_t element, int token,
               std::vector<int>* matched) {
  if (element == p.elements.size()) return true;
  const PatternElement& e = p.elements[element];
  if (e.gap) {
    for (int skip = 0; skip <= kMaxGap; ++skip) {
      int t = token + skip;
      if (t >= static_cast<int>(s.words.size())) return false;
      if (skip > 0 && s.boundary[t - 1]) return false;
      if (MatchFrom(p, s, element + 1, t, matched)) return true;
    }
    return false;
  }
  if (token >= static_cast<int>(s.words.size()) || s.words[token].empty()) return false;
  bool ok = std::any_of(e.alternatives.begin(), e.alternatives.end(),
                        [&](const WordTest& t) { return t.Matches(s.words[token]); });
  if (!ok) return false;
  matched->push_back(token);
  if (MatchFrom(p, s, element + 1, token + 1, matched)) return true;
  matched->pop_back();
  return false;
}

// The preposition of the time adjunct whose noun phrase the word at `token` heads ("na
// (afloop van) het overleg", "kort na de ontmoeting", "voorafgaand aan overleg", "rond zijn
// bezoek"), or "" when it heads none.
std::string_view TimeAdjunctOf(const SentenceView& s, int token) {
  for (int k = token - 1; k >= 0 && k >= token - 5; --k) {
    const std::string& w = s.words[k];
    if (w.empty() || s.boundary[k]) return {};
    if (IsTemporalPreposition(w)) return w;
    // "sinds de Amerikaanse en Israëlische aanvallen": adjectives and names may intervene.
    if (s.mention_of[k] >= 0 || w == "en") continue;
    bool filler = IsNounPhraseFiller(w) ||
                  OneOf(w, {"afloop", "van", "aan", "dit", "deze", "dat", "die", "eerste",
                            "laatste", "vorige", "eerdere", "recente"}) ||
                  (w.size() > 3 && w.back() == 'e' && !IsPreposition(w));  // an adjective
    if (!filler) return {};
  }
  return {};
}

EventActor ActorOf(const EntityMention& m) {
  EventActor a;
  a.text = m.text;
  a.actor = m.actor;
  if (!m.id.empty()) a.id = m.id;
  return a;
}

// The mention that best names a noun phrase's actor: a person or organisation over an
// adjective ("De Amerikaanse president Joe Biden" -> Joe Biden).
const Mention* HeadOf(const SentenceView& s, int index) {
  const Mention* best = &s.mentions[index];
  for (size_t j = index + 1; j < s.mentions.size(); ++j) {
    const Mention& m = s.mentions[j];
    if (m.entity->actor != best->entity->actor || m.in_pp) break;
    int gap = m.first - s.mentions[j - 1].last - 1;
    bool plain = gap <= 2;
    for (int t = s.mentions[j - 1].last + 1; t < m.first && plain; ++t)
      plain =
          !s.words[t].empty() && !s.boundary[t] && !IsPreposition(s.words[t]) && s.words[t] != "en";
    if (!plain) break;
    if (best->entity->type == "MISC") best = &m;
  }
  return best;
}

class Coder {
 public:
  Coder(const Document& doc, const std::vector<Token>& tokens, const EventLexicon& lexicon)
      : doc_(doc), tokens_(tokens), lexicon_(lexicon) {}

  std::vector<Event> Run();

 private:
  void BuildView(size_t first_token, size_t end_token, SentenceView* s) const;
  std::vector<Match> FindMatches(const SentenceView& s) const;
  void CodeMatch(uint32_t sentence, const SentenceView& s, const Match& m, std::vector<Event>* out);
  const Quote* QuoteAt(uint32_t offset) const;
  // The latest other actor before `before_token` in this sentence, else in the previous
  // kContextSentences sentences; never a place named as a location ("in Brussel"), never
  // `not_actor` or `speaker` (a reported speaker is not the one the report is about).
  // `person`: a person first ("dat hij ..." refers to someone).
  std::optional<EventActor> ContextTarget(const SentenceView& s, int before_token,
                                          const std::optional<std::string>& not_actor,
                                          const std::optional<std::string>& speaker = std::nullopt,
                                          bool person = false) const;
  void Remember(uint32_t sentence, const SentenceView& s);
  // The most precise calendar date named between byte offsets `begin` and `end`.
  std::optional<std::string> DateOf(uint32_t begin, uint32_t end) const {
    return EventDateIn(doc_.times, begin, end);
  }
  void Emit(uint32_t sentence, const SentenceView& s, const Match& m, std::string cameo,
            const EventActor& source, const std::optional<EventActor>& target, bool negated,
            std::vector<Event>* out) const;

  const Document& doc_;
  const std::vector<Token>& tokens_;
  const EventLexicon& lexicon_;
  std::optional<EventActor> topic_;  // the running subject: what "hij" and "het land" refer to
  bool topic_person_ = false;        // topic_ is a person: "ze" may refer to her
  uint32_t topic_sentence_ = 0;      // where topic_ was last set
  // Mentions of the latest sentences that may be an implicit target, oldest first.
  struct Recent {
    const EntityMention* entity = nullptr;
    uint32_t sentence = 0;
  };
  std::vector<Recent> recent_;
  // How often each actor has been named so far (outside location phrases), in first-seen
  // order: the text's main parties, which "het land" or "de grote buur" refer to when the
  // latest sentences name none.
  std::vector<std::pair<std::string, int>> salience_;
  std::optional<EventActor> MainParty(const std::optional<std::string>& not_actor,
                                      const std::optional<std::string>& speaker) const;
  uint32_t sentence_index_ = 0;
  size_t mention_cursor_ = 0;  // first doc.entities entry not before this sentence
};

void Coder::BuildView(size_t first_token, size_t end_token, SentenceView* s) const {
  size_t n = end_token - first_token;
  s->words.assign(n, std::string());
  s->boundary.assign(n, false);
  s->starts.resize(n);
  s->ends.resize(n);
  s->mention_of.assign(n, -1);
  for (size_t i = 0; i < n; ++i) {
    const Token& t = tokens_[first_token + i];
    s->starts[i] = t.span.start;
    s->ends[i] = t.span.end;
    switch (t.kind) {
      case TokenKind::kWord:
      case TokenKind::kAbbreviation:
        s->words[i] = Lower(TokenText(doc_.text, t));
        break;
      case TokenKind::kPunctuation: {
        std::string_view p = TokenText(doc_.text, t);
        // A hyphen inside "de-escaleren" is part of the word; a lone comma or dash is not.
        s->boundary[i] = p != "'";
        break;
      }
      case TokenKind::kOpenQuote:
      case TokenKind::kCloseQuote:
        // Partial quotes ('is "zeer dankbaar" dat') sit inside a clause; the clause itself is
        // cut by the punctuation and cue words around a full quote.
        break;
      case TokenKind::kOpenBracket:
      case TokenKind::kCloseBracket:
      case TokenKind::kEllipsis:
        s->boundary[i] = true;
        break;
      default:
        break;
    }
  }
  // Mentions with an actor, mapped to token ranges.
  s->mentions.clear();
  uint32_t begin = n ? s->starts.front() : 0, end = n ? s->ends.back() : 0;
  size_t t = 0;
  for (size_t e = mention_cursor_; e < doc_.entities.size(); ++e) {
    const EntityMention& em = doc_.entities[e];
    if (em.span.start >= end) break;
    if (em.span.end <= begin || !em.actor) continue;
    while (t < n && s->ends[t] <= em.span.start) ++t;
    if (t >= n) break;
    Mention m;
    m.entity = &em;
    m.first = static_cast<int>(t);
    m.last = m.first;
    while (m.last + 1 < static_cast<int>(n) && s->starts[m.last + 1] < em.span.end) ++m.last;
    for (int k = m.first - 1, steps = 0; k >= 0 && steps < 4; --k, ++steps) {
      const std::string& w = s->words[k];
      if (s->mention_of[k] >= 0 && k == m.first - 1) {
        // Apposition to the mention before it ("met NAVO-chef Mark Rutte"): same phrase.
        const Mention& left = s->mentions[s->mention_of[k]];
        m.in_pp = left.in_pp;
        m.preposition = left.preposition;
        m.together = left.together;
        break;
      }
      if (w.empty() || s->mention_of[k] >= 0) break;
      if (IsPreposition(w)) {
        m.in_pp = true;
        m.preposition = w;
        m.together = w == "met" && k > 0 && OneOf(s->words[k - 1], {"samen", "gezamenlijk"});
        // A complement of a noun in a time adjunct: "na een ontmoeting met X", "rond zijn
        // bezoek aan X". X is who the background event involved, not whom this one targets.
        if (OneOf(w, {"aan", "met", "van", "tussen", "bij"})) {
          for (int j = k - 1; j >= 0 && j >= k - 4; --j) {
            if (s->words[j].empty() || s->boundary[j] || s->mention_of[j] >= 0) break;
            if (IsTemporalPreposition(s->words[j])) {
              m.adjunct = true;
              break;
            }
          }
        }
        break;
      }
      if (w == "en" && k > 0 && s->mention_of[k - 1] >= 0) {
        // Coordinated with a mention: "rond Oekraïne en de NAVO" shares its preposition.
        const Mention& left = s->mentions[s->mention_of[k - 1]];
        m.in_pp = left.in_pp;
        m.preposition = left.preposition;
        m.adjunct = left.adjunct;
        break;
      }
      if (!IsNounPhraseFiller(w) && steps > 0) break;
      // One unknown word may be an adjective: "met de Amerikaanse", "aan de Oekraïense".
    }
    for (int k = m.first; k <= m.last; ++k) s->mention_of[k] = static_cast<int>(s->mentions.size());
    s->mentions.push_back(std::move(m));
  }
  // Clauses.
  s->clauses.clear();
  s->clause_of.assign(n, 0);
  Clause current;
  auto close = [&](int end_index) {
    current.end = end_index;
    if (current.end > current.begin) s->clauses.push_back(current);
    current = Clause();
  };
  for (int i = 0; i < static_cast<int>(n); ++i) {
    const std::string& w = s->words[i];
    bool split_before = false;
    if (!w.empty() && i > 0 && IsSubordinator(w)) split_before = true;
    // "en" joins clauses unless it joins two names: "Kiev en de NAVO vrezen".
    if (w == "en" && i > 0 && s->mention_of[i - 1] < 0) split_before = true;
    if (split_before) {
      close(i);
      current.begin = i;
      current.opener = w;
    }
    s->clause_of[i] = static_cast<int>(s->clauses.size());
    if (s->boundary[i]) {
      close(i + 1);
      current.begin = i + 1;
    }
  }
  close(static_cast<int>(n));
  // An apposition between commas ("Meng, de dochter van X, veroordeelde ...", "Huawei, Meng
  // Wanzhou, klaagt ... aan") does not end its clause: the clauses around it are one.
  for (size_t k = 1; k + 1 < s->clauses.size(); ++k) {
    const Clause& a = s->clauses[k];
    int before = a.begin - 1;
    bool after_name = before >= 1 && s->words[before].empty() && s->boundary[before] &&
                      doc_.text.compare(s->starts[before], 1, ",") == 0 &&
                      s->mention_of[before - 1] >= 0;
    int last = a.end - 1;
    bool comma_end = s->boundary[last] && doc_.text.compare(s->starts[last], 1, ",") == 0;
    bool np_start = s->mention_of[a.begin] >= 0 ||
                    OneOf(s->words[a.begin], {"de", "het", "een", "zijn", "haar", "hun"});
    if (!after_name || !comma_end || !np_start || a.end - a.begin > 10 || !a.opener.empty() ||
        !s->clauses[k + 1].opener.empty())
      continue;
    s->clauses[k - 1].end = s->clauses[k + 1].end;
    s->clauses.erase(s->clauses.begin() + k, s->clauses.begin() + k + 2);
    --k;
  }
  for (size_t k = 0; k < s->clauses.size(); ++k)
    for (int i = s->clauses[k].begin; i < s->clauses[k].end; ++i)
      s->clause_of[i] = static_cast<int>(k);
  // Tokens after the last clause (none in practice) and boundary tokens keep their index.
  for (int& c : s->clause_of) c = std::min(c, static_cast<int>(s->clauses.size()) - 1);
  if (s->clauses.empty()) s->clauses.push_back(Clause{0, static_cast<int>(n), ""});
}

std::vector<Match> Coder::FindMatches(const SentenceView& s) const {
  std::vector<Match> found;
  std::vector<const EventPattern*> candidates;
  std::vector<int> matched;
  for (int i = 0; i < static_cast<int>(s.words.size()); ++i) {
    if (s.words[i].empty()) continue;
    lexicon_.Candidates(s.words[i], &candidates);
    for (const EventPattern* p : candidates) {
      matched.clear();
      if (!MatchFrom(*p, s, 0, i, &matched)) continue;
      Match m;
      m.pattern = p;
      m.tokens = matched;
      m.first = matched.front();
      m.last = matched.back();
      m.clause = s.clause_of[m.first];
      found.push_back(std::move(m));
    }
  }
  // Longest pattern first; among equals the earlier line of the table.
  // An exact word outranks a stem or compound head: "gifgasaanval" (204) over "*aanval" (190).
  auto exact = [](const Match& m) {
    int n = 0;
    for (const PatternElement& e : m.pattern->elements)
      n += !e.gap && std::all_of(e.alternatives.begin(), e.alternatives.end(),
                                 [](const WordTest& t) { return t.kind == WordTest::Kind::kWord; });
    return n;
  };
  std::sort(found.begin(), found.end(), [&](const Match& a, const Match& b) {
    if (a.tokens.size() != b.tokens.size()) return a.tokens.size() > b.tokens.size();
    if (a.first == b.first && exact(a) != exact(b)) return exact(a) > exact(b);
    if (a.first != b.first) return a.first < b.first;
    return a.pattern->line < b.pattern->line;
  });
  std::vector<Match> chosen;
  std::vector<bool> used(s.words.size(), false);
  for (Match& m : found) {
    if (std::any_of(m.tokens.begin(), m.tokens.end(), [&](int t) { return used[t]; })) continue;
    for (int t : m.tokens) used[t] = true;
    chosen.push_back(std::move(m));
  }
  std::sort(chosen.begin(), chosen.end(),
            [](const Match& a, const Match& b) { return a.first < b.first; });
  // A nominalisation before a verb trigger of its clause is that verb's object ("heeft kritiek
  // op ... van de hand gewezen", "heeft de arrestatie ... veroordeeld"): the verb is the act.
  for (size_t i = 0; i < chosen.size(); ++i) {
    if (!chosen[i].pattern->noun || chosen[i].pattern->skip) continue;
    for (size_t j = i + 1; j < chosen.size(); ++j) {
      if (chosen[j].clause == chosen[i].clause && !chosen[j].pattern->noun &&
          !chosen[j].pattern->skip && chosen[j].first > chosen[i].last) {
        chosen[i].pattern = nullptr;
        break;
      }
    }
  }
  chosen.erase(std::remove_if(chosen.begin(), chosen.end(),
                              [](const Match& m) { return m.pattern == nullptr; }),
               chosen.end());
  // A frame (a statement, appeal, intention, demand, denial, refusal, threat) governs what
  // follows in its clause and in a "dat"/"om"/"te" clause after it: the content is not an act.
  std::vector<Match> kept;
  int governed_clause = -1, governed_from = -1, governed_next = -1;
  for (Match& m : chosen) {
    const std::string& root = m.pattern->cameo;
    bool governed =
        (m.clause == governed_clause && m.first > governed_from) || m.clause == governed_next;
    if (governed) continue;
    // A nominalisation names an act; it does not report one that governs the clause.
    bool frame =
        m.pattern->frame || (!m.pattern->noun && OneOf(std::string_view(root).substr(0, 2),
                                                       {"01", "02", "03", "10", "11", "12", "13"}));
    if (frame) {
      governed_clause = m.clause;
      governed_from = m.first;
      int next = m.clause + 1;
      governed_next = next < static_cast<int>(s.clauses.size()) &&
                              OneOf(s.clauses[next].opener, {"dat", "om", "te"})
                          ? next
                          : -1;
    }
    kept.push_back(std::move(m));
  }
  return kept;
}

// Quotes are in text order of their starts; one may begin a few quotes before `begin` and still
// reach into [begin, end) (a quotation over several sentences), so the scan starts a few back.
// Bounded, so huge documents stay linear.
template <typename Fn>
void ForQuotesOverlapping(const std::vector<Quote>& quotes, uint32_t begin, uint32_t end, Fn fn) {
  constexpr long kLookBack = 4;
  auto first = std::lower_bound(quotes.begin(), quotes.end(), begin,
                                [](const Quote& q, uint32_t p) { return q.span.start < p; });
  first -= std::min<long>(kLookBack, first - quotes.begin());
  for (auto it = first; it != quotes.end() && it->span.start < end; ++it)
    if (it->span.end > begin) fn(*it);
}

const Quote* Coder::QuoteAt(uint32_t offset) const {
  const Quote* found = nullptr;
  ForQuotesOverlapping(doc_.quotes, offset, offset + 1, [&](const Quote& q) {
    if (!found && offset >= q.span.start && offset < q.span.end) found = &q;
  });
  return found;
}

// A mention that can stand for the party an act is aimed at, when none is named: not a
// place where something happens, a source of information or an example in a list.
bool CanBeImplicitTarget(const Mention& m) {
  if (m.adjunct || m.together) return false;
  return !m.in_pp || !(OneOf(m.preposition, {"in", "volgens", "namens", "uit", "vanuit"}) ||
                       IsListingPreposition(m.preposition));
}

std::optional<EventActor> Coder::ContextTarget(const SentenceView& s, int before_token,
                                               const std::optional<std::string>& not_actor,
                                               const std::optional<std::string>& speaker,
                                               bool person) const {
  auto excluded = [&](const EntityMention& em) {
    return !em.actor || em.actor == not_actor || (speaker && em.actor == speaker) ||
           (person && em.type != "PER");
  };
  // This sentence first, latest mention before the trigger, a subject or object before a
  // prepositional object ("Russische diplomaten ... in Brussel omdat ze ...").
  for (bool allow_pp : {false, true}) {
    for (int i = static_cast<int>(s.mentions.size()) - 1; i >= 0; --i) {
      const Mention& m = s.mentions[i];
      if (m.first < before_token && !excluded(*m.entity) && (allow_pp || !m.in_pp) &&
          CanBeImplicitTarget(m))
        return ActorOf(*m.entity);
    }
  }
  // Then the previous sentences, latest first.
  for (size_t i = recent_.size(); i-- > 0;) {
    if (recent_[i].sentence + kContextSentences < sentence_index_) break;
    if (!excluded(*recent_[i].entity)) return ActorOf(*recent_[i].entity);
  }
  return std::nullopt;
}

std::optional<EventActor> Coder::MainParty(const std::optional<std::string>& not_actor,
                                           const std::optional<std::string>& speaker) const {
  const std::pair<std::string, int>* best = nullptr;
  for (const auto& a : salience_) {
    if (a.first == not_actor || (speaker && a.first == *speaker)) continue;
    if (!best || a.second > best->second) best = &a;
  }
  // Named at least three times: a party of the story, not a passing mention.
  if (!best || best->second < 3) return std::nullopt;
  EventActor actor;
  actor.actor = best->first;
  for (size_t i = recent_.size(); i-- > 0;)
    if (recent_[i].entity->actor == best->first) return ActorOf(*recent_[i].entity);
  actor.text = best->first;
  return actor;
}

void Coder::Remember(uint32_t sentence, const SentenceView& s) {
  size_t keep = 0;
  while (keep < recent_.size() && recent_[keep].sentence + kContextSentences < sentence + 1) ++keep;
  recent_.erase(recent_.begin(), recent_.begin() + keep);
  for (const Mention& m : s.mentions)
    if (CanBeImplicitTarget(m)) {
      recent_.push_back({m.entity, sentence});
      auto it = std::find_if(salience_.begin(), salience_.end(),
                             [&](const auto& a) { return a.first == *m.entity->actor; });
      if (it == salience_.end())
        salience_.emplace_back(*m.entity->actor, 1);
      else
        ++it->second;
    }
}

void Coder::Emit(uint32_t sentence, const SentenceView& s, const Match& m, std::string cameo,
                 const EventActor& source, const std::optional<EventActor>& target, bool negated,
                 std::vector<Event>* out) const {
  if (!source.actor && (!target || !target->actor)) return;
  if (target && target->actor && source.actor == target->actor) return;
  const CameoCode* code = lexicon_.Code(cameo);
  if (code == nullptr) return;
  Event e;
  e.sentence = sentence;
  e.source = source;
  e.target = target;
  e.root = cameo.substr(0, 2);
  e.cameo = std::move(cameo);
  e.goldstein = code->goldstein;
  e.plover = code->plover;
  for (int t : m.tokens) {
    if (!e.trigger.empty()) e.trigger += ' ';
    e.trigger += doc_.text.substr(s.starts[t], s.ends[t] - s.starts[t]);
  }
  e.negated = negated;
  // Where: a place after "in" in the trigger's clause.
  const Clause& c = s.clauses[m.clause];
  for (const Mention& mm : s.mentions) {
    if (mm.first < c.begin || mm.first >= c.end) continue;
    if (mm.in_pp && mm.preposition == "in" && mm.entity->type == "LOC")
      e.location = mm.entity->text;
  }
  // When: a date named in the trigger's clause, else in its sentence, else the publication day.
  e.date = DateOf(s.starts[c.begin], s.ends[c.end - 1]);
  if (!e.date && !s.starts.empty()) e.date = DateOf(s.starts.front(), s.ends.back());
  if (!e.date && doc_.published && doc_.published->size() >= 10)
    e.date = doc_.published->substr(0, 10);
  for (const Event& prev : *out) {
    if (prev.sentence == e.sentence && prev.root == e.root && prev.source.actor == e.source.actor &&
        (prev.target ? prev.target->actor : std::nullopt) ==
            (e.target ? e.target->actor : std::nullopt))
      return;
  }
  out->push_back(std::move(e));
}

// Whether a subject mention names an actor that acts: any name, or a nationality adjective on
// an official noun ("de Russische minister"), or a compound on a name ("NAVO-landen"). "De
// Italiaanse kiezers" or "Nederlanders" are people, not a state acting.
bool ActsAsActor(const SentenceView& s, const Mention& m) {
  if (m.entity->type != "MISC") return true;
  if (m.entity->text.find('-') != std::string::npos) return true;
  // "De Amerikaan vroeg ...": a singular demonym noun is one person (not "de Amerikanen", "de
  // Amerikaanse").
  const std::string& w = s.words[m.last];
  if (m.first > 0 && s.words[m.first - 1] == "de" && !w.empty() && w.back() != 'e' &&
      w.back() != 's' && !(w.size() > 2 && w.compare(w.size() - 2, 2, "en") == 0))
    return true;
  for (int t = m.last + 1; t < static_cast<int>(s.words.size()) && t <= m.last + 2; ++t) {
    if (s.words[t].empty() || s.mention_of[t] >= 0) break;
    if (IsOfficialNoun(s.words[t])) return true;
  }
  return false;
}

// Whether the word at `token` is the head of a definite phrase naming an institution ("het
// land", "het bondgenootschap", "de regering"), which refers back to the running topic.
bool InstitutionalNoun(std::string_view w) {
  return IsOfficialNoun(w) || OneOf(w, {"land", "bondgenootschap", "alliantie", "unie",
                                        "organisatie", "buurland", "lidstaat", "bewindsman"});
}

void Coder::CodeMatch(uint32_t sentence, const SentenceView& s, const Match& m,
                      std::vector<Event>* out) {
  const EventPattern& p = *m.pattern;
  if (p.skip) return;
  const Clause& c = s.clauses[m.clause];
  const Quote* quote = QuoteAt(s.starts[m.first]);
  std::optional<EventActor> speaker;
  if (quote && quote->speaker_actor) {
    EventActor a;
    a.text = quote->speaker;
    a.actor = quote->speaker_actor;
    a.id = quote->speaker_id;
    speaker = a;
  }
  std::optional<std::string> speaker_actor = speaker ? speaker->actor : std::nullopt;
  auto in_clause = [&](const Mention& x) { return x.first >= c.begin && x.first < c.end; };
  auto in_trigger = [&](int t) {
    return std::find(m.tokens.begin(), m.tokens.end(), t) != m.tokens.end();
  };
  const std::string root = p.cameo.substr(0, 2);
  // An act named in a time adjunct is background: before a meeting ("voorafgaand aan overleg")
  // or around a visit it is the setting of what is reported; after one ("na het overleg") it
  // is coded only when the text has not reported an act of its kind already.
  std::string_view adjunct = TimeAdjunctOf(s, m.first);
  if (!adjunct.empty()) {
    if (OneOf(adjunct, {"voorafgaand", "rond", "rondom"})) return;
    for (const Event& e : *out)
      if (e.root == root) return;
  }

  // Subject: the first mention before the trigger that no preposition governs.
  int subject = -1, agent = -1;
  for (int i = 0; i < static_cast<int>(s.mentions.size()); ++i) {
    const Mention& x = s.mentions[i];
    if (!in_clause(x) || x.first >= m.first || x.in_pp) continue;
    subject = i;
    break;
  }
  if (subject < 0) {
    // A genitive inside the subject phrase: "De president van Frankrijk bracht ...".
    for (int i = 0; i < static_cast<int>(s.mentions.size()); ++i) {
      const Mention& x = s.mentions[i];
      if (!in_clause(x) || x.first >= m.first) continue;
      if (!x.in_pp || x.preposition != "van") break;
      bool first_phrase = true;
      for (int t = c.begin; t < x.first && first_phrase; ++t)
        first_phrase = s.words[t] == "van" || !IsPreposition(s.words[t]);
      if (first_phrase) subject = i;
      break;
    }
  }
  bool inverted = false;
  // The first word before the trigger in the clause, when it is a pronoun or "we".
  std::string pronoun;
  int pronoun_at = -1;
  for (int t = c.begin; t < m.first; ++t) {
    if (s.words[t].empty() || s.mention_of[t] >= 0) continue;
    if (IsFirstPerson(s.words[t]) || IsThirdPersonPronoun(s.words[t])) {
      pronoun = s.words[t];
      pronoun_at = t;
      break;
    }
  }
  // An indefinite subject ("meerdere leiders", "veel lidstaten") names nobody.
  bool indefinite = false;
  for (int t = c.begin; t < m.first && subject < 0; ++t)
    if (IsQuantifier(s.words[t]) && (t == c.begin || !IsPreposition(s.words[t - 1])))
      indefinite = true;
  // "De twee bewindslieden spraken elkaar", "beide landen willen ...": the last two parties
  // named, the earlier one as the source.
  if (subject < 0 && pronoun.empty() && !p.noun) {
    bool pair = false;
    for (int t = c.begin; t < m.first && !pair; ++t)
      pair = OneOf(s.words[t], {"twee", "beide"}) && t > c.begin && s.words[t - 1] == "de";
    for (int t = c.begin; t < std::min(c.end, m.last + 3) && !pair; ++t)
      pair = s.words[t] == "allebei" && !in_trigger(t);
    if (pair) {
      std::optional<EventActor> newer = ContextTarget(s, m.first, std::nullopt);
      std::optional<EventActor> older =
          newer ? ContextTarget(s, m.first, newer->actor) : std::nullopt;
      if (!older) return;
      bool negated = false;
      for (int t = std::max(c.begin, m.first - 4); t < std::min(c.end, m.last + 3); ++t)
        if (IsNegator(s.words[t]) && !in_trigger(t)) negated = true;
      Emit(sentence, s, m, p.cameo, *older, newer, negated, out);
      return;
    }
  }
  // Coordinated clauses share their subject: "Rusland heeft troepen opgesteld, maar ontkent
  // ...", "De NAVO vergaderde en riep ... op". Only when the verb opens the clause.
  if (subject < 0 && pronoun.empty() && !indefinite && !p.noun && m.clause > 0 &&
      OneOf(c.opener, {"en", "maar", "of"}) && m.first <= c.begin + 2) {
    const Clause& prev = s.clauses[m.clause - 1];
    for (int i = 0; i < static_cast<int>(s.mentions.size()); ++i) {
      const Mention& x = s.mentions[i];
      if (x.first < prev.begin || x.first >= prev.end || x.in_pp) continue;
      subject = i;
      break;
    }
  }
  if (subject < 0 && pronoun.empty() && !indefinite && !p.noun) {
    // Inverted order: "Dinsdag kreeg Lavrov bezoek", unless the word after the verb opens an
    // unnamed subject ("vraagt het militaire bondgenootschap Rusland ...").
    int after = m.first + 1;
    while (after < c.end && in_trigger(after)) ++after;
    // Over an article, adjectives or a relative pronoun to a name: "wil de NAVO", "de vloot
    // die de VS ... hebben gestuurd".
    for (int t = after; t < c.end && t <= after + 2; ++t) {
      if (s.mention_of[t] >= 0) {
        if (t > after && !s.mentions[s.mention_of[t]].in_pp) after = t;
        break;
      }
      const std::string& w = s.words[t];
      if (w.empty() || in_trigger(t) ||
          !(OneOf(w, {"de", "het", "die", "dat"}) || (w.size() > 3 && w.back() == 'e')))
        break;
    }
    bool unnamed = after < c.end && s.mention_of[after] < 0 &&
                   (IsNounPhraseFiller(s.words[after]) || IsThirdPersonPronoun(s.words[after]) ||
                    IsFirstPerson(s.words[after]) || IsQuantifier(s.words[after]));
    if (unnamed) {
      pronoun = s.words[after];
      pronoun_at = after;
      indefinite = IsQuantifier(pronoun);
    } else if (after < c.end && s.mention_of[after] >= 0 &&
               !s.mentions[s.mention_of[after]].in_pp) {
      subject = s.mention_of[after];
      inverted = true;
    }
  }
  // A pronoun-like word that opens a phrase naming an institution: "het land", "het
  // militaire bondgenootschap", "de regering".
  bool institutional = false;
  if (pronoun_at >= 0 && IsNounPhraseFiller(pronoun)) {
    for (int t = pronoun_at + 1; t < c.end && t <= pronoun_at + 3 && !in_trigger(t); ++t) {
      if (s.words[t].empty() || s.mention_of[t] >= 0) break;
      if (InstitutionalNoun(s.words[t])) {
        institutional = true;
        break;
      }
    }
  }
  // A passive reading needs its auxiliary or its agent: "heeft Iran aangevallen" is active,
  // "werd (door Israël) aangevallen" is not.
  bool passive = false;
  if (p.passive) {
    for (int t = c.begin; t < m.first; ++t)
      passive = passive || OneOf(s.words[t], {"werd", "werden", "wordt", "worden", "is", "zijn",
                                              "was", "waren"});
    for (int i = 0; i < static_cast<int>(s.mentions.size()); ++i)
      if (in_clause(s.mentions[i]) && s.mentions[i].in_pp && s.mentions[i].preposition == "door") {
        agent = i;
        passive = true;
      }
  }

  // Nominalisation: "Russische aanvallen", "aanvallen van Rusland", "aanvallen door Iran". A
  // name in a prepositional phrase before the noun is a place ("in Oekraïne aanvallen"), not
  // the agent; "door" with no name ("aanvallen door andere landen") leaves the agent unknown.
  int noun_source = -1, noun_partner = -1;
  bool unknown_agent = false;
  if (p.noun) {
    for (int i = 0; i < static_cast<int>(s.mentions.size()); ++i) {
      const Mention& x = s.mentions[i];
      bool adjacent = x.last < m.first && m.first - x.last <= 2 &&
                      (!x.in_pp || x.preposition == "door" || x.entity->type == "MISC");
      bool genitive = x.first > m.last && x.first - m.last <= 3 && x.in_pp &&
                      (x.preposition == "van" || x.preposition == "door");
      if (adjacent || genitive) {
        noun_source = i;
        if (adjacent) break;
      }
    }
    // "de Amerikaanse en Israëlische aanvallen": each adjective is an agent.
    if (noun_source > 0 && s.mentions[noun_source].last < m.first) {
      const Mention& right = s.mentions[noun_source];
      const Mention& left = s.mentions[noun_source - 1];
      if (right.first - left.last == 2 && s.words[left.last + 1] == "en" &&
          left.entity->actor != right.entity->actor)
        noun_partner = noun_source - 1;
    }
    if (noun_source < 0 && m.last + 1 < c.end && s.words[m.last + 1] == "door")
      unknown_agent = true;
  }

  std::optional<EventActor> source;
  const Mention* source_mention = nullptr;
  if (passive && agent >= 0) {
    source_mention = &s.mentions[agent];
  } else if (p.noun && noun_source >= 0) {
    source_mention = &s.mentions[noun_source];
  } else if (subject >= 0 && !passive && !p.noun) {
    source_mention = HeadOf(s, subject);
    // "Italiaanse kiezers hopen ...": people, not a state; but people are who protest.
    if (root != "14" && !ActsAsActor(s, *source_mention)) return;
  }
  if (source_mention) source = ActorOf(*source_mention->entity);

  // Reported speech: a bare "we", or no subject at all, is the speaker; a named subject that
  // is not the speaker's side, with "moet", is a demand on that subject. An act named by a noun
  // is not the speaker's own unless "we"/"onze" say so.
  bool demand = false;
  if (speaker && !indefinite && !unknown_agent) {
    if (!source && (p.noun ? IsFirstPerson(pronoun) : (pronoun.empty() || IsFirstPerson(pronoun))))
      source = speaker;
    else if (source && source->actor != speaker->actor && !p.noun) {
      bool must = false;
      for (int t = c.begin; t < c.end; ++t) must = must || IsModalMust(s.words[t]);
      if (must) demand = true;
    }
  }
  if (!source && !pronoun.empty() && !IsFirstPerson(pronoun) && !indefinite && !p.noun) {
    bool referring = OneOf(pronoun, {"hij", "zij"}) || institutional;
    bool her = pronoun == "ze" && topic_person_;  // "Ze is daar om te tonen dat ze ... steunt"
    if (quote && speaker && quote->direct && (pronoun == "ze" || pronoun == "zij")) {
      // "Ze wezen het af", said by the NATO chief: the other side.
      source = ContextTarget(s, m.first, speaker->actor);
    } else if (quote && speaker && !quote->direct && (referring || pronoun == "ze")) {
      // Reported speech: "het bondgenootschap is bereid", "waar hij op bezoek was".
      source = speaker;
    } else if (topic_ && topic_sentence_ + 1 >= sentence_index_ && (referring || her)) {
      // Only a recent topic, and only for "hij"/"zij" or a phrase naming an institution
      // ("het bondgenootschap"); "ze" and "het" alone refer to too many things.
      source = topic_;
    }
  }
  if (!source && p.noun && subject >= 0 && !unknown_agent) {
    // "Rusland voerde aanvallen uit", "Brussel is onderhandelingen begonnen": a support verb
    // makes the subject the agent of the noun; elsewhere the noun names someone else's act.
    bool support = false;
    for (int t = c.begin; t < c.end && !support; ++t)
      support = !in_trigger(t) && IsSupportVerb(s.words[t]);
    const Mention* head = HeadOf(s, subject);
    if (support && ActsAsActor(s, *head)) {
      source_mention = head;
      source = ActorOf(*head->entity);
    }
  }

  // Parties acting together: "Kiev en de NAVO vrezen", "het land samen met Israël": one event
  // each.
  std::vector<const Mention*> coordinated;
  if (subject >= 0 && !passive && !p.reciprocal && source_mention &&
      source_mention->first <= s.mentions[subject].last + 4) {
    for (int i = subject + 1; i < static_cast<int>(s.mentions.size()); ++i) {
      const Mention& x = s.mentions[i];
      if (x.first >= m.first || x.in_pp || !in_clause(x)) break;
      bool joined = false;
      for (int t = s.mentions[i - 1].last + 1; t < x.first; ++t)
        joined = joined || s.words[t] == "en";
      if (joined && x.entity->actor != source->actor) coordinated.push_back(&x);
    }
  }
  if (noun_partner >= 0 && source_mention == &s.mentions[noun_source])
    coordinated.push_back(&s.mentions[noun_partner]);
  if (source) {
    for (const Mention& x : s.mentions)
      if (x.together && in_clause(x) && x.entity->actor != source->actor &&
          std::find(coordinated.begin(), coordinated.end(), &x) == coordinated.end())
        coordinated.push_back(&x);
  }

  if (p.alleged) {
    // Misconduct told about someone: the teller (speaker, else the running topic) accuses them.
    std::optional<EventActor> teller = speaker ? speaker : topic_;
    if (!teller) return;
    std::optional<EventActor> accused;
    if (source_mention && source_mention->entity->actor != teller->actor) accused = source;
    // "Het land ondermijnt ...": the running topic, when it is not the teller.
    if (!accused && !source_mention && institutional && topic_ && topic_->actor != teller->actor)
      accused = topic_;
    if (!accused) accused = ContextTarget(s, m.first, teller->actor);
    if (!accused) accused = MainParty(teller->actor, std::nullopt);
    if (!accused) return;
    bool negated_alleged = false;
    for (int t = std::max(c.begin, m.first - 4); t < std::min(c.end, m.last + 3); ++t)
      if (IsNegator(s.words[t]) && !in_trigger(t)) negated_alleged = true;
    Emit(sentence, s, m, p.cameo, *teller, accused, negated_alleged, out);
    if (source_mention && accused->actor == source->actor)
      for (const Mention* x : coordinated)
        if (x->entity->actor != teller->actor)
          Emit(sentence, s, m, p.cameo, *teller, ActorOf(*x->entity), negated_alleged, out);
    return;
  }
  if (!source && !indefinite) return;

  // Target: after the trigger in the clause, then elsewhere in the clause, then context.
  std::optional<EventActor> target;
  bool named_target = false;  // found in the sentence rather than taken from context
  auto usable = [&](const Mention& x) {
    if (source && x.entity->actor == source->actor) return false;
    for (const Mention* y : coordinated)
      if (x.entity->actor == y->entity->actor) return false;
    if (source_mention && &x == source_mention) return false;
    if (x.adjunct || x.together) return false;
    if (x.in_pp && (x.preposition == "volgens" || x.preposition == "namens" ||
                    IsListingPreposition(x.preposition) || (x.preposition == "door" && passive)))
      return false;
    return true;
  };
  if (passive && subject >= 0) {
    target = ActorOf(*HeadOf(s, subject)->entity);
    named_target = true;
  }
  if (!target) {
    // An object (no preposition) outranks a prepositional object of a directed preposition,
    // which outranks any other ("overleg over Oekraïne" is about Ukraine, not with it). Before
    // the trigger the nearest wins (Dutch puts the object right before a final verb: "en het
    // Kremlin gewaarschuwd"); after it, the first.
    int best_rank = 4;
    const Mention* best = nullptr;
    for (const Mention& x : s.mentions) {
      if (!in_clause(x) || !usable(x) || (inverted && &x == &s.mentions[subject])) continue;
      if (subject >= 0 && !inverted && x.first < s.mentions[subject].first) continue;
      // A noun with its own agent takes its object after it: "Israëlische aanvallen op Gaza".
      // Before it only the place of violence: "in Oekraïne ... door Russische aanvallen".
      if (p.noun && noun_source >= 0 && x.first < m.first &&
          !(x.in_pp && x.preposition == "in" && OneOf(root, {"18", "19", "20"})))
        continue;
      int rank =
          !x.in_pp ? 0
          : OneOf(x.preposition, {"tegen", "met", "aan", "op", "bij", "voor", "naar", "richting",
                                  "jegens", "tegenover", "tot", "van", "tussen", "uit"})
              ? 1
              : 2;
      if (x.first < m.first) rank += 1;  // after the trigger first: "roept Rusland op" is rank 0
      if (rank < best_rank || (rank == best_rank && best && x.first < m.first)) {
        best_rank = rank;
        best = &x;
      }
    }
    if (best) {
      target = ActorOf(*best->entity);
      named_target = true;
    }
  }
  bool dyadic = !p.self && !OneOf(root, {"14", "15", "18", "19", "20"});
  const Clause* next =
      m.clause + 1 < static_cast<int>(s.clauses.size()) ? &s.clauses[m.clause + 1] : nullptr;
  if (!target && dyadic && next && OneOf(next->opener, {"", "om"})) {
    // A following "om"/"te" clause completes the act: "roept Rusland op ... te de-escaleren".
    for (const Mention& x : s.mentions)
      if (x.first > c.end && usable(x) && s.clause_of[x.first] == m.clause + 1) {
        target = ActorOf(*x.entity);
        named_target = true;
        break;
      }
  }
  bool framing = p.frame || (!p.noun && OneOf(root, {"01", "02", "03", "10", "11", "12", "13"}));
  bool person_context = false;
  if (!target && framing && next && next->opener == "dat") {
    // A content clause names whom a fear, demand, warning or accusation is about: its subject
    // ("De NAVO vreest dat Rusland ...", "eist dat de NAVO zich terugtrekt").
    for (int i = 0; i < static_cast<int>(s.mentions.size()); ++i) {
      const Mention& x = s.mentions[i];
      if (s.clause_of[x.first] != m.clause + 1 || x.in_pp) continue;
      if (usable(x)) {
        target = ActorOf(*HeadOf(s, i)->entity);
        named_target = true;
      }
      break;
    }
    // "dankbaar dat hij ...": a person mentioned before.
    if (!target && next->begin + 1 < next->end && OneOf(s.words[next->begin + 1], {"hij", "zij"}))
      person_context = true;
  }
  if (!target && dyadic && source) {
    target = person_context ? ContextTarget(s, m.first, source->actor, speaker_actor, true)
                            : std::nullopt;
    if (!target) target = ContextTarget(s, m.first, source->actor, speaker_actor);
    if (!target) target = MainParty(source->actor, speaker_actor);
    for (const Mention* y : coordinated)
      if (target && target->actor == y->entity->actor)
        target = ContextTarget(s, y->first, source->actor, speaker_actor);
  }
  // Acts that only exist between two parties (appeals, meetings, support, aid, demands,
  // criticism, sanctions) are not coded without one.
  if (!target && OneOf(root, {"02", "03", "04", "05", "06", "07", "10", "11", "16"}) &&
      coordinated.empty())
    return;

  if ((p.reciprocal || (!target && dyadic)) && !coordinated.empty() && !coordinated[0]->together) {
    // A mutual act, or a dyadic one whose only other party is the co-subject.
    target = ActorOf(*coordinated[0]->entity);
    coordinated.clear();
  }

  // Negation: a negator in the clause near the trigger that the pattern does not contain.
  bool negated = false;
  for (int t = std::max(c.begin, m.first - 4); t < std::min(c.end, m.last + 3); ++t)
    if (IsNegator(s.words[t]) && !in_trigger(t)) negated = true;

  std::string cameo = p.cameo;
  if (demand) {
    bool withdraw = false;
    for (int t = c.begin; t < c.end; ++t) withdraw = withdraw || IsWithdrawalWord(s.words[t]);
    target = source;
    source = speaker;
    cameo = withdraw ? "1056" : "100";
    negated = false;
  }
  if (!source) {
    // An unnamed, indefinite source ("meerdere leiders hebben steun uitgesproken aan
    // Oekraïne"): coded only towards a party the sentence names, and never for feelings
    // ("veel Nederlanders maken zich zorgen over ...": public mood, not a statement).
    if (!named_target || root == "01") return;
    EventActor unnamed;
    for (int t = c.begin; t < m.first; ++t) {
      if (!IsQuantifier(s.words[t]) && !(pronoun_at == t)) continue;
      unnamed.text = std::string(
          doc_.text.substr(s.starts[t], s.ends[std::min(t + 1, c.end - 1)] - s.starts[t]));
      break;
    }
    source = unnamed;
  }
  Emit(sentence, s, m, cameo, *source, target, negated, out);
  for (const Mention* x : coordinated) {
    if (target && x->entity->actor == target->actor) continue;
    Emit(sentence, s, m, cameo, ActorOf(*x->entity), target, negated, out);
  }
}

std::vector<Event> Coder::Run() {
  std::vector<Event> events;
  SentenceView view;
  size_t t = 0;
  for (uint32_t si = 0; si < doc_.sentences.size(); ++si) {
    sentence_index_ = si;
    const ByteSpan& span = doc_.sentences[si];
    while (t < tokens_.size() && tokens_[t].span.start < span.start) ++t;
    size_t end = t;
    while (end < tokens_.size() && tokens_[end].span.end <= span.end) ++end;
    while (mention_cursor_ < doc_.entities.size() &&
           doc_.entities[mention_cursor_].span.end <= span.start)
      ++mention_cursor_;
    BuildView(t, end, &view);
    t = end;
    if (!view.mentions.empty() || topic_ || !doc_.quotes.empty()) {
      for (const Match& m : FindMatches(view)) CodeMatch(si, view, m, &events);
    }
    Remember(si, view);
    // The running topic: this sentence's subject (its first mention outside a prepositional
    // phrase, in the first clause, that acts as an actor), else the speaker of a quote in it.
    for (const Mention& m : view.mentions) {
      if (view.clause_of[m.first] != 0) break;
      if (!m.in_pp) {
        if (ActsAsActor(view, m)) {
          topic_ = ActorOf(*m.entity);
          topic_person_ = m.entity->type == "PER";
          topic_sentence_ = si;
        }
        break;
      }
    }
    ForQuotesOverlapping(doc_.quotes, span.start, span.end, [&](const Quote& q) {
      if (q.speaker_actor) {
        EventActor a;
        a.text = q.speaker;
        a.actor = q.speaker_actor;
        a.id = q.speaker_id;
        topic_ = a;
        topic_person_ = true;
        topic_sentence_ = si;
      }
    });
  }
  return events;
}

}  // namespace

std::vector<Event> CodeEvents(const Document& doc, const std::vector<Token>& tokens,
                              const EventLexicon& lexicon) {
  return Coder(doc, tokens, lexicon).Run();
}

}  // namespace wirewatch
