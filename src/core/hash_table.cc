// HashIndex construction (see hash_table.h).
#include "core/hash_table.h"

namespace wirewatch {

void HashIndex::Build(std::span<const uint64_t> keys) {
  slots_.clear();
  if (keys.empty()) {
    mask_ = 0;
    shift_ = 64;
    return;
  }
  int bits = 1;
  while ((size_t{1} << bits) < keys.size() * 2) ++bits;
  slots_.assign(size_t{1} << bits, Slot{});
  mask_ = (size_t{1} << bits) - 1;
  shift_ = 64 - bits;
  for (size_t k = 0; k < keys.size(); ++k) {
    size_t i = static_cast<size_t>((keys[k] * 0x9E3779B97F4A7C15ULL) >> shift_);
    while (slots_[i].key != 0 && slots_[i].key != keys[k]) i = (i + 1) & mask_;
    if (slots_[i].key == 0) slots_[i] = Slot{keys[k], static_cast<int32_t>(k)};
  }
}

}  // namespace wirewatch
