// gzip inflation as a stream source (members concatenated, as in WARC.gz), with the output
// capped by the ByteStream it feeds, so a gzip bomb costs bounded memory and time.
#include <zlib.h>

#include <memory>

#include "ingest/ingest.h"

namespace wirewatch {
namespace {

// Inflater state shared by the pull closure (std::function needs it copyable).
struct Inflater {
  std::string name;
  ByteStream* in = nullptr;
  z_stream zs{};
  bool started = false;
  bool member_ended = false;  // between members: more input may start another
  bool input_ended = false;
  bool done = false;
  char input[1 << 16];

  ~Inflater() {
    if (started) inflateEnd(&zs);
  }
};

}  // namespace

ByteStream::Pull GunzipPull(std::string name, ByteStream& compressed) {
  auto z = std::make_shared<Inflater>();
  z->name = std::move(name);
  z->in = &compressed;
  return [z](char* out, size_t size) -> StatusOr<size_t> {
    if (!z->started) {
      // 15 + 32: gzip or zlib header, detected automatically.
      if (inflateInit2(&z->zs, 15 + 32) != Z_OK) return Corrupt(z->name + ": cannot start gzip");
      z->started = true;
    }
    while (!z->done) {
      if (z->zs.avail_in == 0 && !z->input_ended) {
        size_t n = z->in->ReadSome(z->input, sizeof z->input);
        if (n == 0) {
          z->input_ended = true;
          if (!z->in->status().ok()) return z->in->status();
        }
        z->zs.next_in = reinterpret_cast<Bytef*>(z->input);
        z->zs.avail_in = static_cast<uInt>(n);
      }
      if (z->member_ended) {
        // Concatenated members are legal (WARC.gz is one per record); skip zero padding.
        while (z->zs.avail_in > 0 && *z->zs.next_in == 0) {
          ++z->zs.next_in;
          --z->zs.avail_in;
        }
        if (z->zs.avail_in == 0) {
          if (z->input_ended) z->done = true;
          continue;
        }
        if (inflateReset(&z->zs) != Z_OK) return Corrupt(z->name + ": corrupt gzip stream");
        z->member_ended = false;
      }
      if (z->zs.avail_in == 0 && z->input_ended) return Corrupt(z->name + ": truncated gzip stream");
      z->zs.next_out = reinterpret_cast<Bytef*>(out);
      z->zs.avail_out = static_cast<uInt>(size);
      int rc = inflate(&z->zs, Z_NO_FLUSH);
      size_t produced = size - z->zs.avail_out;
      if (rc == Z_STREAM_END) {
        z->member_ended = true;
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        return Corrupt(z->name + ": corrupt gzip stream");
      }
      if (produced > 0) return produced;
    }
    return size_t{0};
  };
}

bool LooksGzipped(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

StatusOr<std::string> Gunzip(std::string_view name, std::string_view compressed,
                             size_t max_output) {
  ByteStream raw(std::string(name), StringPull(compressed), compressed.size());
  ByteStream inflated(std::string(name), GunzipPull(std::string(name), raw), max_output,
                      /*decompressed=*/true);
  std::string out;
  inflated.ReadAll(out);
  if (!inflated.status().ok()) return inflated.status();
  return out;
}

}  // namespace wirewatch
