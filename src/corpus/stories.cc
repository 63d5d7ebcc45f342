// Incremental story clustering (see stories.h for the method and contract).
//
// The idf is that of the records seen so far, applied when two vectors are compared, so a
// story's vector stores raw (log-scaled) term weights and never has to be recomputed as the
// batch grows. Early in a batch every term weighs about the same; the word-length floor and
// the threshold keep function words from joining unrelated records meanwhile.
#include "corpus/stories.h"

#include <algorithm>
#include <cmath>
#include <tuple>
#include <unordered_set>

#include "core/dates.h"
#include "core/hash.h"
#include "corpus/folded_words.h"
#include "corpus/state_io.h"

namespace wirewatch {
namespace {

// How many of a record's strongest terms look up candidate stories.
constexpr size_t kLookupTerms = 12;
// How many candidate stories are scored in full.
constexpr size_t kScoredCandidates = 24;
// Old stories are closed in a sweep every this many records (a fixed count: deterministic).
constexpr uint64_t kCloseEvery = 1024;

uint64_t EntityTerm(const EntityMention& e) {
  std::string_view key = e.id.empty() ? std::string_view(e.name) : std::string_view(e.id);
  if (key.empty()) key = e.text;
  std::vector<FoldedWord> words = FoldedWords(key);
  uint64_t h = 0x454e54495459ULL;  // "ENTITY": never equal to a word's hash by construction
  for (const FoldedWord& w : words) h = HashCombine(h, w.hash);
  return h;
}

std::optional<int64_t> DayOf(const std::optional<std::string>& published) {
  if (!published) return std::nullopt;
  auto seconds = ToUnixSeconds(*published);
  if (!seconds) return std::nullopt;
  int64_t s = *seconds;
  return s >= 0 ? s / 86400 : -((-s + 86399) / 86400);
}

std::string HostOf(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (size_t at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
  rest = rest.substr(0, rest.find(':'));
  std::string host(rest);
  for (char& c : host) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  if (host.rfind("www.", 0) == 0) host.erase(0, 4);
  return host;
}

}  // namespace

std::string SourceSite(const Document& doc) {
  if (doc.url) {
    if (std::string host = HostOf(*doc.url); !host.empty()) return host;
  }
  if (std::string host = HostOf(doc.source); !host.empty()) return host;
  return doc.source.substr(0, doc.source.find('#'));
}

StoryIndex::StoryIndex(StoryOptions options) : options_(options) {}

double StoryIndex::Idf(uint64_t term) const {
  auto it = document_frequency_.find(term);
  double df = it == document_frequency_.end() ? 0 : it->second;
  return std::log((static_cast<double>(documents_) + 1) / (df + 0.5));
}

StoryIndex::TermVector StoryIndex::RecordTerms(const Document& doc) const {
  std::unordered_map<uint64_t, double> counts;
  for (const FoldedWord& w : FoldedWords(doc.text))
    if (w.length >= options_.min_word_chars) counts[w.hash] += 1;
  if (doc.title) {
    for (const FoldedWord& w : FoldedWords(*doc.title))
      if (w.length >= options_.min_word_chars) counts[w.hash] += options_.title_weight;
  }
  for (const EntityMention& e : doc.entities) counts[EntityTerm(e)] += options_.entity_weight;
  TermVector terms;
  terms.reserve(counts.size());
  for (const auto& [term, count] : counts) terms.emplace_back(term, static_cast<float>(1 + std::log(count)));
  return terms;
}

double StoryIndex::Cosine(const TermVector& record, const Story& story) const {
  // Both vectors are sorted by term: one merge gives the dot product.
  double dot = 0, record_norm = 0, story_norm = 0;
  auto it = story.terms.begin();
  for (const auto& [term, raw] : record) {
    double idf = Idf(term);
    double w = raw * idf;
    record_norm += w * w;
    while (it != story.terms.end() && it->first < term) ++it;
    if (it != story.terms.end() && it->first == term) dot += w * it->second * idf;
  }
  for (const auto& [term, raw] : story.terms) {
    double w = raw * Idf(term);
    story_norm += w * w;
  }
  if (dot <= 0 || record_norm <= 0 || story_norm <= 0) return 0;
  return dot / std::sqrt(record_norm * story_norm);
}

void StoryIndex::Join(size_t s, Member member, const std::optional<int64_t>& day) {
  Story& story = stories_[s];
  if (!member.duplicate) {
    // Merge the member's terms (sorted) into the story's (sorted).
    TermVector merged;
    merged.reserve(story.terms.size() + member.terms.size());
    auto it = story.terms.begin();
    for (const auto& [term, raw] : member.terms) {
      while (it != story.terms.end() && it->first < term) merged.push_back(*it++);
      if (it != story.terms.end() && it->first == term) {
        merged.emplace_back(term, it->second + raw);
        ++it;
      } else {
        merged.emplace_back(term, 0.0f + raw);
        stories_with_term_[term].push_back(static_cast<uint32_t>(s));
      }
    }
    merged.insert(merged.end(), it, story.terms.end());
    story.terms.swap(merged);
    // Keep the story's strongest terms only (ties by term, so the cut is deterministic).
    if (story.terms.size() > 2 * options_.terms_per_story) {
      std::sort(story.terms.begin(), story.terms.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
      });
      story.terms.resize(options_.terms_per_story);
      std::sort(story.terms.begin(), story.terms.end());
    }
  }
  if (day) {
    if (!story.first_day || *day < *story.first_day) story.first_day = day;
    if (!story.last_day || *day > *story.last_day) story.last_day = day;
  }
  story.last_add = adds_;
  story_of_record_.try_emplace(member.id, s);
  story.members.push_back(std::move(member));
}

std::pair<std::string, size_t> StoryIndex::Title(const Story& story) const {
  if (story.closed) return {story.closed_title, story.closed_central};
  std::string title;
  size_t central = 0;
  double best = -1;
  // The most central record names the story; copies have no vector of their own.
  for (size_t i = 0; i < story.members.size(); ++i) {
    const Member& m = story.members[i];
    if (m.duplicate || m.title.empty()) continue;
    double score = Cosine(m.terms, story);
    if (score > best) {
      best = score;
      title = m.title;
      central = i;
    }
  }
  if (title.empty()) {
    for (size_t i = 0; i < story.members.size(); ++i) {
      if (!story.members[i].title.empty()) return {story.members[i].title, i};
    }
  }
  return {title, central};
}

void StoryIndex::CloseOldStories() {
  if (options_.close_after_days <= 0 || !newest_day_) return;
  const double horizon = options_.window_days + options_.close_after_days;
  bool closed_any = false;
  for (Story& story : stories_) {
    if (story.closed || !story.last_day || *story.last_day + horizon >= *newest_day_) continue;
    std::tie(story.closed_title, story.closed_central) = Title(story);
    story.closed = true;
    story.closed_at = adds_;
    TermVector().swap(story.terms);
    for (Member& m : story.members) {
      TermVector().swap(m.terms);
      std::string().swap(m.title);
    }
    closed_any = true;
  }
  if (!closed_any) return;
  for (auto it = stories_with_term_.begin(); it != stories_with_term_.end();) {
    std::vector<uint32_t>& list = it->second;
    list.erase(std::remove_if(list.begin(), list.end(), [&](uint32_t s) { return stories_[s].closed; }), list.end());
    it = list.empty() ? stories_with_term_.erase(it) : std::next(it);
  }
}

std::string StoryIndex::Add(const Document& doc, const std::optional<std::string>& duplicate_of) {
  if (++adds_ % kCloseEvery == 0) CloseOldStories();
  Member member;
  member.id = doc.id;
  member.title = doc.title.value_or("");
  member.site = SourceSite(doc);
  member.published = doc.published;
  const std::optional<int64_t> day = DayOf(doc.published);
  if (day && (!newest_day_ || *day > *newest_day_)) newest_day_ = day;

  // A copy (or the same record again) goes where its original went.
  std::optional<size_t> known;
  if (auto it = story_of_record_.find(doc.id); it != story_of_record_.end()) known = it->second;
  else if (duplicate_of) {
    if (auto d = story_of_record_.find(*duplicate_of); d != story_of_record_.end()) known = d->second;
  }
  if (known) {
    member.duplicate = true;
    Join(*known, std::move(member), day);
    return stories_[*known].id;
  }

  TermVector terms = RecordTerms(doc);
  ++documents_;
  for (const auto& [term, raw] : terms) ++document_frequency_[term];
  // The record's strongest terms by tf-idf: what it contributes and what finds candidates.
  std::vector<std::pair<double, uint64_t>> ranked;
  ranked.reserve(terms.size());
  for (const auto& [term, raw] : terms) ranked.emplace_back(raw * Idf(term), term);
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  if (ranked.size() > options_.terms_per_record) ranked.resize(options_.terms_per_record);
  std::unordered_map<uint64_t, float> raw_of(terms.begin(), terms.end());
  for (const auto& [weight, term] : ranked) member.terms.emplace_back(term, raw_of[term]);
  std::sort(member.terms.begin(), member.terms.end());

  // Candidates: stories sharing the most of the record's strongest terms (newest first on a
  // tie); only the best few are scored, so a record costs the same in a batch of any size.
  std::unordered_map<uint32_t, int> hits;
  for (size_t i = 0; i < ranked.size() && i < kLookupTerms; ++i) {
    auto it = stories_with_term_.find(ranked[i].second);
    if (it == stories_with_term_.end()) continue;
    const std::vector<uint32_t>& list = it->second;
    size_t walked = 0;
    for (auto s = list.rbegin(); s != list.rend() && walked < options_.candidates_per_term; ++s, ++walked)
      ++hits[*s];
  }
  std::vector<std::pair<int, uint32_t>> by_hits;
  by_hits.reserve(hits.size());
  for (const auto& [s, n] : hits) by_hits.emplace_back(n, s);
  std::sort(by_hits.begin(), by_hits.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second > b.second;
  });
  if (by_hits.size() > kScoredCandidates) by_hits.resize(kScoredCandidates);
  std::vector<uint32_t> candidates;
  for (const auto& [n, s] : by_hits) candidates.push_back(s);
  std::sort(candidates.begin(), candidates.end());
  const double window = options_.window_days;
  std::optional<size_t> best;
  double best_score = options_.threshold;
  for (uint32_t s : candidates) {
    const Story& story = stories_[s];
    if (story.closed) continue;
    if (day && story.last_day && (*day > *story.last_day + window || *day < *story.first_day - window))
      continue;
    double score = Cosine(member.terms, story);
    if (score >= best_score && (!best || score > best_score)) {
      best = s;
      best_score = score;
    }
  }
  if (!best) {
    best = stories_.size();
    Story story;
    story.id = "s-" + doc.id;
    stories_.push_back(std::move(story));
  }
  Join(*best, std::move(member), day);
  return stories_[*best].id;
}

StorySummary StoryIndex::Summary(const Story& story) const {
  StorySummary summary;
  summary.id = story.id;
  summary.records = story.members.size();
  std::unordered_set<std::string> independent, sites;
  for (const Member& m : story.members) {
    summary.record_ids.push_back(m.id);
    if (!m.duplicate) independent.insert(m.id);
    sites.insert(m.site);
    if (m.published) {
      if (!summary.first_published || *m.published < *summary.first_published) summary.first_published = m.published;
      if (!summary.last_published || *m.published > *summary.last_published) summary.last_published = m.published;
    }
  }
  auto [title, central] = Title(story);
  summary.title = std::move(title);
  if (central < story.members.size()) summary.central = story.members[central].id;
  summary.open = !story.closed;
  summary.independent_reports = independent.size();
  summary.sources = sites.size();
  return summary;
}

std::vector<StorySummary> StoryIndex::Summaries() const {
  std::vector<StorySummary> out;
  out.reserve(stories_.size());
  for (const Story& story : stories_) out.push_back(Summary(story));
  return out;
}

std::vector<StorySummary> StoryIndex::SummariesSince(uint64_t since, bool all_open) const {
  std::vector<StorySummary> out;
  for (const Story& story : stories_) {
    bool changed = story.last_add > since || (story.closed && story.closed_at > since);
    if (changed || (all_open && !story.closed)) out.push_back(Summary(story));
  }
  return out;
}

void StoryIndex::Serialize(corpus_state::Writer& w) const {
  w.U64(documents_);
  w.U64(adds_);
  w.OptI64(newest_day_);
  w.U32(static_cast<uint32_t>(stories_.size()));
  for (const Story& story : stories_) {
    w.Str(story.id);
    w.OptI64(story.first_day);
    w.OptI64(story.last_day);
    w.U8(story.closed ? 1 : 0);
    w.Str(story.closed_title);
    w.U64(story.closed_central);
    w.U64(story.last_add);
    w.U64(story.closed_at);
    w.U32(static_cast<uint32_t>(story.terms.size()));
    for (const auto& [term, raw] : story.terms) w.U64(term), w.F32(raw);
    w.U32(static_cast<uint32_t>(story.members.size()));
    for (const Member& m : story.members) {
      w.Str(m.id);
      w.Str(m.title);
      w.U8(m.duplicate ? 1 : 0);
      w.Str(m.site);
      w.OptStr(m.published);
      w.U32(static_cast<uint32_t>(m.terms.size()));
      for (const auto& [term, raw] : m.terms) w.U64(term), w.F32(raw);
    }
  }
  // Hash maps in sorted key order, so equal states serialise to equal bytes.
  std::vector<std::pair<uint64_t, uint32_t>> df(document_frequency_.begin(), document_frequency_.end());
  std::sort(df.begin(), df.end());
  w.U32(static_cast<uint32_t>(df.size()));
  for (const auto& [term, n] : df) w.U64(term), w.U32(n);
  std::vector<uint64_t> keys;
  keys.reserve(stories_with_term_.size());
  for (const auto& [term, list] : stories_with_term_) keys.push_back(term);
  std::sort(keys.begin(), keys.end());
  w.U32(static_cast<uint32_t>(keys.size()));
  for (uint64_t term : keys) {
    const std::vector<uint32_t>& list = stories_with_term_.at(term);
    w.U64(term);
    w.U32(static_cast<uint32_t>(list.size()));
    for (uint32_t s : list) w.U32(s);  // in push order: candidates walk it from the back
  }
}

bool StoryIndex::Restore(corpus_state::Reader& r) {
  StoryIndex fresh(options_);
  fresh.documents_ = r.U64();
  fresh.adds_ = r.U64();
  fresh.newest_day_ = r.OptI64();
  uint32_t stories = r.Count(8);
  fresh.stories_.resize(stories);
  for (uint32_t s = 0; s < stories && !r.failed(); ++s) {
    Story& story = fresh.stories_[s];
    story.id = r.Str();
    story.first_day = r.OptI64();
    story.last_day = r.OptI64();
    story.closed = r.U8() != 0;
    story.closed_title = r.Str();
    story.closed_central = r.U64();
    story.last_add = r.U64();
    story.closed_at = r.U64();
    uint32_t terms = r.Count(12);
    story.terms.resize(terms);
    for (auto& [term, raw] : story.terms) term = r.U64(), raw = r.F32();
    uint32_t members = r.Count(8);
    story.members.resize(members);
    for (Member& m : story.members) {
      m.id = r.Str();
      m.title = r.Str();
      m.duplicate = r.U8() != 0;
      m.site = r.Str();
      m.published = r.OptStr();
      uint32_t n = r.Count(12);
      m.terms.resize(n);
      for (auto& [term, raw] : m.terms) term = r.U64(), raw = r.F32();
      fresh.story_of_record_.try_emplace(m.id, s);
    }
  }
  uint32_t df = r.Count(12);
  fresh.document_frequency_.reserve(df);
  for (uint32_t i = 0; i < df && !r.failed(); ++i) {
    uint64_t term = r.U64();
    fresh.document_frequency_[term] = r.U32();
  }
  uint32_t lists = r.Count(12);
  fresh.stories_with_term_.reserve(lists);
  for (uint32_t i = 0; i < lists && !r.failed(); ++i) {
    uint64_t term = r.U64();
    uint32_t n = r.Count(4);
    std::vector<uint32_t>& list = fresh.stories_with_term_[term];
    list.resize(n);
    for (uint32_t& s : list) {
      s = r.U32();
      if (s >= stories) return false;
    }
  }
  if (r.failed()) return false;
  *this = std::move(fresh);
  return true;
}

}  // namespace wirewatch
