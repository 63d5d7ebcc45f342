// Pipeline: runs the stages over pages, and over whole batches of inputs with threads.
//
//   Resources resources;                         // loaded once, immutable, shared by threads
//   AnalyzeOptions options;  options.threads = 4;
//   std::vector<Document> docs = AnalyzePage(page, options, resources);
//   int exit_code = RunAnalyze({"pages/"}, options, resources, stdout, stderr);
//
// Stages, in order: clean -> ids and parents -> language -> sentences. Later stages (entities,
// quotes, events, times, corpus) plug in here as their issues land.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "clean/clean.h"
#include "core/document.h"
#include "ingest/ingest.h"

namespace wirewatch {

// Immutable tables the stages read (NER model, knowledge tables, dictionaries). Safe to share
// between threads.
struct Resources {};

struct AnalyzeOptions {
  IngestLimits limits;
  CleanOptions clean;
  int threads = 0;  // 0: all cores
};

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
