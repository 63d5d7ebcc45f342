// JSONL articles: one JSON object per line, e.g. the DpgMedia2019 dump
// ({"id", "title", "text", "published_at"}). Field names vary between dumps, so the common
// aliases are accepted.
#include <nlohmann/json.hpp>

#include <algorithm>

#include "core/dates.h"
#include "ingest/ingest.h"

namespace wirewatch {
namespace {

// Nesting depth outside strings; lets us refuse pathological lines before parsing them.
int JsonNesting(std::string_view line) {
  int depth = 0, max_depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      max_depth = std::max(max_depth, ++depth);
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return max_depth;
}

// The first of `names` that holds a string (or, for ids, a number).
std::optional<std::string> StringField(const nlohmann::json& obj,
                                       std::initializer_list<const char*> names,
                                       bool numbers = false) {
  for (const char* name : names) {
    auto it = obj.find(name);
    if (it == obj.end()) continue;
    if (it->is_string()) return it->get<std::string>();
    if (!numbers) continue;
    // Unsigned first: is_number_integer() is true for both, and a large id must not wrap.
    if (it->is_number_unsigned()) return std::to_string(it->get<unsigned long long>());
    if (it->is_number_integer()) return std::to_string(it->get<long long>());
  }
  return std::nullopt;
}

// One line -> a page, or the reason there is none.
StatusOr<Page> ParseLine(const std::string& name, std::string_view line, size_t line_no,
                         const IngestLimits& limits) {
  std::string where = name + ": line " + std::to_string(line_no);
  if (JsonNesting(line) > limits.max_json_depth) {
    return LimitExceeded(where + ": JSON nested deeper than " +
                         std::to_string(limits.max_json_depth));
  }
  // The JSON parser rejects invalid UTF-8, so the line is decoded first: a latin-1 dump or a
  // stray byte costs a U+FFFD, not the article.
  std::string decoded = DecodeToUtf8(line);
  nlohmann::json obj = nlohmann::json::parse(decoded, nullptr, /*allow_exceptions=*/false);
  if (obj.is_discarded() || !obj.is_object()) return Corrupt(where + ": unparseable JSON");
  Page page;
  // Fields are decoded again: JSON escapes (\u0000, a decomposed "e\u0308") bypass the line's
  // decoding.
  auto text = StringField(obj, {"text", "body", "content", "articleBody", "article"});
  auto html = StringField(obj, {"html", "raw_html"});
  if (text) {
    page.format = PageFormat::kText;
    page.content_is_body = true;
    page.content = DecodeToUtf8(*text);
  } else if (html) {
    page.format = PageFormat::kHtml;
    page.content = DecodeToUtf8(*html);
  } else {
    return InvalidArgument(where + ": no text field");
  }
  if (page.content.find_first_not_of(" \t\r\n\f\v") == std::string::npos)
    return Empty(where + ": empty text");
  auto id = StringField(obj, {"id", "_id", "doc_id", "uuid"}, /*numbers=*/true);
  page.source = name + "#" + (id && !id->empty() ? *id : std::to_string(line_no));
  if (auto title = StringField(obj, {"title", "headline"})) page.title = DecodeToUtf8(*title);
  if (auto date = StringField(obj, {"published_at", "published", "date", "datePublished",
                                    "pubdate", "publication_date"}))
    page.published = NormalizeDate(*date);
  if (auto url = StringField(obj, {"url", "link"})) page.url = DecodeToUtf8(*url);
  return page;
}

}  // namespace

void StreamJsonl(const std::string& name, ByteStream& in, const IngestLimits& limits,
                 const PageSink& sink) {
  size_t line_no = 0;
  std::string_view line;
  while (true) {
    ByteStream::LineResult r = in.ReadLine(line, limits.max_page_bytes);
    if (r == ByteStream::LineResult::kEnd) break;
    ++line_no;
    if (r == ByteStream::LineResult::kTooLong) {
      sink.problem(LimitExceeded(name + ": line " + std::to_string(line_no) +
                                 ": over the page size limit (" +
                                 std::to_string(limits.max_page_bytes) + " bytes)"));
      continue;
    }
    if (line_no == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
      line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    StatusOr<Page> page = ParseLine(name, line, line_no, limits);
    if (page.ok()) {
      sink.page(std::move(page).value());
    } else {
      sink.problem(page.status());
    }
  }
  // Truncated gzip, read error, over the size limit: the lines before it stand.
  if (!in.status().ok()) sink.problem(in.status());
}

ReadResult SplitJsonl(const std::string& name, std::string_view bytes, const IngestLimits& limits) {
  ReadResult result;
  ByteStream in(name, StringPull(bytes), bytes.size());
  StreamJsonl(name, in, limits,
              {[&](Page page) { result.pages.push_back(std::move(page)); },
               [&](Status status) { result.problems.push_back(std::move(status)); }});
  return result;
}

}  // namespace wirewatch
