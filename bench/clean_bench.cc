// Cleaning throughput: reads the given inputs once, then times ingest decoding + cleaning +
// language identification (AnalyzePage) over them on one thread, and prints pages/s, MB/s and
// peak RSS. Benchmarks are not tests: nothing here fails on a timing.
//
//   build/bench/clean_bench [--repeat N] PATH...
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "pipeline/pipeline.h"

namespace {

long PeakRssKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace wirewatch;
  int repeat = 5;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else {
      paths.push_back(a);
    }
  }
  if (paths.empty()) {
    std::fprintf(stderr, "usage: clean_bench [--repeat N] PATH...\n");
    return 2;
  }
  std::vector<Status> problems;
  IngestLimits limits;
  std::vector<Page> pages;
  for (const InputFile& f : ExpandPaths(paths, problems)) {
    ReadResult r = ReadInput(f, limits);
    for (Page& p : r.pages) pages.push_back(std::move(p));
  }
  size_t bytes = 0;
  for (const Page& p : pages) bytes += p.content.size();
  AnalyzeOptions options;
  Resources resources;
  size_t records = 0;
  auto start = std::chrono::steady_clock::now();
  for (int r = 0; r < repeat; ++r)
    for (const Page& p : pages) records += AnalyzePage(p, options, resources).size();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  double n = static_cast<double>(pages.size()) * repeat;
  std::printf("clean: %zu pages, %.2f MB, %d runs: %.0f pages/s, %.1f MB/s, %zu records/run, "
              "peak RSS %.1f MB\n",
              pages.size(), bytes / 1e6, repeat, n / seconds, bytes * repeat / 1e6 / seconds,
              records / repeat, PeakRssKb() / 1024.0);
  return 0;
}
