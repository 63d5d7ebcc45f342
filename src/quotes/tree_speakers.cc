// Speakers from the dependency tree: the subject of the cue verb, not the word that happens
// to stand next to it. "Vorige week kondigde de Indiase regering aan dat ..." is said by the
// Indian government (the nsubj of "kondigde aan"), not by "Vorige"; "Volgens Trump ..." by the
// noun "volgens" governs. Runs after ExtractQuotes when the syntax stage has parsed the text
// and replaces a speaker only where the tree names one.
#include <algorithm>

#include "quotes/quotes.h"

namespace wirewatch {
namespace {

bool OneOf(std::string_view w, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), w) != set.end();
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

struct SentenceTree {
  size_t begin = 0, end = 0;  // range in doc.tokens
  std::vector<std::vector<size_t>> kids;  // by position in the sentence
};

class Attributor {
 public:
  explicit Attributor(Document& doc) : doc_(doc), tokens_(*doc.tokens) {}

  void Run() {
    for (Quote& q : doc_.quotes) {
      if (q.cue.empty()) continue;
      size_t cue = FindCue(q);
      if (cue == kNone) continue;
      size_t subject = SpeakerPhrase(cue);
      if (subject == kNone) continue;
      // A subject inside the quoted words is part of what is said, not who says it; but when
      // word order made the subject the content ("David Gauke, de minister van Justitie, zei
      // dat hij ..."), the tree's content clause is what is said.
      // "volgens X" stands inside the sentence it reports: X is the source, the clause it
      // modifies the content.
      if (tokens_[cue].deprel == "case" && !q.direct && Lower(Form(cue)) == "volgens") {
        Assign(q, subject);
        SpanAroundSource(q, subject);
        continue;
      }
      const ByteSpan& s = tokens_[subject].span;
      if (s.start >= q.span.start && s.end <= q.span.end) {
        if (q.direct || !MoveToContentClause(q, cue)) continue;
      }
      Assign(q, subject);
    }
  }

 private:
  static constexpr size_t kNone = SIZE_MAX;

  std::string_view Form(size_t i) const {
    const ByteSpan& s = tokens_[i].span;
    return std::string_view(doc_.text).substr(s.start, s.end - s.start);
  }

  // Tokens of the sentence holding token `i`: [begin, end).
  std::pair<size_t, size_t> SentenceOf(size_t i) const {
    size_t b = i, e = i;
    while (b > 0 && tokens_[b - 1].sentence == tokens_[i].sentence) --b;
    while (e < tokens_.size() && tokens_[e].sentence == tokens_[i].sentence) ++e;
    return {b, e};
  }

  size_t Head(size_t i) const {
    if (tokens_[i].head == 0) return kNone;
    auto [b, e] = SentenceOf(i);
    size_t h = b + tokens_[i].head - 1;
    return h < e ? h : kNone;
  }

  std::vector<size_t> Kids(size_t i) const {
    auto [b, e] = SentenceOf(i);
    std::vector<size_t> out;
    for (size_t k = b; k < e; ++k)
      if (tokens_[k].head == i - b + 1) out.push_back(k);
    return out;
  }

  // The token of the cue's first word nearest to the quote, outside it, in the sentences the
  // quote starts or ends in.
  size_t FindCue(const Quote& q) const {
    std::string first = Lower(q.cue.substr(0, q.cue.find(' ')));
    size_t best = kNone;
    uint32_t best_distance = UINT32_MAX;
    // Tokens are in text order: look around the quote only.
    auto lo = std::lower_bound(tokens_.begin(), tokens_.end(), q.span.start,
                               [](const SyntaxToken& t, uint32_t p) { return t.span.end <= p; });
    size_t start = static_cast<size_t>(lo - tokens_.begin());
    size_t from = start > 60 ? start - 60 : 0;
    for (size_t i = from; i < tokens_.size() && tokens_[i].span.start < q.span.end + 400; ++i) {
      const ByteSpan& s = tokens_[i].span;
      // "... die volgens de autoriteiten dicht bij Poetin staan": an indirect quote may hold
      // its own "volgens"; other cues inside the content are what is said.
      bool inside = s.start >= q.span.start && s.end <= q.span.end;
      if (inside && (q.direct || first != "volgens")) continue;
      if (Lower(Form(i)) != first) continue;
      uint32_t d = inside ? 0 : s.end <= q.span.start ? q.span.start - s.end : s.start - q.span.end;
      if (d < best_distance) {
        best_distance = d;
        best = i;
      }
    }
    return best_distance < 400 ? best : kNone;
  }

  // The phrase that names who speaks through the cue at `cue`.
  size_t SpeakerPhrase(size_t cue) const {
    const SyntaxToken& t = tokens_[cue];
    std::string_view deprel = t.deprel;
    if (t.upos == "VERB" || t.upos == "AUX") {
      size_t v = cue;
      for (int depth = 0; v != kNone && depth < 3; ++depth) {
        std::vector<size_t> kids = Kids(v);
        bool passive = std::any_of(kids.begin(), kids.end(),
                                   [&](size_t k) { return tokens_[k].deprel == "aux:pass"; });
        for (size_t k : kids)
          if (tokens_[k].deprel == (passive ? "obl:agent" : "nsubj")) return k;
        // An auxiliary or a coordinated verb shares the subject of its head.
        if (deprel == "aux" || deprel == "conj") {
          v = Head(v);
          if (v != kNone) deprel = tokens_[v].deprel;
          continue;
        }
        break;
      }
      return kNone;
    }
    // "volgens X": the cue is the case word of X.
    if (t.deprel == "case") return Head(cue);
    return kNone;
  }

  // Re-spans an indirect quote onto the content clause (ccomp) the cue verb governs after
  // itself, without its "dat"/"of"; false when there is none.
  bool MoveToContentClause(Quote& q, size_t cue) const {
    size_t verb = cue;
    if (tokens_[verb].deprel == "aux" || tokens_[verb].deprel == "aux:pass") verb = Head(verb);
    if (verb == kNone) return false;
    for (size_t k : Kids(verb)) {
      if (tokens_[k].deprel != "ccomp" || tokens_[k].span.start < tokens_[cue].span.end) continue;
      auto [lo, hi] = SubtreeRange(k);
      while (lo < hi && (tokens_[lo].deprel == "mark" || tokens_[lo].upos == "PUNCT")) ++lo;
      while (hi > lo && tokens_[hi].upos == "PUNCT") --hi;
      q.span = {tokens_[lo].span.start, tokens_[hi].span.end};
      q.text = doc_.text.substr(q.span.start, q.span.end - q.span.start);
      return true;
    }
    return false;
  }

  // The tokens of the subtree of `h`: [lo, hi].
  std::pair<size_t, size_t> SubtreeRange(size_t h) const {
    size_t lo = h, hi = h;
    std::vector<size_t> todo{h};
    for (size_t n = 0; n < todo.size(); ++n) {
      lo = std::min(lo, todo[n]);
      hi = std::max(hi, todo[n]);
      for (size_t c : Kids(todo[n])) todo.push_back(c);
    }
    return {lo, hi};
  }

  // "volgens X" inside a subordinate clause reports that clause only: "Russen die volgens de
  // VS dicht bij Poetin staan" reports "dicht bij Poetin staan" (after the source when it opens
  // the clause); so does a coordinated clause it opens. Otherwise the sentence is what is
  // reported, as the quote stage spans it.
  void SpanAroundSource(Quote& q, size_t source) const {
    size_t clause = Head(source);
    if (clause == kNone) return;
    std::string_view rel = tokens_[clause].deprel;
    bool subordinate = rel.starts_with("acl") || rel == "advcl" || rel == "ccomp";
    // A coordinated main clause it opens ("..., en volgens zijn aanhangers is het land ...").
    bool conjunct = rel == "conj";
    if (!subordinate && !conjunct) return;
    auto [lo, hi] = SubtreeRange(clause);
    auto [src_lo, src_hi] = SubtreeRange(source);
    bool opens = true;
    for (size_t k = lo; k < src_lo && opens; ++k)
      opens = tokens_[k].upos == "PUNCT" || tokens_[k].upos == "SCONJ" || tokens_[k].upos == "CCONJ" ||
              tokens_[k].deprel == "mark" || (tokens_[k].upos == "PRON" && tokens_[k].deprel.starts_with("nsubj"));
    if (conjunct && !opens) return;
    if (opens) lo = src_hi + 1;
    while (lo < hi && tokens_[lo].upos == "PUNCT") ++lo;
    while (hi > lo && tokens_[hi].upos == "PUNCT") --hi;
    if (lo > hi || (src_lo < lo && src_hi > hi)) return;
    q.span = {tokens_[lo].span.start, tokens_[hi].span.end};
    q.text = doc_.text.substr(q.span.start, q.span.end - q.span.start);
  }

  std::string Case(size_t k) const {
    for (size_t c : Kids(k))
      if (tokens_[c].deprel == "case") return Lower(Form(c));
    return {};
  }

  // The mention that best names the phrase headed by `h`: a person over an organisation over
  // anything with an actor. Only the head and its name parts (flat, appos) name the speaker;
  // with `all`, a name anywhere in the phrase ("bronnen van CNN") may lend its actor.
  int MentionIn(size_t h, bool all) const {
    std::vector<size_t> todo{h};
    int best = -1, best_rank = 0;
    for (size_t n = 0; n < todo.size() && n < 40; ++n) {
      size_t k = todo[n];
      if (n > 0 && !OneOf(tokens_[k].deprel, {"flat", "flat:name", "appos", "compound"}) && !all) continue;
      if (n > 0 && OneOf(tokens_[k].deprel, {"acl:relcl", "acl", "conj", "parataxis", "punct"})) continue;
      // Mentions are in text order and do not overlap: the one covering the word, if any.
      const ByteSpan& w = tokens_[k].span;
      auto it = std::lower_bound(doc_.entities.begin(), doc_.entities.end(), w.start,
                                 [](const EntityMention& e, uint32_t p) { return e.span.end <= p; });
      for (; it != doc_.entities.end() && it->span.start < w.end; ++it) {
        size_t m = static_cast<size_t>(it - doc_.entities.begin());
        const EntityMention& e = *it;
        {
          int rank = e.type == "PER" ? 3 : e.type == "ORG" ? 2 : e.actor ? 1 : 0;
          if (rank > best_rank) {
            best_rank = rank;
            best = static_cast<int>(m);
          }
        }
      }
      for (size_t c : Kids(k)) todo.push_back(c);
    }
    return best;
  }

  void Assign(Quote& q, size_t h) {
    const SyntaxToken& head = tokens_[h];
    if (head.upos == "PRON") return;  // the quote stage already resolves pronouns
    int m = MentionIn(h, false);
    if (m >= 0 && (doc_.entities[m].type == "PER" || doc_.entities[m].type == "ORG" || head.upos == "PROPN") &&
        !(head.upos == "NOUN" && doc_.entities[m].type == "MISC")) {
      const EntityMention& e = doc_.entities[m];
      q.speaker = e.name.empty() ? e.text : e.name;
      q.speaker_id = e.id.empty() ? std::nullopt : std::optional<std::string>(e.id);
      q.speaker_actor = e.actor;
      return;
    }
    if (head.upos != "NOUN") return;
    // A role ("de hoogleraar") the quote stage already resolved to a person stays that person.
    if (q.speaker_id) return;
    // A description: the phrase as written ("een woordvoerder van het ministerie"), its actor
    // from a name inside it ("de Indiase regering").
    auto [b, e] = SentenceOf(h);
    size_t lo = h, hi = h;
    std::vector<size_t> todo{h};
    for (size_t n = 0; n < todo.size() && n < 40; ++n) {
      size_t k = todo[n];
      // The description is the noun with its determiners, adjectives and "van" phrase; other
      // prepositional phrases ("tegen persbureau AFP", "als The Reporter") are not its name.
      if (n > 0 && !OneOf(tokens_[k].deprel, {"det", "amod", "nummod", "compound", "flat", "nmod:poss", "nmod", "advmod"}))
        continue;
      if (n > 0 && tokens_[k].deprel == "nmod" && Case(k) != "van") continue;
      lo = std::min(lo, k);
      hi = std::max(hi, k);
      for (size_t c : Kids(k)) todo.push_back(c);
    }
    (void)b, (void)e;
    q.speaker = doc_.text.substr(tokens_[lo].span.start, tokens_[hi].span.end - tokens_[lo].span.start);
    q.speaker_id.reset();
    int inner = MentionIn(h, true);
    q.speaker_actor = inner >= 0 ? doc_.entities[inner].actor : std::nullopt;
  }

  Document& doc_;
  const std::vector<SyntaxToken>& tokens_;
};

}  // namespace

// A quotation that runs over paragraphs reopens at each one without closing the one before
// ("... 18 miljoen was. 'We streven nu ..."): each paragraph's part is its own direct quote of
// the same speaker, as the annotation counts them.
void SplitReopenedQuotes(Document& doc) {
  std::vector<Quote> out;
  out.reserve(doc.quotes.size());
  for (Quote& q : doc.quotes) {
    if (!q.direct || q.span.end > doc.text.size() || q.span.start >= q.span.end) {
      out.push_back(std::move(q));
      continue;
    }
    std::string_view text = std::string_view(doc.text).substr(q.span.start, q.span.end - q.span.start);
    std::vector<std::pair<uint32_t, uint32_t>> parts;  // [start, end) in doc.text
    uint32_t from = q.span.start;
    for (size_t i = 1; i + 3 < text.size(); ++i) {
      if (text[i] != ' ' || (text[i - 1] != '.' && text[i - 1] != '!' && text[i - 1] != '?')) continue;
      size_t open = i + 1, after = 0;
      if (text[open] == '\'' || text[open] == '"') after = open + 1;
      else if (text.compare(open, 3, "\xe2\x80\x98") == 0 || text.compare(open, 3, "\xe2\x80\x9c") == 0 ||
               text.compare(open, 3, "\xe2\x80\x9e") == 0)
        after = open + 3;
      else if (text.compare(open, 2, ",,") == 0) after = open + 2;
      if (after == 0 || after >= text.size()) continue;
      unsigned char c = static_cast<unsigned char>(text[after]);
      if (!((c >= 'A' && c <= 'Z') || c >= 0xC0)) continue;  // a new sentence opens
      parts.emplace_back(from, q.span.start + static_cast<uint32_t>(i - 1) + 1);
      from = q.span.start + static_cast<uint32_t>(after);
    }
    if (parts.empty()) {
      out.push_back(std::move(q));
      continue;
    }
    parts.emplace_back(from, q.span.end);
    for (auto [start, end] : parts) {
      Quote part = q;
      part.span = ByteSpan{start, end};
      part.text = doc.text.substr(start, end - start);
      out.push_back(std::move(part));
    }
  }
  doc.quotes = std::move(out);
}

void AttributeSpeakersFromTree(Document& doc) {
  if (doc.tokens && !doc.tokens->empty() && !doc.quotes.empty()) Attributor(doc).Run();
  SplitReopenedQuotes(doc);
  // A quotation nobody in the text can be said to have said is not a quote (a title, a term,
  // a slogan): the annotation rules count only attributed quotations.
  doc.quotes.erase(std::remove_if(doc.quotes.begin(), doc.quotes.end(),
                                  [](const Quote& q) { return q.speaker.empty(); }),
                   doc.quotes.end());
}

}  // namespace wirewatch
