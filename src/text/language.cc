// Function-word language identification. Each list holds frequent words that are rare in the
// other languages; words shared across them ("de", "in", "en") count for every list holding them
// and so cancel out. A short text that function words leave undecided (one headline-like
// sentence) is judged by letter sequences typical of Dutch, English or German instead.
#include "text/language.h"

#include <algorithm>
#include <array>
#include <cctype>
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

// Letter sequences typical of one language, for short texts whose function words do not decide
// (a brief's single sentence: "Rutte treedt af na verkiezingsnederlaag."). Weights in tenths.
struct LetterCue {
  const char* code;
  std::string_view letters;
  int weight;
};
constexpr std::array<LetterCue, 27> kLetterCues = {{
    {"nl", "ij", 20}, {"nl", "aa", 20}, {"nl", "uu", 20}, {"nl", "oe", 10}, {"nl", "ui", 10},
    {"nl", "dt", 10}, {"nl", "ieuw", 20}, {"nl", "cht", 5}, {"nl", "sch", 5}, {"nl", "ee", 5},
    {"nl", "kk", 10}, {"en", "th", 20}, {"en", "wh", 20}, {"en", "sh", 10}, {"en", "ght", 20},
    {"en", "ea", 10}, {"en", "oa", 10}, {"en", "ai", 5},  {"en", "ay", 10}, {"de", "\xC3\xA4", 20},
    {"de", "\xC3\xB6", 20}, {"de", "\xC3\xBC", 20}, {"de", "\xC3\x9F", 20}, {"de", "tz", 10},
    {"de", "sch", 5}, {"de", "ung", 10}, {"de", "cht", 5},
}};

// The language the letter cues point to, or "und" without a clear lead.
std::string FromLetterCues(std::string_view lower) {
  std::array<int, 3> score{};
  constexpr std::array<std::string_view, 3> kCodes = {"nl", "en", "de"};
  for (const LetterCue& cue : kLetterCues) {
    int n = 0;
    for (size_t at = lower.find(cue.letters); at != std::string_view::npos;
         at = lower.find(cue.letters, at + cue.letters.size()))
      ++n;
    for (size_t k = 0; k < kCodes.size(); ++k)
      if (kCodes[k] == cue.code) score[k] += n * cue.weight;
  }
  size_t best = 0;
  for (size_t k = 1; k < score.size(); ++k)
    if (score[k] > score[best]) best = k;
  int second = 0;
  for (size_t k = 0; k < score.size(); ++k)
    if (k != best) second = std::max(second, score[k]);
  if (score[best] < 20 || score[best] < 2 * second) return "und";
  return std::string(kCodes[best]);
}

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
  if (words < 3) return "und";
  // Require a clear margin so a mixed or very short text stays undetermined by function words;
  // a short text may still tell by its letters.
  bool decided = best >= 0 && best_hits >= 2 &&
                 !(best_hits < second + 2 && best_hits * 10 < second * 13);
  if (decided) return kLanguages[best].code;
  if (text.size() > 400 || best_hits > 3) return "und";  // long and still mixed: no guess
  std::string lower;
  for (char ch : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return FromLetterCues(lower);
}

}  // namespace wirewatch
