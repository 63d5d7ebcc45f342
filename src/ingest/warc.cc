// WARC 1.0/1.1 reader: response and resource records whose payload is HTML or text become
// pages; request, metadata and warcinfo records, and non-text payloads (images, scripts), are
// not pages and are skipped. The HTTP layer of responses is undone here (chunked transfer
// encoding, gzip/deflate content encoding) so cleaning sees the page as a browser would.
#include <algorithm>
#include <cctype>
#include <map>

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
    if (pos + size > body.size()) return std::nullopt;
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

}  // namespace

ReadResult SplitWarc(const std::string& name, std::string_view bytes, const IngestLimits& limits) {
  ReadResult result;
  size_t pos = 0;
  size_t records = 0;
  while (pos < bytes.size()) {
    while (pos < bytes.size() && (bytes[pos] == '\r' || bytes[pos] == '\n')) ++pos;
    if (pos >= bytes.size()) break;
    std::string where = name + ": WARC record at byte " + std::to_string(pos);
    if (bytes.substr(pos, 5) != "WARC/") {
      result.problems.push_back(Corrupt(where + ": no WARC/ version line"));
      break;
    }
    size_t head_end = HeaderEnd(bytes, pos);
    if (head_end == std::string_view::npos) {
      result.problems.push_back(Corrupt(where + ": truncated WARC record (headers)"));
      break;
    }
    auto headers = ParseHeaders(bytes.substr(pos, head_end - pos));
    ++records;
    auto length_it = headers.find("content-length");
    if (length_it == headers.end()) {
      result.problems.push_back(Corrupt(where + ": no Content-Length"));
      break;
    }
    char* end = nullptr;
    unsigned long long length = std::strtoull(length_it->second.c_str(), &end, 10);
    if (end == length_it->second.c_str()) {
      result.problems.push_back(Corrupt(where + ": bad Content-Length"));
      break;
    }
    if (length > bytes.size() - head_end) {
      result.problems.push_back(Corrupt(where + ": truncated WARC record (" +
                                        std::to_string(bytes.size() - head_end) + " of " +
                                        std::to_string(length) + " bytes)"));
      break;
    }
    std::string_view block = bytes.substr(head_end, length);
    pos = head_end + length;

    std::string type = Lower(headers["warc-type"]);
    if (type != "response" && type != "resource" && type != "conversion") continue;
    std::string content_type;
    std::string_view payload = block;
    std::string owned;
    if (type == "response" && block.substr(0, 5) == "HTTP/") {
      size_t http_end = HeaderEnd(block, 0);
      if (http_end == std::string_view::npos) {
        result.problems.push_back(Corrupt(where + ": truncated HTTP headers"));
        continue;
      }
      // Status line: only 2xx responses hold pages.
      size_t sp = block.find(' ');
      if (sp == std::string_view::npos || sp + 1 >= block.size() || block[sp + 1] != '2') continue;
      auto http = ParseHeaders(block.substr(0, http_end));
      content_type = http["content-type"];
      payload = block.substr(http_end);
      if (Lower(http["transfer-encoding"]).find("chunked") != std::string::npos) {
        if (auto d = Dechunk(payload)) {
          owned = std::move(*d);
          payload = owned;
        }
      }
      std::string encoding = Lower(http["content-encoding"]);
      if (encoding == "gzip" || encoding == "x-gzip" || encoding == "deflate") {
        auto inflated = Gunzip(where, payload, limits.max_page_bytes);
        if (!inflated.ok()) {
          result.problems.push_back(inflated.status());
          continue;
        }
        owned = std::move(inflated).value();
        payload = owned;
      }
    } else {
      content_type = headers["content-type"];
    }
    std::string ct = Lower(content_type);
    bool html = ct.find("html") != std::string::npos;
    bool text = ct.find("text/plain") != std::string::npos;
    if (!html && !text) {
      if (!ct.empty() || LooksBinary(payload)) continue;  // images, scripts, feeds: not pages
      std::string_view head = payload.substr(0, 1024);
      html = Lower(head).find("<html") != std::string::npos;
    }
    if (payload.size() > limits.max_page_bytes) {
      result.problems.push_back(LimitExceeded(where + ": page over the size limit"));
      continue;
    }
    if (payload.find_first_not_of(" \t\r\n") == std::string_view::npos) continue;
    Page page;
    page.format = html ? PageFormat::kHtml : PageFormat::kText;
    page.source = headers.count("warc-record-id") ? headers["warc-record-id"]
                                                   : name + "#" + std::to_string(records);
    page.content = DecodeToUtf8(payload, CharsetOf(content_type));
    if (headers.count("warc-date")) page.crawl_time = NormalizeDate(headers["warc-date"]);
    if (headers.count("warc-target-uri")) page.url = headers["warc-target-uri"];
    result.pages.push_back(std::move(page));
  }
  if (records == 0 && result.problems.empty())
    result.problems.push_back(Corrupt(name + ": no WARC records"));
  return result;
}

}  // namespace wirewatch
