// Lines that are portal chrome whatever page they sit on: breadcrumbs ("Home › Nieuws ›
// Buitenland"), menus written as one line ("Nieuws | Sport | Economie"), cookie and consent
// notices, share bars and "Lees ook" prompts.
//
//   if (IsBoilerplateLine(block_text)) ... // neither title, nor paragraph, nor brief
//
// Decided by shape (a list of short parts between navigation separators) and by a small phrase
// table in boilerplate.cc (docs/cleaning.md says how to add one). Thread-safe; no global state.
#pragma once

#include <string_view>

namespace wirewatch {

bool IsBoilerplateLine(std::string_view line);

}  // namespace wirewatch
