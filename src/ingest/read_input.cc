// Reading inputs: path expansion, size-capped streaming reads, gzip, and recognising what a
// file holds by its content (extensions lie: crawls name everything .txt or nothing at all).
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "ingest/ingest.h"

namespace wirewatch {
namespace {

namespace fs = std::filesystem;

// Enough to recognise every format (LooksBinary reads 8 KB, LooksHtml 4 KB).
constexpr size_t kHeadBytes = 8192;
// Problems held back while an input has yielded no page yet (see Reporter).
constexpr size_t kMaxPendingProblems = 1000;

std::string LowerHead(std::string_view bytes, size_t n) {
  std::string out(bytes.substr(0, n));
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "<name" followed by '>', '/' or white space, so "<header" is not "<head".
bool HasTag(std::string_view lower, std::string_view name) {
  for (size_t at = lower.find(name); at != std::string_view::npos; at = lower.find(name, at + 1)) {
    size_t end = at + name.size();
    if (end == lower.size()) return true;
    char c = lower[end];
    if (c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\r' || c == '\n') return true;
  }
  return false;
}

bool IsBlank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

// First byte that is neither white space nor part of a UTF-8 BOM.
size_t FirstContentByte(std::string_view s) {
  size_t at = s.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  return s.find_first_not_of(" \t\r\n\f\v", at);
}

// Text in a 16- or 32-bit encoding must be decoded before its format can be recognised.
bool IsWideText(std::string_view head) {
  auto starts = [&](std::string_view bom) { return head.substr(0, bom.size()) == bom; };
  if (starts("\xFF\xFE") || starts("\xFE\xFF") || starts(std::string_view("\0\0\xFE\xFF", 4)))
    return true;
  // No BOM: a NUL in every other byte. DecodeToUtf8 applies the same test (GuessUtf16).
  size_t n = std::min<size_t>(head.size(), 4096) & ~size_t{1};
  if (n < 8) return false;
  size_t even = 0, odd = 0;
  for (size_t i = 0; i < n; i += 2) {
    even += head[i] == '\0';
    odd += head[i + 1] == '\0';
  }
  size_t pairs = n / 2;
  return (odd * 10 > pairs * 7 && even * 10 < pairs) || (even * 10 > pairs * 7 && odd * 10 < pairs);
}

// Passes pages and problems on, and keeps the promise that an input yielding no page gets
// exactly one problem: problems are held back until the first page, and if none comes they are
// merged into one line.
class Reporter {
 public:
  Reporter(std::string name, const PageSink& sink) : name_(std::move(name)), sink_(sink) {}

  PageSink AsSink() {
    return {[this](Page page) { OnPage(std::move(page)); },
            [this](Status status) { OnProblem(std::move(status)); }};
  }

  void Finish() {
    if (pages_ > 0) return;
    if (pending_.empty()) {
      sink_.problem(Empty(name_ + ": no pages found"));
      return;
    }
    if (pending_.size() == 1 && dropped_ == 0) {
      sink_.problem(std::move(pending_[0]));
      return;
    }
    std::string message = name_;
    size_t shown = std::min<size_t>(pending_.size(), 3);
    for (size_t i = 0; i < shown; ++i) {
      std::string_view m = pending_[i].message();
      // Each message starts with the input's name; say it once.
      if (m.substr(0, name_.size() + 2) == name_ + ": ") m.remove_prefix(name_.size() + 2);
      message += (i == 0 ? ": " : "; ") + std::string(m);
    }
    size_t more = pending_.size() - shown + dropped_;
    if (more > 0) message += "; and " + std::to_string(more) + " more";
    sink_.problem(Status(pending_[0].code(), std::move(message)));
  }

 private:
  void OnPage(Page page) {
    if (pages_++ == 0) {
      for (Status& s : pending_) sink_.problem(std::move(s));
      if (dropped_ > 0)
        sink_.problem(Status(StatusCode::kCorrupt,
                             name_ + ": " + std::to_string(dropped_) + " more problems not shown"));
      pending_.clear();
    }
    sink_.page(std::move(page));
  }

  void OnProblem(Status status) {
    if (pages_ > 0) {
      sink_.problem(std::move(status));
    } else if (pending_.size() < kMaxPendingProblems) {
      pending_.push_back(std::move(status));
    } else {
      ++dropped_;
    }
  }

  std::string name_;
  const PageSink& sink_;
  size_t pages_ = 0;
  std::vector<Status> pending_;
  size_t dropped_ = 0;
};

// One page from decoded (UTF-8) or raw bytes; JSONL when it reads as such.
void EmitWhole(const std::string& name, std::string bytes, bool decoded,
               const IngestLimits& limits, const PageSink& sink) {
  size_t first = FirstContentByte(bytes);
  if (first == std::string::npos) {
    sink.problem(Empty(name + ": empty"));
    return;
  }
  if (decoded && bytes[first] == '{') {
    ByteStream in(name, StringPull(bytes), bytes.size());
    StreamJsonl(name, in, limits, sink);
    return;
  }
  Page page;
  page.source = name;
  if (LooksHtml(bytes)) {
    page.format = PageFormat::kHtml;
    page.content = decoded ? std::move(bytes) : DecodeToUtf8(bytes, DeclaredHtmlCharset(bytes));
  } else {
    page.format = PageFormat::kText;
    page.content = decoded ? std::move(bytes) : DecodeToUtf8(bytes);
  }
  // Only now visible: a page of NULs, BOMs or encoded white space.
  if (IsBlank(page.content)) {
    sink.problem(Empty(name + ": empty"));
    return;
  }
  sink.page(std::move(page));
}

// Recognises what `in` holds and reads it; `layer` counts gzip wrappers already removed.
void Dispatch(const std::string& name, ByteStream& in, const IngestLimits& limits,
              const PageSink& sink, int layer) {
  std::string_view head = in.Peek(kHeadBytes);
  if (!in.status().ok() && head.empty()) {
    sink.problem(in.status());
    return;
  }
  if (LooksGzipped(head)) {
    if (layer == 2) {
      sink.problem(Unsupported(name + ": gzip nested more than twice"));
      return;
    }
    ByteStream inflated(name, GunzipPull(name, in), limits.max_input_bytes,
                        /*decompressed=*/true);
    Dispatch(name, inflated, limits, sink, layer + 1);
    return;
  }
  if (head.size() < kHeadBytes && IsBlank(head)) {
    // The whole input is in `head` (or it ended early): nothing but white space.
    sink.problem(in.status().ok() ? Empty(name + ": empty") : in.status());
    return;
  }
  if (head.substr(0, 5) == "WARC/") {
    StreamWarc(name, in, limits, sink);
    return;
  }
  if (LooksBinary(head)) {
    sink.problem(Unsupported(name + ": binary data, not a text or HTML page"));
    return;
  }
  bool wide = IsWideText(head);
  size_t first = FirstContentByte(head);
  if (!wide && first != std::string_view::npos && head[first] == '{') {
    StreamJsonl(name, in, limits, sink);
    return;
  }
  std::string bytes;
  in.ReadAll(bytes);
  if (!in.status().ok()) {
    // A page cut short (truncated gzip, over the limit) is not analysed: its end is missing.
    sink.problem(in.status());
    return;
  }
  // Analysis needs memory in proportion to a page's text, so one page is capped like the pages
  // inside containers are.
  if (bytes.size() > limits.max_page_bytes) {
    sink.problem(LimitExceeded(name + ": page over the size limit (" +
                               std::to_string(limits.max_page_bytes) + " bytes; see --max-page-bytes)"));
    return;
  }
  if (wide) {
    EmitWhole(name, DecodeToUtf8(bytes), /*decoded=*/true, limits, sink);
  } else {
    EmitWhole(name, std::move(bytes), /*decoded=*/false, limits, sink);
  }
}

ReadResult Collect(const std::function<void(const PageSink&)>& read) {
  ReadResult result;
  PageSink sink{[&](Page page) { result.pages.push_back(std::move(page)); },
                [&](Status status) { result.problems.push_back(std::move(status)); }};
  read(sink);
  return result;
}

}  // namespace

bool LooksHtml(std::string_view bytes) {
  std::string head = LowerHead(bytes, 4096);
  size_t first = FirstContentByte(head);
  if (first == std::string::npos) return false;
  if (head.find("<!doctype html") != std::string::npos || HasTag(head, "<html") ||
      HasTag(head, "<head") || HasTag(head, "<body"))
    return true;
  if (head[first] != '<') return false;
  // A fragment: starts with a tag and has closing tags.
  return head.find("</") != std::string::npos;
}

// <meta charset="..."> or <meta http-equiv="Content-Type" content="...; charset=...">.
std::string DeclaredHtmlCharset(std::string_view html) {
  std::string head = LowerHead(html, 4096);
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
    if (ec && ec != std::errc::no_such_file_or_directory) {
      problems.push_back(IoError(path + ": cannot open (" + ec.message() + ")"));
      continue;
    }
    if (!fs::exists(st)) {
      // A missing path, or a symlink to one.
      problems.push_back(NotFound(path + ": no such file or directory"));
      continue;
    }
    if (!fs::is_directory(st)) {
      // Unreadable and special files are reported when read, in input order.
      files.push_back({path});
      continue;
    }
    if (::access(path.c_str(), R_OK | X_OK) != 0) {
      // The iterator would silently yield nothing for it.
      problems.push_back(IoError(path + ": cannot list folder (" + std::strerror(errno) + ")"));
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
      std::string name = it->path().filename().string();
      std::error_code ec2;
      bool is_dir = it->is_directory(ec2);
      if (!name.empty() && name[0] == '.') {
        // Dotfiles and dot-folders (.git, .cache): editor and tool droppings, not inputs.
        if (is_dir && !it->is_symlink(ec2)) it.disable_recursion_pending();
        continue;
      }
      if (is_dir) {
        if (it->is_symlink(ec2)) {
          // Not followed (links may loop), but not dropped silently either.
          problems.push_back(
              Unsupported(it->path().string() + ": symlink to a folder, not followed"));
        } else if (::access(it->path().c_str(), R_OK | X_OK) != 0) {
          // The iterator skips unreadable subfolders; say so rather than lose them.
          problems.push_back(
              IoError(it->path().string() + ": cannot list folder (permission denied)"));
        }
        continue;
      }
      found.push_back(it->path().string());
    }
    std::sort(found.begin(), found.end());
    for (auto& f : found) files.push_back({std::move(f)});
  }
  return files;
}

void StreamInput(const InputFile& file, const IngestLimits& limits, const PageSink& sink) {
  std::string name = file.path == "-" ? "<stdin>" : file.path;
  std::FILE* f = stdin;
  if (file.path != "-") {
    struct stat st {};
    if (::stat(file.path.c_str(), &st) != 0) {
      sink.problem(IoError(name + ": cannot open (" + std::strerror(errno) + ")"));
      return;
    }
    // Devices, FIFOs and sockets may never end (/dev/zero) or block forever.
    if (!S_ISREG(st.st_mode)) {
      sink.problem(Unsupported(name + ": not a regular file"));
      return;
    }
    f = std::fopen(file.path.c_str(), "rb");
    if (f == nullptr) {
      sink.problem(IoError(name + ": cannot open (" + std::strerror(errno) + ")"));
      return;
    }
  }
  // The raw bytes get the same cap as the decompressed ones: a compressed file larger than
  // the limit would inflate past it anyway.
  ByteStream in(name, FilePull(name, f), limits.max_input_bytes);
  Reporter reporter(name, sink);
  Dispatch(name, in, limits, reporter.AsSink(), 0);
  reporter.Finish();
}

ReadResult ReadInput(const InputFile& file, const IngestLimits& limits) {
  return Collect([&](const PageSink& sink) { StreamInput(file, limits, sink); });
}

ReadResult ReadBytes(std::string name, std::string bytes, const IngestLimits& limits) {
  return Collect([&](const PageSink& sink) {
    ByteStream in(name, StringPull(bytes), limits.max_input_bytes);
    Reporter reporter(name, sink);
    Dispatch(name, in, limits, reporter.AsSink(), 0);
    reporter.Finish();
  });
}

}  // namespace wirewatch
