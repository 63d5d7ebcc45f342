// Quote extraction. Works sentence by sentence over the words of the text, with quote marks
// paired per paragraph first so that a quotation may run over several sentences.
//
// The order of evidence for a sentence: "Dat zei X" (the previous sentence is X's), a cue after
// a comma or closing quote ("...", zei hij), "volgens X", "naar eigen zeggen", and a speech verb
// with its subject ("X zei dat ..."). Direct quotes that no cue claims take the speaker of their
// sentence's cue, else the speaker in context (the latest one), and short uncued fragments
// ('munitietoer') are scare quotes, not quotations.
#include "quotes/quotes.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>
#include <unordered_set>

namespace wirewatch {

// ---------------------------------------------------------------------------------------------
// Lexicon

StatusOr<QuoteLexicon> QuoteLexicon::Parse(std::string_view name, std::string_view tsv) {
  QuoteLexicon lexicon;
  size_t pos = 0, line_no = 0;
  while (pos < tsv.size()) {
    size_t nl = tsv.find('\n', pos);
    std::string_view line = tsv.substr(pos, nl == std::string_view::npos ? tsv.size() - pos : nl - pos);
    pos = nl == std::string_view::npos ? tsv.size() : nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos)
      return Corrupt(std::string(name) + ": line " + std::to_string(line_no) + ": expected form<TAB>kind");
    std::string_view form = line.substr(0, tab), kind_text = line.substr(tab + 1);
    CueKind kind;
    if (kind_text == "verb") kind = CueKind::kVerb;
    else if (kind_text == "prep") kind = CueKind::kPreposition;
    else if (kind_text == "aldus") kind = CueKind::kAldus;
    else if (kind_text == "self") kind = CueKind::kSelf;
    else if (kind_text == "noun") kind = CueKind::kNoun;
    else
      return Corrupt(std::string(name) + ": line " + std::to_string(line_no) + ": unknown kind '" +
                     std::string(kind_text) + "'");
    Cue cue;
    cue.kind = kind;
    std::istringstream words{std::string(form)};
    for (std::string w; words >> w;) cue.words.push_back(w);
    if (cue.words.empty())
      return Corrupt(std::string(name) + ": line " + std::to_string(line_no) + ": empty form");
    lexicon.by_first_word_[cue.words[0]].push_back(std::move(cue));
  }
  // Longer forms first, so "liet weten" wins over a hypothetical "liet".
  for (auto& [word, cues] : lexicon.by_first_word_)
    std::stable_sort(cues.begin(), cues.end(),
                     [](const Cue& a, const Cue& b) { return a.words.size() > b.words.size(); });
  return lexicon;
}

const std::vector<QuoteLexicon::Cue>* QuoteLexicon::Find(std::string_view first_word) const {
  auto it = by_first_word_.find(std::string(first_word));
  return it == by_first_word_.end() ? nullptr : &it->second;
}

StatusOr<QuoteLexicon> LoadQuoteLexicon(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path + ": cannot open quote cue table");
  std::stringstream ss;
  ss << in.rdbuf();
  return QuoteLexicon::Parse(path, ss.str());
}

namespace {

// ---------------------------------------------------------------------------------------------
// Words

struct Word {
  uint32_t start = 0, end = 0;
  std::string lower;
  bool capitalized = false;
  bool verb = false;  // tagged VERB or AUX by the syntax stage (when it ran)
};

// Bytes that start punctuation outside ASCII: general punctuation (E2 80 xx: quotes, dashes,
// ellipsis) and Latin-1 punctuation (C2 xx: nbsp, guillemets).
size_t PunctuationLength(std::string_view t, size_t i) {
  auto c = static_cast<unsigned char>(t[i]);
  if (c == 0xE2 && i + 2 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0x80) return 3;
  if (c == 0xC2 && i + 1 < t.size()) return 2;
  return 0;
}

bool IsWordByte(std::string_view t, size_t i) {
  auto c = static_cast<unsigned char>(t[i]);
  if (c >= 0x80) return PunctuationLength(t, i) == 0;
  return std::isalnum(c) != 0;
}

std::vector<Word> ScanWords(std::string_view text, uint32_t from, uint32_t to) {
  std::vector<Word> words;
  size_t i = from;
  while (i < to) {
    if (!IsWordByte(text, i)) {
      size_t p = PunctuationLength(text, i);
      i += p ? p : 1;
      continue;
    }
    size_t start = i;
    while (i < to) {
      if (IsWordByte(text, i)) {
        ++i;
        continue;
      }
      // Hyphens and apostrophes inside a word (NAVO-chef, z'n, O'Donnell) keep it together.
      if ((text[i] == '-' || text[i] == '\'') && i + 1 < to && IsWordByte(text, i + 1)) {
        ++i;
        continue;
      }
      break;
    }
    Word w;
    w.start = static_cast<uint32_t>(start);
    w.end = static_cast<uint32_t>(i);
    w.lower.reserve(i - start);
    for (size_t k = start; k < i; ++k) {
      auto c = static_cast<unsigned char>(text[k]);
      w.lower += static_cast<char>(c < 0x80 ? std::tolower(c) : c);
    }
    int32_t off = static_cast<int32_t>(start);
    UChar32 cp;
    U8_NEXT(text.data(), off, static_cast<int32_t>(to), cp);
    w.capitalized = cp > 0 && u_isupper(cp);
    words.push_back(std::move(w));
  }
  return words;
}

// ---------------------------------------------------------------------------------------------
// Quote marks

struct QuoteSpan {
  uint32_t open = 0;         // first byte of the opening mark
  uint32_t inner_start = 0;  // first byte of the quoted words
  uint32_t inner_end = 0;    // one past the last quoted byte
  uint32_t close_end = 0;    // one past the closing mark
  bool claimed = false;      // part of a reported quote already
};

enum class Mark { kNone, kDouble, kLowDouble, kCurlyOpen, kCurlyClose, kCommas, kApostrophes,
                  kSingle, kCurlySingleOpen, kCurlySingleClose, kGuillemetOpen, kGuillemetClose };

Mark MarkAt(std::string_view t, size_t i, size_t& length) {
  length = 1;
  char c = t[i];
  if (c == '"') return Mark::kDouble;
  if (c == ',' && i + 1 < t.size() && t[i + 1] == ',') {
    length = 2;
    return Mark::kCommas;
  }
  if (c == '\'' && i + 1 < t.size() && t[i + 1] == '\'') {
    length = 2;
    return Mark::kApostrophes;
  }
  if (c == '\'') return Mark::kSingle;
  std::string_view s = t.substr(i, 3);
  length = 3;
  if (s == "\xE2\x80\x9C") return Mark::kCurlyOpen;
  if (s == "\xE2\x80\x9D") return Mark::kCurlyClose;
  if (s == "\xE2\x80\x9E") return Mark::kLowDouble;
  if (s == "\xE2\x80\x98") return Mark::kCurlySingleOpen;
  if (s == "\xE2\x80\x99") return Mark::kCurlySingleClose;
  length = 2;
  s = t.substr(i, 2);
  if (s == "\xC2\xAB") return Mark::kGuillemetOpen;
  if (s == "\xC2\xBB") return Mark::kGuillemetClose;
  length = 0;
  return Mark::kNone;
}

bool IsSpaceOrStart(std::string_view t, size_t i, size_t para_start) {
  if (i <= para_start) return true;
  char p = t[i - 1];
  return p == ' ' || p == '\n' || p == '(' || p == '[' || p == '\t';
}

bool IsLetterOrDigitAt(std::string_view t, size_t i) { return i < t.size() && IsWordByte(t, i); }

// Dutch elisions that start with an apostrophe: 's avonds, 't, 'n, 'k, 'm.
bool IsElision(std::string_view t, size_t i) {
  if (i + 2 > t.size()) return false;
  char n = static_cast<char>(std::tolower(static_cast<unsigned char>(t[i + 1])));
  bool short_word = (n == 's' || n == 't' || n == 'n' || n == 'k' || n == 'm') &&
                    (i + 2 == t.size() || !IsWordByte(t, i + 2));
  return short_word;
}

std::vector<QuoteSpan> FindQuoteSpans(std::string_view t, size_t para_start, size_t para_end) {
  std::vector<QuoteSpan> spans;
  enum class Open { kNone, kDouble, kSingle, kGuillemet };
  Open open = Open::kNone;
  QuoteSpan current;
  for (size_t i = para_start; i < para_end;) {
    size_t len = 0;
    Mark m = MarkAt(t, i, len);
    if (m == Mark::kNone) {
      size_t p = PunctuationLength(t, i);
      i += p ? p : 1;
      continue;
    }
    bool opener_position = IsSpaceOrStart(t, i, para_start) && IsLetterOrDigitAt(t, i + len) == true;
    bool opener_loose = IsSpaceOrStart(t, i, para_start) && i + len < para_end && t[i + len] != ' ';
    bool closer_position = i > para_start && t[i - 1] != ' ' &&
                           !IsLetterOrDigitAt(t, i + len);
    auto start = [&](Open kind) {
      open = kind;
      current = QuoteSpan{static_cast<uint32_t>(i), static_cast<uint32_t>(i + len), 0, 0, false};
    };
    auto finish = [&] {
      current.inner_end = static_cast<uint32_t>(i);
      current.close_end = static_cast<uint32_t>(i + len);
      if (current.inner_end > current.inner_start) spans.push_back(current);
      open = Open::kNone;
    };
    switch (open) {
      case Open::kNone:
        if ((m == Mark::kDouble || m == Mark::kCurlyOpen || m == Mark::kLowDouble ||
             m == Mark::kCommas) && opener_loose)
          start(Open::kDouble);
        else if ((m == Mark::kSingle || m == Mark::kCurlySingleOpen) && opener_position &&
                 !IsElision(t, i))
          start(Open::kSingle);
        else if (m == Mark::kGuillemetOpen)
          start(Open::kGuillemet);
        break;
      case Open::kDouble:
        if ((m == Mark::kDouble || m == Mark::kCurlyClose || m == Mark::kCurlyOpen ||
             m == Mark::kApostrophes) && closer_position)
          finish();
        break;
      case Open::kSingle:
        if ((m == Mark::kSingle || m == Mark::kCurlySingleClose) && closer_position) finish();
        break;
      case Open::kGuillemet:
        if (m == Mark::kGuillemetClose) finish();
        break;
    }
    i += len;
  }
  // A double quote left open runs to the end of its paragraph (Dutch multi-paragraph quotes
  // open every paragraph and close only the last); an open single quote was an apostrophe.
  if (open == Open::kDouble) {
    size_t end = para_end;
    while (end > current.inner_start && (t[end - 1] == ' ')) --end;
    current.inner_end = static_cast<uint32_t>(end);
    current.close_end = static_cast<uint32_t>(end);
    if (current.inner_end > current.inner_start) spans.push_back(current);
  }
  return spans;
}

// ---------------------------------------------------------------------------------------------
// Noun phrases around cues

const std::unordered_set<std::string>& Determiners() {
  static const std::unordered_set<std::string> s = {"de", "het", "een", "'s", "die", "deze",
                                                    "datzelfde", "dezelfde", "dit"};
  return s;
}

const std::unordered_set<std::string>& Pronouns() {
  static const std::unordered_set<std::string> s = {"hij", "zij", "ze", "hem", "hen", "zich"};
  return s;
}

// Lower-case words that head or modify a speaker description.
bool IsRoleWord(const std::string& w) {
  static const std::unordered_set<std::string> s = {
      "minister", "ministers", "president", "premier", "woordvoerder", "woordvoerster",
      "functionaris", "functionarissen", "bondskanselier", "kanselier", "secretaris-generaal",
      "leider", "leiders", "chef", "burgemeester", "generaal", "kolonel", "senator", "ambassadeur",
      "bron", "bronnen", "ingewijden", "media", "onderminister", "ambtgenoot", "collega",
      "voorzitter", "commissaris", "eurocommissaris", "legerleider", "regering", "regeringsleider",
      "hoofd", "topman", "topvrouw", "directeur", "diplomaat", "diplomaten", "persbureau",
      "krant", "zender", "nieuwszender", "hulporganisatie", "organisatie", "politie", "leger",
      "autoriteiten", "officier", "militairen", "deskundigen", "experts", "analisten",
      "buitenlandminister", "defensieminister", "oud-premier", "instituut", "organisatie",
      "hulporganisatie", "oud-president", "staatshoofd",
      "koning", "koningin", "paus", "rechter", "aanklager", "advocaat", "ministerie",
      "strijdkrachten", "transportminister", "minister-president", "vicepresident",
      "premierskandidaat", "zijden", "partijen", "landen"};
  if (s.count(w)) return true;
  for (std::string_view suffix : {"chef", "baas", "minister", "leider", "woordvoerder",
                                  "functionaris", "commissaris", "president", "premier"}) {
    if (w.size() > suffix.size() + 1 && w.compare(w.size() - suffix.size(), suffix.size(), suffix) == 0)
      return true;
  }
  return false;
}

// Descriptions of organisations rather than people ("de hulporganisatie", "het instituut").
// A compound names what its last part names ("telecomfabrikant", "hulporganisatie").
bool IsOrganisationWord(const std::string& w) {
  static const std::unordered_set<std::string> s = {
      "organisatie", "instituut", "denktank", "agentschap", "dienst", "ministerie", "krant",
      "zender", "persbureau", "partij", "bedrijf", "beweging", "groepering", "organisaties",
      "concern", "fabrikant", "maatschappij", "vakbond", "bond", "koepel", "bank", "bedrijven"};
  if (s.count(w)) return true;
  for (const std::string& head : s)
    if (w.size() > head.size() + 2 && w.compare(w.size() - head.size(), head.size(), head) == 0) return true;
  return false;
}

bool IsNumberWord(const std::string& w) {
  static const std::unordered_set<std::string> s = {"twee", "drie", "vier", "vijf", "zes",
                                                    "zeven", "acht", "negen", "tien", "beide",
                                                    "enkele", "meerdere", "veel"};
  return s.count(w) > 0;
}

// Sentence-initial adverbs after which the subject follows the verb ("Vrijdag zei Blinken").
bool IsFrontedAdverb(const std::string& w) {
  static const std::unordered_set<std::string> s = {
      "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "gisteren",
      "vandaag", "eerder", "later", "ook", "intussen", "daarna", "daarop", "toen", "nu", "zo",
      "eerst", "verder", "tegelijk", "daarbij", "bovendien", "wel", "al", "ondertussen", "inmiddels",
      "vervolgens", "opnieuw", "daarom", "morgen"};
  return s.count(w) > 0;
}

// Words that are never a name or part of one, capital or not: a capital on them is the
// sentence's ("In", "Dan", "Wat", "Onder", "Ik").
// Focus particles stand in first position together with the subject they focus ("Ook hij
// vermoedt dat ...", "Zelfs de minister zegt ..."): with a word between them and the verb, the
// subject is that word, not the one after the verb.
bool IsFocusParticle(const std::string& w) {
  return w == "ook" || w == "zelfs" || w == "alleen" || w == "eveneens" || w == "evenmin" || w == "juist";
}

bool IsFunctionWord(const std::string& w) {
  static const std::unordered_set<std::string> s = {
      "in", "op", "aan", "bij", "met", "voor", "na", "naar", "onder", "boven", "over", "uit",
      "tot", "om", "door", "tegen", "tijdens", "sinds", "zonder", "tussen", "dan", "wat", "wie",
      "waar", "hoe", "waarom", "toen", "nu", "maar", "en", "of", "want", "dus", "als", "omdat",
      "hoewel", "ik", "je", "jij", "u", "wij", "we", "jullie", "er", "daar", "hier", "ook", "nog",
      "al", "wel", "niet", "geen", "zo", "dat", "dit", "ons", "mijn", "jouw", "onze", "hun",
      "ze", "zij", "hij", "het",
      // time words that open sentences: "Vorig jaar zei ...", "Maandag zei ..."
      "vorig", "vorige", "volgend", "volgende", "afgelopen", "komende", "eerder", "later",
      "gisteren", "vandaag", "morgen", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag",
      "zaterdag", "zondag", "eind", "begin", "halverwege"};
  return s.count(w) > 0;
}

bool IsNpWord(const std::vector<Word>& words, size_t i, bool after_volgens) {
  const Word& w = words[i];
  if (w.verb) return false;  // "Volgens de president wordt India ...": the NP ends at the verb
  if (w.capitalized && IsFunctionWord(w.lower) && !Determiners().count(w.lower) && !Pronouns().count(w.lower))
    return false;
  if (w.capitalized) return true;
  if (after_volgens && (w.lower == "zijn" || w.lower == "haar")) return false;
  if (Determiners().count(w.lower) || Pronouns().count(w.lower) || IsRoleWord(w.lower) ||
      IsOrganisationWord(w.lower) || IsNumberWord(w.lower))
    return true;
  if (w.lower == "zijn" || w.lower == "haar" || w.lower == "hun") return i + 1 < words.size() && IsRoleWord(words[i + 1].lower);
  // "van" inside names and titles: minister van Defensie, Huis van Afgevaardigden.
  if ((w.lower == "van" || w.lower == "der" || w.lower == "den") && i + 1 < words.size()) {
    const Word& n = words[i + 1];
    if (n.capitalized) return true;
    // "Martijn van der Wind", "Ursula von der Leyen"
    if ((n.lower == "der" || n.lower == "den") && i + 2 < words.size() && words[i + 2].capitalized) return true;
    if ((n.lower == "de" || n.lower == "het") && i + 2 < words.size() && words[i + 2].capitalized)
      return true;
  }
  // A lower-case title or description right before a name: "politiedienst Europol",
  // "transportminister Philippe Tabarot".
  if (i + 1 < words.size() && words[i + 1].capitalized && !IsFrontedAdverb(w.lower) &&
      w.lower.size() > 3 && !Determiners().count(w.lower))
    return true;
  // An adjective before such a title: "militair historicus Christ Klep".
  if (i + 2 < words.size() && words[i + 2].capitalized && !words[i + 1].capitalized && !words[i + 1].verb &&
      !IsFunctionWord(w.lower) && !IsFunctionWord(words[i + 1].lower) && !IsFrontedAdverb(w.lower) &&
      w.lower.size() > 3 && words[i + 1].lower.size() > 3 && !Determiners().count(w.lower))
    return true;
  // Adjectives before a role: "lokale media", "de voormalige president".
  if (w.lower.size() > 2 && w.lower.back() == 'e' && i + 1 < words.size() &&
      (words[i + 1].capitalized || IsRoleWord(words[i + 1].lower) || IsOrganisationWord(words[i + 1].lower)))
    return true;
  return false;
}

struct Np {
  size_t begin = 0, end = 0;  // word indices
  bool empty() const { return end <= begin; }
};

Np NpFrom(const std::vector<Word>& words, size_t i, size_t limit, bool after_volgens = false) {
  Np np{i, i};
  while (np.end < limit && np.end - np.begin < 10 && IsNpWord(words, np.end, after_volgens)) {
    // A pronoun is a whole NP on its own.
    if (Pronouns().count(words[np.end].lower)) {
      if (np.end == np.begin) ++np.end;
      break;
    }
    ++np.end;
  }
  // Trailing determiners or "van" are not part of the NP.
  while (!np.empty() && (Determiners().count(words[np.end - 1].lower) || words[np.end - 1].lower == "van"))
    --np.end;
  return np;
}

// ---------------------------------------------------------------------------------------------
// Speakers

struct Speaker {
  std::string name;
  std::optional<std::string> id;
  std::optional<std::string> actor;
  bool person = false;
};

class SpeakerResolver {
 public:
  explicit SpeakerResolver(const Document& doc) : doc_(doc) {}

  // `clause_end`: where the speaker's clause ends; a name a little after a bare description
  // ("oud-premier en premierskandidaat ... Nouri al-Maliki") still belongs to it.
  Speaker Resolve(const std::vector<Word>& words, Np np, uint32_t clause_end = 0) {
    if (np.empty()) return Latest();
    uint32_t start = words[np.begin].start, end = words[np.end - 1].end;
    std::string surface(doc_.text.substr(start, end - start));
    const std::string& first = words[np.begin].lower;
    if (np.end - np.begin == 1 && Pronouns().count(first)) {
      // Plural "hen" refers back to whoever spoke last ("drie ingewijden").
      Speaker s = first == "hen" ? Latest() : PronounReferent(start);
      if (s.name.empty()) s = Latest();
      // An unresolved pronoun names nobody: no speaker (the quote is dropped unless the tree
      // stage finds one) rather than "Hij".
      return s.name.empty() ? s : Remember(std::move(s));
    }
    const EntityMention* person = nullptr;
    const EntityMention* head = nullptr;  // the last non-person mention: the NP's head
    for (size_t k = FirstAt(start); k < doc_.entities.size() && doc_.entities[k].span.start < end; ++k) {
      const EntityMention& e = doc_.entities[k];
      if (e.span.end > end) continue;
      if (e.type == "PER") person = &e;
      else head = &e;
    }
    if (!person && clause_end > end) {
      for (size_t k = FirstAt(end); k < doc_.entities.size(); ++k) {
        const EntityMention& e = doc_.entities[k];
        if (e.span.start >= clause_end || e.span.start - end > 80) break;
        if (doc_.text.find(',', end) < e.span.start) break;
        if (e.type == "PER") {
          person = &e;
          break;
        }
      }
    }
    if (person) return Remember(FromMention(*person));
    bool indefinite = first == "een";
    bool head_is_modifier = false;
    // Only "de/het <role>" points back to one person; "drie ingewijden", "beide zijden" do not.
    bool definite = first == "de" || first == "het";
    bool role = false, org_role = false;
    for (size_t k = np.begin; k < np.end; ++k) {
      role = role || IsRoleWord(words[k].lower);
      org_role = org_role || IsOrganisationWord(words[k].lower);
    }
    std::optional<std::string> actor = head ? head->actor : std::nullopt;
    // An adjective of nationality ("het Chinese concern") lends its actor, not its name.
    if (head && head->type == "MISC" && head->span.end < end) head_is_modifier = true;
    if (!indefinite && org_role && (!head || head_is_modifier)) {
      // "de hulporganisatie", "Datzelfde instituut": the latest organisation mentioned.
      if (const EntityMention* o = LatestOfType("ORG", start)) return Remember(FromMention(*o));
    }
    if (!indefinite && role && !org_role) {
      // "de NAVO-chef", "De Russische minister": the latest person acting for that actor;
      // "de buitenlandchef" without an actor: the person who spoke last.
      if (actor) {
        if (const EntityMention* p = LatestPersonWithActor(*actor, start)) return Remember(FromMention(*p));
      } else if (definite) {
        // "de president": the person last introduced with that title ("President Trump"),
        // else the person who spoke last.
        const std::string& title = words[np.end - 1].lower;
        if (const EntityMention* p = LatestTitled(title, start)) return Remember(FromMention(*p));
        if (latest_person_) return Remember(*latest_person_);
      }
    }
    Speaker s;
    if (head && !role && !head_is_modifier) {
      s = FromMention(*head);
    } else {
      s.name = surface;
      s.actor = actor;
    }
    return Remember(std::move(s));
  }

  Speaker Latest() const { return latest_; }
  Speaker Use(const EntityMention& e) { return Remember(FromMention(e)); }

  // A pronoun's referent: the first person named in its own sentence before it, else the first
  // person named in the sentence before (the subject, usually), else the person who spoke
  // last, else the latest person mentioned.
  Speaker PronounReferent(uint32_t at) const {
    const auto& sentences = doc_.sentences;
    auto it = std::upper_bound(sentences.begin(), sentences.end(), at,
                               [](uint32_t pos, const ByteSpan& s) { return pos < s.start; });
    int here = static_cast<int>(it - sentences.begin()) - 1;
    for (int k : {here, here - 1}) {
      if (k < 0) continue;
      for (size_t i = FirstAt(sentences[k].start); i < doc_.entities.size(); ++i) {
        const EntityMention& e = doc_.entities[i];
        if (e.span.start >= at || e.span.start >= sentences[k].end) break;
        if (e.type == "PER" && e.span.end <= sentences[k].end) return FromMention(e);
      }
    }
    if (latest_person_) return *latest_person_;
    const EntityMention* mention = LatestOfType("PER", at);
    return mention ? FromMention(*mention) : Speaker();
  }

  // The latest person mentioned right after `title` ("president Trump", "de Amerikaanse
  // president Donald Trump"), before `before`.
  const EntityMention* LatestTitled(const std::string& title, uint32_t before) const {
    if (!IsRoleWord(title)) return nullptr;
    return LatestBefore(before, [&](const EntityMention& e) {
      if (e.type != "PER" || e.span.start < title.size() + 1) return false;
      size_t end = e.span.start;
      while (end > 0 && doc_.text[end - 1] == ' ') --end;
      if (end < title.size()) return false;
      std::string word = doc_.text.substr(end - title.size(), title.size());
      for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return word == title && (end == title.size() || !std::isalpha(static_cast<unsigned char>(doc_.text[end - title.size() - 1])));
    });
  }

  const EntityMention* LatestOfType(const char* type, uint32_t before) const {
    return LatestBefore(before, [&](const EntityMention& e) { return e.type == type; });
  }

  // Index of the first mention starting at or after `pos`.
  size_t FirstAt(uint32_t pos) const {
    auto it = std::lower_bound(doc_.entities.begin(), doc_.entities.end(), pos,
                               [](const EntityMention& e, uint32_t p) { return e.span.start < p; });
    return static_cast<size_t>(it - doc_.entities.begin());
  }

  // The latest mention before `before` that satisfies `pred`, looking back a bounded number of
  // mentions: a referent further back is implausible, and the bound keeps huge texts linear.
  template <typename Pred>
  const EntityMention* LatestBefore(uint32_t before, Pred pred) const {
    constexpr size_t kLookBack = 200;
    size_t end = FirstAt(before);
    for (size_t k = end, seen = 0; k-- > 0 && seen < kLookBack; ++seen)
      if (pred(doc_.entities[k])) return &doc_.entities[k];
    return nullptr;
  }

  // The speaker named before a colon that introduces a quotation, in the press convention
  // "Merlijn Stoffels (Rode Kruis): '...'" or "Laan: '...'": the first person named in
  // [from, to), else the first organisation; empty when neither is named there.
  Speaker NamedBeforeColon(uint32_t from, uint32_t to) {
    const EntityMention* org = nullptr;
    for (size_t k = FirstAt(from); k < doc_.entities.size() && doc_.entities[k].span.start < to; ++k) {
      const EntityMention& e = doc_.entities[k];
      if (e.span.end > to) break;
      if (e.type == "PER") return Remember(FromMention(e));
      if (e.type == "ORG" && !org) org = &e;
    }
    return org ? Remember(FromMention(*org)) : Speaker();
  }

  Speaker Remember(Speaker s) {
    if (!s.name.empty()) latest_ = s;
    if (s.person) latest_person_ = s;
    return s;
  }

 private:
  static Speaker FromMention(const EntityMention& e) {
    Speaker s;
    s.name = e.name.empty() ? e.text : e.name;
    if (!e.id.empty()) s.id = e.id;
    s.actor = e.actor;
    s.person = e.type == "PER";
    return s;
  }

  const EntityMention* LatestPersonWithActor(const std::string& actor, uint32_t before) const {
    return LatestBefore(before, [&](const EntityMention& e) { return e.type == "PER" && e.actor == actor; });
  }

  const Document& doc_;
  Speaker latest_;
  std::optional<Speaker> latest_person_;
};

// ---------------------------------------------------------------------------------------------
// Extraction

struct CueHit {
  size_t first = 0, last = 0;  // word indices of the cue's first and last word
  CueKind kind = CueKind::kVerb;
  std::vector<size_t> parts;   // the cue's own words when others stand between ("liet X weten")
};

// Spans are in text order and never overlap, so both their starts and ends are sorted.
bool InsideSpan(uint32_t pos, const std::vector<QuoteSpan>& spans) {
  auto it = std::upper_bound(spans.begin(), spans.end(), pos,
                             [](uint32_t p, const QuoteSpan& q) { return p < q.inner_end; });
  return it != spans.end() && it->inner_start <= pos;
}

std::vector<CueHit> FindCues(const std::vector<Word>& words, const QuoteLexicon& lexicon,
                             const std::vector<QuoteSpan>& spans) {
  std::vector<CueHit> hits;
  for (size_t i = 0; i < words.size(); ++i) {
    if (InsideSpan(words[i].start, spans)) continue;
    const auto* cues = lexicon.Find(words[i].lower);
    if (!cues) continue;
    // "te herhalen", "te zeggen": an infinitive complement reports nothing by itself.
    if (i > 0 && words[i - 1].lower == "te") continue;
    for (const auto& cue : *cues) {
      size_t k = i + 1, matched = 1;
      // Later words of a multi-word cue may be separated ("maakte al meteen duidelijk"), by
      // the whole subject with its apposition when it is inverted ("liet Mario Draghi, de
      // president van de ECB, weten").
      std::vector<size_t> parts{i};
      for (; matched < cue.words.size() && k < words.size() && k <= i + 12; ++k)
        if (words[k].lower == cue.words[matched]) {
          ++matched;
          parts.push_back(k);
        }
      if (matched == cue.words.size()) {
        hits.push_back({i, cue.words.size() == 1 ? i : k - 1, cue.kind, std::move(parts)});
        i = hits.back().last;
        break;
      }
    }
  }
  return hits;
}

std::string_view TrimPunct(std::string_view s, uint32_t& start, uint32_t& end) {
  auto is_trim = [](char c) { return c == ' ' || c == ',' || c == '.' || c == ':' || c == ';' || c == '\n'; };
  while (start < end && is_trim(s[start])) ++start;
  while (end > start && is_trim(s[end - 1])) --end;
  return s.substr(start, end - start);
}

class Extractor {
 public:
  Extractor(const Document& doc, const QuoteLexicon& lexicon)
      : doc_(doc), lexicon_(lexicon), speakers_(doc) {}

  std::vector<Quote> Run() {
    const std::string& t = doc_.text;
    if (doc_.tokens)
      for (const SyntaxToken& tok : *doc_.tokens)
        if (tok.upos == "VERB" || tok.upos == "AUX") verb_starts_.insert(tok.span.start);
    // Paragraphs and their quote spans.
    for (size_t p = 0; p <= t.size();) {
      size_t end = t.find("\n\n", p);
      if (end == std::string::npos) end = t.size();
      auto spans = FindQuoteSpans(t, p, end);
      spans_.insert(spans_.end(), spans.begin(), spans.end());
      paragraph_starts_.push_back(static_cast<uint32_t>(p));
      p = end + 2;
    }
    std::vector<ByteSpan> sentences = doc_.sentences;
    if (sentences.empty()) {
      for (size_t p = 0; p < t.size();) {
        size_t end = t.find("\n\n", p);
        if (end == std::string::npos) end = t.size();
        sentences.push_back({static_cast<uint32_t>(p), static_cast<uint32_t>(end)});
        p = end + 2;
      }
    }
    for (size_t k = 0; k < sentences.size(); ++k) Sentence(sentences, k);
    std::sort(quotes_.begin(), quotes_.end(),
              [](const Quote& a, const Quote& b) { return a.span.start < b.span.start; });
    return std::move(quotes_);
  }

 private:
  bool SameParagraph(uint32_t a, uint32_t b) const {
    auto para = [&](uint32_t pos) {
      return std::upper_bound(paragraph_starts_.begin(), paragraph_starts_.end(), pos) -
             paragraph_starts_.begin();
    };
    return para(a) == para(b);
  }

  // Indices [first, last) of the quotations overlapping bytes [from, to).
  std::pair<size_t, size_t> SpansOverlapping(uint32_t from, uint32_t to) const {
    auto first = std::upper_bound(spans_.begin(), spans_.end(), from,
                                  [](uint32_t p, const QuoteSpan& q) { return p < q.close_end; });
    auto last = std::lower_bound(first, spans_.end(), to,
                                 [](const QuoteSpan& q, uint32_t p) { return q.open < p; });
    return {static_cast<size_t>(first - spans_.begin()), static_cast<size_t>(last - spans_.begin())};
  }

  // Quotes already made whose span lies within [from, to). Quotes are appended in text order
  // (nearly: a claimed earlier sentence may follow), so only the tail needs looking at.
  template <typename Fn>
  void ForRecentQuotesWithin(uint32_t from, uint32_t to, Fn fn) {
    constexpr size_t kTail = 32;
    size_t begin = quotes_.size() > kTail ? quotes_.size() - kTail : 0;
    for (size_t i = begin; i < quotes_.size(); ++i)
      if (quotes_[i].span.start >= from && quotes_[i].span.end <= to) fn(quotes_[i]);
  }

  void EraseRecentUncuedWithin(uint32_t from, uint32_t to) {
    constexpr size_t kTail = 32;
    size_t begin = quotes_.size() > kTail ? quotes_.size() - kTail : 0;
    quotes_.erase(std::remove_if(quotes_.begin() + static_cast<long>(begin), quotes_.end(),
                                 [&](const Quote& q) {
                                   return q.cue.empty() && q.span.start >= from && q.span.end <= to;
                                 }),
                  quotes_.end());
  }

  void Add(uint32_t start, uint32_t end, const Speaker& speaker, std::string cue, bool direct_hint) {
    std::string_view text = TrimPunct(doc_.text, start, end);
    if (text.empty()) return;
    // Direct when the whole content lies inside one quotation; every quotation it touches is
    // accounted for.
    bool direct = direct_hint;
    auto [first, last] = SpansOverlapping(start, end + 1);
    for (size_t i = first; i < last; ++i) {
      QuoteSpan& q = spans_[i];
      if (q.inner_start < end && q.inner_end > start) q.claimed = true;
      if (q.inner_start <= start && q.inner_end >= end) direct = true;
    }
    Quote quote;
    quote.span = {start, end};
    quote.text = std::string(text);
    quote.direct = direct;
    quote.speaker = speaker.name;
    quote.speaker_id = speaker.id;
    quote.speaker_actor = speaker.actor;
    quote.cue = std::move(cue);
    quotes_.push_back(std::move(quote));
  }

  // The range of reported content [start, end) with surrounding quote marks removed.
  std::pair<uint32_t, uint32_t> Unquote(uint32_t start, uint32_t end) const {
    const std::string& t = doc_.text;
    auto [first, last] = SpansOverlapping(start, end + 1);
    for (size_t i = first; i < last; ++i) {
      const QuoteSpan& q = spans_[i];
      uint32_t s = start, e = end;
      while (s < e && t[s] == ' ') ++s;
      while (e > s && (t[e - 1] == ' ' || t[e - 1] == ',' || t[e - 1] == '.')) --e;
      if (q.open == s && q.close_end >= e && q.inner_start < e) return {q.inner_start, std::min(q.inner_end, e)};
      if (q.open == s && q.close_end == e) return {q.inner_start, q.inner_end};
    }
    return {start, end};
  }

  std::string CueText(const std::vector<Word>& words, const CueHit& hit) const {
    if (hit.parts.size() > 1 && hit.parts.back() - hit.parts.front() + 1 > hit.parts.size()) {
      std::string out;
      for (size_t k : hit.parts) {
        if (!out.empty()) out += ' ';
        out += doc_.text.substr(words[k].start, words[k].end - words[k].start);
      }
      return out;
    }
    return doc_.text.substr(words[hit.first].start, words[hit.last].end - words[hit.first].start);
  }

  void Sentence(const std::vector<ByteSpan>& sentences, size_t k) {
    const ByteSpan s = sentences[k];
    const std::string& t = doc_.text;
    std::vector<Word> words = ScanWords(t, s.start, s.end);
    MarkVerbs(words);
    if (words.empty()) return;
    std::vector<CueHit> cues = FindCues(words, lexicon_, spans_);

    // 1. "Dat zei X." / "Dat heeft X gezegd." claims the previous sentence.
    if (words[0].lower == "dat" && words.size() > 1 && k > 0 &&
        SameParagraph(sentences[k - 1].start, s.start)) {
      for (const CueHit& hit : cues) {
        if (hit.kind != CueKind::kVerb) continue;
        bool direct_verb = hit.first == 1;
        bool perfect = words[1].lower == "heeft" || words[1].lower == "hebben";
        if (!direct_verb && !perfect) break;
        Np np = direct_verb ? NpFrom(words, hit.last + 1, words.size()) : NpFrom(words, 2, hit.first);
        Speaker speaker = speakers_.Resolve(words, np, s.end);
        ByteSpan prev = sentences[k - 1];
        bool already_cued = false;
        ForRecentQuotesWithin(prev.start, prev.end,
                              [&](const Quote& q) { already_cued = already_cued || !q.cue.empty(); });
        if (!already_cued) {
          // Context-attributed quotations inside it are replaced by the attributed sentence.
          EraseRecentUncuedWithin(prev.start, prev.end);
          auto [a, b] = Unquote(prev.start, prev.end);
          Add(a, b, speaker, "Dat " + CueText(words, hit), false);
        }
        Uncued(s, CueText(words, hit), speaker);
        return;
      }
    }

    Speaker sentence_speaker;
    bool have_speaker = false;
    for (const CueHit& hit : cues) {
      const Word& cw = words[hit.first];
      // Text between the previous word and the cue: a comma or closing quote makes it trailing.
      uint32_t gap_start = hit.first > 0 ? words[hit.first - 1].end : s.start;
      std::string_view gap(t.data() + gap_start, cw.start - gap_start);
      // '"...", zei hij' or '"...?" vroeg hij': a comma, or a question or exclamation mark.
      bool after_comma = gap.find(',') != std::string_view::npos ||
                         gap.find('?') != std::string_view::npos ||
                         gap.find('!') != std::string_view::npos;
      // A trailing cue is inverted: its subject follows it ('..., zei Blinken'). A verb after
      // a comma with no subject after it ends an inserted clause instead ("X, wiens naam op de
      // facturen staat, zegt niks te weten"): case 5 below.
      Np trailing_np;
      if ((hit.kind == CueKind::kVerb || hit.kind == CueKind::kAldus) && after_comma) {
        trailing_np = NpFrom(words, hit.last + 1, words.size());
        // A separable cue holds its inverted subject between its parts: '..., legt Laan uit.'
        if (trailing_np.empty() && hit.parts.size() > 1 && hit.parts[1] > hit.parts[0] + 1)
          trailing_np = NpFrom(words, hit.parts[0] + 1, hit.parts[1]);
      }
      bool quote_closes = gap.find('\'') != std::string_view::npos || gap.find('"') != std::string_view::npos ||
                          gap.find("\xe2\x80") != std::string_view::npos;
      if ((hit.kind == CueKind::kVerb || hit.kind == CueKind::kAldus) && after_comma && hit.first > 0 &&
          (!trailing_np.empty() || quote_closes || hit.kind == CueKind::kAldus)) {
        // 2. '"...", zei Blinken.' / '..., aldus Lavrov.'
        Np np = trailing_np;
        Speaker speaker = speakers_.Resolve(words, np, s.end);
        uint32_t content_end = gap_start;
        uint32_t content_start = s.start;
        // A quotation closing right before the cue may have opened sentences earlier.
        auto [first, last] = SpansOverlapping(gap_start > 0 ? gap_start - 1 : 0, cw.start + 1);
        for (size_t i = first; i < last; ++i) {
          const QuoteSpan& q = spans_[i];
          if (q.close_end <= cw.start && q.close_end >= gap_start && q.open < s.start &&
              SameParagraph(q.open, s.start)) {
            content_start = q.open;
            // Earlier sentences of that quotation are claimed by this cue: drop their
            // context-attributed quotes.
            EraseRecentUncuedWithin(q.inner_start, q.inner_end);
          }
        }
        auto [a, b] = Unquote(content_start, content_end);
        Add(a, b, speaker, CueText(words, hit), false);
        sentence_speaker = speaker;
        have_speaker = true;
        break;
      }
      if (hit.kind == CueKind::kPreposition) {
        // 3. "Volgens X ..." (content after X) or "... volgens X ..." (the whole sentence).
        Np np = NpFrom(words, hit.last + 1, words.size(), /*after_volgens=*/true);
        // "volgens onderzoek", "volgens bronnen": a bare noun is the source as written.
        if (np.empty() && hit.last + 2 < words.size() && !words[hit.last + 1].verb &&
            words[hit.last + 1].lower.size() > 3 && std::isalpha(static_cast<unsigned char>(words[hit.last + 1].lower[0])))
          np = Np{hit.last + 1, hit.last + 2};
        Speaker speaker = speakers_.Resolve(words, np);
        uint32_t a = s.start, b = s.end;
        if (hit.first == 0) a = np.empty() ? words[hit.last].end : words[np.end - 1].end;
        // "... volgens verschillende exitpolls." at the end: the source is not part of the content.
        else if (!np.empty() && np.end == words.size()) b = words[hit.first].start;
        Add(a, b, speaker, CueText(words, hit), false);
        sentence_speaker = speaker;
        have_speaker = true;
        break;
      }
      if (hit.kind == CueKind::kSelf) {
        // 4. "X hebben naar eigen zeggen ..." : the sentence is the subject's account.
        Speaker speaker = speakers_.Resolve(words, NpFrom(words, 0, hit.first));
        Add(s.start, s.end, speaker, CueText(words, hit), false);
        sentence_speaker = speaker;
        have_speaker = true;
        break;
      }
      if (hit.kind == CueKind::kVerb || hit.kind == CueKind::kNoun) {
        // 5. "X zei (vrijdag) dat ...", "X maakte duidelijk ... te ...", 'X zei: "..."'.
        Np subject;
        if (hit.kind == CueKind::kNoun) {
          // "met de opmerking dat ...": only with the content clause right after the noun.
          if (hit.last + 1 >= words.size() || words[hit.last + 1].lower != "dat") continue;
          subject = NpFrom(words, 0, words.size());
        } else if (hit.first == 0 || (IsFrontedAdverb(words[0].lower) &&
                                      !(IsFocusParticle(words[0].lower) && hit.first > 1))) {
          subject = NpFrom(words, hit.last + 1, words.size());
        } else {
          subject = NpFrom(words, IsFocusParticle(words[0].lower) ? 1 : 0, hit.first);
          if (subject.empty()) subject = NpFrom(words, hit.last + 1, words.size());
        }
        size_t after = std::max(hit.last + 1, subject.begin > hit.last ? subject.end : hit.last + 1);
        std::optional<uint32_t> content_start;
        for (size_t j = after; j < words.size() && j <= after + 15; ++j) {
          if (InsideSpan(words[j].start, spans_)) break;
          if (words[j].lower == "dat" || words[j].lower == "of") {
            content_start = words[j].end;
            break;
          }
        }
        if (!content_start && hit.kind == CueKind::kVerb) {
          // A colon or a quotation right after the cue.
          uint32_t from = words[hit.last].end;
          auto [first, last] = SpansOverlapping(from, s.end + 1);
          for (size_t i = first; i < last; ++i) {
            const QuoteSpan& q = spans_[i];
            if (q.open >= from && q.open <= s.end &&
                t.find_first_not_of(" :", from) == q.open) {
              content_start = q.open;
              break;
            }
          }
          // Infinitival content: "zei nog voor niemand bang te zijn".
          if (!content_start) {
            size_t j = after;
            while (j < words.size() && IsFrontedAdverb(words[j].lower)) ++j;
            bool has_te = false;
            for (size_t m = j; m < words.size(); ++m) has_te = has_te || words[m].lower == "te";
            if (has_te && j < words.size()) content_start = words[j].start;
          }
        }
        if (!content_start) {
          if (!have_speaker) {
            sentence_speaker = speakers_.Resolve(words, subject);
            have_speaker = true;
          }
          continue;
        }
        Speaker speaker = speakers_.Resolve(words, subject);
        auto [a, b] = Unquote(*content_start, s.end);
        Add(a, b, speaker, CueText(words, hit), false);
        sentence_speaker = speaker;
        have_speaker = true;
        break;
      }
    }
    std::string cue_text = cues.empty() ? "" : CueText(words, cues.front());
    if (!have_speaker && Pronouns().count(words[0].lower)) {
      // 'Ze is daar om te tonen dat ze ... "zeer moeilijke tijd"': the subject speaks.
      sentence_speaker = speakers_.Resolve(words, Np{0, 1});
      have_speaker = true;
    }
    Uncued(s, cue_text, have_speaker ? sentence_speaker : ContextSpeaker(k));
  }

  // Who speaks the uncued quotations of sentence `k`: the person the sentence before introduced
  // as its subject ("Kroes reageert verbaasd. 'Dat is ...'"), when no quotation stands between;
  // else whoever spoke last.
  Speaker ContextSpeaker(size_t k) {
    if (k > 0 && doc_.tokens) {
      const ByteSpan prev = doc_.sentences[k - 1];
      bool quoted = !quotes_.empty() && quotes_.back().span.end > prev.start;
      if (!quoted) {
        const auto& tokens = *doc_.tokens;
        auto t = std::lower_bound(tokens.begin(), tokens.end(), prev.start,
                                  [](const SyntaxToken& x, uint32_t p) { return x.span.start < p; });
        for (; t != tokens.end() && t->span.start < prev.end; ++t) {
          if (t->deprel != "nsubj") continue;
          // The mention covering the subject word, if it names a person.
          auto e = std::upper_bound(doc_.entities.begin(), doc_.entities.end(), t->span.start,
                                    [](uint32_t p, const EntityMention& m) { return p < m.span.start; });
          if (e == doc_.entities.begin()) continue;
          --e;
          if (e->type == "PER" && t->span.end <= e->span.end) return speakers_.Use(*e);
        }
      }
    }
    return speakers_.Latest();
  }

  // Direct quotations opening in this sentence that no cue claimed: attributed to the sentence's
  // speaker, else the one in context. Short fragments without any cue are scare quotes
  // ("een eerdere 'munitietoer'"), not quotations.
  void Uncued(ByteSpan s, const std::string& cue, const Speaker& speaker) {
    auto [first, last] = SpansOverlapping(s.start, s.end);
    for (size_t i = first; i < last; ++i) {
      QuoteSpan& q = spans_[i];
      if (q.claimed || q.open < s.start || q.open >= s.end) continue;
      q.claimed = true;
      std::string_view inner(doc_.text.data() + q.inner_start, q.inner_end - q.inner_start);
      size_t n_words = 1;
      for (char c : inner) n_words += c == ' ';
      if (n_words < 3 && cue.empty()) continue;
      // "Naam (functie): '...'": the name before the colon speaks. The name stands between the
      // sentence start (or the quotation before) and the colon.
      size_t colon = doc_.text.find_last_not_of(' ', q.open > 0 ? q.open - 1 : 0);
      if (q.open > s.start && colon != std::string::npos && colon >= s.start && doc_.text[colon] == ':') {
        uint32_t from = s.start;
        for (size_t j = first; j < i; ++j)
          if (spans_[j].close_end <= colon) from = std::max(from, spans_[j].close_end);
        Speaker named = speakers_.NamedBeforeColon(from, static_cast<uint32_t>(colon));
        if (!named.name.empty()) {
          Add(q.inner_start, q.inner_end, named, cue, true);
          continue;
        }
      }
      Add(q.inner_start, q.inner_end, speaker.name.empty() ? speakers_.Latest() : speaker, cue, true);
    }
  }

  const Document& doc_;
  const QuoteLexicon& lexicon_;
  SpeakerResolver speakers_;
  std::unordered_set<uint32_t> verb_starts_;  // where the syntax stage tagged a verb

  void MarkVerbs(std::vector<Word>& words) const {
    if (verb_starts_.empty()) return;
    for (Word& w : words) w.verb = verb_starts_.count(w.start) > 0;
  }
  std::vector<QuoteSpan> spans_;
  std::vector<uint32_t> paragraph_starts_;
  std::vector<Quote> quotes_;
};

}  // namespace

std::vector<Quote> ExtractQuotes(const Document& doc, const QuoteLexicon& lexicon) {
  return Extractor(doc, lexicon).Run();
}

}  // namespace wirewatch
