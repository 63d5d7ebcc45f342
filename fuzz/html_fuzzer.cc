// Fuzzes CleanHtmlPage on decoded bytes (as the pipeline feeds it): libxml2 parsing, depth
// flattening, content extraction, metadata and briefs. A shallow max depth makes the flattening
// path reachable with small inputs.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "clean/clean.h"
#include "fuzz/fuzz_checks.h"
#include "ingest/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace wirewatch;
  Page page;
  page.source = "fuzz.html";
  page.format = PageFormat::kHtml;
  page.content = DecodeToUtf8(
      std::string_view(reinterpret_cast<const char*>(data), size),
      DeclaredHtmlCharset(std::string_view(reinterpret_cast<const char*>(data), size)));
  CleanOptions options;
  options.max_html_depth = 24;
  const std::vector<Document> docs = CleanHtmlPage(page, options);
  for (size_t i = 0; i < docs.size(); ++i) {
    fuzz::CheckDocument(docs[i]);
    // The article comes first; everything after it is a brief.
    FUZZ_CHECK((i == 0) == (docs[i].kind == DocumentKind::kArticle));
    FUZZ_CHECK(!docs[i].text.empty());
  }
  return 0;
}
