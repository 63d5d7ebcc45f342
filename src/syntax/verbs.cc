// Dutch verb forms to infinitives: the irregular verb table and the weak conjugation rules.
#include "syntax/verbs.h"

#include <fstream>
#include <vector>

namespace wirewatch {
namespace {

// Separable particles: written apart in main clauses, joined before the verb in subordinate
// clauses and in participles with "ge" between ("uitgewezen", "tegenhielden").
constexpr std::string_view kParticles[] = {
    "tegemoet", "binnen", "achter", "terug", "samen", "tegen", "voort", "onder", "buiten",
    "aan", "bij", "door", "mee", "dood", "neer", "open", "over", "dicht", "vast", "weg", "los",
    "toe", "uit", "voor", "af", "in", "na", "om", "op"};
// Inseparable prefixes: participles without "ge" ("verboden", "ontvangen").
constexpr std::string_view kPrefixes[] = {"ver", "ont", "her", "be", "er", "ge"};

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out(1);
  for (char c : line) {
    if (c == '\t') out.emplace_back();
    else out.back() += c;
  }
  return out;
}

std::vector<std::string> Alternatives(const std::string& field) {
  std::vector<std::string> out;
  if (field == "-" || field.empty()) return out;
  std::string cur;
  for (char c : field) {
    if (c == '|') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

// `form` without its final t or d, unless that letter belongs to the stem: a stem ends in a
// consonant or in a vowel pair closed by i or u ("zaai", "bloei"), never in a single
// or doubled vowel, so "gezet", "gepraat" and "haat" keep their t.
std::string_view WithoutEnding(std::string_view form) {
  std::string_view cut = form.substr(0, form.size() - 1);
  if (cut.size() < 2) return form;
  char last = cut.back();
  // After a long vowel or diphthong -st is the stem's own ("verwoest", "geroost").
  if (last == 's' && form.back() == 't' && cut.size() >= 3 && IsVowel(cut[cut.size() - 2]) &&
      IsVowel(cut[cut.size() - 3]))
    return form;
  if (!IsVowel(last)) return cut;
  // "zaai", "gooi", "bloei", "spui"; not -ei ("bepleit" is bepleiten: -ei stems are rare).
  if ((last == 'i' || last == 'u') && IsVowel(cut[cut.size() - 2]) && !(last == 'i' && cut[cut.size() - 2] == 'e'))
    return cut;
  return form;
}

}  // namespace

std::string WeakInfinitive(std::string_view stem) {
  std::string s(stem);
  const size_t n = s.size();
  if (n >= 3 && !IsVowel(s[n - 1]) && s[n - 2] == s[n - 3] && IsVowel(s[n - 2]) && s[n - 2] != 'i') {
    // A long vowel is written double in a closed syllable and single in an open one: "stuur"
    // -> "sturen". After another vowel the single e takes a diaeresis: "distantieer" ->
    // "distantiëren".
    char consonant = s[n - 1];
    char vowel = s[n - 2];
    s.resize(n - 3);
    bool collision = vowel == 'e' && !s.empty() && IsVowel(s.back());
    s += collision ? std::string("\xC3\xAB") : std::string(1, vowel);
    s += consonant == 'f' ? 'v' : consonant;  // "leef" -> "leven"
    return s + "en";
  }
  if (n >= 3 && s[n - 1] == 'f' &&
      (s[n - 2] == 'j' || s[n - 2] == 'l' || s[n - 2] == 'r' || (IsVowel(s[n - 2]) && IsVowel(s[n - 3])))) {
    // A voiced v is written f at the end after a diphthong, l or r: "lijf" -> "lijven",
    // "durf" -> "durven" ("straf" has a short vowel: "straffen").
    s.back() = 'v';
    return s + "en";
  }
  if (n >= 2 && IsVowel(s[n - 2]) && !IsVowel(s[n - 1]) && (n < 3 || !IsVowel(s[n - 3])) &&
      s[n - 1] != 'w' && s[n - 1] != 'j' && s[n - 1] != 'x' && s[n - 1] != 'y') {
    // A short stressed vowel keeps its syllable closed by doubling the consonant: "stop" ->
    // "stoppen". Unstressed endings do not double: "-ig" ("verdedig"), and a final e after an
    // earlier vowel is a schwa ("wandel", "luister", "teken").
    bool schwa = false;
    if (s.compare(n - 2, 2, "ig") == 0) schwa = true;
    if (s[n - 2] == 'e') {
      std::string_view before(s.data(), n - 2);
      for (std::string_view prefix : kPrefixes)
        if (before.substr(0, prefix.size()) == prefix) {
          before.remove_prefix(prefix.size());
          break;
        }
      for (char c : before)
        if (IsVowel(c)) schwa = true;
    }
    if (!schwa) s += s[n - 1];
    return s + "en";
  }
  return s + "en";
}

namespace {
uint8_t Bit(VerbForm k) { return static_cast<uint8_t>(1u << static_cast<int>(k)); }
}  // namespace

StatusOr<VerbLexicon> VerbLexicon::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path + ": cannot open the irregular verb table");
  VerbLexicon lex;
  std::string line;
  int number = 0;
  bool header = false;
  // What each column is: the infinitive doubles as the present plural.
  const uint8_t kinds[5] = {static_cast<uint8_t>(Bit(VerbForm::kInfinitive) | Bit(VerbForm::kPresent)),
                            Bit(VerbForm::kPast), Bit(VerbForm::kPast), Bit(VerbForm::kParticiple),
                            Bit(VerbForm::kPresent)};
  auto add = [](std::unordered_map<std::string, std::vector<Reading>>& table, const std::string& form,
                const std::string& inf, uint8_t kind) {
    std::vector<Reading>& readings = table[form];
    for (Reading& r : readings)
      if (r.infinitive == inf) {
        r.kinds |= kind;
        return;
      }
    readings.push_back({inf, kind});
  };
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f = SplitTabs(line);
    if (!header) {
      if (line != "infinitive\tpast_singular\tpast_plural\tparticiple\tpresent_singular")
        return Corrupt(path + ":" + std::to_string(number) + ": unexpected header");
      header = true;
      continue;
    }
    if (f.size() != 5 || f[0].size() < 3 || f[0].back() != 'n')
      return Corrupt(path + ":" + std::to_string(number) + ": malformed row (want 5 fields, an infinitive first)");
    const std::string& inf = f[0];
    ++lex.infinitives_;
    // Only a verb that may carry an inseparable prefix may have a participle without ge-.
    bool may_be_prefixed = false;
    for (std::string_view prefix : kPrefixes)
      if (inf.rfind(prefix, 0) == 0) may_be_prefixed = true;
    for (size_t col = 0; col < 5; ++col) {
      for (const std::string& form : col == 0 ? std::vector<std::string>{inf} : Alternatives(f[col])) {
        add(lex.forms_, form, inf, kinds[col]);
        if (col != 3) continue;
        if (form.rfind("ge", 0) != 0 && !may_be_prefixed)
          return Corrupt(path + ":" + std::to_string(number) + ": participle without ge- of a verb without a prefix");
        // The participle minus an added ge- is the stem prefixed verbs build on ("ver" +
        // "wezen", "ver" + "geven"); a ge- verb's own participle has none ("genoten").
        bool added_ge = form.rfind("ge", 0) == 0 && !(inf.rfind("ge", 0) == 0 && form.rfind("gege", 0) != 0);
        if (added_ge) add(lex.stems_, form.substr(2), inf, kinds[col]);
      }
    }
  }
  if (!header) return Corrupt(path + ": no header row");
  return lex;
}

std::optional<std::string> VerbLexicon::Find(
    const std::unordered_map<std::string, std::vector<Reading>>& table, std::string_view form, VerbForm kind) {
  auto it = table.find(std::string(form));
  if (it == table.end()) return std::nullopt;
  for (const Reading& r : it->second)
    if (r.kinds & Bit(kind)) return r.infinitive;
  return std::nullopt;
}

std::optional<std::string> VerbLexicon::Simplex(std::string_view form, VerbForm kind) const {
  if (auto v = Find(forms_, form, kind)) return v;
  // Inseparable prefixes: "verbood" (ver + bood), "verboden" (ver + participle without ge).
  for (std::string_view prefix : kPrefixes) {
    if (form.size() < prefix.size() + 3 || form.substr(0, prefix.size()) != prefix) continue;
    std::string_view rest = form.substr(prefix.size());
    if (kind != VerbForm::kParticiple)
      if (auto v = Find(forms_, rest, kind)) return std::string(prefix) + *v;
    if (kind == VerbForm::kParticiple)
      if (auto v = Find(stems_, rest, kind)) return std::string(prefix) + *v;
  }
  return std::nullopt;
}

std::optional<std::string> VerbLexicon::Irregular(std::string_view form, VerbForm kind) const {
  auto read = [&](VerbForm k) -> std::optional<std::string> {
    if (auto v = Simplex(form, k)) return v;
    for (std::string_view particle : kParticles) {
      if (form.size() < particle.size() + 3 || form.substr(0, particle.size()) != particle) continue;
      if (auto v = Simplex(form.substr(particle.size()), k)) return std::string(particle) + "_" + *v;
    }
    return std::nullopt;
  };
  if (auto v = read(kind)) return v;
  // Taggers read a strong participle in -en as an infinitive ("heeft ... uitgewezen"); a form
  // with ge- after its particle can only be a participle.
  if (kind != VerbForm::kParticiple)
    for (std::string_view particle : kParticles)
      if (form.size() > particle.size() + 4 && form.substr(0, particle.size()) == particle &&
          form.substr(particle.size(), 2) == "ge")
        return read(VerbForm::kParticiple);
  return std::nullopt;
}

std::optional<std::string> VerbLexicon::Infinitive(std::string_view form, VerbForm kind) const {
  if (form.size() < 3) return std::nullopt;
  if (auto v = Irregular(form, kind)) return v;
  for (char c : form)
    if (!(c >= 'a' && c <= 'z') && !(static_cast<unsigned char>(c) >= 0x80)) return std::nullopt;
  // A particle before the weak form: "uitgezet", "aanviel" (the rest read on its own).
  std::string particle;
  std::string_view rest = form;
  auto strip_particle = [&](std::string_view after) {
    for (std::string_view p : kParticles)
      if (rest.size() > p.size() + after.size() + 2 && rest.substr(0, p.size()) == p &&
          rest.substr(p.size(), after.size()) == after) {
        particle = std::string(p) + "_";
        rest.remove_prefix(p.size());
        return;
      }
  };
  auto ends = [&](std::string_view s) { return rest.size() > s.size() + 1 && rest.substr(rest.size() - s.size()) == s; };
  std::string_view stem = rest;
  switch (kind) {
    case VerbForm::kParticiple:
      // The present participle is the infinitive with -d(e): "afstuderende", "lopend".
      if (ends("ende")) return std::string(form.substr(0, form.size() - 2));
      if (ends("end")) return std::string(form.substr(0, form.size() - 1));
      // Used as an adjective the participle takes -e: "de omgebouwde loods".
      if (ends("de") || ends("te")) rest.remove_suffix(1);
      strip_particle("ge");
      if (rest.substr(0, 2) == "ge" && rest.size() > 4) rest.remove_prefix(2);
      // A weak participle ends in d or t; one in -en is strong, and not in the table.
      if (!ends("d") && !ends("t")) return std::nullopt;
      stem = WithoutEnding(rest);
      break;
    case VerbForm::kPast:
      if (ends("den") || ends("ten")) stem = rest.substr(0, rest.size() - 3);
      else if (ends("de") || ends("te")) stem = rest.substr(0, rest.size() - 2);
      break;
    case VerbForm::kPresent:
      if (ends("en")) return std::string(form);
      if (ends("t")) stem = WithoutEnding(rest);
      break;
    case VerbForm::kInfinitive:
      return std::string(form);
  }
  if (stem.size() < 2) return std::nullopt;
  return particle + WeakInfinitive(stem);
}

}  // namespace wirewatch
