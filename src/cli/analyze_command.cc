// `wirewatch analyze [options] PATH...`
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <thread>

#include "cli/commands.h"
#include "pipeline/pipeline.h"

namespace wirewatch::cli {
namespace {

constexpr const char* kHelp = R"(usage: wirewatch analyze [options] PATH...

Reads files, folders (recursively) and - (standard input) and writes one JSON record per
document (article or brief) on standard output, in input order. Inputs are recognised by
content: plain-text page dumps, HTML pages, JSONL articles, WARC files, each optionally gzipped.

options:
  -j, --threads N      worker threads (default: all cores); output is the same for any N
  --max-bytes N        largest input accepted, after decompression (default 268435456)
  --max-page-bytes N   largest single page, alone or inside a JSONL or WARC container
                       (default 16777216)
  --max-depth N        HTML elements nested deeper are flattened (default 256)
  --with-syntax        add a "tokens" array to each record: UD part of speech, features,
                       lemma and dependency arc of every token (models/syntax-nl.bin)
  --no-corpus          skip the cross-document pass: "duplicate_of" and "story" stay null
                       and records are written as soon as they are analysed
  --no-site-templates  do not learn site templates: by default lines that recur on half or
                       more of a site's text pages in the batch (3 pages at least) are
                       that site's boilerplate (a first pass reads the inputs; not for -)
  --stories FILE       write one JSON line per story to FILE at the end (id, title, record
                       and independent-report counts, sources, dates, record ids)
  --dup-threshold X    estimated Jaccard similarity (0..1) from which a record is a
                       near-duplicate of an earlier one (default 0.4; docs/corpus.md)
  --data-dir DIR       folder holding data/ and models/ (default: $WIREWATCH_DATA, else the
                       source tree wirewatch was built from)
  -h, --help           this text

exit status: 0 when every input produced records; 1 when any input (or item in a container)
produced none, each such input named on standard error with the reason; 2 on a usage error.
)";

}  // namespace

int AnalyzeCommand(const Args& args) {
  AnalyzeOptions options;
  std::vector<std::string> paths;
  std::string data_dir;
  std::string stories_path;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](long long& out) {
      if (i + 1 >= args.size() || !ParseCount(args[i + 1], out)) {
        std::fprintf(stderr, "wirewatch analyze: %s needs a number\n", a.c_str());
        return false;
      }
      ++i;
      return true;
    };
    long long v = 0;
    if (a == "-h" || a == "--help") {
      std::fputs(kHelp, stdout);
      return 0;
    } else if (a == "-j" || a == "--threads") {
      if (!value(v)) return 2;
      options.threads = static_cast<int>(std::min<long long>(v, 1024));
    } else if (a.rfind("-j", 0) == 0 && a.size() > 2 && ParseCount(a.substr(2), v)) {
      options.threads = static_cast<int>(std::min<long long>(v, 1024));
    } else if (a == "--max-bytes") {
      if (!value(v)) return 2;
      options.limits.max_input_bytes = static_cast<size_t>(v);
    } else if (a == "--max-page-bytes") {
      if (!value(v)) return 2;
      options.limits.max_page_bytes = static_cast<size_t>(v);
    } else if (a == "--max-depth") {
      if (!value(v)) return 2;
      options.clean.max_html_depth = static_cast<int>(std::min<long long>(v, 100000));
    } else if (a == "--with-syntax") {
      options.with_syntax = true;
    } else if (a == "--no-corpus") {
      options.corpus = false;
    } else if (a == "--no-site-templates") {
      options.site_templates = false;
    } else if (a == "--stories") {
      if (i + 1 >= args.size()) {
        std::fprintf(stderr, "wirewatch analyze: --stories needs a file\n");
        return 2;
      }
      stories_path = args[++i];
    } else if (a == "--dup-threshold") {
      char* end = nullptr;
      double t = i + 1 < args.size() ? std::strtod(args[i + 1].c_str(), &end) : -1;
      if (i + 1 >= args.size() || end == args[i + 1].c_str() || *end != '\0' || !(t > 0 && t <= 1)) {
        std::fprintf(stderr, "wirewatch analyze: --dup-threshold needs a number in (0, 1]\n");
        return 2;
      }
      options.corpus_options.duplicates.jaccard_threshold = t;
      ++i;
    } else if (a == "--data-dir") {
      if (i + 1 >= args.size()) {
        std::fprintf(stderr, "wirewatch analyze: --data-dir needs a folder\n");
        return 2;
      }
      data_dir = args[++i];
    } else if (a == "-" || a.empty() || a[0] != '-') {
      paths.push_back(a);
    } else if (a == "--") {
      paths.insert(paths.end(), args.begin() + static_cast<long>(i) + 1, args.end());
      break;
    } else {
      std::fprintf(stderr, "wirewatch analyze: unknown option '%s'\n", a.c_str());
      return 2;
    }
  }
  if (paths.empty()) {
    std::fputs(kHelp, stderr);
    return 2;
  }
  if (!stories_path.empty() && !options.corpus) {
    std::fprintf(stderr, "wirewatch analyze: --stories needs the corpus pass (drop --no-corpus)\n");
    return 2;
  }
  auto resources = LoadResources(DataDir(data_dir));
  if (!resources.ok()) {
    std::fprintf(stderr, "wirewatch analyze: %s\n", resources.status().message().c_str());
    return 2;
  }
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> stories(nullptr, &std::fclose);
  if (!stories_path.empty()) {
    stories.reset(std::fopen(stories_path.c_str(), "w"));
    if (!stories) {
      std::fprintf(stderr, "wirewatch analyze: %s: cannot open for writing\n", stories_path.c_str());
      return 2;
    }
    options.stories_out = stories.get();
  }
  int code = RunAnalyze(paths, options, *resources, stdout, stderr);
  if (stories && std::ferror(stories.get())) {
    std::fprintf(stderr, "wirewatch analyze: %s: write failed\n", stories_path.c_str());
    code = 1;
  }
  return code;
}

}  // namespace wirewatch::cli
