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
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace wirewatch {

struct IngestLimits {
  size_t max_input_bytes = size_t{256} << 20;  // per file, after decompression
  size_t max_page_bytes = size_t{32} << 20;    // per page inside a container
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

}  // namespace wirewatch
