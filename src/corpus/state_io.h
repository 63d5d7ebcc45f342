// Byte-exact (de)serialisation helpers for the corpus index state a store keeps between ingest
// runs (CorpusIndex::Serialize / Restore). Little-endian fixed-width integers, floats by their
// bits, strings length-prefixed: a restored index compares and sums exactly as the one saved,
// which is what makes "ingest A, then B" link like "ingest A+B".
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace wirewatch::corpus_state {

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}
  void U8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void U32(uint32_t v) {
    for (int i = 0; i < 4; ++i) out_.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  }
  void U64(uint64_t v) {
    for (int i = 0; i < 8; ++i) out_.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  }
  void I64(int64_t v) { U64(static_cast<uint64_t>(v)); }
  void F32(float v) {
    uint32_t bits;
    std::memcpy(&bits, &v, 4);
    U32(bits);
  }
  void F64(double v) {
    uint64_t bits;
    std::memcpy(&bits, &v, 8);
    U64(bits);
  }
  void Str(std::string_view s) {
    U32(static_cast<uint32_t>(s.size()));
    out_.append(s.data(), s.size());
  }
  void OptStr(const std::optional<std::string>& s) {
    U8(s ? 1 : 0);
    if (s) Str(*s);
  }
  void OptI64(const std::optional<int64_t>& v) {
    U8(v ? 1 : 0);
    if (v) I64(*v);
  }

 private:
  std::string& out_;
};

// Reads what Writer wrote; any read past the end sets failed() and yields zeros, so callers
// check once at the end (and bound loop counts by remaining()).
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool failed() const { return failed_; }
  size_t remaining() const { return in_.size() - pos_; }
  uint8_t U8() { return Take(1) ? static_cast<uint8_t>(in_[pos_ - 1]) : 0; }
  uint32_t U32() {
    if (!Take(4)) return 0;
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= uint32_t(static_cast<uint8_t>(in_[pos_ - 4 + i])) << (8 * i);
    return v;
  }
  uint64_t U64() {
    if (!Take(8)) return 0;
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= uint64_t(static_cast<uint8_t>(in_[pos_ - 8 + i])) << (8 * i);
    return v;
  }
  int64_t I64() { return static_cast<int64_t>(U64()); }
  float F32() {
    uint32_t bits = U32();
    float v;
    std::memcpy(&v, &bits, 4);
    return v;
  }
  double F64() {
    uint64_t bits = U64();
    double v;
    std::memcpy(&v, &bits, 8);
    return v;
  }
  std::string Str() {
    uint32_t n = U32();
    if (!Take(n)) return {};
    return std::string(in_.substr(pos_ - n, n));
  }
  std::optional<std::string> OptStr() {
    if (U8() == 0) return std::nullopt;
    return Str();
  }
  std::optional<int64_t> OptI64() {
    if (U8() == 0) return std::nullopt;
    return I64();
  }
  // A count of items each at least `min_bytes` long: larger than what is left means damage.
  uint32_t Count(size_t min_bytes) {
    uint32_t n = U32();
    if (static_cast<uint64_t>(n) * min_bytes > remaining()) failed_ = true;
    return failed_ ? 0 : n;
  }

 private:
  bool Take(size_t n) {
    if (failed_ || n > in_.size() - pos_) {
      failed_ = true;
      return false;
    }
    pos_ += n;
    return true;
  }
  std::string_view in_;
  size_t pos_ = 0;
  bool failed_ = false;
};

}  // namespace wirewatch::corpus_state
