// The stage driver and the batch runner.
//
// Batch design: the calling thread reads inputs in order and turns them into numbered work items
// (a page, or a problem to report); worker threads analyse pages; results are written strictly
// in item order. The queue of items in flight is bounded, so memory stays bounded however many
// inputs there are, and the output is byte-identical for any thread count.
#include "pipeline/pipeline.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

#include "clean/site_template.h"
#include "core/dates.h"
#include "core/hash.h"
#include "core/record_json.h"
#include "text/language.h"
#include "text/tokenizer.h"
#include "times/times.h"

namespace wirewatch {

std::string RecordId(const Document& doc) {
  uint64_t h = Fnv1a64(doc.kind == DocumentKind::kArticle ? "article" : "brief");
  h = Fnv1a64(doc.text, h);
  return HexId(h);
}

namespace {

// Upper-cased names of the places and countries the tables know: "DEN HAAG", "GENÈVE".
PlaceSet DatelinePlaces(const KnowledgeBase& kb) {
  PlaceSet places;
  for (KnowledgeKind kind : {KnowledgeKind::kPlace, KnowledgeKind::kCountry}) {
    for (const KnowledgeEntry& e : kb.Entries(kind)) {
      icu::UnicodeString u = icu::UnicodeString::fromUTF8(e.name);
      std::string upper;
      u.toUpper(icu::Locale::getRoot()).toUTF8String(upper);
      places.insert(std::move(upper));
    }
  }
  return places;
}

}  // namespace

std::vector<Document> AnalyzePage(const Page& page, const AnalyzeOptions& options,
                                  const Resources& resources) {
  CleanOptions clean = options.clean;
  if (!clean.known_places && !resources.dateline_places.empty()) clean.known_places = &resources.dateline_places;
  std::vector<Document> docs = CleanPage(page, clean);
  std::string article_id;
  for (Document& doc : docs) {
    doc.source = page.source;
    doc.id = RecordId(doc);
    if (doc.kind == DocumentKind::kArticle) {
      article_id = doc.id;
    } else if (!article_id.empty()) {
      doc.parent = article_id;
    }
    // A brief's publication time is the crawl time minus its age.
    if (!doc.published && doc.age_seconds && doc.crawl_time) {
      if (auto crawl = ToUnixSeconds(*doc.crawl_time))
        doc.published = FormatUnixSeconds(*crawl - *doc.age_seconds);
    }
    doc.language = IdentifyLanguage(doc.text);
    std::vector<Token> tokens = Tokenize(doc.text);
    doc.sentences = SentenceSpans(tokens);
    // The event coder reads the trees; the record carries them only when asked.
    if (resources.syntax) doc.tokens = ParseDocument(doc.text, tokens, doc.sentences, *resources.syntax);
    doc.times = FindTimes(doc.text, tokens, TimeAnchor(doc));
    if (resources.ner && resources.knowledge)
      doc.entities = FindEntities(doc, tokens, *resources.ner, *resources.knowledge);
    doc.quotes = ExtractQuotes(doc, resources.quotes);
    AttributeSpeakersFromTree(doc);
    // The tree coder first; the word-pattern coder adds what the dictionary does not cover
    // yet (one event per sentence, source, target and root).
    doc.events = CodeEvents(doc, tokens, resources.events);
    if (doc.tokens) doc.events = MergeEvents(CodeEventsFromTree(doc, resources.events), std::move(doc.events));
    if (!options.with_syntax) doc.tokens.reset();
  }
  return docs;
}

StatusOr<Resources> LoadResources(const std::string& data_dir) {
  Resources resources;
  auto knowledge = KnowledgeBase::Load(data_dir + "/data/knowledge");
  if (!knowledge.ok()) return knowledge.status();
  resources.knowledge = std::move(knowledge).value();
  auto ner = NerModel::Load(data_dir + "/models/ner-nl.bin");
  if (!ner.ok()) return ner.status();
  resources.ner = std::make_shared<const NerModel>(std::move(ner).value());
  resources.dateline_places = DatelinePlaces(*resources.knowledge);
  auto quotes = LoadQuoteLexicon(data_dir + "/data/quotes/cues.tsv");
  if (!quotes.ok()) return quotes.status();
  resources.quotes = std::move(quotes).value();
  auto events = LoadEventLexicon(data_dir + "/data/events");
  if (!events.ok()) return events.status();
  resources.events = std::move(events).value();
  Status syntax = LoadSyntax(data_dir, resources);
  if (!syntax.ok()) return syntax;
  return resources;
}

Status LoadSyntax(const std::string& data_dir, Resources& resources) {
  auto syntax = SyntaxModel::Load(data_dir + "/models/syntax-nl.bin");
  if (!syntax.ok()) return syntax.status();
  auto verbs = VerbLexicon::Load(data_dir + "/data/syntax/irregular_verbs.tsv");
  if (!verbs.ok()) return verbs.status();
  resources.syntax = std::make_shared<const SyntaxModel>(
      syntax->WithVerbs(std::make_shared<const VerbLexicon>(std::move(verbs).value())));
  return Status::Ok();
}

namespace {

struct WorkItem {
  uint64_t seq = 0;
  std::optional<Page> page;
  std::vector<Status> problems;
};

struct WorkResult {
  std::string records;  // JSON lines
  // With the corpus pass, the records stay Documents until the writer has linked them (their
  // MinHash signatures are computed here, on the workers).
  std::vector<Document> docs;
  std::vector<MinHashSignature> signatures;
  std::vector<std::string> errors;
  bool failed = false;
};

WorkResult Process(WorkItem& item, const AnalyzeOptions& options, const Resources& resources) {
  WorkResult result;
  for (const Status& s : item.problems) {
    result.errors.push_back(s.message());
    result.failed = true;
  }
  if (item.page) {
    std::vector<Document> docs = AnalyzePage(*item.page, options, resources);
    if (docs.empty()) {
      result.errors.push_back(item.page->source + ": no article text found");
      result.failed = true;
    }
    if (options.corpus) {
      for (const Document& doc : docs)
        result.signatures.push_back(ComputeSignature(doc.text, options.corpus_options.duplicates.shingle_words));
      result.docs = std::move(docs);
      return result;
    }
    for (const Document& doc : docs) {
      result.records += RecordToJson(doc);
      result.records += '\n';
    }
  }
  return result;
}

// Hands numbered items to workers and results back in order; bounded.
class OrderedQueue {
 public:
  explicit OrderedQueue(size_t capacity) : capacity_(capacity) {}

  void Push(WorkItem item) {
    std::unique_lock lock(mu_);
    space_.wait(lock, [&] { return next_seq_ - written_ < capacity_; });
    item.seq = next_seq_++;
    pending_.push_back(std::move(item));
    work_.notify_one();
  }

  void Close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    work_.notify_all();
    done_.notify_all();
  }

  bool Pop(WorkItem& item) {
    std::unique_lock lock(mu_);
    work_.wait(lock, [&] { return !pending_.empty() || closed_; });
    if (pending_.empty()) return false;
    item = std::move(pending_.front());
    pending_.pop_front();
    return true;
  }

  void Finish(uint64_t seq, WorkResult result) {
    std::lock_guard lock(mu_);
    finished_.emplace(seq, std::move(result));
    done_.notify_all();
  }

  // Next result in order; false when everything pushed has been written.
  bool NextInOrder(WorkResult& result) {
    std::unique_lock lock(mu_);
    done_.wait(lock, [&] {
      return finished_.count(written_) || (closed_ && written_ == next_seq_);
    });
    auto it = finished_.find(written_);
    if (it == finished_.end()) return false;
    result = std::move(it->second);
    finished_.erase(it);
    ++written_;
    space_.notify_all();
    return true;
  }

 private:
  std::mutex mu_;
  std::condition_variable work_, done_, space_;
  std::deque<WorkItem> pending_;
  std::map<uint64_t, WorkResult> finished_;
  uint64_t next_seq_ = 0;
  uint64_t written_ = 0;
  size_t capacity_;
  bool closed_ = false;
};

// Calls `emit` for each work item, input by input.
template <typename Emit>
void ProduceItems(const std::vector<std::string>& paths, const AnalyzeOptions& options, Emit emit) {
  std::vector<Status> problems;
  std::vector<InputFile> files = ExpandPaths(paths, problems);
  if (!problems.empty()) {
    WorkItem item;
    item.problems = std::move(problems);
    emit(std::move(item));
  }
  // Streamed, so a huge JSONL or WARC input is never in memory whole: pages go to the workers
  // as they are read, and problems keep their place among them.
  PageSink sink{[&](Page page) {
                  WorkItem item;
                  item.page = std::move(page);
                  emit(std::move(item));
                },
                [&](Status status) {
                  WorkItem item;
                  item.problems.push_back(std::move(status));
                  emit(std::move(item));
                }};
  for (const InputFile& file : files) StreamInput(file, options.limits, sink);
}

// Writes one result in input order; with `corpus`, links its records to the ones before first.
void Write(WorkResult& r, CorpusIndex* corpus, std::FILE* out, std::FILE* err, bool& failed) {
  if (corpus) {
    for (size_t i = 0; i < r.docs.size(); ++i) {
      corpus->Add(r.docs[i], r.signatures[i]);
      r.records += RecordToJson(r.docs[i]);
      r.records += '\n';
    }
  }
  if (!r.records.empty()) std::fwrite(r.records.data(), 1, r.records.size(), out);
  for (const std::string& e : r.errors) std::fprintf(err, "wirewatch: %s\n", e.c_str());
  failed = failed || r.failed;
}

}  // namespace

namespace {

// The first pass: every page of the inputs through a SiteTemplateLearner. Problems are left
// to the second pass, which reports them in their place.
SiteTemplates LearnTemplates(const std::vector<std::string>& paths, const IngestLimits& limits) {
  SiteTemplateLearner learner;
  std::vector<Status> ignored;
  PageSink sink{[&](Page page) { learner.Add(page); }, [](Status) {}};
  for (const InputFile& file : ExpandPaths(paths, ignored)) StreamInput(file, limits, sink);
  return learner.Finish();
}

}  // namespace

int RunAnalyze(const std::vector<std::string>& paths, const AnalyzeOptions& given,
               const Resources& resources, std::FILE* out, std::FILE* err) {
  AnalyzeOptions options = given;
  SiteTemplates templates;
  if (options.site_templates && std::find(paths.begin(), paths.end(), "-") == paths.end()) {
    templates = LearnTemplates(paths, options.limits);
    options.clean.site_templates = &templates;
  }
  int threads = options.threads > 0 ? options.threads
                                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  bool failed = false;
  std::optional<CorpusIndex> corpus;
  if (options.corpus) corpus.emplace(options.corpus_options);
  CorpusIndex* linker = corpus ? &*corpus : nullptr;
  auto finish = [&] {
    std::fflush(out);
    if (corpus && options.stories_out) {
      for (const StorySummary& story : corpus->stories().Summaries())
        std::fprintf(options.stories_out, "%s\n", StoryToJson(story).c_str());
      std::fflush(options.stories_out);
    }
    return failed ? 1 : 0;
  };
  if (threads == 1) {
    ProduceItems(paths, options, [&](WorkItem item) {
      WorkResult r = Process(item, options, resources);
      Write(r, linker, out, err, failed);
    });
    return finish();
  }
  OrderedQueue queue(static_cast<size_t>(threads) * 4);
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      WorkItem item;
      while (queue.Pop(item)) queue.Finish(item.seq, Process(item, options, resources));
    });
  }
  std::thread writer([&] {
    WorkResult r;
    while (queue.NextInOrder(r)) Write(r, linker, out, err, failed);
  });
  ProduceItems(paths, options, [&](WorkItem item) { queue.Push(std::move(item)); });
  queue.Close();
  for (auto& w : workers) w.join();
  writer.join();
  return finish();
}

std::string StoryToJson(const StorySummary& story) {
  nlohmann::ordered_json j;
  j["story"] = story.id;
  j["title"] = story.title.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(story.title);
  j["records"] = story.records;
  j["independent_reports"] = story.independent_reports;
  j["sources"] = story.sources;
  j["first_published"] = story.first_published ? nlohmann::ordered_json(*story.first_published) : nlohmann::ordered_json(nullptr);
  j["last_published"] = story.last_published ? nlohmann::ordered_json(*story.last_published) : nlohmann::ordered_json(nullptr);
  j["record_ids"] = story.record_ids;
  // Titles come from page text: replace invalid UTF-8 rather than fail.
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace wirewatch
