// Pipeline: runs the stages over pages, and over whole batches of inputs with threads.
//
//   Resources resources;                         // loaded once, immutable, shared by threads
//   AnalyzeOptions options;  options.threads = 4;
//   std::vector<Document> docs = AnalyzePage(page, options, resources);
//   int exit_code = RunAnalyze({"pages/"}, options, resources, stdout, stderr);
//
// Stages, in order: clean -> ids and parents -> language -> tokens and sentences -> syntax (when
// asked for) -> times -> entities -> quotes -> events; then, over the batch in input order, the
// corpus pass (near-duplicates and stories: `duplicate_of`, `story`).
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "clean/clean.h"
#include "core/document.h"
#include "corpus/corpus.h"
#include "entities/entities.h"
#include "events/events.h"
#include "ingest/ingest.h"
#include "quotes/quotes.h"
#include "syntax/syntax.h"

namespace wirewatch {

// Immutable tables the stages read (NER model, knowledge tables, dictionaries), loaded once.
// Safe to share between threads.
struct Resources {
  std::shared_ptr<const KnowledgeBase> knowledge;
  std::shared_ptr<const NerModel> ner;
  QuoteLexicon quotes;
  EventLexicon events;
  PlaceSet dateline_places;  // upper-case place names that may open an agency-less dateline
  std::shared_ptr<const SyntaxModel> syntax;  // loaded by LoadSyntax; null when not needed
};

// Loads every table from `data_dir` (the folder holding data/ and models/). The error names
// the file that is missing or malformed.
StatusOr<Resources> LoadResources(const std::string& data_dir);

// Adds the syntax model (models/syntax-nl.bin) to `resources`.
Status LoadSyntax(const std::string& data_dir, Resources& resources);

struct AnalyzeOptions {
  IngestLimits limits;
  CleanOptions clean;
  bool with_syntax = false;  // parse every sentence and fill Document::tokens (needs LoadSyntax)
  int threads = 0;  // 0: all cores
  // The corpus pass over the whole batch in input order (src/corpus): fills `duplicate_of` and
  // `story`. Off: both stay null and records are written as soon as they are analysed.
  bool corpus = true;
  // A first pass over the inputs learns each site's template lines (src/clean/site_template.h)
  // before cleaning; skipped when an input is standard input, which cannot be read twice.
  bool site_templates = true;
  CorpusOptions corpus_options;
  // When set (and the corpus pass runs), one JSON line per story is written here at the end:
  // id, title, record counts, independent reports, sources, dates, record ids.
  std::FILE* stories_out = nullptr;
};

// One story summary as a JSON object, no trailing newline.
std::string StoryToJson(const StorySummary& story);

// All stages over one page: the article first, then its briefs. Empty when the page holds no
// article text.
std::vector<Document> AnalyzePage(const Page& page, const AnalyzeOptions& options,
                                  const Resources& resources);

// Record id: a hash of the kind and the normalised text, so the same content gets the same id
// whatever path it came from.
std::string RecordId(const Document& doc);

// Reads every input, analyses every page on `options.threads` threads, and writes one JSON record
// per line to `out` in input order (the same whatever the thread count). Each input or item that
// yields no record gets one line on `err` naming it and why. Returns 0 when every input produced
// records, 1 otherwise.
int RunAnalyze(const std::vector<std::string>& paths, const AnalyzeOptions& options,
               const Resources& resources, std::FILE* out, std::FILE* err);

}  // namespace wirewatch
