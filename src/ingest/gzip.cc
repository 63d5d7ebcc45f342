// gzip inflation with an output cap, so a gzip bomb costs bounded memory and time.
#include <zlib.h>

#include "ingest/ingest.h"

namespace wirewatch {

bool LooksGzipped(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

StatusOr<std::string> Gunzip(std::string_view name, std::string_view compressed,
                             size_t max_output) {
  std::string out;
  z_stream zs{};
  // 15 + 32: zlib or gzip header, detected automatically.
  if (inflateInit2(&zs, 15 + 32) != Z_OK) return Corrupt(std::string(name) + ": cannot start gzip");
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  zs.avail_in = static_cast<uInt>(compressed.size());
  char buffer[1 << 16];
  int rc = Z_OK;
  while (true) {
    zs.next_out = reinterpret_cast<Bytef*>(buffer);
    zs.avail_out = sizeof(buffer);
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) break;
    size_t produced = sizeof(buffer) - zs.avail_out;
    if (out.size() + produced > max_output) {
      inflateEnd(&zs);
      return LimitExceeded(std::string(name) + ": over the size limit after decompression (" +
                           std::to_string(max_output) + " bytes)");
    }
    out.append(buffer, produced);
    if (rc == Z_STREAM_END) {
      // Concatenated gzip members are legal; skip trailing zero padding.
      while (zs.avail_in > 0 && *zs.next_in == 0) {
        ++zs.next_in;
        --zs.avail_in;
      }
      if (zs.avail_in == 0) break;
      if (inflateReset(&zs) != Z_OK) break;
      continue;
    }
    if (zs.avail_in == 0 && produced == 0) {
      rc = Z_BUF_ERROR;
      break;
    }
  }
  inflateEnd(&zs);
  if (rc != Z_STREAM_END) {
    if (rc == Z_BUF_ERROR || rc == Z_OK) return Corrupt(std::string(name) + ": truncated gzip stream");
    return Corrupt(std::string(name) + ": corrupt gzip stream");
  }
  return out;
}

}  // namespace wirewatch
