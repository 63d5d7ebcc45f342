// The record writer. nlohmann::ordered_json keeps the spec's field order, which makes records
// readable by eye and diffs of golden files small.
#include "core/record_json.h"

#include <nlohmann/json.hpp>

namespace wirewatch {
namespace {

using Json = nlohmann::ordered_json;

template <typename T>
Json OrNull(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

Json ActorJson(const EventActor& a) {
  return Json{{"text", a.text}, {"actor", OrNull(a.actor)}, {"id", OrNull(a.id)}};
}

}  // namespace

std::string RecordToJson(const Document& doc) {
  Json j;
  j["id"] = doc.id;
  j["source"] = doc.source;
  j["kind"] = doc.kind == DocumentKind::kArticle ? "article" : "brief";
  j["parent"] = OrNull(doc.parent);
  j["title"] = OrNull(doc.title);
  if (doc.dateline) {
    j["dateline"] = Json{{"place", doc.dateline->place}, {"agencies", doc.dateline->agencies}};
  } else {
    j["dateline"] = nullptr;
  }
  j["published"] = OrNull(doc.published);
  j["age"] = OrNull(doc.age_seconds);
  j["language"] = doc.language;
  j["text"] = doc.text;
  j["subheadings"] = doc.subheadings;
  Json sentences = Json::array();
  for (const ByteSpan& s : doc.sentences) sentences.push_back(Json::array({s.start, s.end}));
  j["sentences"] = std::move(sentences);
  Json entities = Json::array();
  for (const EntityMention& e : doc.entities) {
    entities.push_back(Json{{"start", e.span.start}, {"end", e.span.end}, {"text", e.text},
                            {"type", e.type}, {"id", e.id}, {"name", e.name},
                            {"actor", OrNull(e.actor)}});
  }
  j["entities"] = std::move(entities);
  Json quotes = Json::array();
  for (const Quote& q : doc.quotes) {
    quotes.push_back(Json{{"start", q.span.start}, {"end", q.span.end}, {"text", q.text},
                          {"direct", q.direct}, {"speaker", q.speaker},
                          {"speaker_id", OrNull(q.speaker_id)},
                          {"speaker_actor", OrNull(q.speaker_actor)}, {"cue", q.cue}});
  }
  j["quotes"] = std::move(quotes);
  Json events = Json::array();
  for (const Event& e : doc.events) {
    events.push_back(Json{{"sentence", e.sentence},
                          {"source", ActorJson(e.source)},
                          {"target", e.target ? ActorJson(*e.target) : Json(nullptr)},
                          {"cameo", e.cameo},
                          {"root", e.root},
                          {"goldstein", e.goldstein},
                          {"plover", e.plover},
                          {"trigger", e.trigger},
                          {"negated", e.negated},
                          {"date", OrNull(e.date)},
                          {"location", OrNull(e.location)}});
  }
  j["events"] = std::move(events);
  Json times = Json::array();
  for (const TimeExpression& t : doc.times) {
    times.push_back(Json{{"start", t.span.start}, {"end", t.span.end}, {"text", t.text},
                         {"value", OrNull(t.value)}});
  }
  j["times"] = std::move(times);
  j["duplicate_of"] = OrNull(doc.duplicate_of);
  j["story"] = OrNull(doc.story);
  // Invalid UTF-8 cannot reach here (ingest sanitises), but replace rather than throw if it does.
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace wirewatch
