// Story clustering: records about the same development grouped incrementally as they arrive.
//
// Each record becomes a sparse vector of salient terms (tf-idf over the records seen so far,
// title words counted twice, words shorter than four letters left out) and the canonical ids of
// its entities (weighted above words: names say what a story is about). A record joins the
// most similar story (cosine against the story's summed vector, weighted with the current idf)
// whose last record is within the time window on `published`; below the threshold it starts a
// new story. A (near-)duplicate joins the story of the record it duplicates, without a vote.
//
//   StoryIndex stories;
//   std::string s = stories.Add(doc);   // "s-<id of the story's first record>"
//   for (const StorySummary& story : stories.Summaries()) ...
//
// Deterministic for a given input order. Not thread-safe for Add.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/document.h"
#include "core/status.h"

namespace wirewatch {

namespace corpus_state {
class Reader;
class Writer;
}  // namespace corpus_state

struct StoryOptions {
  // A record joins a story when the cosine similarity reaches this.
  double threshold = 0.2;
  // A story takes records up to this many days after its latest record (records or stories
  // without a date are not limited).
  double window_days = 3;
  size_t terms_per_record = 40;   // the record's strongest terms that it contributes
  size_t terms_per_story = 300;   // the story vector keeps its strongest terms
  double entity_weight = 2.0;     // an entity id counts as this many occurrences of a word
  double title_weight = 2.0;      // a title word counts as this many occurrences
  uint32_t min_word_chars = 4;    // shorter words ("de", "het", "een", "van") are left out
  // Candidate stories are found through the record's strongest terms; each term's list of
  // stories is walked from the newest for at most this many.
  size_t candidates_per_term = 64;
  // A dated story whose latest record is more than window_days + close_after_days older than
  // the newest record seen is closed: its title is fixed, its vectors are freed, and it takes no
  // more records except copies of its own. Keeps memory and candidate lists bounded over a long,
  // roughly chronological stream; a record arriving that late starts a new story. 0: never.
  double close_after_days = 30;
};

struct StorySummary {
  std::string id;                  // "s-" + the id of its first record
  std::string title;               // the title of its most central record (empty if none has one)
  size_t records = 0;              // every record, copies included
  size_t independent_reports = 0;  // distinct records that are no duplicate of another
  size_t sources = 0;              // distinct sites (URL host, else the source without #item)
  std::optional<std::string> first_published, last_published;
  std::vector<std::string> record_ids;  // in arrival order
  std::string central;             // the record the title comes from (else the first record)
  bool open = true;                // still takes new records (not closed by age)
};

// The site a record came from: the host of its URL (or of a URL source), lower case, without
// "www."; else its source without a "#item" suffix (a JSONL file, a WARC file, a page path).
std::string SourceSite(const Document& doc);

class StoryIndex {
 public:
  explicit StoryIndex(StoryOptions options = {});

  // Assigns `doc` (with `duplicate_of` already decided) to a story and returns its id.
  std::string Add(const Document& doc) { return Add(doc, doc.duplicate_of); }
  // The same with the duplicate decision given apart from the document.
  std::string Add(const Document& doc, const std::optional<std::string>& duplicate_of);

  // Every story so far, in order of their first record.
  std::vector<StorySummary> Summaries() const;
  // The stories that changed after the `since`-th Add (joined by a record, or closed), plus,
  // with `all_open`, every open story (whose title moves with the idf): what a store rewrites.
  std::vector<StorySummary> SummariesSince(uint64_t since, bool all_open) const;
  size_t size() const { return stories_.size(); }
  uint64_t adds() const { return adds_; }

  // The whole state, byte-exact (a restored index decides exactly as the saved one would).
  void Serialize(corpus_state::Writer& out) const;
  // Replaces this index's state with a serialised one; false when it is damaged.
  bool Restore(corpus_state::Reader& in);

 private:
  using TermVector = std::vector<std::pair<uint64_t, float>>;  // term -> raw weight, by term

  struct Member {
    std::string id;
    std::string title;
    TermVector terms;
    bool duplicate = false;
    std::string site;
    std::optional<std::string> published;
  };
  struct Story {
    std::string id;
    std::vector<Member> members;
    // Summed raw weights, sorted by term: a vector (not a hash map) so that sums over it run
    // in one order whatever the history, and a restored story scores exactly as the saved one.
    TermVector terms;
    std::optional<int64_t> first_day, last_day;  // earliest and latest `published`, days since 1970
    bool closed = false;
    std::string closed_title;  // the title when it was closed
    size_t closed_central = 0;  // the member it came from
    uint64_t last_add = 0;     // adds_ when a record last joined
    uint64_t closed_at = 0;    // adds_ when it was closed
  };

  TermVector RecordTerms(const Document& doc) const;
  double Idf(uint64_t term) const;
  double Cosine(const TermVector& record, const Story& story) const;
  void Join(size_t story, Member member, const std::optional<int64_t>& day);
  // The title and the member it comes from.
  std::pair<std::string, size_t> Title(const Story& story) const;
  StorySummary Summary(const Story& story) const;
  void CloseOldStories();

  StoryOptions options_;
  std::vector<Story> stories_;
  std::unordered_map<std::string, size_t> story_of_record_;
  std::unordered_map<uint64_t, uint32_t> document_frequency_;
  uint64_t documents_ = 0;
  std::unordered_map<uint64_t, std::vector<uint32_t>> stories_with_term_;
  std::optional<int64_t> newest_day_;
  uint64_t adds_ = 0;
};

}  // namespace wirewatch
