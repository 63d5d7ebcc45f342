// Fuzzes CleanTextPage (plain-text page dumps like examples/pages/): title, dateline and age
// parsing, chrome removal and brief splitting, with and without known dateline places.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "clean/clean.h"
#include "fuzz/fuzz_checks.h"
#include "ingest/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace wirewatch;
  static const PlaceSet kPlaces = {"AMSTERDAM", "DEN HAAG", "BRUSSEL", "KIEV", "MOSKOU"};
  if (size == 0) return 0;
  Page page;
  page.source = "fuzz.txt";
  page.format = PageFormat::kText;
  page.content = DecodeToUtf8(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
  CleanOptions options;
  options.known_places = (data[0] & 1) ? &kPlaces : nullptr;
  const std::vector<Document> docs = CleanTextPage(page, options);
  for (size_t i = 0; i < docs.size(); ++i) {
    fuzz::CheckDocument(docs[i]);
    FUZZ_CHECK((i == 0) == (docs[i].kind == DocumentKind::kArticle));
  }
  // The shared dateline and age parsers on the raw text, which may start anywhere.
  if (auto m = MatchDateline(page.content, options.known_places)) {
    FUZZ_CHECK(m->length <= page.content.size());
  }
  if (auto a = MatchAge(page.content)) {
    FUZZ_CHECK(a->length <= page.content.size());
    FUZZ_CHECK(a->seconds >= 0);
  }
  return 0;
}
