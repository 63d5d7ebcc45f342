// Serialises a Document as one line of the JSONL record (shared/spec/record.md).
#pragma once

#include <string>

#include "core/document.h"

namespace wirewatch {

// One JSON object, no trailing newline. Field order follows the spec.
std::string RecordToJson(const Document& doc);

}  // namespace wirewatch
