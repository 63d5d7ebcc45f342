// Reading inputs: path expansion, size-capped reads, gzip, and recognising what a file holds
// by its content (extensions lie: crawls name everything .txt or nothing at all).
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "ingest/ingest.h"

namespace wirewatch {
namespace {

namespace fs = std::filesystem;

std::string LowerHead(std::string_view bytes, size_t n) {
  std::string out(bytes.substr(0, n));
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool LooksHtml(std::string_view bytes) {
  std::string head = LowerHead(bytes, 4096);
  size_t first = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first == std::string::npos) return false;
  if (head.find("<!doctype html") != std::string::npos || head.find("<html") != std::string::npos ||
      head.find("<head") != std::string::npos || head.find("<body") != std::string::npos)
    return true;
  if (head[first] != '<') return false;
  // A fragment: starts with a tag and has closing tags.
  return head.find("</") != std::string::npos;
}

// <meta charset="..."> or <meta http-equiv="Content-Type" content="...; charset=...">.
std::string DeclaredHtmlCharset(std::string_view bytes) {
  std::string head = LowerHead(bytes, 4096);
  size_t at = head.find("charset=");
  if (at == std::string::npos) return {};
  at += 8;
  while (at < head.size() && (head[at] == '"' || head[at] == '\'' || head[at] == ' ')) ++at;
  size_t end = at;
  while (end < head.size() && (std::isalnum(static_cast<unsigned char>(head[end])) ||
                               head[end] == '-' || head[end] == '_'))
    ++end;
  return head.substr(at, end - at);
}

StatusOr<std::string> ReadCapped(const std::string& path, size_t cap) {
  std::FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (f == nullptr) return IoError(path + ": cannot open (" + std::strerror(errno) + ")");
  std::string data;
  char buffer[1 << 16];
  bool over = false;
  while (true) {
    size_t n = std::fread(buffer, 1, sizeof buffer, f);
    if (n == 0) break;
    if (data.size() + n > cap) {
      over = true;
      break;
    }
    data.append(buffer, n);
  }
  bool failed = std::ferror(f) != 0;
  int read_errno = errno;
  if (f != stdin) std::fclose(f);
  if (over) return LimitExceeded(path + ": over the size limit (" + std::to_string(cap) + " bytes)");
  if (failed) return IoError(path + ": read error (" + std::strerror(read_errno) + ")");
  return data;
}

}  // namespace

std::vector<InputFile> ExpandPaths(const std::vector<std::string>& paths,
                                   std::vector<Status>& problems) {
  std::vector<InputFile> files;
  for (const std::string& path : paths) {
    if (path == "-") {
      files.push_back({path});
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) {
      // A dangling symlink or a missing path.
      problems.push_back(NotFound(path + ": no such file or directory"));
      continue;
    }
    if (!fs::is_directory(st)) {
      files.push_back({path});
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
      problems.push_back(IoError(path + ": cannot list folder (" + ec.message() + ")"));
      continue;
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) {
        problems.push_back(IoError(path + ": cannot list folder (" + ec.message() + ")"));
        break;
      }
      std::error_code ec2;
      if (it->is_directory(ec2)) {
        // Unreadable subfolders are skipped by the iterator; say so rather than lose them.
        if (::access(it->path().c_str(), R_OK | X_OK) != 0)
          problems.push_back(IoError(it->path().string() + ": cannot list folder (permission denied)"));
        continue;
      }
      std::string name = it->path().filename().string();
      if (!name.empty() && name[0] == '.') continue;  // dotfiles: editor and VCS droppings
      found.push_back(it->path().string());
    }
    std::sort(found.begin(), found.end());
    for (auto& f : found) files.push_back({std::move(f)});
  }
  return files;
}

ReadResult ReadInput(const InputFile& file, const IngestLimits& limits) {
  if (file.path != "-") {
    struct stat st {};
    if (::stat(file.path.c_str(), &st) != 0) {
      ReadResult r;
      r.problems.push_back(IoError(file.path + ": cannot open (" + std::strerror(errno) + ")"));
      return r;
    }
    if (!S_ISREG(st.st_mode)) {
      ReadResult r;
      r.problems.push_back(Unsupported(file.path + ": not a regular file"));
      return r;
    }
  }
  // Compressed inputs may be read up to the cap and then inflated up to the cap again.
  auto bytes = ReadCapped(file.path, limits.max_input_bytes);
  if (!bytes.ok()) {
    ReadResult r;
    r.problems.push_back(bytes.status());
    return r;
  }
  return ReadBytes(file.path == "-" ? "<stdin>" : file.path, std::move(bytes).value(), limits);
}

ReadResult ReadBytes(std::string name, std::string bytes, const IngestLimits& limits) {
  ReadResult result;
  for (int layer = 0; LooksGzipped(bytes); ++layer) {
    if (layer == 2) {
      result.problems.push_back(Unsupported(name + ": gzip nested more than twice"));
      return result;
    }
    auto inflated = Gunzip(name, bytes, limits.max_input_bytes);
    if (!inflated.ok()) {
      result.problems.push_back(inflated.status());
      return result;
    }
    bytes = std::move(inflated).value();
  }
  if (bytes.find_first_not_of(" \t\r\n\f\v", 0) == std::string::npos) {
    result.problems.push_back(Empty(name + ": empty"));
    return result;
  }
  if (bytes.compare(0, 5, "WARC/") == 0) return SplitWarc(name, bytes, limits);
  if (LooksBinary(bytes)) {
    result.problems.push_back(Unsupported(name + ": binary data, not a text or HTML page"));
    return result;
  }
  size_t first = bytes.find_first_not_of(" \t\r\n");
  if (bytes[first] == '{') {
    ReadResult jsonl = SplitJsonl(name, bytes, limits);
    // A single JSON object spread over many lines is not JSONL: report line 1, as a parser would.
    return jsonl;
  }
  Page page;
  page.source = name;
  if (LooksHtml(bytes)) {
    page.format = PageFormat::kHtml;
    page.content = DecodeToUtf8(bytes, DeclaredHtmlCharset(bytes));
  } else {
    page.format = PageFormat::kText;
    page.content = DecodeToUtf8(bytes);
  }
  result.pages.push_back(std::move(page));
  return result;
}

}  // namespace wirewatch
