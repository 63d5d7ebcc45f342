// ByteStream and its plain sources (file, memory). The container parsers read through it so a
// multi-gigabyte JSONL or WARC dump never has to be in memory at once, and the size limit is
// checked as bytes arrive, so a gzip bomb stops at the cap instead of at the end of its output.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

#include "ingest/ingest.h"

namespace wirewatch {
namespace {

constexpr size_t kChunk = size_t{1} << 16;

}  // namespace

ByteStream::ByteStream(std::string name, Pull pull, size_t max_total, bool decompressed)
    : name_(std::move(name)), pull_(std::move(pull)), max_total_(max_total),
      decompressed_(decompressed) {}

bool ByteStream::Fill(size_t want) {
  while (buffer_.size() - pos_ < want) {
    if (end_) return false;
    // Drop consumed bytes before growing, so the buffer holds only what the caller needs.
    if (pos_ > 0 && pos_ >= buffer_.size() / 2) {
      buffer_.erase(0, pos_);
      pos_ = 0;
    }
    size_t old = buffer_.size();
    buffer_.resize(old + kChunk);
    StatusOr<size_t> got = pull_(buffer_.data() + old, kChunk);
    size_t n = got.ok() ? *got : 0;
    buffer_.resize(old + n);
    if (!got.ok()) {
      status_ = got.status();
      end_ = true;
      return buffer_.size() - pos_ >= want;
    }
    if (n == 0) {
      end_ = true;
      return buffer_.size() - pos_ >= want;
    }
    total_ += n;
    if (total_ > max_total_) {
      // Keep nothing past the cap: the caller sees a clean end plus the reason.
      buffer_.resize(buffer_.size() - (total_ - max_total_));
      status_ = LimitExceeded(name_ + ": over the size limit" +
                              (decompressed_ ? " after decompression" : "") + " (" +
                              std::to_string(max_total_) + " bytes)");
      end_ = true;
      return buffer_.size() - pos_ >= want;
    }
  }
  return true;
}

void ByteStream::Consume(size_t n) {
  pos_ += n;
  consumed_ += n;
  if (pos_ == buffer_.size()) {
    buffer_.clear();
    pos_ = 0;
  }
}

std::string_view ByteStream::Peek(size_t n) {
  Fill(n);
  return std::string_view(buffer_).substr(pos_, n);
}

ByteStream::LineResult ByteStream::ReadLine(std::string_view& line, size_t max) {
  size_t scanned = 0;  // bytes after pos_ known to hold no '\n'
  bool too_long = false;
  while (true) {
    std::string_view ahead = std::string_view(buffer_).substr(pos_);
    size_t nl = ahead.find('\n', scanned);
    if (nl != std::string_view::npos) {
      if (too_long || nl > max) {
        Consume(nl + 1);
        return LineResult::kTooLong;
      }
      line = ahead.substr(0, nl);
      // The view stays valid: Consume only moves pos_ (or clears, which we avoid here).
      pos_ += nl + 1;
      consumed_ += nl + 1;
      return LineResult::kLine;
    }
    scanned = ahead.size();
    if (scanned > max) {
      // Over the limit: stop holding the line, keep reading to its end.
      too_long = true;
      Consume(scanned);
      scanned = 0;
    }
    if (!Fill(buffer_.size() - pos_ + 1)) {
      ahead = std::string_view(buffer_).substr(pos_);
      if (ahead.empty()) return too_long ? LineResult::kTooLong : LineResult::kEnd;
      if (!status_.ok()) {
        // A partial last line of a failed stream is part of that failure, not a line.
        Consume(ahead.size());
        return LineResult::kEnd;
      }
      if (too_long || ahead.size() > max) {
        Consume(ahead.size());
        return LineResult::kTooLong;
      }
      line = ahead;
      pos_ += ahead.size();
      consumed_ += ahead.size();
      return LineResult::kLine;
    }
  }
}

bool ByteStream::Read(size_t n, std::string& out) {
  while (n > 0) {
    if (pos_ == buffer_.size() && !Fill(1)) return false;
    size_t take = std::min(n, buffer_.size() - pos_);
    out.append(buffer_, pos_, take);
    Consume(take);
    n -= take;
  }
  return true;
}

bool ByteStream::Skip(size_t n) {
  while (n > 0) {
    if (pos_ == buffer_.size() && !Fill(1)) return false;
    size_t take = std::min(n, buffer_.size() - pos_);
    Consume(take);
    n -= take;
  }
  return true;
}

void ByteStream::ReadAll(std::string& out) {
  while (Fill(1)) {
    out.append(buffer_, pos_, buffer_.size() - pos_);
    Consume(buffer_.size() - pos_);
  }
}

size_t ByteStream::ReadSome(char* buffer, size_t size) {
  if (pos_ == buffer_.size() && !Fill(1)) return 0;
  size_t take = std::min(size, buffer_.size() - pos_);
  std::memcpy(buffer, buffer_.data() + pos_, take);
  Consume(take);
  return take;
}

ByteStream::Pull FilePull(std::string name, std::FILE* file) {
  std::shared_ptr<std::FILE> owned(file, [](std::FILE* f) {
    if (f != nullptr && f != stdin) std::fclose(f);
  });
  return [name = std::move(name), owned](char* buffer, size_t size) -> StatusOr<size_t> {
    size_t n = std::fread(buffer, 1, size, owned.get());
    if (n == 0 && std::ferror(owned.get()))
      return IoError(name + ": read error (" + std::strerror(errno) + ")");
    return n;
  };
}

ByteStream::Pull StringPull(std::string_view bytes) {
  auto rest = std::make_shared<std::string_view>(bytes);
  return [rest](char* buffer, size_t size) -> StatusOr<size_t> {
    size_t n = std::min(size, rest->size());
    std::memcpy(buffer, rest->data(), n);
    rest->remove_prefix(n);
    return n;
  };
}

}  // namespace wirewatch
