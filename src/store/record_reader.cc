// Reads one JSONL record (docs/record.md) back into a Document, so records analysed elsewhere
// (`ingest --from-jsonl`) go into a store the same way as records analysed in-process. The
// parse never throws: nlohmann-json's non-throwing parse, and every field type checked.
#include <nlohmann/json.hpp>

#include "store/store.h"

namespace wirewatch {
namespace {

using Json = nlohmann::json;

std::optional<std::string> OptString(const Json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::string String(const Json& obj, const char* key) { return OptString(obj, key).value_or(""); }

uint32_t Unsigned(const Json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_number_unsigned()) return 0;
  uint64_t v = it->get<uint64_t>();
  return v > UINT32_MAX ? UINT32_MAX : static_cast<uint32_t>(v);
}

ByteSpan Span(const Json& obj) { return {Unsigned(obj, "start"), Unsigned(obj, "end")}; }

const Json* Array(const Json& obj, const char* key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_array() ? &*it : nullptr;
}

EventActor Actor(const Json& obj) {
  EventActor a;
  a.text = String(obj, "text");
  a.actor = OptString(obj, "actor");
  a.id = OptString(obj, "id");
  if (obj.contains("start")) a.span = Span(obj);
  return a;
}

}  // namespace

StatusOr<StoredRecord> ParseStoredRecord(std::string json, const std::string& where) {
  Json j = Json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Corrupt(where + ": not valid JSON");
  if (!j.is_object()) return Corrupt(where + ": not a JSON object");
  StoredRecord r;
  Document& d = r.document;
  auto id = OptString(j, "id");
  auto text = OptString(j, "text");
  auto kind = OptString(j, "kind");
  if (!id || id->empty()) return Corrupt(where + ": record has no string \"id\"");
  if (!text) return Corrupt(where + ": record " + *id + " has no string \"text\"");
  if (!kind || (*kind != "article" && *kind != "brief"))
    return Corrupt(where + ": record " + *id + " has no \"kind\" article or brief");
  d.id = *id;
  d.text = *text;
  d.kind = *kind == "brief" ? DocumentKind::kBrief : DocumentKind::kArticle;
  d.source = String(j, "source");
  d.parent = OptString(j, "parent");
  d.title = OptString(j, "title");
  d.published = OptString(j, "published");
  d.language = String(j, "language");
  d.url = OptString(j, "url");
  d.duplicate_of = OptString(j, "duplicate_of");
  d.story = OptString(j, "story");
  if (const Json* a = Array(j, "sentences")) {
    for (const Json& s : *a) {
      if (s.is_array() && s.size() == 2 && s[0].is_number_unsigned() && s[1].is_number_unsigned())
        d.sentences.push_back({s[0].get<uint32_t>(), s[1].get<uint32_t>()});
    }
  }
  if (const Json* a = Array(j, "entities")) {
    for (const Json& e : *a) {
      if (!e.is_object()) continue;
      EntityMention m;
      m.span = Span(e);
      m.text = String(e, "text");
      m.type = String(e, "type");
      m.id = String(e, "id");
      m.name = String(e, "name");
      m.actor = OptString(e, "actor");
      d.entities.push_back(std::move(m));
    }
  }
  if (const Json* a = Array(j, "quotes")) {
    for (const Json& e : *a) {
      if (!e.is_object()) continue;
      Quote q;
      q.span = Span(e);
      q.text = String(e, "text");
      auto direct = e.find("direct");
      q.direct = direct == e.end() || !direct->is_boolean() || direct->get<bool>();
      q.speaker = String(e, "speaker");
      q.speaker_id = OptString(e, "speaker_id");
      q.speaker_actor = OptString(e, "speaker_actor");
      q.cue = String(e, "cue");
      d.quotes.push_back(std::move(q));
    }
  }
  if (const Json* a = Array(j, "events")) {
    for (const Json& e : *a) {
      if (!e.is_object()) continue;
      Event ev;
      ev.sentence = Unsigned(e, "sentence");
      auto src = e.find("source");
      if (src != e.end() && src->is_object()) ev.source = Actor(*src);
      auto tgt = e.find("target");
      if (tgt != e.end() && tgt->is_object()) ev.target = Actor(*tgt);
      ev.cameo = String(e, "cameo");
      ev.root = String(e, "root");
      auto g = e.find("goldstein");
      if (g != e.end() && g->is_number()) ev.goldstein = g->get<double>();
      ev.plover = String(e, "plover");
      ev.trigger = String(e, "trigger");
      if (e.contains("trigger_start")) ev.trigger_span = ByteSpan{Unsigned(e, "trigger_start"), Unsigned(e, "trigger_end")};
      auto neg = e.find("negated");
      ev.negated = neg != e.end() && neg->is_boolean() && neg->get<bool>();
      ev.date = OptString(e, "date");
      ev.location = OptString(e, "location");
      d.events.push_back(std::move(ev));
    }
  }
  if (const Json* a = Array(j, "times")) {
    for (const Json& e : *a) {
      if (!e.is_object()) continue;
      d.times.push_back({Span(e), String(e, "text"), OptString(e, "value")});
    }
  }
  r.json = std::move(json);
  while (!r.json.empty() && (r.json.back() == '\n' || r.json.back() == '\r')) r.json.pop_back();
  return r;
}

void PrecomputeSignature(StoredRecord& record) {
  const int shingle_words = NearDuplicateOptions{}.shingle_words;
  record.signature = ComputeSignature(record.document.text, shingle_words);
  record.signature_shingle_words = shingle_words;
}

}  // namespace wirewatch
