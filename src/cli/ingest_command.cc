// `wirewatch ingest [--db FILE] PATH...` and `wirewatch ingest --from-jsonl FILE...`: analyses
// pages exactly as `analyze` does (RunAnalyze, whose JSONL output is read back here through a
// memory stream) or loads records analyze wrote elsewhere, and stores them in batches of one
// transaction each. Record ids are content hashes, so a second run over the same inputs adds
// nothing, and a run killed midway leaves only whole batches: running it again completes it.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <cstdio>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <future>
#include <optional>
#include <thread>

#include "cli/commands.h"
#include "cli/store_options.h"
#include "pipeline/pipeline.h"
#include "store/store.h"

namespace wirewatch::cli {
namespace {

constexpr const char* kHelp = R"(usage: wirewatch ingest [options] PATH...
       wirewatch ingest [options] --from-jsonl FILE...

Analyses PATHs as `wirewatch analyze` does (files, folders, - for standard input) and stores the
records, with their entities, quotes, events and times, in an SQLite store. With --from-jsonl,
loads records that `wirewatch analyze` wrote (FILE may be - for standard input) without
analysing again. Records already stored (same id) add nothing; a run that was interrupted
(even by kill -9) is completed by running it again. Each new record's "duplicate_of" and
"story" are decided against every record already in the store (docs/corpus.md), so records
ingested on different days are linked as if analysed in one batch.

options:
  --db FILE|URI        the store (default wirewatch.db; created when missing), or a
                       PostgreSQL database: postgresql://user@host/dbname (docs/deploy.md)
  --from-jsonl         the arguments are JSONL files of analysed records
  --batch N            records per transaction (default 500)
  --max-page-bytes N   longest JSONL line (record) accepted (default 16777216)
  -j, --threads N      analysis threads; with --from-jsonl, parsing threads (default: all cores)
  --with-syntax        store records with their "tokens" (as analyze --with-syntax)
  --data-dir DIR       folder holding data/ and models/ (as analyze)
  -h, --help           this text

Progress (records, rate, ETA) goes to standard error when it is a terminal; otherwise one summary
line at the end. exit status: 0 when every input was stored; 1 when any input failed (each named
on standard error, the rest stored) or the store could not be opened or written; 2 on a usage
error.
)";

using Clock = std::chrono::steady_clock;

// Collects lines into batches, parses each batch on worker threads, and writes it in one
// transaction on a writer thread while the next batch is parsed: the store's inserts are one
// thread's work, so JSON parsing and MinHash signatures are done beside them. Errors are
// reported in input order; progress after each written batch.
class Ingester {
 public:
  Ingester(Store& store, size_t batch, std::string db, uint64_t total_bytes, int parse_threads)
      : store_(store), batch_size_(batch), db_(std::move(db)), total_bytes_(total_bytes),
        parse_threads_(std::max(1, parse_threads)), tty_(::isatty(STDERR_FILENO) == 1),
        start_(Clock::now()) {}
  ~Ingester() { (void)WaitForWriter(); }

  // False once the store failed: nothing more is stored.
  bool ok() const { return fatal_.ok(); }
  const Status& fatal() const { return fatal_; }
  bool input_failed = false;

  void AddLine(std::string line, const std::string& where, uint64_t bytes) {
    done_bytes_ += bytes;
    if (!ok()) return;
    if (line.find_first_not_of(" \t\r\n") == std::string::npos) return;
    lines_.push_back({std::move(line), where, {}});
    if (lines_.size() >= batch_size_) Dispatch();
  }

  // An input problem found before parsing (an unreadable file, an overlong line): reported in
  // its place among the parse errors of the lines around it.
  void AddError(std::string message) {
    if (!ok()) return;
    lines_.push_back({{}, {}, std::move(message)});
  }

  // Parses and writes what is pending, and waits until the store has it.
  void Flush() {
    Dispatch();
    WaitForWriter();
  }

  void SaveCorpus() {
    if (Status s = store_.SaveCorpus(); !s.ok()) fatal_ = s;
  }

  void ClearProgress() {
    if (shown_) std::fputs("\r\033[K", stderr);
  }

  void Summary() {
    ClearProgress();
    double secs = std::chrono::duration<double>(Clock::now() - start_).count();
    std::fprintf(stderr,
                 "wirewatch ingest: %lld records read, %lld new, %lld already stored in %s "
                 "(%.1f s, %.0f records/s)\n",
                 static_cast<long long>(read_), static_cast<long long>(added_),
                 static_cast<long long>(existing_), db_.c_str(), secs,
                 secs > 0 ? static_cast<double>(read_) / secs : 0.0);
  }

 private:
  struct Line {
    std::string text, where;
    std::string error;  // set: no record, this message instead
  };
  struct Parsed {
    std::optional<StoredRecord> record;
    std::string error;
  };

  static Parsed ParseLine(Line& line) {
    if (!line.error.empty()) return {std::nullopt, std::move(line.error)};
    auto record = ParseStoredRecord(std::move(line.text), line.where);
    if (!record.ok()) return {std::nullopt, record.status().message()};
    PrecomputeSignature(*record);
    return {std::move(*record), {}};
  }

  // Parses the pending lines (on up to parse_threads_ threads, each a contiguous share) and
  // hands the records to the writer once it has finished the previous batch.
  void Dispatch() {
    if (lines_.empty()) return;
    std::vector<Parsed> parsed(lines_.size());
    size_t threads = std::min(static_cast<size_t>(parse_threads_), lines_.size());
    size_t share = (lines_.size() + threads - 1) / threads;
    auto parse_range = [&](size_t from) {
      for (size_t i = from; i < std::min(from + share, lines_.size()); ++i)
        parsed[i] = ParseLine(lines_[i]);
    };
    std::vector<std::thread> workers;
    for (size_t t = 1; t < threads; ++t) workers.emplace_back(parse_range, t * share);
    parse_range(0);
    for (auto& w : workers) w.join();
    lines_.clear();
    std::vector<StoredRecord> batch;
    batch.reserve(parsed.size());
    for (Parsed& p : parsed) {
      if (!p.record) {
        ClearProgress();
        std::fprintf(stderr, "wirewatch ingest: %s\n", p.error.c_str());
        input_failed = true;
        continue;
      }
      ++read_;
      batch.push_back(std::move(*p.record));
    }
    WaitForWriter();
    if (batch.empty() || !ok()) return;
    writer_ = std::async(std::launch::async, [this, b = std::move(batch)]() {
      return store_.PutBatch(b);
    });
  }

  // Takes the result of the batch being written, if any.
  void WaitForWriter() {
    if (!writer_.valid()) return;
    auto put = writer_.get();
    if (!put.ok()) {
      fatal_ = put.status();
      return;
    }
    added_ += put->added;
    existing_ += put->existing;
    Progress();
  }

  void Progress() {
    if (!tty_) return;
    auto now = Clock::now();
    if (now - last_progress_ < std::chrono::milliseconds(250)) return;
    last_progress_ = now;
    double secs = std::chrono::duration<double>(now - start_).count();
    double rate = secs > 0 ? static_cast<double>(read_) / secs : 0;
    std::string eta;
    if (total_bytes_ > 0 && done_bytes_ > 0 && done_bytes_ < total_bytes_) {
      double left = secs * static_cast<double>(total_bytes_ - done_bytes_) /
                    static_cast<double>(done_bytes_);
      eta = ", ETA " + std::to_string(static_cast<long long>(left + 0.5)) + " s";
    }
    int percent = total_bytes_ > 0 ? static_cast<int>(100.0 * static_cast<double>(done_bytes_) /
                                                      static_cast<double>(total_bytes_))
                                   : -1;
    std::fprintf(stderr, "\r\033[Kingest: %lld records (%lld new), %.0f records/s%s%s",
                 static_cast<long long>(read_), static_cast<long long>(added_), rate,
                 percent >= 0 ? (", " + std::to_string(std::min(percent, 100)) + "%").c_str() : "",
                 eta.c_str());
    std::fflush(stderr);
    shown_ = true;
  }

  Store& store_;
  size_t batch_size_;
  std::string db_;
  uint64_t total_bytes_;
  uint64_t done_bytes_ = 0;
  int parse_threads_;
  bool tty_;
  bool shown_ = false;
  Clock::time_point start_, last_progress_{};
  std::vector<Line> lines_;
  std::future<StatusOr<PutResult>> writer_;  // the batch being written, if any
  int64_t read_ = 0, added_ = 0, existing_ = 0;
  Status fatal_;
};

// Splits what RunAnalyze writes into lines and hands them to the Ingester. Used as the write
// function of a fopencookie stream, so the analyze pipeline runs unchanged.
struct LineSink {
  Ingester* ingester;
  std::string pending;
  int64_t line = 0;
};

ssize_t WriteToSink(void* cookie, const char* data, size_t size) {
  auto* sink = static_cast<LineSink*>(cookie);
  sink->pending.append(data, size);
  size_t begin = 0;
  for (size_t nl; (nl = sink->pending.find('\n', begin)) != std::string::npos; begin = nl + 1) {
    ++sink->line;
    sink->ingester->AddLine(sink->pending.substr(begin, nl - begin),
                            "analysed record " + std::to_string(sink->line), 0);
  }
  sink->pending.erase(0, begin);
  return static_cast<ssize_t>(size);
}

uint64_t FileBytes(const std::string& path) {
  struct stat st {};
  return path != "-" && ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode)
             ? static_cast<uint64_t>(st.st_size)
             : 0;
}

// Reads JSONL in blocks and hands each line over; a line longer than `max_line` is named and
// skipped without being held in memory whole (analyze's --max-page-bytes default, 16 MiB).
void IngestJsonl(const std::string& path, size_t max_line, Ingester& ingester) {
  // POSIX reads, which return what a pipe holds now: a stream read would wait for a full block.
  int fd = path == "-" ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    ingester.AddError(path + ": cannot open");
    return;
  }
  struct Closer {
    int fd;
    ~Closer() {
      if (fd != STDIN_FILENO) ::close(fd);
    }
  } closer{fd};
  int read_error = 0;
  std::string line, block(1 << 20, '\0');
  int64_t n = 0;
  bool too_long = false;
  auto finish_line = [&] {
    ++n;
    if (too_long) {
      ingester.AddError(path + ":" + std::to_string(n) + ": line longer than " +
                        std::to_string(max_line) + " bytes, skipped");
    } else {
      uint64_t bytes = line.size() + 1;
      ingester.AddLine(std::move(line), path + ":" + std::to_string(n), bytes);
    }
    line.clear();
    too_long = false;
  };
  while (ingester.ok()) {
    ssize_t r = ::read(fd, block.data(), block.size());
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) read_error = errno;
    if (r <= 0) break;
    size_t got = static_cast<size_t>(r);
    size_t begin = 0;
    while (begin < got) {
      const char* nl = static_cast<const char*>(std::memchr(block.data() + begin, '\n', got - begin));
      size_t end = nl ? static_cast<size_t>(nl - block.data()) : got;
      if (!too_long) {
        if (line.size() + (end - begin) > max_line) {
          too_long = true;
          line.clear();
          line.shrink_to_fit();
        } else {
          line.append(block, begin, end - begin);
        }
      }
      begin = end + 1;
      if (nl) finish_line();
      if (!ingester.ok()) return;
    }
  }
  if (!line.empty() || too_long) finish_line();
  if (read_error) {
    ingester.AddError(path + ": cannot read after line " + std::to_string(n) + " (" +
                      std::strerror(read_error) + ")");
  }
}

}  // namespace

int IngestCommand(const Args& args) {
  std::string db = kDefaultStore, data_dir;
  bool from_jsonl = false;
  long long batch = 500;
  AnalyzeOptions options;
  std::vector<std::string> paths;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto text_value = [&](std::string& out) {
      if (i + 1 >= args.size() || args[i + 1].empty()) return false;
      out = args[++i];
      return true;
    };
    auto count_value = [&](long long& out) {
      return i + 1 < args.size() && ParseCount(args[i + 1], out) && (++i, true);
    };
    long long v = 0;
    if (a == "-h" || a == "--help") {
      std::fputs(kHelp, stdout);
      return 0;
    } else if (a == "--db") {
      if (!text_value(db)) return std::fputs("wirewatch ingest: --db needs a file\n", stderr), 2;
    } else if (a == "--from-jsonl") {
      from_jsonl = true;
    } else if (a == "--batch") {
      if (!count_value(batch) || batch < 1)
        return std::fputs("wirewatch ingest: --batch needs a number >= 1\n", stderr), 2;
    } else if (a == "--max-page-bytes") {
      if (!count_value(v) || v < 1)
        return std::fputs("wirewatch ingest: --max-page-bytes needs a number\n", stderr), 2;
      options.limits.max_page_bytes = static_cast<size_t>(v);
    } else if (a == "-j" || a == "--threads") {
      if (!count_value(v)) return std::fputs("wirewatch ingest: -j needs a number\n", stderr), 2;
      options.threads = static_cast<int>(std::min<long long>(v, 1024));
    } else if (a.rfind("-j", 0) == 0 && a.size() > 2 && ParseCount(a.substr(2), v)) {
      options.threads = static_cast<int>(std::min<long long>(v, 1024));
    } else if (a == "--with-syntax") {
      options.with_syntax = true;
    } else if (a == "--data-dir") {
      if (!text_value(data_dir))
        return std::fputs("wirewatch ingest: --data-dir needs a folder\n", stderr), 2;
    } else if (a == "--") {
      paths.insert(paths.end(), args.begin() + static_cast<long>(i) + 1, args.end());
      break;
    } else if (!a.empty() && a[0] == '-' && a != "-") {
      std::fprintf(stderr, "wirewatch ingest: unknown option '%s'\n", a.c_str());
      return 2;
    } else {
      paths.push_back(a);
    }
  }
  if (paths.empty()) {
    std::fputs(kHelp, stderr);
    return 2;
  }
  // The store links records (duplicate_of, story) against everything it holds, so the batch
  // pass of analyze would only be overwritten.
  options.corpus = false;
  Resources resources;
  if (!from_jsonl) {
    std::string dir = DataDir(data_dir);
    auto loaded = LoadResources(dir);
    if (!loaded.ok()) {
      std::fprintf(stderr, "wirewatch ingest: %s\n", loaded.status().message().c_str());
      return 2;
    }
    resources = std::move(*loaded);
    if (options.with_syntax) {
      if (Status s = LoadSyntax(dir, resources); !s.ok()) {
        std::fprintf(stderr, "wirewatch ingest: %s\n", s.message().c_str());
        return 2;
      }
    }
  }
  auto store = OpenStore(db, OpenMode::kReadWriteCreate);
  if (!store.ok()) {
    std::fprintf(stderr, "wirewatch ingest: %s\n", store.status().message().c_str());
    return 1;
  }
  uint64_t total_bytes = 0;
  if (from_jsonl)
    for (const auto& p : paths) total_bytes += FileBytes(p);
  // Parsing threads beside the writer: all cores for --from-jsonl (the writer mostly waits on
  // SQLite), one when analysis already keeps the cores busy.
  int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  int parse_threads = from_jsonl ? (options.threads > 0 ? options.threads : cores) : 1;
  Ingester ingester(**store, static_cast<size_t>(batch), RedactStoreName(db), total_bytes, parse_threads);
  int analyze_exit = 0;
  if (from_jsonl) {
    for (const auto& p : paths) {
      if (!ingester.ok()) break;
      IngestJsonl(p, options.limits.max_page_bytes, ingester);
    }
  } else {
    LineSink sink{&ingester, {}, 0};
    cookie_io_functions_t io{nullptr, &WriteToSink, nullptr, nullptr};
    std::FILE* out = fopencookie(&sink, "w", io);
    if (out == nullptr) {
      std::fprintf(stderr, "wirewatch ingest: cannot create the record stream\n");
      return 1;
    }
    analyze_exit = RunAnalyze(paths, options, resources, out, stderr);
    std::fclose(out);
  }
  ingester.Flush();
  // The corpus index is saved once at the end, so the next run restores it in one read.
  if (ingester.ok()) ingester.SaveCorpus();
  if (!ingester.ok()) {
    ingester.ClearProgress();
    std::fprintf(stderr, "wirewatch ingest: %s\n", ingester.fatal().message().c_str());
    return 1;
  }
  ingester.Summary();
  return analyze_exit != 0 || ingester.input_failed ? 1 : 0;
}

}  // namespace wirewatch::cli
