// The record writer. Records are written directly into one string, field by field in the
// spec's order: building a JSON DOM first cost about a tenth of the whole pipeline's time.
// Strings are escaped per RFC 8259; bytes that are not valid UTF-8 (which ingest never lets
// through, but a caller might) become U+FFFD rather than invalid JSON.
#include "core/record_json.h"

#include "core/utf8.h"

#include <charconv>
#include <cstdio>

namespace wirewatch {
namespace {

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}

  void String(std::string_view s) {
    out_ += '"';
    size_t run = 0;  // start of the current run of bytes that need no escaping
    for (size_t i = 0; i < s.size();) {
      auto c = static_cast<unsigned char>(s[i]);
      if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
        ++i;
        continue;
      }
      size_t len = c < 0x80 ? 1 : Utf8SequenceLength(s, i);
      if (len > 1) {
        i += len;
        continue;
      }
      out_.append(s.data() + run, i - run);
      switch (c) {
        case '"': out_ += "\\\""; break;
        case '\\': out_ += "\\\\"; break;
        case '\n': out_ += "\\n"; break;
        case '\r': out_ += "\\r"; break;
        case '\t': out_ += "\\t"; break;
        case '\b': out_ += "\\b"; break;
        case '\f': out_ += "\\f"; break;
        default:
          if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out_ += buf;
          } else {
            out_ += "\xEF\xBF\xBD";  // invalid UTF-8 byte
          }
      }
      ++i;
      run = i;
    }
    out_.append(s.data() + run, s.size() - run);
    out_ += '"';
  }

  void OptionalString(const std::optional<std::string>& s) {
    if (s) String(std::string_view(*s));
    else out_ += "null";
  }

  template <typename Int>
  void Integer(Int v) {
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    out_.append(buf, end);
  }

  void Double(double v) {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    std::string_view text(buf, static_cast<size_t>(end - buf));
    out_ += text;
    // Keep Goldstein scores recognisably real: 3.0 rather than 3.
    if (text.find_first_of(".eEn") == std::string_view::npos) out_ += ".0";
  }

  void Bool(bool v) { out_ += v ? "true" : "false"; }
  void Null() { out_ += "null"; }

  // `"name":` with the separating comma when needed.
  void Key(std::string_view name) {
    if (need_comma_) out_ += ',';
    out_ += '"';
    out_ += name;
    out_ += "\":";
    need_comma_ = false;
  }
  void Open(char c) {
    out_ += c;
    need_comma_ = false;
  }
  void Close(char c) {
    out_ += c;
    need_comma_ = true;
  }
  void Item() {
    if (need_comma_) out_ += ',';
    need_comma_ = false;
  }
  void Done() { need_comma_ = true; }

 private:
  std::string& out_;
  bool need_comma_ = false;
};

void WriteActor(Writer& w, const EventActor& a) {
  w.Open('{');
  w.Key("text"), w.String(a.text), w.Done();
  w.Key("actor"), w.OptionalString(a.actor), w.Done();
  w.Key("id"), w.OptionalString(a.id), w.Done();
  if (a.span) w.Key("start"), w.Integer(a.span->start), w.Done(), w.Key("end"), w.Integer(a.span->end), w.Done();
  w.Close('}');
}

void WriteSpan(Writer& w, const ByteSpan& span) {
  w.Key("start"), w.Integer(span.start), w.Done();
  w.Key("end"), w.Integer(span.end), w.Done();
}

}  // namespace

std::string RecordToJson(const Document& doc) {
  std::string out;
  out.reserve(doc.text.size() * 2 + 512 + doc.entities.size() * 160);
  Writer w(out);
  w.Open('{');
  w.Key("id"), w.String(doc.id), w.Done();
  w.Key("source"), w.String(doc.source), w.Done();
  w.Key("url"), w.OptionalString(doc.url), w.Done();
  w.Key("kind"), w.String(doc.kind == DocumentKind::kArticle ? "article" : "brief"), w.Done();
  w.Key("parent"), w.OptionalString(doc.parent), w.Done();
  w.Key("title"), w.OptionalString(doc.title), w.Done();
  w.Key("dateline");
  if (doc.dateline) {
    w.Open('{');
    w.Key("place"), w.String(doc.dateline->place), w.Done();
    w.Key("agencies"), w.Open('[');
    for (const std::string& a : doc.dateline->agencies) w.Item(), w.String(a), w.Done();
    w.Close(']');
    w.Close('}');
  } else {
    w.Null(), w.Done();
  }
  w.Key("published"), w.OptionalString(doc.published), w.Done();
  w.Key("author"), w.OptionalString(doc.author), w.Done();
  w.Key("age");
  if (doc.age_seconds) w.Integer(*doc.age_seconds);
  else w.Null();
  w.Done();
  w.Key("language"), w.String(doc.language), w.Done();
  w.Key("text"), w.String(doc.text), w.Done();
  w.Key("subheadings"), w.Open('[');
  for (const std::string& s : doc.subheadings) w.Item(), w.String(s), w.Done();
  w.Close(']');
  w.Key("sentences"), w.Open('[');
  for (const ByteSpan& s : doc.sentences) {
    w.Item(), w.Open('[');
    w.Item(), w.Integer(s.start), w.Done();
    w.Item(), w.Integer(s.end), w.Done();
    w.Close(']');
  }
  w.Close(']');
  w.Key("entities"), w.Open('[');
  for (const EntityMention& e : doc.entities) {
    w.Item(), w.Open('{');
    WriteSpan(w, e.span);
    w.Key("text"), w.String(e.text), w.Done();
    w.Key("type"), w.String(e.type), w.Done();
    w.Key("id"), w.String(e.id), w.Done();
    w.Key("name"), w.String(e.name), w.Done();
    w.Key("actor"), w.OptionalString(e.actor), w.Done();
    w.Close('}');
  }
  w.Close(']');
  w.Key("quotes"), w.Open('[');
  for (const Quote& q : doc.quotes) {
    w.Item(), w.Open('{');
    WriteSpan(w, q.span);
    w.Key("text"), w.String(q.text), w.Done();
    w.Key("direct"), w.Bool(q.direct), w.Done();
    w.Key("speaker"), w.String(q.speaker), w.Done();
    w.Key("speaker_id"), w.OptionalString(q.speaker_id), w.Done();
    w.Key("speaker_actor"), w.OptionalString(q.speaker_actor), w.Done();
    w.Key("cue"), w.String(q.cue), w.Done();
    w.Close('}');
  }
  w.Close(']');
  w.Key("events"), w.Open('[');
  for (const Event& e : doc.events) {
    w.Item(), w.Open('{');
    w.Key("sentence"), w.Integer(e.sentence), w.Done();
    w.Key("source"), WriteActor(w, e.source);
    w.Key("target");
    if (e.target) WriteActor(w, *e.target);
    else w.Null(), w.Done();
    w.Key("cameo"), w.String(e.cameo), w.Done();
    w.Key("root"), w.String(e.root), w.Done();
    w.Key("goldstein"), w.Double(e.goldstein), w.Done();
    w.Key("plover"), w.String(e.plover), w.Done();
    w.Key("trigger"), w.String(e.trigger), w.Done();
    if (e.trigger_span) {
      w.Key("trigger_start"), w.Integer(e.trigger_span->start), w.Done();
      w.Key("trigger_end"), w.Integer(e.trigger_span->end), w.Done();
    }
    w.Key("negated"), w.Bool(e.negated), w.Done();
    w.Key("date"), w.OptionalString(e.date), w.Done();
    w.Key("location"), w.OptionalString(e.location), w.Done();
    w.Close('}');
  }
  w.Close(']');
  w.Key("times"), w.Open('[');
  for (const TimeExpression& t : doc.times) {
    w.Item(), w.Open('{');
    WriteSpan(w, t.span);
    w.Key("text"), w.String(t.text), w.Done();
    w.Key("value"), w.OptionalString(t.value), w.Done();
    w.Close('}');
  }
  w.Close(']');
  if (doc.tokens) {
    w.Key("tokens"), w.Open('[');
    for (const SyntaxToken& t : *doc.tokens) {
      w.Item(), w.Open('{');
      w.Key("sentence"), w.Integer(t.sentence), w.Done();
      w.Key("id"), w.Integer(t.id), w.Done();
      WriteSpan(w, t.span);
      w.Key("form"), w.String(std::string_view(doc.text).substr(t.span.start, t.span.end - t.span.start)), w.Done();
      w.Key("lemma"), w.String(t.lemma), w.Done();
      w.Key("upos"), w.String(t.upos), w.Done();
      w.Key("feats"), w.String(t.feats), w.Done();
      w.Key("head"), w.Integer(t.head), w.Done();
      w.Key("deprel"), w.String(t.deprel), w.Done();
      w.Close('}');
    }
    w.Close(']');
  }
  w.Key("duplicate_of"), w.OptionalString(doc.duplicate_of), w.Done();
  w.Key("story"), w.OptionalString(doc.story), w.Done();
  w.Close('}');
  return out;
}

}  // namespace wirewatch
