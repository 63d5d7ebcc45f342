// Cleaning throughput on one thread. Inputs are read (and gunzipped) once before the clock
// starts, then timed in one of two stages, and pages/s, MB/s and peak RSS are printed.
// Benchmarks are not tests: nothing here fails on a timing.
//
//   build/bench/clean_bench [--repeat N] [--stage analyze|clean] [--jsonl OUT] [--slowest K]
//   PATH...
//
// --stage analyze (default): ingest decoding happens before the clock; AnalyzePage (cleaning +
//   language identification, empty Resources) is timed.
// --stage clean: the raw (gunzipped) bytes are kept, and the clock covers what turns them into
//   documents: charset sniffing, DecodeToUtf8, and CleanPage (HTML parse + extraction). This is
//   the stage bench/html_compare.py sets beside readability-lxml, which is timed from decoded
//   strings to extracted text.
// --jsonl OUT writes the first document of each page (source, kind, text) of the last run, so
//   the timed output can be scored. --slowest K lists the K slowest pages (best of the runs).
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "clean/clean.h"
#include "ingest/ingest.h"
#include "pipeline/pipeline.h"

namespace {

using wirewatch::Document;

long PeakRssKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// Minimal JSON string escaping: the output is only read by the scorers.
void WriteJsonString(std::FILE* out, std::string_view s) {
  std::fputc('"', out);
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      std::fputc('\\', out);
      std::fputc(c, out);
    } else if (c == '\n') {
      std::fputs("\\n", out);
    } else if (c < 0x20) {
      std::fprintf(out, "\\u%04x", c);
    } else {
      std::fputc(c, out);
    }
  }
  std::fputc('"', out);
}

struct Input {
  std::string name;
  std::string bytes;     // raw (gunzipped) for --stage clean, decoded content for analyze
  wirewatch::Page page;  // analyze only
};

}  // namespace

int main(int argc, char** argv) {
  using namespace wirewatch;
  int repeat = 5;
  size_t slowest = 0;
  std::string stage = "analyze", jsonl;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--stage" && i + 1 < argc) {
      stage = argv[++i];
    } else if (a == "--jsonl" && i + 1 < argc) {
      jsonl = argv[++i];
    } else if (a == "--slowest" && i + 1 < argc) {
      slowest = static_cast<size_t>(std::max(0, std::atoi(argv[++i])));
    } else {
      paths.push_back(a);
    }
  }
  if (paths.empty() || (stage != "analyze" && stage != "clean")) {
    std::fprintf(stderr,
                 "usage: clean_bench [--repeat N] [--stage analyze|clean] [--jsonl OUT] "
                 "[--slowest K] PATH...\n");
    return 2;
  }
  std::vector<Status> problems;
  IngestLimits limits;
  std::vector<Input> inputs;
  for (const InputFile& f : ExpandPaths(paths, problems)) {
    if (stage == "clean") {
      std::FILE* file = std::fopen(f.path.c_str(), "rb");
      if (!file) continue;
      std::string raw;
      char buf[1 << 16];
      for (size_t n; (n = std::fread(buf, 1, sizeof buf, file)) > 0;) raw.append(buf, n);
      std::fclose(file);
      if (LooksGzipped(raw)) {
        StatusOr<std::string> inflated = Gunzip(f.path, raw, limits.max_page_bytes);
        if (!inflated.ok()) continue;
        raw = std::move(*inflated);
      }
      inputs.push_back(Input{f.path, std::move(raw), {}});
    } else {
      ReadResult r = ReadInput(f, limits);
      for (Page& p : r.pages) inputs.push_back(Input{p.source, p.content, std::move(p)});
    }
  }
  size_t bytes = 0;
  for (const Input& in : inputs) bytes += in.bytes.size();
  AnalyzeOptions options;
  Resources resources;
  CleanOptions clean_options;
  size_t records = 0;
  std::vector<double> page_seconds(inputs.size(), 1e9);
  std::vector<std::string> texts(inputs.size());
  using Clock = std::chrono::steady_clock;
  auto start = Clock::now();
  for (int r = 0; r < repeat; ++r) {
    for (size_t i = 0; i < inputs.size(); ++i) {
      auto page_start = Clock::now();
      std::vector<Document> docs;
      if (stage == "clean") {
        const std::string& raw = inputs[i].bytes;
        Page page;
        page.source = inputs[i].name;
        page.format = LooksHtml(raw) ? PageFormat::kHtml : PageFormat::kText;
        page.content = page.format == PageFormat::kHtml
                           ? DecodeToUtf8(raw, DeclaredHtmlCharset(raw))
                           : DecodeToUtf8(raw);
        docs = CleanPage(page, clean_options);
      } else {
        docs = AnalyzePage(inputs[i].page, options, resources);
      }
      page_seconds[i] = std::min(page_seconds[i],
                                 std::chrono::duration<double>(Clock::now() - page_start).count());
      records += docs.size();
      if (r + 1 == repeat && !docs.empty()) texts[i] = std::move(docs.front().text);
    }
  }
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  double n = static_cast<double>(inputs.size()) * repeat;
  std::printf(
      "%s: %zu pages, %.2f MB, %d runs: %.0f pages/s, %.1f MB/s, %zu records/run, "
      "peak RSS %.1f MB\n",
      stage.c_str(), inputs.size(), bytes / 1e6, repeat, n / seconds,
      bytes * repeat / 1e6 / seconds, records / repeat, PeakRssKb() / 1024.0);
  if (slowest > 0) {
    std::vector<size_t> order(inputs.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](size_t a, size_t b) { return page_seconds[a] > page_seconds[b]; });
    for (size_t k = 0; k < std::min(slowest, order.size()); ++k)
      std::printf("  %8.2f ms %9zu bytes  %s\n", page_seconds[order[k]] * 1e3,
                  inputs[order[k]].bytes.size(), inputs[order[k]].name.c_str());
  }
  if (!jsonl.empty()) {
    std::FILE* out = std::fopen(jsonl.c_str(), "w");
    if (!out) {
      std::fprintf(stderr, "clean_bench: cannot write %s\n", jsonl.c_str());
      return 1;
    }
    for (size_t i = 0; i < inputs.size(); ++i) {
      std::fputs("{\"source\": ", out);
      WriteJsonString(out, inputs[i].name);
      std::fputs(", \"kind\": \"article\", \"text\": ", out);
      WriteJsonString(out, texts[i]);
      std::fputs("}\n", out);
    }
    std::fclose(out);
  }
  return 0;
}
