// The HTTP server of `wirewatch serve` (server.h): request checks, the /api/ endpoints as JSON
// over Store reads, and the dashboard's static files. cpp-httplib (Debian's libcpp-httplib)
// does the HTTP; every handler goes through Guarded(), which turns a bad parameter into 400 and
// a store failure into 503, both as {"error": "..."}.
#include "server/server.h"

#include <httplib.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <vector>

#include "core/dates.h"
#include "store/store.h"

namespace wirewatch {
namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

// A request the API refuses: the HTTP status and the message for {"error": ...}.
struct HttpError {
  int status;
  std::string message;
};

std::string Dump(const json& j) {
  // Stored text is valid UTF-8, but a replacement handler keeps a bad byte from throwing.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

void SecurityHeaders(httplib::Response& res) {
  // Pages come from the web and are hostile: the dashboard loads only its own scripts and
  // styles, so even a markup injection that slipped through could not run code.
  res.set_header("Content-Security-Policy",
                 "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                 "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Cache-Control", "no-store");
}

void SendJson(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  SecurityHeaders(res);
  res.set_content(body, "application/json; charset=utf-8");
}

void SendError(httplib::Response& res, int status, const std::string& message) {
  SendJson(res, status, Dump(json{{"error", message}}));
}

// True when `s` is well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
bool IsValidUtf8(const std::string& s) {
  size_t i = 0, n = s.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    int len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
    if (len == 0 || c > 0xf4 || i + len > n) return false;
    uint32_t cp = c & (0x3f >> (len - 1));
    for (int k = 1; k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
      return false;
    i += len;
  }
  return true;
}


// Actor codes (RUS, NATO, EUROPOL), record, story and entity ids (hex hashes, Q-ids, local ids):
// short runs of letters, digits and a few marks. Anything else cannot name one.
bool IsCode(const std::string& s, size_t max) {
  if (s.empty() || s.size() > max) return false;
  for (char c : s)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
          c == '-' || c == '.' || c == ':'))
      return false;
  return true;
}

constexpr size_t kMaxQueryWords = 32;

// The query parameters of one request, checked once: known names only, each at most once, each
// value short, valid UTF-8 and free of control bytes. Getters check the shape of a value.
class Params {
 public:
  Params(const httplib::Request& req, std::initializer_list<const char*> allowed,
         const ServeOptions& o)
      : options_(o) {
    std::set<std::string> names(allowed.begin(), allowed.end());
    names.insert("token");
    for (const auto& [key, value] : req.params) {
      if (!IsValidUtf8(key) || key.size() > 64) throw HttpError{400, "bad parameter name"};
      if (!names.count(key)) throw HttpError{400, "unknown parameter '" + key + "'"};
      if (values_.count(key)) throw HttpError{400, "parameter '" + key + "' given twice"};
      if (value.size() > o.max_param_bytes)
        throw HttpError{400, "parameter '" + key + "' is longer than " +
                                 std::to_string(o.max_param_bytes) + " bytes"};
      if (!IsValidUtf8(value)) throw HttpError{400, "parameter '" + key + "' is not valid UTF-8"};
      for (unsigned char c : value)
        if (c < 0x20 || c == 0x7f)
          throw HttpError{400, "parameter '" + key + "' holds a control character"};
      values_[key] = value;
    }
  }

  std::string Text(const std::string& name) const {
    auto it = values_.find(name);
    return it == values_.end() ? "" : it->second;
  }

  std::string Code(const std::string& name) const {
    std::string v = Text(name);
    if (!v.empty() && !IsCode(v, 64))
      throw HttpError{400, name + " must be a code like RUS or NATO"};
    return v;
  }

  int64_t Count(const std::string& name, int64_t fallback, int64_t min, int64_t max) const {
    std::string v = Text(name);
    if (v.empty()) return fallback;
    int64_t n = 0;
    for (char c : v) {
      if (c < '0' || c > '9' || n > max)
        throw HttpError{
            400, name + " must be a number " + std::to_string(min) + ".." + std::to_string(max)};
      n = n * 10 + (c - '0');
    }
    if (n < min || n > max)
      throw HttpError{
          400, name + " must be a number " + std::to_string(min) + ".." + std::to_string(max)};
    return n;
  }

  bool Flag(const std::string& name) const {
    std::string v = Text(name);
    if (v.empty() || v == "0" || v == "false") return false;
    if (v == "1" || v == "true") return true;
    throw HttpError{400, name + " must be 0 or 1"};
  }

  int64_t Limit(int64_t fallback) const { return Count("limit", fallback, 1, options_.max_page); }

  // The filters search, events and quotes share (store.h QueryFilter), as the CLI reads them.
  QueryFilter Filter(int64_t default_limit) const {
    QueryFilter f;
    f.text = Text("q");
    // Every word is a prefix query over the whole index: a cap on their number bounds the work
    // one request can ask for.
    const std::string fts = FtsQueryFromWords(f.text);
    if (std::count(fts.begin(), fts.end(), '*') > static_cast<long>(kMaxQueryWords))
      throw HttpError{400, "q has more than " + std::to_string(kMaxQueryWords) + " words"};
    f.entity = Text("entity");
    if (f.entity.size() > 200) throw HttpError{400, "entity is longer than 200 bytes"};
    f.actor = Code("actor");
    f.source_actor = Code("source_actor");
    f.target_actor = Code("target_actor");
    f.root = Text("root");
    if (!f.root.empty() && !IsCameoRoot(f.root))
      throw HttpError{400, "root must be a CAMEO root 01..20"};
    f.from = Text("from");
    f.to = Text("to");
    if (!f.from.empty() && !IsIsoDayShape(f.from)) throw HttpError{400, "from must be YYYY-MM-DD"};
    if (!f.to.empty() && !IsIsoDayShape(f.to)) throw HttpError{400, "to must be YYYY-MM-DD"};
    f.kind = Text("kind");
    if (!f.kind.empty() && f.kind != "article" && f.kind != "brief")
      throw HttpError{400, "kind must be article or brief"};
    f.limit = Limit(default_limit);
    return f;
  }

  int64_t Offset() const { return Count("offset", 0, 0, 1000000); }

 private:
  const ServeOptions& options_;
  std::map<std::string, std::string> values_;
};

#define WIREWATCH_FILTER_PARAMS \
  "q", "entity", "actor", "source_actor", "target_actor", "root", "from", "to", "kind", "limit"

// A store failure as an HTTP error: a query the store cannot read (no word in it) is the
// caller's, 400; anything else is the store's (busy, unreadable), 503.
HttpError StoreError(const Status& s) {
  if (s.code() == StatusCode::kInvalidArgument) return {400, s.message()};
  if (s.code() == StatusCode::kNotFound) return {404, s.message()};
  return {503, "store unavailable: " + s.message()};
}

template <typename T>
T Take(StatusOr<T> v) {
  if (!v.ok()) throw StoreError(v.status());
  return std::move(*v);
}

json Opt(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }

// The record text around the first hit of a query word, with the hits marked as byte ranges
// into the snippet; the whole start of the text when no word is found.
json Snippet(const std::string& text, const std::string& query) {
  constexpr size_t kBefore = 80, kLength = 240;
  auto lower = [](std::string s) {
    for (char& c : s)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
  };
  std::vector<std::string> words;
  std::string w;
  for (unsigned char c : query + " ") {
    if (c >= 0x80 || std::isalnum(c))
      w += static_cast<char>(c);
    else if (!w.empty())
      words.push_back(lower(w)), w.clear();
  }
  std::string low = lower(text);
  size_t first = std::string::npos;
  for (const auto& word : words) first = std::min(first, low.find(word));
  size_t start = first == std::string::npos || first < kBefore ? 0 : first - kBefore;
  size_t end = std::min(text.size(), start + kLength);
  // Cut at character boundaries, never inside a UTF-8 sequence.
  while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xc0) == 0x80) --start;
  while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xc0) == 0x80) ++end;
  std::string cut = text.substr(start, end - start);
  std::string low_cut = low.substr(start, end - start);
  json marks = json::array();
  std::vector<std::pair<size_t, size_t>> spans;
  for (const auto& word : words) {
    for (size_t at = low_cut.find(word); at != std::string::npos; at = low_cut.find(word, at + 1))
      spans.push_back({at, at + word.size()});
  }
  std::sort(spans.begin(), spans.end());
  size_t last_end = 0;
  for (auto [a, b] : spans) {
    if (a < last_end) continue;
    marks.push_back({a, b});
    last_end = b;
  }
  return {
      {"text", cut}, {"marks", marks}, {"cut_start", start > 0}, {"cut_end", end < text.size()}};
}

json HitJson(const SearchHit& h, const std::string& query) {
  json j = {{"id", h.id},
            {"kind", h.kind},
            {"source", h.source},
            {"title", Opt(h.title)},
            {"published", Opt(h.published)},
            {"score", h.score}};
  auto rec = json::parse(h.json, nullptr, false);
  if (rec.is_object()) {
    std::string text = rec.value("text", "");
    j["snippet"] = Snippet(text, query);
    j["story"] = rec.contains("story") ? rec["story"] : json(nullptr);
    j["duplicate_of"] = rec.contains("duplicate_of") ? rec["duplicate_of"] : json(nullptr);
    j["entities"] =
        rec.contains("entities") && rec["entities"].is_array() ? rec["entities"].size() : 0;
    j["events"] = rec.contains("events") && rec["events"].is_array() ? rec["events"].size() : 0;
    j["quotes"] = rec.contains("quotes") && rec["quotes"].is_array() ? rec["quotes"].size() : 0;
  }
  return j;
}

json EventJson(const EventRow& e) {
  return {{"record", e.record_id},
          {"date", Opt(e.date)},
          {"source", {{"text", e.source_text}, {"actor", Opt(e.source_actor)}}},
          {"target", e.target_text ? json{{"text", *e.target_text}, {"actor", Opt(e.target_actor)}}
                                   : json(nullptr)},
          {"cameo", e.cameo},
          {"root", e.root},
          {"goldstein", e.goldstein},
          {"quad_class", e.quad_class},
          {"plover", e.plover},
          {"trigger", e.trigger},
          {"negated", e.negated},
          {"sentence", e.sentence}};
}

json QuoteJson(const QuoteRow& q) {
  return {{"record", q.record_id},
          {"date", Opt(q.date)},
          {"text", q.text},
          {"speaker", q.speaker},
          {"speaker_actor", Opt(q.speaker_actor)},
          {"cue", q.cue},
          {"direct", q.direct},
          {"sentence", q.sentence}};
}

json StoryJson(const StoryRow& s) {
  return {{"id", s.id},
          {"title", s.title.empty() ? json(nullptr) : json(s.title)},
          {"records", s.records},
          {"independent_reports", s.independent_reports},
          {"sources", s.sources},
          {"first_published", Opt(s.first_published)},
          {"last_published", Opt(s.last_published)},
          {"lead", s.lead},
          {"record_ids", s.record_ids}};
}

const char* MimeType(const std::string& path) {
  static const std::pair<const char*, const char*> types[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".json", "application/json"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
  };
  for (const auto& [ext, type] : types)
    if (path.size() >= std::strlen(ext) && path.ends_with(ext)) return type;
  return "application/octet-stream";
}

// The dashboard's files, read once at start: only these paths are served, so no request path
// ever reaches the file system.
std::map<std::string, std::string> LoadWebFiles(const std::string& dir) {
  std::map<std::string, std::string> files;
  if (dir.empty()) return files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream body;
    body << in.rdbuf();
    files["/" + fs::relative(it->path(), dir).generic_string()] = body.str();
  }
  return files;
}

bool SameToken(const std::string& a, const std::string& b) {
  // Constant time in the given token's length, so the comparison does not leak a prefix.
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < a.size(); ++i) diff |= a[i] ^ b[i % std::max<size_t>(1, b.size())];
  return diff == 0;
}

bool IsLoopbackHostHeader(const std::string& host) {
  std::string h = host;
  if (!h.empty() && h[0] == '[') {
    auto close = h.find(']');
    if (close == std::string::npos) return false;
    h = h.substr(1, close - 1);
  } else if (auto colon = h.rfind(':'); colon != std::string::npos) {
    h = h.substr(0, colon);
  }
  return IsLoopbackAddress(h);
}

class Api {
 public:
  explicit Api(ServeOptions o) : options_(std::move(o)) {}

  // This thread's read-only store, opened on first use and again after a failure (so a store
  // that was busy, replaced or repaired is picked up by the next request).
  Store& ThreadStore() {
    std::unique_ptr<Store>& store = ThreadSlot();
    if (!store) {
      auto opened = OpenStore(options_.db, OpenMode::kReadOnly);
      if (!opened.ok()) throw HttpError{503, "store unavailable: " + opened.status().message()};
      store = std::move(*opened);
    }
    return *store;
  }
  static void DropThreadStore() { ThreadSlot().reset(); }

  // Checks that apply to every /api/ request: token (when set) and, without one, a loopback
  // Host header.
  void Admit(const httplib::Request& req) const {
    if (!options_.token.empty()) {
      std::string given;
      std::string auth = req.get_header_value("Authorization");
      if (auth.rfind("Bearer ", 0) == 0)
        given = auth.substr(7);
      else if (req.has_param("token"))
        given = req.get_param_value("token");
      if (!SameToken(given, options_.token)) throw HttpError{401, "missing or wrong token"};
    } else if (req.has_header("Host") && !IsLoopbackHostHeader(req.get_header_value("Host"))) {
      throw HttpError{403, "Host must be a loopback name (localhost, 127.0.0.1, [::1])"};
    }
  }

  std::string Search(const httplib::Request& req) {
    Params p(req, {WIREWATCH_FILTER_PARAMS, "offset"}, options_);
    QueryFilter f = p.Filter(20);
    auto page = Take(ThreadStore().SearchPage(f, p.Offset()));
    json results = json::array();
    for (const auto& h : page.rows) results.push_back(HitJson(h, f.text));
    return Dump(
        {{"results", results}, {"total", page.total}, {"offset", p.Offset()}, {"limit", f.limit}});
  }

  std::string Facets(const httplib::Request& req) {
    Params p(req, {WIREWATCH_FILTER_PARAMS, "per"}, options_);
    QueryFilter f = p.Filter(20);
    auto values = Take(ThreadStore().Facets(f, p.Count("per", 10, 1, 50)));
    json out = {{"actor", json::array()},
                {"entity", json::array()},
                {"root", json::array()},
                {"kind", json::array()},
                {"month", json::array()}};
    for (const auto& v : values)
      out[v.facet].push_back({{"value", v.value}, {"label", v.label}, {"count", v.count}});
    return Dump(out);
  }

  std::string Record(const httplib::Request& req, const std::string& id) {
    Params p(req, {}, options_);
    if (!IsCode(id, 128)) throw HttpError{400, "not a record id"};
    auto hit = Take(ThreadStore().Record(id));
    if (!hit) throw HttpError{404, "no record " + id};
    // The record exactly as analyze wrote it (docs/record.md), not re-encoded.
    return "{\"record\": " + hit->json + ", \"source\": " + Dump(json(hit->source)) + "}";
  }

  std::string Entities(const httplib::Request& req) {
    Params p(req, {"name", "type", "actor", "limit", "offset"}, options_);
    EntityQuery q;
    q.name = p.Text("name");
    q.type = p.Text("type");
    if (!q.type.empty() && q.type != "PER" && q.type != "ORG" && q.type != "LOC" &&
        q.type != "MISC")
      throw HttpError{400, "type must be PER, ORG, LOC or MISC"};
    q.actor = p.Code("actor");
    q.limit = p.Limit(50);
    q.offset = p.Offset();
    auto page = Take(ThreadStore().Entities(q));
    json results = json::array();
    for (const auto& e : page.rows)
      results.push_back({{"id", e.id},
                         {"name", e.name},
                         {"type", e.type},
                         {"actor", Opt(e.actor)},
                         {"mentions", e.mentions},
                         {"records", e.records}});
    return Dump(
        {{"results", results}, {"total", page.total}, {"offset", q.offset}, {"limit", q.limit}});
  }

  std::string Events(const httplib::Request& req) {
    Params p(req, {WIREWATCH_FILTER_PARAMS, "offset"}, options_);
    QueryFilter f = p.Filter(50);
    auto page = Take(ThreadStore().EventsPage(f, p.Offset()));
    json results = json::array();
    for (const auto& e : page.rows) results.push_back(EventJson(e));
    return Dump(
        {{"results", results}, {"total", page.total}, {"offset", p.Offset()}, {"limit", f.limit}});
  }

  std::string Quotes(const httplib::Request& req) {
    Params p(req, {WIREWATCH_FILTER_PARAMS, "offset"}, options_);
    QueryFilter f = p.Filter(50);
    auto page = Take(ThreadStore().QuotesPage(f, p.Offset()));
    json results = json::array();
    for (const auto& q : page.rows) results.push_back(QuoteJson(q));
    return Dump(
        {{"results", results}, {"total", page.total}, {"offset", p.Offset()}, {"limit", f.limit}});
  }

  std::string Speakers(const httplib::Request& req) {
    Params p(req, {WIREWATCH_FILTER_PARAMS}, options_);
    auto rows = Take(ThreadStore().Speakers(p.Filter(50)));
    json results = json::array();
    for (const auto& s : rows)
      results.push_back({{"speaker", s.speaker},
                         {"speaker_id", Opt(s.speaker_id)},
                         {"speaker_actor", Opt(s.speaker_actor)},
                         {"quotes", s.quotes},
                         {"records", s.records}});
    return Dump({{"results", results}});
  }

  std::string Network(const httplib::Request& req) {
    Params p(req, {WIREWATCH_FILTER_PARAMS}, options_);
    auto edges = Take(ThreadStore().ActorNetwork(p.Filter(100)));
    std::map<std::string, int64_t> nodes;
    json out_edges = json::array();
    for (const auto& e : edges) {
      nodes[e.source] += e.events;
      nodes[e.target] += e.events;
      out_edges.push_back({{"source", e.source},
                           {"target", e.target},
                           {"events", e.events},
                           {"records", e.records},
                           {"goldstein_mean", e.goldstein_mean}});
    }
    json out_nodes = json::array();
    for (const auto& [actor, n] : nodes) out_nodes.push_back({{"actor", actor}, {"events", n}});
    return Dump({{"nodes", out_nodes}, {"edges", out_edges}});
  }

  std::string Stories(const httplib::Request& req) {
    Params p(req, {"q", "kind", "from", "to", "limit"}, options_);
    QueryFilter f = p.Filter(50);
    auto rows = Take(ThreadStore().Stories(f));
    json results = json::array();
    for (const auto& s : rows) results.push_back(StoryJson(s));
    return Dump({{"results", results}, {"total", results.size()}});
  }

  std::string Story(const httplib::Request& req, const std::string& id) {
    Params p(req, {}, options_);
    if (!IsCode(id, 128)) throw HttpError{400, "not a story id"};
    std::optional<StoryRow> found = Take(ThreadStore().Story(id));
    if (!found) throw HttpError{404, "no story " + id};
    const StoryRow& story = *found;
    json records = json::array();
    for (const std::string& rid : story.record_ids) {
      auto hit = Take(ThreadStore().Record(rid));
      if (!hit) continue;  // written between the two reads; shown on the next refresh
      json h = HitJson(*hit, "");
      h.erase("score");
      records.push_back(h);
    }
    return Dump({{"story", StoryJson(story)}, {"records", records}});
  }

  std::string Timeline(const httplib::Request& req) {
    Params p(req, {"a", "b", "by", "explain", "period", "direction"}, options_);
    std::string a = p.Code("a"), b = p.Code("b"), by = p.Text("by");
    if (a.empty() || b.empty()) throw HttpError{400, "timeline needs two actors: a=RUS&b=NATO"};
    if (by.empty()) by = "week";
    if (by != "day" && by != "week" && by != "month")
      throw HttpError{400, "by must be day, week or month"};
    bool explain = p.Flag("explain");
    std::string period = p.Text("period"), direction = p.Text("direction");
    if (!period.empty() && !IsIsoDayShape(period) && !(period.size() == 7 && IsIsoDayShape(period + "-01")))
      throw HttpError{400, "period must be YYYY-MM-DD or YYYY-MM"};
    if (!direction.empty() && direction != "A->B" && direction != "B->A")
      throw HttpError{400, "direction must be A->B or B->A"};
    Period per = by == "day" ? Period::kDay : by == "week" ? Period::kWeek : Period::kMonth;
    std::vector<EventRow> rows;
    auto points = Take(ThreadStore().Timeline(a, b, per, explain ? &rows : nullptr));
    json out_points = json::array();
    for (const auto& pt : points) {
      out_points.push_back({{"period", pt.period},
                            {"direction", pt.direction},
                            {"events", pt.events},
                            {"sources", pt.sources},
                            {"goldstein_sum", pt.goldstein_sum},
                            {"goldstein_mean", pt.goldstein_mean},
                            {"quad_class", {pt.quad[0], pt.quad[1], pt.quad[2], pt.quad[3]}}});
    }
    json out = {{"a", a}, {"b", b}, {"by", by}, {"points", out_points}};
    if (explain) {
      // The events behind one point (or all), at most a page of them.
      json ex = json::array();
      for (const auto& e : rows) {
        if ((!period.empty() && e.period != period) ||
            (!direction.empty() && e.direction != direction))
          continue;
        if (static_cast<int64_t>(ex.size()) >= 1000) break;
        json j = EventJson(e);
        j["period"] = e.period;
        j["direction"] = e.direction;
        ex.push_back(j);
      }
      out["explain"] = ex;
    }
    return Dump(out);
  }

  std::string Stats(const httplib::Request& req) {
    Params p(req, {}, options_);
    StoreStats s = Take(ThreadStore().Stats());
    return Dump({{"records", s.records},
                 {"articles", s.articles},
                 {"briefs", s.briefs},
                 {"entities", s.entities},
                 {"quotes", s.quotes},
                 {"events", s.events},
                 {"stories", s.stories},
                 {"duplicates", s.duplicates},
                 {"sources", s.sources}});
  }

  const ServeOptions& options() const { return options_; }

 private:
  // One slot per worker thread. Serve runs one Api per process, and its threads end with it.
  static std::unique_ptr<Store>& ThreadSlot() {
    thread_local std::unique_ptr<Store> store;
    return store;
  }

  ServeOptions options_;
};

// Runs one API handler: admission, then the body; every refusal becomes a JSON error.
template <typename Body>
void Guarded(Api& api, const httplib::Request& req, httplib::Response& res, Body body) {
  try {
    api.Admit(req);
    SendJson(res, 200, body());
  } catch (const HttpError& e) {
    if (e.status >= 500) Api::DropThreadStore();
    SendError(res, e.status, e.message);
  } catch (const json::exception& e) {
    SendError(res, 503, std::string("cannot encode the answer: ") + e.what());
  } catch (const std::bad_alloc&) {
    SendError(res, 503, "out of memory");
  } catch (const std::exception& e) {
    // Not reachable from input: every parameter is checked above. Reported, never a crash.
    SendError(res, 500, std::string("internal error: ") + e.what());
  }
}

}  // namespace

bool IsLoopbackAddress(const std::string& host) {
  if (host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1") return true;
  // 127.0.0.0/8 written as a dotted quad.
  if (host.rfind("127.", 0) != 0) return false;
  int parts = 0, digits = 0;
  for (char c : host) {
    if (c == '.') {
      if (digits == 0) return false;
      ++parts, digits = 0;
    } else if (c >= '0' && c <= '9' && digits < 3) {
      ++digits;
    } else {
      return false;
    }
  }
  return parts == 3 && digits > 0;
}

Status Serve(const ServeOptions& options,
             const std::function<void(int port, std::function<void()> stop)>& on_listening) {
  if (!IsLoopbackAddress(options.bind) && options.token.empty())
    return InvalidArgument(
        "--bind " + options.bind +
        " is not a loopback address: give --token (every API call must send it)");
  if (options.port < 0 || options.port > 65535) return InvalidArgument("--port must be 0..65535");
  if (options.threads < 1 || options.threads > 64)
    return InvalidArgument("--threads must be 1..64");
  // Refuse a missing or foreign store now rather than on the first request.
  if (auto probe = OpenStore(options.db, OpenMode::kReadOnly); !probe.ok())
    return probe.status();
  auto files =
      std::make_shared<const std::map<std::string, std::string>>(LoadWebFiles(options.web_dir));
  if (!options.web_dir.empty() && !files->count("/index.html"))
    return NotFound(options.web_dir +
                    ": no index.html (build the dashboard: cmake --build BUILD --target web)");

  Api api(options);
  httplib::Server server;
  int threads = options.threads;
  server.new_task_queue = [threads] {
    return new httplib::ThreadPool(static_cast<size_t>(threads));
  };
  server.set_payload_max_length(options.max_body_bytes);
  // A keep-alive connection holds a worker thread while it is open: a short idle timeout keeps
  // a browser's spare connections from starving other clients.
  server.set_keep_alive_max_count(100);
  server.set_keep_alive_timeout(2);

  server.Get("/api/search", [&](const auto& req, auto& res) {
    Guarded(api, req, res, [&] { return api.Search(req); });
  });
  server.Get("/api/facets", [&](const auto& req, auto& res) {
    Guarded(api, req, res, [&] { return api.Facets(req); });
  });
  server.Get("/api/entities", [&](const auto& req, auto& res) {
    Guarded(api, req, res, [&] { return api.Entities(req); });
  });
  server.Get("/api/events", [&](const auto& req, auto& res) {
    Guarded(api, req, res, [&] { return api.Events(req); });
  });
  server.Get("/api/quotes", [&](const auto& req, auto& res) {
    Guarded(api, req, res, [&] { return api.Quotes(req); });
  });
  server.Get("/api/speakers", [&](const auto& req, auto& res) {
    Guarded(api, req, res, [&] { return api.Speakers(req); });
  });
  server.Get("/api/network", [&](const auto& req, auto& res) {
    Guarded(api, req, res, [&] { return api.Network(req); });
  });
  server.Get("/api/stories", [&](const auto& req, auto& res) {
    Guarded(api, req, res, [&] { return api.Stories(req); });
  });
  server.Get("/api/timeline", [&](const auto& req, auto& res) {
    Guarded(api, req, res, [&] { return api.Timeline(req); });
  });
  server.Get("/api/stats", [&](const auto& req, auto& res) {
    Guarded(api, req, res, [&] { return api.Stats(req); });
  });
  server.Get(R"(/api/records/(.*))", [&](const auto& req, auto& res) {
    Guarded(api, req, res, [&] { return api.Record(req, req.matches[1].str()); });
  });
  server.Get(R"(/api/stories/(.*))", [&](const auto& req, auto& res) {
    Guarded(api, req, res, [&] { return api.Story(req, req.matches[1].str()); });
  });
  server.Get(R"(/api/.*)", [&](const auto& req, auto& res) {
    Guarded(api, req, res, [&]() -> std::string { throw HttpError{404, "no such endpoint"}; });
  });
  // The API only reads: other methods are refused whatever the path.
  auto refuse = [](const httplib::Request&, httplib::Response& res) {
    SendError(res, 405, "only GET is allowed");
  };
  server.Post(R"(/.*)", refuse);
  server.Put(R"(/.*)", refuse);
  server.Delete(R"(/.*)", refuse);
  server.Patch(R"(/.*)", refuse);
  server.Options(R"(/.*)", refuse);
  server.Get(R"(/.*)", [files](const httplib::Request& req, httplib::Response& res) {
    std::string path = req.path == "/" ? "/index.html" : req.path;
    auto it = files->find(path);
    if (it == files->end()) return SendError(res, 404, "not found");
    res.status = 200;
    SecurityHeaders(res);
    res.set_content(it->second, MimeType(path));
  });
  // httplib's own refusals (malformed request, URI too long, body too large) as JSON too.
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty()) {
      int status = res.status;
      SendError(res, status, status == 413 ? "request body too large" : "bad request");
    }
  });
  server.set_exception_handler([](const httplib::Request&, httplib::Response& res,
                                  std::exception_ptr) { SendError(res, 500, "internal error"); });

  int port = options.port;
  if (port == 0) {
    port = server.bind_to_any_port(options.bind);
    if (port < 0) return IoError("cannot bind " + options.bind);
  } else if (!server.bind_to_port(options.bind, port)) {
    return IoError("cannot bind " + options.bind + ":" + std::to_string(port) +
                   " (in use, or not an address of this machine)");
  }
  on_listening(port, [&server] { server.stop(); });
  if (!server.listen_after_bind()) return IoError("listening on " + options.bind + " failed");
  return Status::Ok();
}

}  // namespace wirewatch
