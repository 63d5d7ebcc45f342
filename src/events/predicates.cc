// The predicate dictionary: Dutch verb, noun and light-verb lemmas with their CAMEO code and
// the tree slot of their target, parsed once from data/events/predicates.tsv.
//
// Lookups are by exact lemma; a noun is also found as the head of a compound ("luchtaanval",
// "raketaanvallen" -> "aanval"), the way Dutch builds new names for the same act, so the table
// lists simplex nouns only.
#include <algorithm>

#include "events/events.h"
#include "events/table_text.h"

namespace wirewatch {
namespace {

std::string Where(std::string_view name, uint32_t line) {
  return std::string(name) + ": line " + std::to_string(line) + ": ";
}

// "obj", "iobj", "obl:tegen", "nmod:op"; "obl" alone: any preposition.
bool ParseSlot(std::string_view s, TargetSlot* slot) {
  std::string_view rel = s.substr(0, s.find(':'));
  std::string_view prep = s.find(':') == std::string_view::npos ? "" : s.substr(s.find(':') + 1);
  if (rel == "obj" && prep.empty()) slot->kind = TargetSlot::Kind::kObj;
  else if (rel == "iobj" && prep.empty()) slot->kind = TargetSlot::Kind::kIobj;
  else if (rel == "obl") slot->kind = TargetSlot::Kind::kObl;
  else if (rel == "nmod") slot->kind = TargetSlot::Kind::kNmod;
  else return false;
  if (prep.find_first_of(" |") != std::string_view::npos) return false;
  slot->preposition = std::string(prep);
  return true;
}

}  // namespace

StatusOr<PredicateTable> PredicateTable::Parse(
    std::string_view name, std::string_view text,
    const std::unordered_map<std::string, CameoCode>& codes) {
  PredicateTable table;
  size_t pos = 0;
  uint32_t line_no = 0;
  bool header = false;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? text.size() - pos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line_no == 1 && line.rfind("# wirewatch events: predicates.tsv version ", 0) != 0)
      return Corrupt(Where(name, 1) + "not a wirewatch predicate table (first line must name it)");
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string_view> f = events_internal::SplitOn(line, '\t');
    if (!header) {
      if (f.size() != 7 || f[0] != "predicate")
        return Corrupt(Where(name, line_no) + "expected the header line 'predicate kind cameo target options example expect'");
      header = true;
      continue;
    }
    if (f.size() != 7)
      return Corrupt(Where(name, line_no) + "expected 7 tab-separated fields, found " + std::to_string(f.size()));
    Predicate p;
    p.line = line_no;
    p.lemma = std::string(f[0]);
    if (p.lemma.empty()) return Corrupt(Where(name, line_no) + "empty predicate");
    if (f[1] == "verb") p.kind = Predicate::Kind::kVerb;
    else if (f[1] == "noun") p.kind = Predicate::Kind::kNoun;
    else if (f[1] == "light") p.kind = Predicate::Kind::kLight;
    else return Corrupt(Where(name, line_no) + "kind must be verb, noun or light, not '" + std::string(f[1]) + "'");
    if (p.kind == Predicate::Kind::kLight && std::count(p.lemma.begin(), p.lemma.end(), ' ') != 1)
      return Corrupt(Where(name, line_no) + "a light construction is 'NOUN VERB': '" + p.lemma + "'");
    p.cameo = std::string(f[2]);
    if (!codes.count(p.cameo))
      return Corrupt(Where(name, line_no) + "CAMEO code '" + p.cameo + "' is not in the code table");
    if (f[3] != "-") {
      for (std::string_view s : events_internal::SplitOn(f[3], '|')) {
        TargetSlot slot;
        if (!ParseSlot(s, &slot))
          return Corrupt(Where(name, line_no) + "bad target slot '" + std::string(s) + "'");
        p.targets.push_back(std::move(slot));
      }
    }
    if (f[4] != "-") {
      for (std::string_view o : events_internal::SplitOn(f[4], ',')) {
        if (o == "frame") p.frame = true;
        else if (o == "recip") p.reciprocal = true;
        else if (o == "needs_target") p.needs_target = true;
        else if (o == "self") p.self = true;
        else if (o == "negative") {}  // documentation: the code itself is the refusal
        else return Corrupt(Where(name, line_no) + "unknown option '" + std::string(o) + "'");
      }
    }
    p.example = std::string(f[5]);
    p.expect = std::string(f[6]);
    table.entries_.push_back(std::move(p));
  }
  if (!header && !table.entries_.empty())
    return Corrupt(std::string(name) + ": no header line");
  table.shortest_noun_ = SIZE_MAX;
  for (const Predicate& p : table.entries_) {
    Index& index = p.kind == Predicate::Kind::kVerb ? table.verbs_
                   : p.kind == Predicate::Kind::kNoun ? table.nouns_ : table.light_;
    index[p.lemma].push_back(&p);
    if (p.kind == Predicate::Kind::kNoun) table.shortest_noun_ = std::min(table.shortest_noun_, p.lemma.size());
  }
  return table;
}

namespace {
std::span<const Predicate* const> Lookup(const auto& index, std::string_view key) {
  auto it = index.find(key);
  if (it == index.end()) return {};
  return it->second;
}
}  // namespace

std::span<const Predicate* const> PredicateTable::Verb(std::string_view lemma) const {
  return Lookup(verbs_, lemma);
}

std::span<const Predicate* const> PredicateTable::Noun(std::string_view lemma) const {
  auto exact = Lookup(nouns_, lemma);
  if (!exact.empty()) return exact;
  // Compound heads, longest first; the modifier keeps at least three letters ("luchtaanval",
  // not "naval" for "val"), and a linking hyphen is dropped ("NAVO-top" -> "top").
  for (size_t cut = 3; cut + shortest_noun_ <= lemma.size(); ++cut) {
    std::string_view head = lemma.substr(cut);
    if (head.front() == '-') head.remove_prefix(1);
    auto found = Lookup(nouns_, head);
    if (!found.empty()) return found;
  }
  return {};
}

std::span<const Predicate* const> PredicateTable::Light(std::string_view noun, std::string_view verb) const {
  std::string key;
  key.reserve(noun.size() + 1 + verb.size());
  key.append(noun).append(" ").append(verb);
  return Lookup(light_, key);
}

}  // namespace wirewatch
