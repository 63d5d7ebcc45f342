// Binary model files: a byte writer, a bounds-checked reader and the checksum every model file
// ends with. Model files are little-endian, start with an 8-byte magic number and a format
// version, and end with Checksum(everything before it), so truncation and damage are detected
// before any field is trusted (see entities/ner_model.cc and syntax/model.cc for the layouts).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

#include "core/hash.h"
#include "core/status.h"

namespace wirewatch {

inline uint64_t Checksum(const char* data, size_t size) {
  uint64_t h = 0x243F6A8885A308D3ULL;
  size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    uint64_t w;
    std::memcpy(&w, data + i, 8);
    h = HashCombine(h, w);
  }
  uint64_t tail = 0;
  std::memcpy(&tail, data + i, size - i);
  return HashCombine(h, tail ^ size);
}

class Writer {
 public:
  template <typename T>
  void Put(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    out_.append(reinterpret_cast<const char*>(&v), sizeof(T));
  }
  template <typename T>
  void PutArray(const std::vector<T>& v) {
    out_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
  std::string& bytes() { return out_; }

 private:
  std::string out_;
};

class Reader {
 public:
  Reader(const std::string& bytes, size_t limit) : bytes_(bytes), limit_(limit) {}
  template <typename T>
  bool Get(T& v) {
    if (limit_ - pos_ < sizeof(T)) return false;
    std::memcpy(&v, bytes_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return true;
  }
  template <typename T>
  bool GetArray(std::vector<T>& v, uint64_t count) {
    if (count > (limit_ - pos_) / sizeof(T)) return false;
    v.resize(count);
    // An empty vector's data() may be null, and memcpy from/to null is undefined even for 0 bytes.
    if (count != 0) std::memcpy(v.data(), bytes_.data() + pos_, count * sizeof(T));
    pos_ += count * sizeof(T);
    return true;
  }
  size_t pos() const { return pos_; }

 private:
  const std::string& bytes_;
  size_t limit_;
  size_t pos_ = 0;
};

// Reads a whole model file; `what` names the model in messages ("NER model").
StatusOr<std::string> ReadModelFile(const std::string& path, const std::string& what);
// Writes `bytes` to `path`, replacing it.
Status WriteModelFile(const std::string& path, const std::string& bytes);

}  // namespace wirewatch
