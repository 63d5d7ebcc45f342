// WARC 1.0/1.1 reader: response and resource records whose payload is HTML or text become
// pages; request, metadata and warcinfo records, and non-text payloads (images, scripts), are
// not pages and are skipped. The HTTP layer of responses is undone here (chunked transfer
// encoding, gzip/deflate content encoding) so cleaning sees the page as a browser would.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/dates.h"
#include "ingest/ingest.h"

namespace wirewatch {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Header block "Name: value\r\n..." -> lowercased names to values.
std::map<std::string, std::string> ParseHeaders(std::string_view block) {
  std::map<std::string, std::string> headers;
  size_t pos = 0;
  while (pos < block.size()) {
    size_t nl = block.find('\n', pos);
    std::string_view line = block.substr(pos, nl == std::string_view::npos ? block.size() - pos : nl - pos);
    pos = nl == std::string_view::npos ? block.size() : nl + 1;
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    headers[Lower(Trim(line.substr(0, colon)))] = std::string(Trim(line.substr(colon + 1)));
  }
  return headers;
}

// Position just past the blank line ending a header block, or npos.
size_t HeaderEnd(std::string_view s, size_t from) {
  size_t crlf = s.find("\r\n\r\n", from);
  size_t lf = s.find("\n\n", from);
  if (crlf == std::string_view::npos && lf == std::string_view::npos) return std::string_view::npos;
  if (crlf != std::string_view::npos && (lf == std::string_view::npos || crlf < lf)) return crlf + 4;
  return lf + 2;
}

std::optional<std::string> Dechunk(std::string_view body) {
  std::string out;
  size_t pos = 0;
  while (pos < body.size()) {
    size_t nl = body.find('\n', pos);
    if (nl == std::string_view::npos) return std::nullopt;
    std::string size_hex(Trim(body.substr(pos, nl - pos)));
    size_t semi = size_hex.find(';');
    if (semi != std::string::npos) size_hex.resize(semi);
    char* end = nullptr;
    unsigned long size = std::strtoul(size_hex.c_str(), &end, 16);
    if (end == size_hex.c_str()) return std::nullopt;
    pos = nl + 1;
    if (size == 0) break;
    // Not `pos + size > body.size()`: a size near ULONG_MAX wraps that sum, and the loop then
    // appends the body over and over (fuzz/warc_fuzzer: 845 bytes asked for 3 GB).
    if (size > body.size() - pos) return std::nullopt;
    out.append(body.substr(pos, size));
    pos += size;
    if (pos < body.size() && body[pos] == '\r') ++pos;
    if (pos < body.size() && body[pos] == '\n') ++pos;
  }
  return out;
}

std::string CharsetOf(std::string_view content_type) {
  std::string ct = Lower(content_type);
  size_t at = ct.find("charset=");
  if (at == std::string::npos) return {};
  std::string cs = ct.substr(at + 8);
  cs.erase(std::remove(cs.begin(), cs.end(), '"'), cs.end());
  size_t end = cs.find_first_of("; ");
  if (end != std::string::npos) cs.resize(end);
  return cs;
}

// Header lines longer than this, or header blocks larger, are not WARC: stop rather than buffer.
constexpr size_t kMaxHeaderLine = size_t{64} << 10;
constexpr size_t kMaxHeaderBlock = size_t{1} << 20;

// What a record's block holds, as far as pages are concerned.
struct Payload {
  bool page = false;  // a response/resource record with an HTML or text payload
  bool html = false;
  std::string content_type;
  std::string transfer_encoding;
  std::string content_encoding;
  size_t start = 0;  // where the payload starts in the block (after HTTP headers)
  std::optional<std::string> problem;  // a page-like record that cannot be read
};

// Works on the whole block, or on its first bytes when the block is too large to read.
Payload Classify(const std::string& type, const std::map<std::string, std::string>& warc,
                 std::string_view block) {
  Payload p;
  if (type != "response" && type != "resource" && type != "conversion") return p;
  if (type == "response" && block.substr(0, 5) == "HTTP/") {
    size_t http_end = HeaderEnd(block, 0);
    if (http_end == std::string_view::npos) {
      p.page = true;
      p.problem = "truncated HTTP headers";
      return p;
    }
    // Status line: only 2xx responses hold pages (redirects and errors are not articles).
    size_t sp = block.find(' ');
    if (sp == std::string_view::npos || sp + 1 >= block.size() || block[sp + 1] != '2') return p;
    auto http = ParseHeaders(block.substr(0, http_end));
    p.content_type = http["content-type"];
    p.transfer_encoding = Lower(http["transfer-encoding"]);
    p.content_encoding = Lower(http["content-encoding"]);
    p.start = http_end;
  } else if (auto it = warc.find("content-type"); it != warc.end()) {
    p.content_type = it->second;
  }
  std::string ct = Lower(p.content_type);
  p.html = ct.find("html") != std::string::npos;
  bool text = ct.find("text/plain") != std::string::npos;
  if (!p.html && !text) {
    // Images, scripts, feeds: not pages. Without a type, look at the bytes.
    if (!ct.empty()) return p;
    std::string_view head = block.substr(p.start, 4096);
    if (!p.content_encoding.empty() || p.transfer_encoding.find("chunked") != std::string::npos) {
      // Encoded bytes cannot be judged before decoding; let the caller decide after it.
    } else if (LooksBinary(head)) {
      return p;
    } else {
      p.html = LooksHtml(head);
    }
  }
  p.page = true;
  return p;
}

// The record's block -> a page, a problem, or nothing (a record that is not a page).
void EmitRecord(const std::string& where, std::map<std::string, std::string>& headers,
                std::string_view block, const IngestLimits& limits, const PageSink& sink,
                size_t record_no, const std::string& name) {
  std::string type = Lower(headers["warc-type"]);
  Payload p = Classify(type, headers, block);
  if (!p.page) return;
  if (p.problem) {
    sink.problem(Corrupt(where + ": " + *p.problem));
    return;
  }
  std::string_view payload = block.substr(p.start);
  std::string owned;
  if (p.transfer_encoding.find("chunked") != std::string::npos) {
    if (auto d = Dechunk(payload)) {
      owned = std::move(*d);
      payload = owned;
    }  // else: not really chunked; servers lie, and the bytes are still the page
  }
  if (p.content_encoding == "gzip" || p.content_encoding == "x-gzip" ||
      p.content_encoding == "deflate") {
    auto inflated = Gunzip(where, payload, limits.max_page_bytes);
    if (!inflated.ok()) {
      sink.problem(inflated.status());
      return;
    }
    owned = std::move(inflated).value();
    payload = owned;
  }
  if (Lower(p.content_type).empty()) {
    if (LooksBinary(payload)) return;
    p.html = LooksHtml(payload);
  }
  if (payload.size() > limits.max_page_bytes) {
    sink.problem(LimitExceeded(where + ": page over the size limit (" +
                               std::to_string(limits.max_page_bytes) + " bytes)"));
    return;
  }
  if (payload.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    sink.problem(Empty(where + ": empty payload"));
    return;
  }
  Page page;
  page.format = p.html ? PageFormat::kHtml : PageFormat::kText;
  // The record id is a URI in angle brackets; the brackets are WARC syntax, not part of it.
  std::string id = headers["warc-record-id"];
  if (id.size() >= 2 && id.front() == '<' && id.back() == '>') id = id.substr(1, id.size() - 2);
  page.source = !id.empty() ? id : name + "#" + std::to_string(record_no);
  std::string charset = CharsetOf(p.content_type);
  if (charset.empty() && p.html) charset = DeclaredHtmlCharset(payload);
  page.content = DecodeToUtf8(payload, charset);
  if (headers.count("warc-date")) page.crawl_time = NormalizeDate(headers["warc-date"]);
  if (headers.count("warc-target-uri")) {
    std::string uri = headers["warc-target-uri"];
    if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>') uri = uri.substr(1, uri.size() - 2);
    page.url = uri;
  }
  sink.page(std::move(page));
}

}  // namespace

void StreamWarc(const std::string& name, ByteStream& in, const IngestLimits& limits,
                const PageSink& sink) {
  size_t records = 0, reported = 0;
  PageSink counted{[&](Page page) {
                     ++reported;
                     sink.page(std::move(page));
                   },
                   [&](Status status) {
                     ++reported;
                     sink.problem(std::move(status));
                   }};
  std::string block;
  std::string_view line;
  while (true) {
    // Records are separated by blank lines.
    uint64_t start = in.offset();
    ByteStream::LineResult r;
    do {
      start = in.offset();
      r = in.ReadLine(line, kMaxHeaderLine);
      if (r == ByteStream::LineResult::kLine) line = Trim(line);
    } while (r == ByteStream::LineResult::kLine && line.empty());
    if (r == ByteStream::LineResult::kEnd) break;
    std::string where = name + ": WARC record at byte " + std::to_string(start);
    if (r == ByteStream::LineResult::kTooLong || line.substr(0, 5) != "WARC/") {
      // Without a Content-Length to trust there is no finding the next record.
      counted.problem(Corrupt(where + ": no WARC/ version line"));
      break;
    }
    std::string header_block;
    bool complete = false, too_large = false;
    while (true) {
      r = in.ReadLine(line, kMaxHeaderLine);
      if (r == ByteStream::LineResult::kEnd) break;
      if (r == ByteStream::LineResult::kTooLong) {
        too_large = true;
        break;
      }
      line = Trim(line);
      if (line.empty()) {
        complete = true;
        break;
      }
      header_block.append(line).append("\n");
      if (header_block.size() > kMaxHeaderBlock) {
        too_large = true;
        break;
      }
    }
    if (too_large) {
      counted.problem(Corrupt(where + ": WARC headers too large"));
      break;
    }
    if (!complete) {
      if (in.status().ok()) counted.problem(Corrupt(where + ": truncated WARC record (headers)"));
      break;
    }
    auto headers = ParseHeaders(header_block);
    ++records;
    auto length_it = headers.find("content-length");
    if (length_it == headers.end()) {
      counted.problem(Corrupt(where + ": no Content-Length"));
      break;
    }
    const std::string& digits = length_it->second;
    if (digits.empty() || digits.size() > 18 ||
        digits.find_first_not_of("0123456789") != std::string::npos) {
      counted.problem(Corrupt(where + ": bad Content-Length '" + digits + "'"));
      break;
    }
    uint64_t length = std::stoull(digits);
    if (length > limits.max_page_bytes) {
      // Too large to hold: judge it by its first bytes, then skip it.
      std::string type = Lower(headers["warc-type"]);
      Payload p = Classify(type, headers, in.Peek(std::min<uint64_t>(length, 65536)));
      if (!in.Skip(length)) {
        if (in.status().ok())
          counted.problem(Corrupt(where + ": truncated WARC record (fewer than " +
                                  std::to_string(length) + " bytes)"));
        break;
      }
      if (p.page)
        counted.problem(LimitExceeded(where + ": page over the size limit (" +
                                      std::to_string(limits.max_page_bytes) + " bytes)"));
      continue;
    }
    block.clear();
    if (!in.Read(length, block)) {
      // A stream failure (truncated gzip) is reported once, below.
      if (in.status().ok())
        counted.problem(Corrupt(where + ": truncated WARC record (" +
                                std::to_string(block.size()) + " of " + std::to_string(length) +
                                " bytes)"));
      break;
    }
    EmitRecord(where, headers, block, limits, counted, records, name);
  }
  if (!in.status().ok()) {
    counted.problem(in.status());
  } else if (records == 0 && reported == 0) {
    counted.problem(Corrupt(name + ": no WARC records"));
  } else if (reported == 0) {
    // Request, metadata, redirect and image records only: say so rather than print nothing.
    counted.problem(Empty(name + ": no HTML or text pages in " + std::to_string(records) +
                          " WARC records"));
  }
}

ReadResult SplitWarc(const std::string& name, std::string_view bytes, const IngestLimits& limits) {
  ReadResult result;
  ByteStream in(name, StringPull(bytes), bytes.size());
  StreamWarc(name, in, limits,
             {[&](Page page) { result.pages.push_back(std::move(page)); },
              [&](Status status) { result.problems.push_back(std::move(status)); }});
  return result;
}

}  // namespace wirewatch
