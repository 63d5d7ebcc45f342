// Language identification for news text.
//
// Scores the share of each language's most frequent function words among the text's words;
// reliable from a sentence or two of running text, fast (one pass, no allocation per word
// beyond lower-casing ASCII), and free of model files.
#pragma once

#include <string>
#include <string_view>

namespace wirewatch {

// ISO 639-1 code ("nl", "en", "de", "fr", "es", "it", "pt", "da", "sv"), or "und" when the text
// is too short or too mixed to tell.
std::string IdentifyLanguage(std::string_view text);

}  // namespace wirewatch
