// Function-word language identification. Each list holds frequent words that are rare in the
// other languages; words shared across them ("de", "in", "en") count for every list holding them
// and so cancel out.
#include "text/language.h"

#include <array>
#include <string>
#include <unordered_map>
#include <vector>

namespace wirewatch {
namespace {

struct LanguageWords {
  const char* code;
  const char* words;  // space separated
};

constexpr std::array<LanguageWords, 9> kLanguages = {{
    {"nl", "de het een en van in is dat op te zijn met voor niet aan er om ook als bij maar "
           "door over nog naar uit wordt zich dan heeft hebben werd was tot deze die wel kan "
           "zou al meer geen worden of hij ze wij we zei volgens"},
    {"en", "the of and to in is that for on with as was by at from be this are have has it "
           "an not but which were had they said their been would will its who more after"},
    {"de", "der die das und ist nicht mit den von zu dem sich auf ein eine des für im auch "
           "es als wird sind nach bei wie aus hat noch wurde einer aber oder sagte"},
    {"fr", "le la les et des un une du est que en dans pour qui sur pas au par plus avec ce "
           "il elle sont ont été aux son sa ses mais selon cette"},
    {"es", "el la los las y de que en un una por con para es del se no lo al como más pero "
           "sus fue según este esta ha han"},
    {"it", "il di che e la per un una non in sono del della con gli le si ha è più anche "
           "alla nel dei delle ma come"},
    {"pt", "o a os as de que e do da em um uma para com não por se no na mais dos das foi "
           "ao como mas ele ela são"},
    {"da", "og i at det en den til er som på de med af for ikke der var har et sig men om "
           "efter også han kan"},
    {"sv", "och i att det som en på är av för med till den har de inte om ett var men också "
           "efter han sig kan"},
}};

using WordTable = std::unordered_map<std::string, std::vector<int>>;

const WordTable& Table() {
  static const WordTable table = [] {
    WordTable t;
    for (int lang = 0; lang < static_cast<int>(kLanguages.size()); ++lang) {
      std::string_view words = kLanguages[lang].words;
      size_t pos = 0;
      while (pos < words.size()) {
        size_t sp = words.find(' ', pos);
        if (sp == std::string_view::npos) sp = words.size();
        t[std::string(words.substr(pos, sp - pos))].push_back(lang);
        pos = sp + 1;
      }
    }
    return t;
  }();
  return table;
}

}  // namespace

std::string IdentifyLanguage(std::string_view text) {
  const WordTable& table = Table();
  std::array<int, kLanguages.size()> hits{};
  int words = 0;
  std::string word;
  // Sample at most the first 20 kB: enough to decide, and bounded on huge pages.
  text = text.substr(0, 20000);
  auto flush = [&] {
    if (word.empty()) return;
    ++words;
    auto it = table.find(word);
    if (it != table.end())
      for (int lang : it->second) ++hits[lang];
    word.clear();
  };
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c >= 0x80 || std::isalpha(c)) {
      word += static_cast<char>(c < 0x80 ? std::tolower(c) : c);
    } else {
      flush();
    }
  }
  flush();
  int best = -1, second = 0, best_hits = 0;
  for (int lang = 0; lang < static_cast<int>(hits.size()); ++lang) {
    if (hits[lang] > best_hits) {
      second = best_hits;
      best_hits = hits[lang];
      best = lang;
    } else if (hits[lang] > second) {
      second = hits[lang];
    }
  }
  if (best < 0 || best_hits < 2 || words < 3) return "und";
  // Require a clear margin so a mixed or very short text stays undetermined.
  if (best_hits < second + 2 && best_hits * 10 < second * 13) return "und";
  return kLanguages[best].code;
}

}  // namespace wirewatch
