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

constexpr int kMaxGap = 8;            // words a "…" may skip: "roept Rusland onmiddellijk op"
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
  return OneOf(w, {"aan",      "met",     "tegen",   "op",     "bij",    "voor",      "van",
                   "in",       "uit",     "naar",    "over",   "tussen", "door",      "volgens",
                   "richting", "tot",     "onder",   "namens", "zonder", "binnen",    "buiten",
                   "na",       "sinds",   "rond",    "om",     "jegens", "tegenover", "vanuit",
                   "via",      "achter",  "boven",   "langs",  "nabij",  "dankzij",   "wegens",
                   "vanwege",  "ondanks", "behalve", "zoals",  "als",    "dan",       "per"});
}

// Words that may stand between a preposition and the mention it governs.
bool IsNounPhraseFiller(std::string_view w) {
  return OneOf(w, {"de", "het", "een", "zijn", "haar", "hun", "diens", "alle", "andere", "het",
                   "twee", "beide", "enkele", "meerdere", "verschillende", "veel", "vele"});
}

bool IsSubordinator(std::string_view w) {
  return OneOf(w, {"dat",    "omdat",   "terwijl", "nadat",   "zodat",  "voordat", "maar",
                   "want",   "wanneer", "hoewel",  "doordat", "waarin", "waarbij", "waarmee",
                   "waarna", "zodra",   "mits",    "tenzij",  "indien", "mochten", "mocht"});
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
  std::optional<EventActor> ContextTarget(const SentenceView& s, int before_token,
                                          const std::optional<std::string>& not_actor) const;
  void Emit(uint32_t sentence, const SentenceView& s, const Match& m, std::string cameo,
            const EventActor& source, const std::optional<EventActor>& target, bool negated,
            std::vector<Event>* out) const;

  const Document& doc_;
  const std::vector<Token>& tokens_;
  const EventLexicon& lexicon_;
  std::optional<EventActor> topic_;  // the running subject: what "hij" and "het land" refer to
  uint32_t topic_sentence_ = 0;      // where topic_ was last set
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
      if (w.empty() || s->mention_of[k] >= 0) break;
      if (IsPreposition(w)) {
        m.in_pp = true;
        m.preposition = w;
        break;
      }
      if (w == "en" && k > 0 && s->mention_of[k - 1] >= 0) {
        // Coordinated with a mention: "rond Oekraïne en de NAVO" shares its preposition.
        const Mention& left = s->mentions[s->mention_of[k - 1]];
        m.in_pp = left.in_pp;
        m.preposition = left.preposition;
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
  std::sort(found.begin(), found.end(), [](const Match& a, const Match& b) {
    if (a.tokens.size() != b.tokens.size()) return a.tokens.size() > b.tokens.size();
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
  // A frame (a statement, appeal, intention, demand, denial, refusal, threat) governs what
  // follows in its clause and in a "dat"/"om"/"te" clause after it: the content is not an act.
  std::vector<Match> kept;
  int governed_clause = -1, governed_from = -1, governed_next = -1;
  for (Match& m : chosen) {
    const std::string& root = m.pattern->cameo;
    bool governed =
        (m.clause == governed_clause && m.first > governed_from) || m.clause == governed_next;
    if (governed) continue;
    bool frame = m.pattern->frame || root.compare(0, 2, "01") == 0 ||
                 root.compare(0, 2, "02") == 0 || root.compare(0, 2, "03") == 0 ||
                 root.compare(0, 2, "10") == 0 || root.compare(0, 2, "11") == 0 ||
                 root.compare(0, 2, "12") == 0 || root.compare(0, 2, "13") == 0;
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

const Quote* Coder::QuoteAt(uint32_t offset) const {
  for (const Quote& q : doc_.quotes)
    if (offset >= q.span.start && offset < q.span.end) return &q;
  return nullptr;
}

std::optional<EventActor> Coder::ContextTarget(const SentenceView& s, int before_token,
                                               const std::optional<std::string>& not_actor) const {
  // This sentence first, latest mention before the trigger, a subject or object before a
  // prepositional object ("Russische diplomaten ... in Brussel omdat ze ...").
  for (bool allow_pp : {false, true}) {
    for (int i = static_cast<int>(s.mentions.size()) - 1; i >= 0; --i) {
      const Mention& m = s.mentions[i];
      if (m.first < before_token && m.entity->actor != not_actor && (allow_pp || !m.in_pp))
        return ActorOf(*m.entity);
    }
  }
  // Then the previous sentences, latest first.
  uint32_t begin_sentence =
      sentence_index_ >= kContextSentences ? sentence_index_ - kContextSentences : 0;
  if (sentence_index_ == 0) return std::nullopt;
  uint32_t from = doc_.sentences[begin_sentence].start;
  uint32_t to = s.starts.empty() ? 0 : s.starts.front();
  for (size_t e = mention_cursor_; e-- > 0;) {
    const EntityMention& em = doc_.entities[e];
    if (em.span.start < from) break;
    if (em.span.start >= to || !em.actor || em.actor == not_actor) continue;
    return ActorOf(em);
  }
  return std::nullopt;
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
  for (const Event& prev : *out) {
    if (prev.sentence == e.sentence && prev.root == e.root && prev.source.actor == e.source.actor &&
        (prev.target ? prev.target->actor : std::nullopt) ==
            (e.target ? e.target->actor : std::nullopt))
      return;
  }
  out->push_back(std::move(e));
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
  auto in_clause = [&](const Mention& x) { return x.first >= c.begin && x.first < c.end; };
  auto in_trigger = [&](int t) {
    return std::find(m.tokens.begin(), m.tokens.end(), t) != m.tokens.end();
  };

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
  for (int t = c.begin; t < m.first; ++t) {
    if (s.words[t].empty() || s.mention_of[t] >= 0) continue;
    if (IsFirstPerson(s.words[t]) || IsThirdPersonPronoun(s.words[t])) {
      pronoun = s.words[t];
      break;
    }
  }
  if (subject < 0 && pronoun.empty() && !p.noun) {
    // Inverted order: "Dinsdag kreeg Lavrov bezoek", unless the word after the verb opens an
    // unnamed subject ("vraagt het militaire bondgenootschap Rusland ...").
    int after = m.first + 1;
    while (after < c.end && in_trigger(after)) ++after;
    bool unnamed = after < c.end && s.mention_of[after] < 0 &&
                   (IsNounPhraseFiller(s.words[after]) || IsThirdPersonPronoun(s.words[after]) ||
                    IsFirstPerson(s.words[after]));
    if (unnamed) {
      pronoun = s.words[after];
    } else if (after < c.end && s.mention_of[after] >= 0 &&
               !s.mentions[s.mention_of[after]].in_pp) {
      subject = s.mention_of[after];
      inverted = true;
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

  // Nominalisation: "Russische aanvallen", "aanvallen van Rusland".
  int noun_source = -1;
  if (p.noun) {
    for (int i = 0; i < static_cast<int>(s.mentions.size()); ++i) {
      const Mention& x = s.mentions[i];
      bool adjacent = x.last < m.first &&
                      m.first - x.last <= 2;  // even inside a PP: "door Russische aanvallen"
      bool genitive =
          x.first > m.last && x.first - m.last <= 3 && x.in_pp && x.preposition == "van";
      if (adjacent || genitive) {
        noun_source = i;
        if (adjacent) break;
      }
    }
  }

  std::optional<EventActor> source;
  const Mention* source_mention = nullptr;
  if (passive && agent >= 0) {
    source_mention = &s.mentions[agent];
  } else if (p.noun && noun_source >= 0) {
    source_mention = &s.mentions[noun_source];
  } else if (subject >= 0 && !passive) {
    source_mention = HeadOf(s, subject);
  }
  if (source_mention) source = ActorOf(*source_mention->entity);

  // Reported speech: a bare "we", or no subject at all, is the speaker; a named subject that
  // is not the speaker's side, with "moet", is a demand on that subject.
  bool demand = false;
  if (speaker) {
    if (!source && (pronoun.empty() || IsFirstPerson(pronoun)))
      source = speaker;
    else if (source && source->actor != speaker->actor && !p.noun) {
      bool must = false;
      for (int t = c.begin; t < c.end; ++t) must = must || IsModalMust(s.words[t]);
      if (must) demand = true;
    }
  }
  if (!source && !pronoun.empty() && !IsFirstPerson(pronoun)) {
    if (quote && speaker && quote->direct && (pronoun == "ze" || pronoun == "zij")) {
      // "Ze wezen het af", said by the NATO chief: the other side.
      source = ContextTarget(s, m.first, speaker->actor);
    } else if (quote && speaker && !quote->direct) {
      // Reported speech: "het bondgenootschap is bereid", "waar hij op bezoek was".
      source = speaker;
    } else if (topic_ && topic_sentence_ + 1 >= sentence_index_ &&
               (OneOf(pronoun, {"hij", "zij"}) || IsNounPhraseFiller(pronoun))) {
      // Only a recent topic, and only for "hij"/"zij" or an unnamed phrase ("het bondgenootschap");
      // "ze" and "het" alone refer to too many things.
      source = topic_;
    }
  }
  if (!source && p.noun && subject >= 0) source = ActorOf(*HeadOf(s, subject)->entity);
  if (p.alleged) {
    // Misconduct told about someone: the teller (speaker, else the running topic) accuses them.
    std::optional<EventActor> teller = speaker ? speaker : topic_;
    if (!teller) return;
    std::optional<EventActor> accused;
    if (source_mention && source_mention->entity->actor != teller->actor) accused = source;
    if (!accused) accused = ContextTarget(s, m.first, teller->actor);
    if (!accused) return;
    bool negated_alleged = false;
    for (int t = std::max(c.begin, m.first - 4); t < std::min(c.end, m.last + 3); ++t)
      if (IsNegator(s.words[t]) && !in_trigger(t)) negated_alleged = true;
    Emit(sentence, s, m, p.cameo, *teller, accused, negated_alleged, out);
    return;
  }
  if (!source) return;

  // Target: after the trigger in the clause, then elsewhere in the clause, then context.
  std::optional<EventActor> target;
  std::vector<const Mention*> coordinated;
  auto usable = [&](const Mention& x) {
    if (x.entity->actor == source->actor) return false;
    for (const Mention* y : coordinated)
      if (x.entity->actor == y->entity->actor) return false;
    if (source_mention && &x == source_mention) return false;
    if (x.in_pp && (x.preposition == "volgens" || x.preposition == "namens" ||
                    (x.preposition == "door" && passive)))
      return false;
    return true;
  };
  // Coordinated subjects: "Kiev en de NAVO vrezen": one event each.
  if (subject >= 0 && !passive && !p.noun && !p.reciprocal && source_mention) {
    for (int i = subject + 1; i < static_cast<int>(s.mentions.size()); ++i) {
      const Mention& x = s.mentions[i];
      if (x.first >= m.first || x.in_pp || !in_clause(x)) break;
      bool joined = false;
      for (int t = s.mentions[i - 1].last + 1; t < x.first; ++t)
        joined = joined || s.words[t] == "en";
      if (joined && x.entity->actor != source->actor) coordinated.push_back(&x);
    }
  }
  if (passive && subject >= 0) {
    target = ActorOf(*HeadOf(s, subject)->entity);
  }
  if (!target) {
    // An object (no preposition) outranks a prepositional object of a directed preposition,
    // which outranks any other ("overleg over Oekraïne" is about Ukraine, not with it).
    int best_rank = 4;
    const Mention* best = nullptr;
    for (const Mention& x : s.mentions) {
      if (!in_clause(x) || !usable(x) || (inverted && &x == &s.mentions[subject])) continue;
      if (subject >= 0 && !inverted && x.first < s.mentions[subject].first) continue;
      int rank =
          !x.in_pp ? 0
          : OneOf(x.preposition, {"tegen", "met", "aan", "op", "bij", "voor", "naar", "richting",
                                  "jegens", "tegenover", "tot", "van", "tussen", "uit"})
              ? 1
              : 2;
      if (x.first < m.first) rank += 1;  // after the trigger first: "roept Rusland op" is rank 0
      if (rank < best_rank) {
        best_rank = rank;
        best = &x;
      }
    }
    if (best) target = ActorOf(*best->entity);
  }
  bool dyadic = !p.self && !OneOf(p.cameo.substr(0, 2), {"14", "15", "18", "19", "20"});
  if (!target && dyadic && m.clause + 1 < static_cast<int>(s.clauses.size()) &&
      OneOf(s.clauses[m.clause + 1].opener, {"", "om"})) {
    // A following "om"/"te" clause completes the act: "roept Rusland op ... te de-escaleren".
    for (const Mention& x : s.mentions)
      if (x.first > c.end && usable(x) && s.clause_of[x.first] == m.clause + 1) {
        target = ActorOf(*x.entity);
        break;
      }
  }
  if (!target && dyadic) {
    target = ContextTarget(s, m.first, source->actor);
    for (const Mention* y : coordinated)
      if (target && target->actor == y->entity->actor)
        target = ContextTarget(s, y->first, source->actor);
  }
  // Acts that only exist between two parties (appeals, meetings, support, aid, demands,
  // criticism, sanctions) are not coded without one.
  if (!target &&
      OneOf(p.cameo.substr(0, 2), {"02", "03", "04", "05", "06", "07", "10", "11", "16"}) &&
      !(coordinated.size() > 0))
    return;

  if ((p.reciprocal || (!target && dyadic)) && !coordinated.empty()) {
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
    // The running topic: this sentence's subject (its first mention outside a prepositional
    // phrase, in the first clause), else the speaker of a quote in it.
    for (const Mention& m : view.mentions) {
      if (view.clause_of[m.first] != 0) break;
      if (!m.in_pp) {
        topic_ = ActorOf(*m.entity);
        topic_sentence_ = si;
        break;
      }
    }
    for (const Quote& q : doc_.quotes) {
      if (q.speaker_actor && q.span.start < span.end && q.span.end > span.start) {
        EventActor a;
        a.text = q.speaker;
        a.actor = q.speaker_actor;
        a.id = q.speaker_id;
        topic_ = a;
        topic_sentence_ = si;
      }
    }
  }
  return events;
}

}  // namespace

std::vector<Event> CodeEvents(const Document& doc, const std::vector<Token>& tokens,
                              const EventLexicon& lexicon) {
  return Coder(doc, tokens, lexicon).Run();
}

}  // namespace wirewatch
