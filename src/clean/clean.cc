// Chooses the cleaner for a page.
#include "clean/clean.h"

namespace wirewatch {

std::vector<Document> CleanPage(const Page& page, const CleanOptions& options) {
  if (page.format == PageFormat::kHtml) return CleanHtmlPage(page, options);
  return CleanTextPage(page, options);
}

}  // namespace wirewatch
