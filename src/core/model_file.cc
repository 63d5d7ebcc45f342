// Whole-file reads and writes for model files (see model_file.h).
#include "core/model_file.h"

#include <cerrno>
#include <cstdio>

namespace wirewatch {

StatusOr<std::string> ReadModelFile(const std::string& path, const std::string& what) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    if (errno == ENOENT) return NotFound(path + ": " + what + " file not found");
    return IoError(path + ": cannot open " + what + ": " + std::strerror(errno));
  }
  std::string bytes;
  char buf[1 << 16];
  size_t got;
  while ((got = std::fread(buf, 1, sizeof(buf), f)) > 0) bytes.append(buf, got);
  bool read_error = std::ferror(f) != 0;
  std::fclose(f);
  if (read_error) return IoError(path + ": read error");
  return bytes;
}

Status WriteModelFile(const std::string& path, const std::string& bytes) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return IoError(path + ": cannot open for writing: " + std::strerror(errno));
  bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  ok = (std::fclose(f) == 0) && ok;
  if (!ok) return IoError(path + ": write failed");
  return Status::Ok();
}

}  // namespace wirewatch
