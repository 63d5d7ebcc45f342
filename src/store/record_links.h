// Rewrites the two cross-document fields of a stored record line, `duplicate_of` and `story`,
// which the store decides against everything stored before (src/corpus), leaving every other
// byte of the line as analyze wrote it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace wirewatch {

// `json` (one JSON object) with the top-level "duplicate_of" and "story" values replaced (null
// when absent); a field the object lacks is appended before its closing brace. Nested objects
// and strings are skipped, so a "story" key inside an entity is never touched. Returns `json`
// unchanged when it is not an object (ParseStoredRecord refuses those before this runs).
std::string WithCorpusLinks(std::string_view json, const std::optional<std::string>& duplicate_of,
                            const std::optional<std::string>& story);

}  // namespace wirewatch
