// JSONL articles: one JSON object per line, e.g. the DpgMedia2019 dump
// ({"id", "title", "text", "published_at"}). Field names vary between dumps, so the common
// aliases are accepted.
#include <nlohmann/json.hpp>

#include "core/dates.h"
#include "ingest/ingest.h"

namespace wirewatch {
namespace {

constexpr int kMaxJsonNesting = 64;

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

std::optional<std::string> StringField(const nlohmann::json& obj,
                                       std::initializer_list<const char*> names) {
  for (const char* name : names) {
    auto it = obj.find(name);
    if (it == obj.end()) continue;
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer()) return std::to_string(it->get<long long>());
    if (it->is_number_unsigned()) return std::to_string(it->get<unsigned long long>());
  }
  return std::nullopt;
}

}  // namespace

ReadResult SplitJsonl(const std::string& name, std::string_view bytes, const IngestLimits& limits) {
  ReadResult result;
  size_t line_no = 0;
  size_t pos = 0;
  while (pos < bytes.size()) {
    size_t nl = bytes.find('\n', pos);
    std::string_view line = bytes.substr(pos, nl == std::string_view::npos ? bytes.size() - pos : nl - pos);
    pos = nl == std::string_view::npos ? bytes.size() : nl + 1;
    ++line_no;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
      line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    std::string where = name + ": line " + std::to_string(line_no);
    if (line.size() > limits.max_page_bytes) {
      result.problems.push_back(LimitExceeded(where + ": over the page size limit"));
      continue;
    }
    if (JsonNesting(line) > kMaxJsonNesting) {
      result.problems.push_back(LimitExceeded(where + ": JSON nested deeper than " +
                                              std::to_string(kMaxJsonNesting)));
      continue;
    }
    nlohmann::json obj = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (obj.is_discarded() || !obj.is_object()) {
      result.problems.push_back(Corrupt(where + ": unparseable JSON"));
      continue;
    }
    Page page;
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
      result.problems.push_back(InvalidArgument(where + ": no text field"));
      continue;
    }
    auto id = StringField(obj, {"id", "_id", "doc_id", "uuid"});
    page.source = name + "#" + (id ? *id : std::to_string(line_no));
    if (auto title = StringField(obj, {"title", "headline"})) page.title = DecodeToUtf8(*title);
    if (auto date = StringField(obj, {"published_at", "published", "date", "datePublished",
                                      "pubdate", "publication_date"}))
      page.published = NormalizeDate(*date);
    page.url = StringField(obj, {"url", "link"});
    result.pages.push_back(std::move(page));
  }
  return result;
}

}  // namespace wirewatch
