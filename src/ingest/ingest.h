// Ingest: turns input paths into decoded pages, ready for cleaning.
//
//   std::vector<Status> problems;
//   for (const InputFile& file : ExpandPaths({"pages/", "-"}, problems))
//     ReadResult r = ReadInput(file, limits);   // r.pages, r.problems
//
// Inputs are recognised by content, not by name: gzip (any of the others, compressed), WARC,
// JSONL (one article object per line), HTML, and plain-text page dumps. Every page's content is
// valid UTF-8 in NFC: other encodings (UTF-16/32 with BOM, latin-1/windows-1252, a declared
// HTML charset) are decoded, invalid bytes replaced by U+FFFD, NUL bytes dropped.
//
// Nothing here throws. A file that yields no page gets a Status naming it and the reason; a
// container that is partly broken (a bad JSON line, a truncated WARC record) yields the pages
// that could be read plus one Status per broken item. All functions are thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace wirewatch {

struct IngestLimits {
  size_t max_input_bytes = size_t{256} << 20;  // per file, after decompression
  // Per page, standalone or inside a JSONL/WARC container. Analysis holds a few tens of times a
  // page's text in memory, so this bounds peak memory per worker.
  size_t max_page_bytes = size_t{16} << 20;
  int max_json_depth = 64;  // a JSONL line nested deeper is refused before it is parsed
};

enum class PageFormat { kText, kHtml };

// One page, decoded. Container metadata (JSONL fields, WARC headers) rides along.
struct Page {
  std::string source;  // path, "path#id" for JSONL, WARC-Record-ID for WARC
  PageFormat format = PageFormat::kText;
  std::string content;  // UTF-8, NFC
  bool content_is_body = false;  // JSONL text: already the article body, no chrome
  std::optional<std::string> title;
  std::optional<std::string> published;   // ISO 8601
  std::optional<std::string> url;
  std::optional<std::string> crawl_time;  // ISO 8601 (WARC-Date)
};

struct InputFile {
  std::string path;  // "-" is standard input
};

struct ReadResult {
  std::vector<Page> pages;
  std::vector<Status> problems;  // each message starts with the input's name
};

// Expands folders recursively (sorted, so runs are deterministic); "-" passes through. Paths that
// are missing or unreadable are reported in `problems`.
std::vector<InputFile> ExpandPaths(const std::vector<std::string>& paths,
                                   std::vector<Status>& problems);

// Reads, decompresses, detects and splits one input.
ReadResult ReadInput(const InputFile& file, const IngestLimits& limits);

// Receives what an input yields, in input order: pages and problems as they are read.
struct PageSink {
  std::function<void(Page)> page;
  std::function<void(Status)> problem;
};

// ReadInput without holding whole containers in memory: JSONL and WARC inputs (gzipped or not)
// are read line by line and record by record, so they need about max_page_bytes plus buffers
// whatever their size. A text or HTML page is one page and is read whole (up to
// max_input_bytes). An input that yields no page gets exactly one problem, naming it and why.
void StreamInput(const InputFile& file, const IngestLimits& limits, const PageSink& sink);

// The same over bytes already in memory; `name` is used in sources and messages.
ReadResult ReadBytes(std::string name, std::string bytes, const IngestLimits& limits);

// --- building blocks, exposed for tests and fuzzers ---

// Inflates gzip (also concatenated members). Fails on a truncated or corrupt stream and when the
// output would pass `max_output` bytes.
StatusOr<std::string> Gunzip(std::string_view name, std::string_view compressed, size_t max_output);

bool LooksGzipped(std::string_view bytes);

// Decodes bytes of unknown encoding to UTF-8 NFC. `declared_charset` (from HTML meta or HTTP
// headers) is trusted when the bytes are not valid UTF-8. Never fails: undecodable bytes become
// U+FFFD; NUL bytes are dropped.
std::string DecodeToUtf8(std::string_view bytes, std::string_view declared_charset = {});

// True when the bytes look like binary data (images, executables, archives) rather than text.
bool LooksBinary(std::string_view bytes);

// Parses a WARC file into pages (response and resource records with HTML or text payloads).
ReadResult SplitWarc(const std::string& name, std::string_view bytes, const IngestLimits& limits);

// Parses JSONL articles into pages (content_is_body = true).
ReadResult SplitJsonl(const std::string& name, std::string_view bytes, const IngestLimits& limits);

// True when the bytes read as an HTML page or fragment (by content, not by name).
bool LooksHtml(std::string_view bytes);

// The charset an HTML page declares in its head (<meta charset>, http-equiv), lowercased; empty
// when none.
std::string DeclaredHtmlCharset(std::string_view html);

// A forward-only byte stream with the buffering the container parsers need. It reads from a
// pull function (a file, an inflater, a string) and enforces a total size limit, so memory is
// bounded by what the caller asks to hold at once, whatever the input's size.
class ByteStream {
 public:
  // Writes up to `size` bytes into `buffer` and returns how many; 0 at the end.
  using Pull = std::function<StatusOr<size_t>(char* buffer, size_t size)>;

  // `name` starts the messages. More than `max_total` bytes in all ends the stream with a
  // kLimitExceeded status (`decompressed` only words the message).
  ByteStream(std::string name, Pull pull, size_t max_total, bool decompressed = false);

  // Up to `n` bytes ahead, without consuming them (fewer at the end).
  std::string_view Peek(size_t n);

  enum class LineResult { kLine, kTooLong, kEnd };
  // The next line without its '\n' (valid until the next call). A line longer than `max` bytes
  // is skipped through its '\n' and kTooLong returned. A last line without '\n' is returned
  // too, unless the stream failed there (then it is part of the failure, in status()).
  LineResult ReadLine(std::string_view& line, size_t max);

  // Exactly `n` bytes appended to `out` / discarded; false when the input ends first.
  bool Read(size_t n, std::string& out);
  bool Skip(size_t n);
  // Everything left (at most max_total bytes).
  void ReadAll(std::string& out);
  // Up to `size` bytes into `buffer`; 0 at the end. Lets one stream feed another.
  size_t ReadSome(char* buffer, size_t size);

  bool AtEnd() { return Peek(1).empty(); }
  uint64_t offset() const { return consumed_; }  // bytes consumed so far
  // Why the stream ended early (I/O error, corrupt gzip, over the limit); ok otherwise.
  const Status& status() const { return status_; }

 private:
  bool Fill(size_t want);  // buffers at least `want` bytes; false when the end comes first
  void Consume(size_t n);

  std::string name_;
  Pull pull_;
  size_t max_total_;
  bool decompressed_;
  std::string buffer_;
  size_t pos_ = 0;         // start of unconsumed bytes in buffer_
  uint64_t consumed_ = 0;  // bytes consumed since the start
  size_t total_ = 0;       // bytes pulled since the start
  bool end_ = false;
  Status status_;
};

// Pulls from a file; `path` "-" is standard input. The FILE is owned (closed) unless it is stdin.
ByteStream::Pull FilePull(std::string name, std::FILE* file);
// Pulls the inflated bytes of the gzip (or zlib) stream in `compressed`, members concatenated.
ByteStream::Pull GunzipPull(std::string name, ByteStream& compressed);
// Pulls from bytes in memory (which must outlive the pull).
ByteStream::Pull StringPull(std::string_view bytes);

// The streaming forms of SplitJsonl and SplitWarc.
void StreamJsonl(const std::string& name, ByteStream& in, const IngestLimits& limits,
                 const PageSink& sink);
void StreamWarc(const std::string& name, ByteStream& in, const IngestLimits& limits,
                const PageSink& sink);

}  // namespace wirewatch
