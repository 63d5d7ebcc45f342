// The event lexicon: trigger patterns and the CAMEO code table, parsed once into lookup maps.
//
// Patterns are indexed by their first element only (exact form, stem or compound head), so a
// word costs a handful of hash lookups however large the table grows; the rest of a pattern is
// checked at the candidate position by the coder.
#include <algorithm>
#include <fstream>
#include <sstream>

#include "events/events.h"
#include "events/table_text.h"

namespace wirewatch {

bool WordTest::Matches(std::string_view word) const {
  switch (kind) {
    case Kind::kWord:
      return word == form;
    case Kind::kPrefix:
      return word.size() >= form.size() && word.substr(0, form.size()) == form;
    case Kind::kSuffix:
      return word.size() >= form.size() && word.substr(word.size() - form.size()) == form;
  }
  return false;
}

namespace {

using events_internal::SplitOn;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Calls `line_fn(line_no, line)` for each non-comment line; stops at the first error.
template <typename Fn>
Status ForEachLine(std::string_view text, Fn line_fn) {
  size_t pos = 0;
  uint32_t line_no = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line =
        text.substr(pos, nl == std::string_view::npos ? text.size() - pos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (Trim(line).empty() || line[0] == '#') continue;
    Status s = line_fn(line_no, line);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

std::string Where(std::string_view name, uint32_t line_no) {
  return std::string(name) + ": line " + std::to_string(line_no) + ": ";
}

bool IsCode(std::string_view code) {
  if (code.size() < 2 || code.size() > 4) return false;
  return std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

StatusOr<EventLexicon> EventLexicon::Parse(std::string_view patterns_name,
                                           std::string_view patterns, std::string_view codes_name,
                                           std::string_view codes) {
  EventLexicon lexicon;
  bool header_seen = false;
  Status status = ForEachLine(codes, [&](uint32_t line_no, std::string_view line) -> Status {
    std::vector<std::string_view> f = SplitOn(line, '\t');
    if (!header_seen) {  // the column header
      header_seen = true;
      if (f.empty() || f[0] != "code")
        return Corrupt(Where(codes_name, line_no) + "expected header 'code'");
      return Status::Ok();
    }
    if (f.size() < 3 || !IsCode(f[0]))
      return Corrupt(Where(codes_name, line_no) + "expected code<TAB>goldstein<TAB>plover");
    CameoCode code;
    std::string number(f[1]);
    char* end = nullptr;
    code.goldstein = std::strtod(number.c_str(), &end);
    if (number.empty() || *end != '\0' || code.goldstein < -10 || code.goldstein > 10)
      return Corrupt(Where(codes_name, line_no) + "bad Goldstein score '" + number + "'");
    code.plover = std::string(f[2]);
    if (!lexicon.codes_.emplace(std::string(f[0]), std::move(code)).second)
      return Corrupt(Where(codes_name, line_no) + "duplicate code " + std::string(f[0]));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  if (lexicon.codes_.empty()) return Corrupt(std::string(codes_name) + ": no codes");

  status = ForEachLine(patterns, [&](uint32_t line_no, std::string_view line) -> Status {
    std::vector<std::string_view> f = SplitOn(line, '\t');
    if (f.size() < 2)
      return Corrupt(Where(patterns_name, line_no) + "expected pattern<TAB>code[<TAB>options]");
    EventPattern p;
    p.line = line_no;
    p.cameo = std::string(Trim(f[1]));
    if (!IsCode(p.cameo) || !lexicon.codes_.count(p.cameo))
      return Corrupt(Where(patterns_name, line_no) + "unknown CAMEO code '" + p.cameo + "'");
    if (f.size() > 2) {
      for (std::string_view opt : SplitOn(Trim(f[2]), ',')) {
        opt = Trim(opt);
        if (opt.empty()) continue;
        if (opt == "passive")
          p.passive = true;
        else if (opt == "noun")
          p.noun = true;
        else if (opt == "recip")
          p.reciprocal = true;
        else if (opt == "self")
          p.self = true;
        else if (opt == "frame")
          p.frame = true;
        else if (opt == "alleged")
          p.alleged = true;
        else if (opt == "skip")
          p.skip = true;
        else
          return Corrupt(Where(patterns_name, line_no) + "unknown option '" + std::string(opt) +
                         "'");
      }
    }
    for (std::string_view word : SplitOn(Trim(f[0]), ' ')) {
      if (word.empty()) continue;
      PatternElement e;
      if (word == "…" || word == "...") {
        if (p.elements.empty() || p.elements.back().gap)
          return Corrupt(Where(patterns_name, line_no) + "a gap must follow a word");
        e.gap = true;
        p.elements.push_back(std::move(e));
        continue;
      }
      for (std::string_view alt : SplitOn(word, '|')) {
        WordTest t;
        if (alt.size() > 1 && alt.back() == '*') {
          t.kind = WordTest::Kind::kPrefix;
          alt.remove_suffix(1);
        } else if (alt.size() > 1 && alt.front() == '*') {
          t.kind = WordTest::Kind::kSuffix;
          alt.remove_prefix(1);
        }
        if (alt.empty() || alt.find('*') != std::string_view::npos)
          return Corrupt(Where(patterns_name, line_no) + "bad word '" + std::string(word) + "'");
        t.form = std::string(alt);
        e.alternatives.push_back(std::move(t));
      }
      p.elements.push_back(std::move(e));
    }
    if (p.elements.empty() || p.elements.back().gap)
      return Corrupt(Where(patterns_name, line_no) + "empty pattern or trailing gap");
    lexicon.patterns_.push_back(std::move(p));
    return Status::Ok();
  });
  if (!status.ok()) return status;

  for (uint32_t i = 0; i < lexicon.patterns_.size(); ++i) {
    for (const WordTest& t : lexicon.patterns_[i].elements[0].alternatives) {
      switch (t.kind) {
        case WordTest::Kind::kWord:
          lexicon.by_word_[t.form].push_back(i);
          break;
        case WordTest::Kind::kPrefix:
          lexicon.by_prefix_[t.form].push_back(i);
          lexicon.max_affix_ = std::max(lexicon.max_affix_, t.form.size());
          lexicon.prefix_lengths_.push_back(t.form.size());
          break;
        case WordTest::Kind::kSuffix:
          lexicon.by_suffix_[t.form].push_back(i);
          lexicon.max_affix_ = std::max(lexicon.max_affix_, t.form.size());
          lexicon.suffix_lengths_.push_back(t.form.size());
          break;
      }
    }
  }
  for (auto* lengths : {&lexicon.prefix_lengths_, &lexicon.suffix_lengths_}) {
    std::sort(lengths->begin(), lengths->end());
    lengths->erase(std::unique(lengths->begin(), lengths->end()), lengths->end());
  }
  return lexicon;
}

void EventLexicon::Candidates(std::string_view word, std::vector<const EventPattern*>* out) const {
  out->clear();
  auto add = [&](const WordIndex& map, std::string_view key) {
    auto it = map.find(key);
    if (it == map.end()) return;
    for (uint32_t i : it->second) {
      const EventPattern* p = &patterns_[i];
      if (std::find(out->begin(), out->end(), p) == out->end()) out->push_back(p);
    }
  };
  add(by_word_, word);
  // Only the stem and head lengths that occur in the tables are worth a probe.
  for (size_t n : prefix_lengths_) {
    if (n > word.size()) break;
    if (n >= 2) add(by_prefix_, word.substr(0, n));
  }
  for (size_t n : suffix_lengths_) {
    if (n > word.size()) break;
    if (n >= 2) add(by_suffix_, word.substr(word.size() - n));
  }
}

const CameoCode* EventLexicon::Code(std::string_view cameo) const {
  auto it = codes_.find(std::string(cameo));
  return it == codes_.end() ? nullptr : &it->second;
}

namespace {

StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path + ": cannot open event table");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

StatusOr<EventLexicon> LoadEventLexicon(const std::string& dir) {
  std::string patterns_path = dir + "/patterns.tsv", codes_path = dir + "/codes.tsv";
  auto patterns = ReadFile(patterns_path);
  if (!patterns.ok()) return patterns.status();
  auto codes = ReadFile(codes_path);
  if (!codes.ok()) return codes.status();
  auto lexicon = EventLexicon::Parse(patterns_path, *patterns, codes_path, *codes);
  if (!lexicon.ok()) return lexicon;
  std::string predicates_path = dir + "/predicates.tsv";
  auto predicates = ReadFile(predicates_path);
  if (!predicates.ok()) return predicates.status();
  auto table = PredicateTable::Parse(predicates_path, *predicates, lexicon->codes());
  if (!table.ok()) return table.status();
  lexicon->set_predicates(std::move(table).value());
  return lexicon;
}

}  // namespace wirewatch
