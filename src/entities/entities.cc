// Entity mentions and linking. Two sources of mentions (the tagger, then exact table matches
// for what it missed) and three passes of linking: names the tables know, then people (whose
// office depends on the date or the context), then the actors context must supply (unknown
// names, ministries "van Defensie").
#include "entities/entities.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>
#include <optional>

#include "core/hash.h"

namespace wirewatch {
namespace {

struct RawMention {
  uint32_t begin = 0, end = 0;  // token indices
  std::string type;
  bool from_tagger = false;
};

std::string_view Text(const Document& doc, const std::vector<Token>& tokens, uint32_t b, uint32_t e) {
  return std::string_view(doc.text).substr(tokens[b].span.start, tokens[e - 1].span.end - tokens[b].span.start);
}

bool IsNameToken(const Token& t) {
  return (t.kind == TokenKind::kWord || t.kind == TokenKind::kAbbreviation ||
          t.kind == TokenKind::kInitials) &&
         t.Has(kCapitalized);
}

// Title-cases an upper-case dateline place ("GENÈVE" -> "Genève") for table lookup; the table
// lookup folds case anyway, so plain ASCII lower-casing after the first letter suffices.
std::string DatelinePlace(const Document& doc) {
  if (!doc.dateline) return {};
  std::string place = doc.dateline->place;
  size_t slash = place.find('/');
  if (slash != std::string::npos) place.resize(slash);
  return place;
}

const char* kDirections[] = {"Oost", "West", "Noord", "Zuid", "Midden", "Centraal"};

// Words that open sentences far more often than names do: a capital on them says nothing.
const std::unordered_set<std::string_view> kCommonOpeners = {
    "De", "Het", "Een", "In", "Op", "Dat", "Die", "Deze", "Dit", "Er", "Ook", "Maar", "En",
    "Hij", "Zij", "Ze", "Wij", "We", "Ik", "Je", "Jij", "U", "Bij", "Met", "Voor", "Na",
    "Als", "Toen", "Nu", "Zo", "Daar", "Hier", "Om", "Van", "Tot", "Over", "Uit", "Door",
    "Aan", "Tegen", "Wat", "Wie", "Waar", "Hoe", "Waarom", "Wel", "Niet", "Geen", "Nog",
    "Al", "Toch", "Intussen", "Tegelijk", "Eerder", "Later", "Vandaag", "Gisteren",
    "Morgen", "Volgens", "Daarna", "Daarom", "Dan", "Want", "Of", "Omdat", "Hoewel",
    "Sinds", "Tijdens", "Zonder", "Onder", "Tussen", "Na", "Verder", "Bovendien", "Wanneer",
    "Vooral", "Alle", "Veel", "Meer", "Enkele", "Sommige", "Iedereen", "Niemand", "Alles",
    "Niets", "Zijn", "Haar", "Hun", "Mijn", "Ons", "Onze", "Dus", "Echter", "Soms", "Vaak"};

// Lower-case words that Dutch and foreign names carry inside them: surname particles ("Jan te
// Nijenhuis", "Ursula von der Leyen", "Omar al-Bashir") and the function words of foreign
// names ("Bank of America", "Institute for War"). Any other lower-case word ends a name.
const std::unordered_set<std::string_view> kNameParticles = {
    "van", "de", "der", "den", "ter", "ten", "te", "'t", "von", "zu", "vom", "du", "des",
    "da", "di", "do", "dos", "das", "del", "della", "la", "le", "al", "el", "bin", "ibn", "bint",
    "y", "of", "the", "for", "and", "on", "in", "en", "op", "am", "im", "zum", "zur", "auf",
    "und",
    // prepositions inside names of bodies: "Organisatie voor Migratie", "Artsen zonder Grenzen"
    "voor", "tegen", "zonder", "met", "over", "bij", "uit", "aan", "naar", "tot", "om"};

}  // namespace

std::string LocalEntityId(std::string_view type, std::string_view name) {
  std::string slug;
  bool dash = false;
  for (unsigned char c : name) {
    if (std::isalnum(c)) {
      if (dash && !slug.empty()) slug += '-';
      slug += static_cast<char>(std::tolower(c));
      dash = false;
    } else if (c >= 0x80) {
      if (dash && !slug.empty()) slug += '-';
      slug += static_cast<char>(c);  // keep non-ASCII letters as they are (UTF-8)
      dash = false;
    } else {
      dash = true;
    }
  }
  std::string t(type);
  for (auto& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (slug.size() > 60) {
    // Cut at a character boundary: a UTF-8 continuation byte never starts the part left off.
    size_t cut = 40;
    while (cut > 0 && (static_cast<unsigned char>(slug[cut]) & 0xC0) == 0x80) --cut;
    slug = slug.substr(0, cut) + "-" + HexId(Fnv1a64(name)).substr(0, 8);
  }
  return "ww:" + t + ":" + slug;
}

namespace {

class Linker {
 public:
  Linker(const Document& doc, const std::vector<Token>& tokens, const NerModel& ner,
         const KnowledgeBase& kb)
      : doc_(doc), tokens_(tokens), ner_(ner), kb_(kb) {
    if (doc.published) date_ = doc.published->substr(0, 10);
    else if (doc.crawl_time) date_ = doc.crawl_time->substr(0, 10);
    std::string place = DatelinePlace(doc);
    if (!place.empty()) {
      for (const auto& c : kb_.Lookup(place)) {
        if (c.entry->kind == KnowledgeKind::kPlace || c.entry->kind == KnowledgeKind::kCountry) {
          dateline_actor_ = !c.entry->country.empty() ? c.entry->country : c.actor;
          break;
        }
      }
    }
  }

  std::vector<EntityMention> Run() {
    std::vector<RawMention> raw = Detect();
    std::vector<EntityMention> mentions;
    mentions.reserve(raw.size());
    for (const RawMention& r : raw) {
      EntityMention m;
      m.span = {tokens_[r.begin].span.start, tokens_[r.end - 1].span.end};
      m.text = std::string(Text(doc_, tokens_, r.begin, r.end));
      m.type = r.type;
      mentions.push_back(std::move(m));
    }
    // Pass 1: everything but people, so their actors can inform the people's offices.
    std::vector<const KnowledgeEntry*> people(mentions.size(), nullptr);
    seat_alternatives_.assign(mentions.size(), nullptr);
    linked_.assign(mentions.size(), false);
    for (size_t i = 0; i < mentions.size(); ++i) {
      LinkName(mentions[i], raw[i], people[i], seat_alternatives_[i]);
      linked_[i] = !mentions[i].id.empty();
    }
    // A name of two or more words that no table links is what its last word designates,
    // whatever the tagger guessed: "Alfa Bank", "Snoras AB", "Universiteit Leiden" are ORG.
    for (size_t i = 0; i < mentions.size(); ++i) {
      if (linked_[i] || raw[i].end - raw[i].begin < 2) continue;
      std::string_view type = kb_.DesignatedType(TokenText(doc_.text, tokens_[raw[i].end - 1]));
      // A title right before the name makes it a person: "militair historicus Christ Klep".
      if (type.empty() && raw[i].begin > 0 && kb_.IsPersonTitle(TokenText(doc_.text, tokens_[raw[i].begin - 1])))
        type = "PER";
      if (!type.empty() && mentions[i].type != type) {
        mentions[i].type = std::string(type);
        raw[i].type = mentions[i].type;
        people[i] = nullptr;
      }
    }
    for (const EntityMention& m : mentions)
      if (m.actor && m.type != "PER") ++actor_counts_[*m.actor];
    // A seat of organisations used as an agent ("tussen Moskou en Brussel", "Brussel moet
    // terugduwen") stands for the organisation the document is about, not for its state; "in
    // Brussel" stays the place.
    for (size_t i = 0; i < mentions.size(); ++i) {
      if (seat_alternatives_[i] && !AfterLocativePreposition(raw[i].begin)) {
        const std::string* best = nullptr;
        int best_count = 0;
        for (const std::string& alt : *seat_alternatives_[i]) {
          auto it = actor_counts_.find(alt);
          if (it != actor_counts_.end() && it->second > best_count) {
            best = &alt;
            best_count = it->second;
          }
        }
        if (best) mentions[i].actor = *best;
      }
    }
    // Pass 2: people.
    for (size_t i = 0; i < mentions.size(); ++i) {
      if (mentions[i].type == "PER") LinkPerson(mentions, i, raw[i], people[i]);
    }
    // Pass 3: actors from context.
    for (size_t i = 0; i < mentions.size(); ++i) {
      if (!mentions[i].actor) FillActorFromContext(mentions, i, raw[i]);
    }
    AddPossessives(mentions);
    // A later mention of a person ("Kim", "Stoltenberg") shares the actor its first mention
    // took from context ("de Noord-Koreaanse onderhandelaar Kim Song-nam").
    std::unordered_map<std::string, std::string> person_actor;
    for (const EntityMention& m : mentions)
      if (m.type == "PER" && m.actor && !m.id.empty()) person_actor.emplace(m.id, *m.actor);
    for (EntityMention& m : mentions)
      if (m.type == "PER" && !m.actor && !m.id.empty())
        if (auto it = person_actor.find(m.id); it != person_actor.end()) m.actor = it->second;
    return mentions;
  }

 private:
  // --- detection ---

  std::vector<RawMention> Detect() {
    std::vector<RawMention> raw;
    std::vector<bool> covered(tokens_.size(), false);
    std::vector<std::string_view> words;
    // A "sentence" longer than kMaxTaggedTokens (a page without punctuation, a hostile input)
    // is tagged in windows, so time and memory stay linear in the text.
    constexpr size_t kMaxTaggedTokens = 300;
    for (size_t b = 0; b < tokens_.size();) {
      size_t e = b + 1;
      while (e < tokens_.size() && !tokens_[e].Has(kSentenceStart) && e - b < kMaxTaggedTokens) ++e;
      words.clear();
      for (size_t k = b; k < e; ++k) words.push_back(TokenText(doc_.text, tokens_[k]));
      if (!MayHoldName(b, e)) {
        b = e;
        continue;
      }
      for (const NerSpan& s : ner_.TagSpans(words)) {
        for (auto [begin, end] : RepairSpan(b, b + s.begin, b + s.end)) {
          raw.push_back({begin, end, NerTypeName(s.type), true});
          for (uint32_t k = begin; k < end; ++k) covered[k] = true;
        }
      }
      GazetteerFill(b, e, covered, raw);
      b = e;
    }
    std::sort(raw.begin(), raw.end(), [](const RawMention& x, const RawMention& y) { return x.begin < y.begin; });
    MinistryPhrases(raw);
    return raw;
  }

  // "het ministerie van Justitie en Veiligheid" is one organisation; in "minister van Handel
  // Ruhsar Pekcan" the portfolio names the ministry (ORG, as CoNLL-2002 tags it) and the person
  // is "Ruhsar Pekcan". Dutch capitalises a portfolio after "minister van", which the tagger
  // reads as part of the name that follows.
  void MinistryPhrases(std::vector<RawMention>& raw) const {
    using Word = KnowledgeBase::MinistryWord;
    auto kind = [&](size_t k) { return kb_.MinistryWordKind(TokenText(doc_.text, tokens_[k])); };
    // Every title word of the table contains one of these (checked without folding, the table
    // lookup normalises): most tokens are ruled out without a lookup.
    auto may_be_title = [&](size_t k) {
      std::string_view w = TokenText(doc_.text, tokens_[k]);
      if (w.size() < 8) return false;
      for (std::string_view part : {"inist", "INIST", "ecretaris", "ECRETARIS", "epartement", "EPARTEMENT"})
        if (w.find(part) != std::string_view::npos) return true;
      return false;
    };
    for (size_t t = 0; t + 2 < tokens_.size(); ++t) {
      if (!may_be_title(t)) continue;
      Word title = kind(t);
      if (title != Word::kMinisterTitle && title != Word::kMinistryTitle) continue;
      if (TokenText(doc_.text, tokens_[t + 1]) != "van") continue;
      // The portfolio: capitalised portfolio words, joined by "en" or a comma.
      size_t end = t + 2, k = t + 2;
      while (k < tokens_.size() && !tokens_[k].Has(kSentenceStart)) {
        std::string_view w = TokenText(doc_.text, tokens_[k]);
        if (kind(k) == Word::kPortfolio && tokens_[k].Has(kCapitalized)) {
          end = ++k;
        } else if ((w == "en" || w == ",") && k > t + 2) {
          ++k;
        } else {
          break;
        }
      }
      if (end == t + 2) continue;
      const uint32_t from = static_cast<uint32_t>(title == Word::kMinistryTitle ? t : t + 2);
      const uint32_t to = static_cast<uint32_t>(end);
      // Names overlapping the phrase lose the part inside it (the person after it keeps the
      // rest); names inside it go.
      std::vector<RawMention> kept;
      for (RawMention& r : raw) {
        if (r.end <= from || r.begin >= to) {
          kept.push_back(std::move(r));
        } else if (r.end > to) {
          r.begin = to;
          kept.push_back(std::move(r));
        }
      }
      kept.push_back({from, to, "ORG", false});
      std::sort(kept.begin(), kept.end(), [](const RawMention& x, const RawMention& y) { return x.begin < y.begin; });
      raw = std::move(kept);
      t = end - 1;
    }
  }

  // A word written in lower case with no capital inside ("de", "telecomfabrikant", but not
  // "regering-Trump").
  bool IsLowerCaseWord(size_t k) const {
    const Token& t = tokens_[k];
    if (t.kind != TokenKind::kWord || t.Has(kCapitalized) || t.Has(kHasDigit)) return false;
    for (char c : TokenText(doc_.text, t))
      if (c >= 'A' && c <= 'Z') return false;
    return true;
  }

  bool Known(size_t begin, size_t end) const {
    const auto& cands = CachedLookup(Text(doc_, tokens_, static_cast<uint32_t>(begin), static_cast<uint32_t>(end)));
    return !cands.empty() && cands[0].match != MatchLevel::kAccentFolded;
  }

  // The names inside a span the tagger found, by the rules of Dutch spelling: a name begins and
  // ends with a capitalised word; a lower-case word inside it is a particle ("van", "al") or
  // ends it ("Trump het Witte Huis" is two names); a capital on the sentence's first word is no
  // evidence ("De Wereldgezondheidsorganisatie"), unless the tables know the whole; two names
  // the tables know, side by side, are two ("Trump Beijing"). `sentence` is the first token of
  // the sentence. (Trailing lower-case words include particles: no name ends with one.)
  std::vector<std::pair<uint32_t, uint32_t>> RepairSpan(size_t sentence, size_t begin, size_t end) const {
    std::vector<std::pair<uint32_t, uint32_t>> out;
    // "het" only after a preposition of the name: "Dagblad van het Noorden", not "Trump het Witte Huis".
    auto particle = [&](size_t k) {
      std::string_view w = TokenText(doc_.text, tokens_[k]);
      if (w == "het") return k > begin && kNameParticles.count(TokenText(doc_.text, tokens_[k - 1])) > 0;
      return kNameParticles.count(w) > 0;
    };
    auto emit = [&](size_t b, size_t e) {
      while (b < e && IsLowerCaseWord(b)) ++b;
      while (e > b && IsLowerCaseWord(e - 1)) --e;  // a name ends with a capital: "Boeing de"
      if (b >= e) return;
      // The sentence's first word, or the first inside an opening quotation mark.
      const bool opens_sentence =
          b == sentence || (b > sentence && (tokens_[b - 1].kind == TokenKind::kOpenQuote ||
                                             tokens_[b - 1].kind == TokenKind::kOpenBracket ||
                                             tokens_[b - 1].kind == TokenKind::kPunctuation) &&
                            (b - 1 == sentence || tokens_[b - 2].kind == TokenKind::kPunctuation));
      if (kCommonOpeners.count(TokenText(doc_.text, tokens_[b])) && !Known(b, e)) {
        if (e - b == 1) return;       // "Die", left of a split
        if (opens_sentence) {
          ++b;                        // "Onder Kim Jong-un", "Na de Tweede Wereldoorlog"
          while (b < e && IsLowerCaseWord(b)) ++b;
        }
      } else if (opens_sentence && e - b >= 2 && !Known(b, e) && Known(b + 1, e)) {
        ++b;                          // "Telecomfabrikant Huawei": a common noun capitalised
      }
      if (e - b >= 2 && !Known(b, e)) {
        for (size_t cut = b + 1; cut < e; ++cut) {
          if (Known(b, cut) && Known(cut, e) && !IsLowerCaseWord(cut)) {
            out.emplace_back(static_cast<uint32_t>(b), static_cast<uint32_t>(cut));
            out.emplace_back(static_cast<uint32_t>(cut), static_cast<uint32_t>(e));
            return;
          }
        }
      }
      out.emplace_back(static_cast<uint32_t>(b), static_cast<uint32_t>(e));
    };
    size_t from = begin;
    for (size_t k = begin; k < end; ++k) {
      if (IsLowerCaseWord(k) && !particle(k)) {
        emit(from, k);
        from = k + 1;
      }
    }
    emit(from, end);
    return out;
  }

  // Dutch capitalises names (and the adjectives and compounds made of them), so a sentence with
  // no capital after its first word, opening with a common word, holds no mention: the tagger
  // (most of this stage's time) is skipped there.
  bool MayHoldName(size_t b, size_t e) const {
    for (size_t k = b; k < e; ++k) {
      if (k > b && (tokens_[k].Has(kCapitalized) || tokens_[k].Has(kHasDigit))) return true;
      // "regering-Macron", "kabinetten-Rutte": a capital inside a compound.
      if (tokens_[k].Has(kHasHyphen) || tokens_[k].kind == TokenKind::kUrl) {
        for (char c : TokenText(doc_.text, tokens_[k]))
          if (c >= 'A' && c <= 'Z') return true;
      }
    }
    if (b >= e || !tokens_[b].Has(kCapitalized)) return false;

    return !kCommonOpeners.count(TokenText(doc_.text, tokens_[b]));
  }

  // Names the tables know exactly, where the tagger found nothing: longest match first.
  void GazetteerFill(size_t b, size_t e, std::vector<bool>& covered, std::vector<RawMention>& raw) {
    for (size_t i = b; i < e; ++i) {
      if (covered[i] || !IsNameToken(tokens_[i])) continue;
      bool found = false;
      for (size_t n = std::min<size_t>(6, e - i); n >= 1 && !found; --n) {
        bool ok = true;
        for (size_t k = i; k < i + n; ++k) ok = ok && !covered[k] && tokens_[k].kind != TokenKind::kPunctuation;
        if (!ok || !IsNameToken(tokens_[i + n - 1])) continue;
        std::string_view surface = Text(doc_, tokens_, static_cast<uint32_t>(i), static_cast<uint32_t>(i + n));
        const auto& cands = CachedLookup(surface);
        if (cands.empty() || cands[0].match == MatchLevel::kAccentFolded) continue;
        // Sentence-initial single words that are also common nouns need the exact spelling.
        if (n == 1 && cands[0].match != MatchLevel::kExact) continue;
        raw.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(i + n), cands[0].type, false});
        for (size_t k = i; k < i + n; ++k) covered[k] = true;
        found = true;
      }
      if (found) continue;
      std::string_view word = TokenText(doc_.text, tokens_[i]);
      if (CachedAdjective(word)) {
        raw.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1), "MISC", false});
        covered[i] = true;
        continue;
      }
      if (tokens_[i].Has(kHasHyphen)) {
        if (auto part = CompoundPart(word)) {
          raw.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1), part->second, false});
          covered[i] = true;
        }
      }
    }
  }

  // "NAVO-landen" -> (NAVO's candidate, "MISC"); "Oost-Oekraïne" -> (Oekraïne, "LOC").
  std::optional<std::pair<KnowledgeCandidate, std::string>> CompoundPart(std::string_view word) const {
    size_t dash = word.find('-');
    if (dash == std::string_view::npos || dash == 0 || dash + 1 >= word.size()) return std::nullopt;
    std::string_view head = word.substr(0, dash), rest = word.substr(dash + 1);
    for (const char* dir : kDirections) {
      if (head == dir) {
        const auto& cands = CachedLookup(rest);
        if (!cands.empty() && cands[0].match != MatchLevel::kAccentFolded &&
            (cands[0].entry->kind == KnowledgeKind::kCountry || cands[0].entry->kind == KnowledgeKind::kPlace))
          return std::make_pair(cands[0], std::string("LOC"));
        return std::nullopt;
      }
    }
    // The known part may come first (NAVO-landen) or last (regering-Biden).
    for (std::string_view part : {head, word.substr(word.rfind('-') + 1)}) {
      if (part.empty()) continue;
      const auto& cands = CachedLookup(part);
      if (cands.empty() || cands[0].match != MatchLevel::kExact) continue;
      if (cands[0].form == SurfaceForm::kAdjective || cands[0].form == SurfaceForm::kDemonym) continue;
      return std::make_pair(cands[0], std::string("MISC"));
    }
    return std::nullopt;
  }

  // --- linking ---

  std::optional<KnowledgeCandidate> Best(std::string_view surface, const std::string& type) const {
    const auto& cands = CachedLookup(surface);
    if (cands.empty()) return std::nullopt;
    if (cands[0].match == MatchLevel::kAccentFolded && surface.size() < 5) return std::nullopt;
    for (const auto& c : cands)
      if (c.type == type) return c;
    return cands[0];
  }

  void LinkName(EntityMention& m, const RawMention& r, const KnowledgeEntry*& person,
                const std::vector<std::string>*& seat_alternatives) {
    if (auto c = Best(m.text, m.type)) {
      m.type = c->type;
      m.id = c->id;
      m.name = c->name;
      if (!c->actor.empty()) m.actor = c->actor;
      if (c->entry->kind == KnowledgeKind::kPerson) person = c->entry;
      if (c->entry->kind == KnowledgeKind::kPlace && !c->entry->alt_actors.empty())
        seat_alternatives = &c->entry->alt_actors;
      return;
    }
    if (m.type == "MISC" || m.text.find('-') != std::string::npos) {
      if (const auto& adj = CachedAdjective(m.text)) {
        m.type = "MISC";
        m.id = adj->id;
        m.name = adj->name;
        if (!adj->actor.empty()) m.actor = adj->actor;
        return;
      }
      if (auto part = CompoundPart(m.text)) {
        if (m.type != "PER") m.type = part->second;
        m.id = part->second == "LOC" ? part->first.id : LocalEntityId(m.type, m.text);
        m.name = m.text;
        const KnowledgeCandidate& c = part->first;
        if (c.entry->kind == KnowledgeKind::kPerson) {
          m.actor = c.entry->actor;
        } else if (!c.actor.empty()) {
          m.actor = c.actor;
        } else if (!c.entry->country.empty()) {
          m.actor = c.entry->country;
        }
        return;
      }
    }
    (void)r;
  }

  void LinkPerson(std::vector<EntityMention>& mentions, size_t i, const RawMention& r,
                  const KnowledgeEntry* person) {
    EntityMention& m = mentions[i];
    std::string_view last = LastWord(m.text);
    if (!person) {
      // An earlier mention of the same person: "Jens Stoltenberg ... Stoltenberg".
      auto seen = person_by_surname_.find(std::string(last));
      if (seen != person_by_surname_.end()) {
        SamePersonAs(m, mentions[seen->second]);
        return;
      }
      // A name given alone that opened an earlier full name: family names come first in
      // Korean, Chinese and Hungarian names ("Kim Jong-un ... Kim", "Xi Jinping ... Xi"), and a
      // first name alone ("Donald") is the same person too.
      if (last.size() == m.text.size()) {
        auto first = person_by_first_word_.find(std::string(last));
        if (first != person_by_first_word_.end()) {
          SamePersonAs(m, mentions[first->second]);
          return;
        }
      }
      // A surname the tables know for exactly one person.
      if (last.size() < m.text.size()) {
        const auto& cands = CachedLookup(last);
        const KnowledgeEntry* only = nullptr;
        int persons = 0;
        for (const auto& c : cands) {
          if (c.entry->kind == KnowledgeKind::kPerson && c.match != MatchLevel::kAccentFolded) {
            ++persons;
            only = c.entry;
          }
        }
        if (persons == 1) person = only;
      }
      if (!person) {
        m.id = LocalEntityId("PER", m.text);
        m.name = m.text;
        RememberPerson(mentions, i);
        return;
      }
      m.id = person->id;
      m.name = person->name;
    }
    m.actor = PersonActor(*person, r);
    RememberPerson(mentions, i);
  }

  // The genitive of a person named in the text ("Trumps beslissing", "Zelensky's campagne") is
  // a mention of that person, whether the tagger missed the word or took it for another type.
  void AddPossessives(std::vector<EntityMention>& mentions) const {
    std::vector<EntityMention> added;
    size_t m = 0;
    for (const Token& t : tokens_) {
      while (m < mentions.size() && mentions[m].span.end <= t.span.start) ++m;
      std::string_view w = TokenText(doc_.text, t);
      if (w.size() < 4 || !t.Has(kCapitalized)) continue;
      std::string_view stem;
      if (w.ends_with("'s")) stem = w.substr(0, w.size() - 2);
      else if (w.ends_with("\u2019s")) stem = w.substr(0, w.size() - 4);  // U+2019 is 3 bytes
      else if (w.back() == 's') stem = w.substr(0, w.size() - 1);
      else continue;
      // The person named in the text, else one the tables know by that name ("Trumps" in a
      // text that never says "Trump").
      EntityMention known;
      const EntityMention* found = nullptr;
      if (auto it = person_by_surname_.find(std::string(stem)); it != person_by_surname_.end()) {
        found = &mentions[it->second];
      } else {
        const auto& cands = CachedLookup(stem);
        if (!cands.empty() && cands[0].match == MatchLevel::kExact && cands[0].entry->kind == KnowledgeKind::kPerson) {
          known.type = "PER";
          known.id = cands[0].id;
          known.name = cands[0].name;
          if (!cands[0].actor.empty()) known.actor = cands[0].actor;
          else if (!cands[0].entry->actor.empty()) known.actor = cands[0].entry->actor;
          found = &known;
        }
      }
      if (found == nullptr || found->type != "PER") continue;
      const EntityMention& person = *found;
      bool overlaps = m < mentions.size() && mentions[m].span.start < t.span.end;
      if (overlaps) {
        EntityMention& cur = mentions[m];
        // The tagger's own "Trumps" (type PER, but linked to nobody) is the person too.
        bool unlinked = cur.id.empty() || cur.id.rfind("ww:", 0) == 0;
        if (cur.span.start == t.span.start && cur.span.end == t.span.end && (cur.type != "PER" || unlinked)) {
          cur.type = "PER";
          SamePersonAs(cur, person);
        }
        continue;
      }
      EntityMention e;
      e.span = t.span;
      e.text = std::string(w);
      e.type = "PER";
      SamePersonAs(e, person);
      added.push_back(std::move(e));
    }
    if (added.empty()) return;
    std::vector<EntityMention> merged;
    merged.reserve(mentions.size() + added.size());
    std::merge(std::make_move_iterator(mentions.begin()), std::make_move_iterator(mentions.end()),
               std::make_move_iterator(added.begin()), std::make_move_iterator(added.end()),
               std::back_inserter(merged),
               [](const EntityMention& a, const EntityMention& b) { return a.span.start < b.span.start; });
    mentions = std::move(merged);
  }

  // `m` names the person `earlier` names: same id, name and actor.
  static void SamePersonAs(EntityMention& m, const EntityMention& earlier) {
    m.id = earlier.id;
    m.name = earlier.name;
    m.actor = earlier.actor;
  }

  // Later mentions by surname ("Stoltenberg") resolve to this one.
  void RememberPerson(const std::vector<EntityMention>& mentions, size_t i) {
    const EntityMention& m = mentions[i];
    person_by_surname_[std::string(LastWord(m.text))] = i;
    person_by_surname_[std::string(LastWord(m.name))] = i;
    for (std::string_view full : {std::string_view(m.text), std::string_view(m.name)}) {
      size_t sp = full.find(' ');
      if (sp != std::string_view::npos) person_by_first_word_.emplace(std::string(full.substr(0, sp)), i);
    }
  }

  bool AfterLocativePreposition(uint32_t token) const {
    if (token == 0 || tokens_[token].Has(kSentenceStart)) return false;
    std::string_view prev = TokenText(doc_.text, tokens_[token - 1]);
    for (std::string_view p : {"in", "naar", "uit", "bij", "te", "vanuit", "via", "rond", "nabij", "buiten",
                               "door", "over", "tot", "van", "richting"})
      if (prev == p) return true;
    return false;
  }

  static std::string_view LastWord(std::string_view s) {
    size_t sp = s.rfind(' ');
    return sp == std::string_view::npos ? s : s.substr(sp + 1);
  }

  // The office a person acts in: the one held on the document's date; undated, the one whose
  // actor the words before the name give ("NAVO-chef Mark Rutte"), else the one whose actor the
  // document mentions most, else the latest.
  std::string PersonActor(const KnowledgeEntry& person, const RawMention& r) const {
    if (!date_.empty()) {
      for (auto it = person.terms.rbegin(); it != person.terms.rend(); ++it) {
        if (!it->start.empty() && it->start <= date_ && (it->end.empty() || date_ < it->end))
          return it->actor;
      }
    }
    std::optional<std::string> near = ActorBefore(r.begin, 4);
    std::string best = person.actor;
    int best_score = -1;
    for (const Term& t : person.terms) {
      int score = 0;
      if (near && *near == t.actor) score += 100;
      auto it = actor_counts_.find(t.actor);
      if (it != actor_counts_.end()) score += it->second;
      if (score > best_score || (score == best_score && t.start > FindTermStart(person, best))) {
        best_score = score;
        best = t.actor;
      }
    }
    return best;
  }

  static std::string FindTermStart(const KnowledgeEntry& person, const std::string& actor) {
    std::string start;
    for (const Term& t : person.terms)
      if (t.actor == actor && t.start > start) start = t.start;
    return start;
  }

  // The actor named by an adjective or role compound in the `window` tokens before `token`
  // (same sentence): "De Israëlische legerleider generaal Eyal Zamir", "EU-buitenlandchef Kaja".
  std::optional<std::string> ActorBefore(uint32_t token, uint32_t window) const {
    for (uint32_t k = token; k-- > 0 && token - k <= window;) {
      std::string_view word = TokenText(doc_.text, tokens_[k]);
      if (const auto& adj = CachedAdjective(word); adj && !adj->actor.empty()) return adj->actor;
      if (const RolePhrase* role = CachedRole(word); role && !role->actor.empty())
        return role->actor;
      if (tokens_[k].Has(kHasHyphen)) {
        if (auto part = CompoundPart(word); part && !part->first.actor.empty()) return part->first.actor;
      }
      if (tokens_[k].Has(kSentenceStart)) break;
    }
    return std::nullopt;
  }

  void FillActorFromContext(std::vector<EntityMention>& mentions, size_t i, const RawMention& r) {
    EntityMention& m = mentions[i];
    bool known = linked_[i];
    if (m.id.empty()) {
      m.id = LocalEntityId(m.type, m.text);
      m.name = m.text;
    }
    if (m.type == "MISC") return;  // platforms, events, wars: no actor without evidence
    // A known place without an actor (Midden-Oosten, Oost-Europa, het Westen) has none; only
    // names the tables lack, and organisations whose actor depends on the phrase (a ministry),
    // take one from context.
    if (known && m.type == "LOC") return;
    if (auto near = ActorBefore(r.begin, 4)) {
      m.actor = near;
      return;
    }
    // A ministry ("minister van Defensie Pete Hegseth") acts for the person in its phrase.
    if (m.type == "ORG") {
      for (size_t k = i + 1; k < mentions.size() && k <= i + 2; ++k) {
        if (mentions[k].type == "PER" && mentions[k].actor && mentions[k].span.start - m.span.end < 4) {
          m.actor = mentions[k].actor;
          return;
        }
      }
    }
    if (dateline_actor_) {
      m.actor = dateline_actor_;
      return;
    }
    // Otherwise the state the document is most about: a newspaper introduces the people and
    // bodies of the country it reports on without naming their nationality each time.
    const std::string* best = nullptr;
    int best_count = 0;
    for (const auto& [actor, count] : actor_counts_) {
      if (actor.size() == 3 && count > best_count) {
        best = &actor;
        best_count = count;
      }
    }
    if (best && best_count >= 2) m.actor = *best;
  }

  // Table lookups normalise Unicode on every call and the same surfaces recur in a document
  // (and in every n-gram tried), so they are memoised per document.
  const std::vector<KnowledgeCandidate>& CachedLookup(std::string_view surface) const {
    auto it = lookup_cache_.find(surface);
    if (it != lookup_cache_.end()) return it->second;
    LookupOptions options;
    options.date = date_;
    return lookup_cache_.emplace(std::string(surface), kb_.Lookup(surface, options)).first->second;
  }

  const std::optional<KnowledgeCandidate>& CachedAdjective(std::string_view word) const {
    auto it = adjective_cache_.find(word);
    if (it != adjective_cache_.end()) return it->second;
    return adjective_cache_.emplace(std::string(word), kb_.LookupAdjective(word)).first->second;
  }

  const RolePhrase* CachedRole(std::string_view word) const {
    auto it = role_cache_.find(word);
    if (it != role_cache_.end()) return it->second;
    return role_cache_.emplace(std::string(word), kb_.FindRolePhrase(word)).first->second;
  }

  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  template <typename V>
  using Cache = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;
  mutable Cache<std::vector<KnowledgeCandidate>> lookup_cache_;
  mutable Cache<std::optional<KnowledgeCandidate>> adjective_cache_;
  mutable Cache<const RolePhrase*> role_cache_;

  const Document& doc_;
  const std::vector<Token>& tokens_;
  const NerModel& ner_;
  const KnowledgeBase& kb_;
  std::string date_;
  std::optional<std::string> dateline_actor_;
  std::map<std::string, int> actor_counts_;
  std::unordered_map<std::string, size_t> person_by_surname_;
  std::unordered_map<std::string, size_t> person_by_first_word_;  // first seen wins
  std::vector<const std::vector<std::string>*> seat_alternatives_;
  std::vector<bool> linked_;  // linked to a table row in pass 1
};

}  // namespace

std::vector<EntityMention> FindEntities(const Document& doc, const std::vector<Token>& tokens,
                                        const NerModel& ner, const KnowledgeBase& knowledge) {
  if (tokens.empty()) return {};
  return Linker(doc, tokens, ner, knowledge).Run();
}

}  // namespace wirewatch
