// HTML page cleaning: placeholder until the libxml2 extractor lands (same session).
#include "clean/clean.h"

namespace wirewatch {

std::vector<Document> CleanHtmlPage(const Page&, const CleanOptions&) { return {}; }

}  // namespace wirewatch
