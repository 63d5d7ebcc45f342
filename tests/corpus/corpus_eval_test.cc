// Evaluation of the near-duplicate links and the story clusters on DpgMedia2019 articles
// (../shared/data/dpgmedia2019-nl-news; skips without it), with synthetic edits of them.
//
// Gold: (1) the copies the set already holds: 30 texts that appear under two or three ids;
// (2) hand-verified versions: pairs of different texts that are one piece edited (a second
// edition, another paper of the group), found by an all-pairs shingle comparison and read by
// eye (docs/corpus.md); (3) synthetic edits of every fourth article: a paragraph dropped, k% of
// words replaced, parts reordered, portal chrome left around it, truncated, and an update
// combining them. Every predicted link outside its gold group is a false positive; every record
// with an earlier record of its group that gets no link into the group is a miss.
// The figures are printed (docs/corpus.md quotes them); the floors asserted are far below them.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "corpus/corpus.h"
#include "corpus/folded_words.h"

namespace wirewatch {
namespace {

const std::string kArticles =
    std::string(WIREWATCH_SHARED_DIR) + "/data/dpgmedia2019-nl-news/dpgMedia2019-articles-byarticle-all.jsonl";

// Hand-verified versions of one text (different bytes), the estimated shingle Jaccard of the
// pair in brackets. Read by eye: each pair is the same written piece, edited.
const std::vector<std::pair<long, long>> kVersions = {
    {10672454, 10672590},  // [1.00] differs in spacing only
    {10751799, 10751010},  // [0.99]
    {10728879, 10728877},  // [0.98] column, title order differs
    {10741846, 10740635},  // [0.98]
    {10804592, 10804533},  // [0.98]
    {10792169, 10793681},  // [0.96]
    {10791171, 10795470},  // [0.89] new title
    {10741845, 10741531},  // [0.77]
    {10791947, 10795341},  // [0.76] shortened
    {10679685, 10678012},  // [0.71] shortened
    {10742084, 10744653},  // [0.65] words changed throughout
    {10762767, 10765488},  // [0.56] rewritten sentences
    {10747102, 10748052},  // [0.54]
    {10679479, 10679555},  // [0.47] rewritten
    {10791949, 10793584},  // [0.45]
    {10805448, 10806591},  // [0.42] rewritten
    {10791644, 10799990},  // [0.38] reader's letter, two editings
    {10751308, 10751719},  // [0.33] rewritten agency copy
    {10679466, 10679686},  // [0.32] long and short version
    {10803197, 10805520},  // [0.28] long and short version
    {10730661, 10730579},  // [0.25] rewritten
    {10747482, 10746963},  // [0.27] short and long version
    {10791978, 10793085},  // [0.26] brief and article
    {10776197, 10776243},  // [0.18] brief and article
    {10772452, 10770818},  // [0.06] brief and article (the brief is a tenth of it)
};
// Read and rejected (same topic, different pieces): 10776300/10777844 [0.26] and the
// "Net op de wereld" birth notices, whose only shared lines are the footer.

struct Item {
  std::string id;
  std::string text;
  std::string title;
  std::string published;
  int group = 0;        // gold group
  std::string kind;     // "original" or the synthetic edit's name
  bool natural_copy = false;
};

struct UnionFind {
  std::vector<int> parent;
  int Find(int x) { return parent[x] == x ? x : parent[x] = Find(parent[x]); }
  void Join(int a, int b) { parent[Find(a)] = Find(b); }
};

std::vector<std::string> SplitWords(const std::string& text) {
  std::vector<std::string> words;
  std::string w;
  for (char c : text) {
    if (c == ' ') {
      if (!w.empty()) words.push_back(std::move(w));
      w.clear();
    } else {
      w += c;
    }
  }
  if (!w.empty()) words.push_back(w);
  return words;
}

std::string JoinWords(const std::vector<std::string>& words, size_t from = 0, size_t to = SIZE_MAX) {
  std::string out;
  for (size_t i = from; i < std::min(to, words.size()); ++i) {
    if (!out.empty()) out += ' ';
    out += words[i];
  }
  return out;
}

// Sentence-like chunks: split after ". " (DpgMedia texts are one paragraph each).
std::vector<std::string> Chunks(const std::string& text, size_t parts) {
  std::vector<std::string> sentences;
  size_t start = 0;
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] == '.' && text[i + 1] == ' ') {
      sentences.push_back(text.substr(start, i + 1 - start));
      start = i + 2;
    }
  }
  sentences.push_back(text.substr(start));
  std::vector<std::string> chunks(parts);
  for (size_t i = 0; i < sentences.size(); ++i) {
    std::string& c = chunks[i * parts / sentences.size()];
    if (!c.empty()) c += ' ';
    c += sentences[i];
  }
  return chunks;
}

std::string ReplaceWords(const std::string& text, double share, std::mt19937& rng,
                         const std::vector<std::string>& vocabulary) {
  std::vector<std::string> words = SplitWords(text);
  size_t n = static_cast<size_t>(share * words.size() + 0.5);
  std::vector<size_t> positions(words.size());
  std::iota(positions.begin(), positions.end(), 0);
  for (size_t i = 0; i < n && i < positions.size(); ++i) {  // partial Fisher-Yates, rng-only
    size_t j = i + rng() % (positions.size() - i);
    std::swap(positions[i], positions[j]);
    words[positions[i]] = vocabulary[rng() % vocabulary.size()];
  }
  return JoinWords(words);
}

const char* kChromeTop = "Home > Nieuws > Binnenland\n\nDeel dit artikel: Facebook Twitter WhatsApp E-mail\n\n";
const char* kChromeBottom =
    "\n\nLees ook\n\nMeer nieuws uit de regio\n\nReageer op dit artikel\n\nCookie-instellingen "
    "Privacy Contact Adverteren Abonneren © 2019 Uitgeverij";

std::vector<Item> BuildSet(std::vector<std::string>& kinds) {
  std::vector<Item> items;
  std::ifstream in(kArticles);
  std::string line;
  std::map<long, size_t> by_dpg_id;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.contains("text") || !j["text"].is_string()) continue;
    Item item;
    long dpg = j.value("id", 0L);
    item.id = "dpg-" + std::to_string(dpg);
    item.text = j["text"].get<std::string>();
    item.title = j.value("title", "");
    item.published = j.value("published_at", "");
    item.kind = "original";
    if (FoldedWords(item.text).empty()) continue;  // 40 items have no text at all
    by_dpg_id[dpg] = items.size();
    items.push_back(std::move(item));
  }
  UnionFind uf;
  const size_t originals = items.size();
  uf.parent.resize(originals);
  std::iota(uf.parent.begin(), uf.parent.end(), 0);
  std::map<std::string, size_t> first_with_text;
  for (size_t i = 0; i < originals; ++i) {
    auto [it, inserted] = first_with_text.try_emplace(items[i].text, i);
    if (!inserted) {
      uf.Join(static_cast<int>(i), static_cast<int>(it->second));
      items[i].natural_copy = true;
    }
  }
  for (auto [a, b] : kVersions) {
    if (by_dpg_id.count(a) && by_dpg_id.count(b))
      uf.Join(static_cast<int>(by_dpg_id[a]), static_cast<int>(by_dpg_id[b]));
  }
  for (size_t i = 0; i < originals; ++i) items[i].group = uf.Find(static_cast<int>(i));

  std::vector<std::string> vocabulary;
  for (size_t i = 0; i < originals; i += 7)
    for (const std::string& w : SplitWords(items[i].text)) vocabulary.push_back(w);
  std::mt19937 rng(20190212);
  kinds = {"drop_paragraph", "words_5pct", "words_10pct", "words_20pct", "words_30pct", "reorder",
           "portal_chrome", "truncate_60pct", "update", "words_50pct_story"};
  for (size_t i = 0; i < originals; i += 4) {
    const Item o = items[i];  // a copy: variants are appended to `items`
    if (o.natural_copy || SplitWords(o.text).size() < 60) continue;
    auto variant = [&](const std::string& kind, std::string text) {
      Item v;
      v.id = o.id + "-" + kind;
      v.text = std::move(text);
      v.title = o.title;
      v.published = o.published;
      v.group = o.group;
      v.kind = kind;
      items.push_back(std::move(v));
    };
    std::vector<std::string> five = Chunks(o.text, 5);
    variant("drop_paragraph", five[0] + "\n\n" + five[1] + "\n\n" + five[3] + "\n\n" + five[4]);
    variant("words_5pct", ReplaceWords(o.text, 0.05, rng, vocabulary));
    variant("words_10pct", ReplaceWords(o.text, 0.10, rng, vocabulary));
    variant("words_20pct", ReplaceWords(o.text, 0.20, rng, vocabulary));
    variant("words_30pct", ReplaceWords(o.text, 0.30, rng, vocabulary));
    std::vector<std::string> four = Chunks(o.text, 4);
    variant("reorder", four[2] + "\n\n" + four[3] + "\n\n" + four[0] + "\n\n" + four[1]);
    variant("portal_chrome", kChromeTop + o.text + kChromeBottom);
    std::vector<std::string> words = SplitWords(o.text);
    variant("truncate_60pct", JoinWords(words, 0, words.size() * 6 / 10));
    variant("update", ReplaceWords(five[0] + " " + five[1] + " " + five[2] + " " + five[3], 0.05, rng, vocabulary) +
                          "\n\nUpdate: de politie heeft later op de dag meer informatie gegeven.");
    // Not a copy any more, but the same story: what clustering must still group.
    variant("words_50pct_story", ReplaceWords(o.text, 0.50, rng, vocabulary));
  }
  return items;
}

struct Figures {
  size_t links = 0, correct_links = 0;
  std::map<std::string, std::pair<size_t, size_t>> recall;  // kind -> (found, positives)
  double micros_per_record = 0;
  std::vector<std::string> wrong;  // false links, "record -> linked"
};

Figures RunIndex(const std::vector<Item>& items, NearDuplicateOptions options) {
  NearDuplicateIndex index(options);
  Figures f;
  std::vector<size_t> first_of_group_seen;
  std::map<int, size_t> seen_in_group;
  std::map<std::string, int> group_of_id;
  auto start = std::chrono::steady_clock::now();
  std::vector<std::optional<std::string>> links;
  links.reserve(items.size());
  for (const Item& item : items) links.push_back(index.Add(item.id, item.text));
  auto end = std::chrono::steady_clock::now();
  f.micros_per_record =
      std::chrono::duration<double, std::micro>(end - start).count() / static_cast<double>(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    const Item& item = items[i];
    group_of_id[item.id] = item.group;
    std::string kind = item.kind == "original" ? (item.natural_copy ? "dpg_exact_copy" : "dpg_version") : item.kind;
    bool positive = seen_in_group[item.group]++ > 0;
    bool correct = links[i] && group_of_id.count(*links[i]) && group_of_id[*links[i]] == item.group;
    if (links[i]) {
      ++f.links;
      f.correct_links += correct;
      if (!correct) f.wrong.push_back(item.id + " -> " + *links[i]);
    }
    if (positive && kind != "words_50pct_story") {
      auto& r = f.recall[kind];
      ++r.second;
      r.first += correct;
    }
  }
  return f;
}

TEST(CorpusEval, NearDuplicatesOnDpgMedia) {
  if (!std::filesystem::exists(kArticles)) GTEST_SKIP() << kArticles << " not found";
  std::vector<std::string> kinds;
  std::vector<Item> items = BuildSet(kinds);
  ASSERT_GT(items.size(), 2000u);
  std::printf("near-duplicate set: %zu records\n", items.size());
  NearDuplicateOptions defaults;
  for (double t : {0.3, 0.4, 0.5, 0.6, 0.7, 0.8}) {
    NearDuplicateOptions o = defaults;
    o.jaccard_threshold = t;
    Figures f = RunIndex(items, o);
    size_t found = 0, positives = 0;
    for (auto& [k, r] : f.recall) {
      found += r.first;
      positives += r.second;
    }
    std::printf("threshold %.1f: links %zu, precision %.4f, recall %.4f (%zu/%zu)\n", t, f.links,
                f.links ? static_cast<double>(f.correct_links) / f.links : 1.0,
                static_cast<double>(found) / positives, found, positives);
    for (const std::string& w : f.wrong) std::printf("  false link %s\n", w.c_str());
  }
  Figures f = RunIndex(items, defaults);
  std::printf("at the default threshold %.2f (containment %.2f from size ratio %.2f):\n",
              defaults.jaccard_threshold, defaults.containment_threshold, defaults.containment_min_size_ratio);
  for (auto& [kind, r] : f.recall)
    std::printf("  recall %-16s %.3f (%zu/%zu)\n", kind.c_str(), static_cast<double>(r.first) / r.second, r.first,
                r.second);
  double precision = static_cast<double>(f.correct_links) / f.links;
  std::printf("  precision %.4f (%zu/%zu links)\n  cost %.1f us per record (signature + index)\n", precision,
              f.correct_links, f.links, f.micros_per_record);
  EXPECT_GE(precision, 0.97);
  EXPECT_EQ(f.recall["dpg_exact_copy"].first, f.recall["dpg_exact_copy"].second);
  for (const char* kind : {"drop_paragraph", "words_5pct", "words_10pct", "reorder", "portal_chrome",
                           "truncate_60pct", "update"}) {
    auto r = f.recall[kind];
    EXPECT_GE(static_cast<double>(r.first) / r.second, 0.9) << kind;
  }
}

// Story clustering has no gold; what can be checked: versions of one piece that are no longer
// copies must share a story (with the duplicate pass off, so stories alone decide), and
// unrelated articles must rarely share one.
TEST(CorpusEval, StoriesOnDpgMedia) {
  if (!std::filesystem::exists(kArticles)) GTEST_SKIP() << kArticles << " not found";
  std::vector<std::string> kinds;
  std::vector<Item> items = BuildSet(kinds);
  StoryIndex stories;
  std::map<std::string, std::string> story_of;
  std::map<std::string, const Item*> item_of;
  auto start = std::chrono::steady_clock::now();
  for (const Item& item : items) {
    Document d;
    d.id = item.id;
    d.text = item.text;
    d.title = item.title;
    d.published = item.published;
    d.source = "dpg.jsonl#" + item.id;
    story_of[item.id] = stories.Add(d);
    item_of[item.id] = &item;
  }
  double micros = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() /
                  static_cast<double>(items.size());
  // Same-group pairs (original with each of its versions and edits).
  std::map<std::string, std::pair<size_t, size_t>> together;  // kind -> (same story, pairs)
  std::map<int, std::string> first_of_group;
  for (const Item& item : items) {
    auto [it, inserted] = first_of_group.try_emplace(item.group, item.id);
    if (inserted) continue;
    std::string kind = item.kind == "original" ? (item.natural_copy ? "dpg_exact_copy" : "dpg_version") : item.kind;
    auto& t = together[kind];
    ++t.second;
    t.first += story_of[item.id] == story_of[it->second];
  }
  // Unrelated pairs: originals of different groups published on the same day.
  size_t unrelated = 0, merged = 0;
  std::map<std::string, std::vector<const Item*>> by_day;
  for (const Item& item : items)
    if (item.kind == "original" && !item.natural_copy) by_day[item.published].push_back(&item);
  for (auto& [day, list] : by_day) {
    for (size_t a = 0; a < list.size(); ++a) {
      for (size_t b = a + 1; b < list.size(); ++b) {
        if (list[a]->group == list[b]->group) continue;
        ++unrelated;
        merged += story_of[list[a]->id] == story_of[list[b]->id];
      }
    }
  }
  std::map<size_t, size_t> size_histogram;
  size_t originals_in_stories = 0;
  std::vector<StorySummary> summaries = stories.Summaries();
  for (const StorySummary& s : summaries) {
    size_t n = 0;
    for (const std::string& id : s.record_ids) n += item_of[id]->kind == "original";
    if (n > 0) {
      ++size_histogram[std::min<size_t>(n, 10)];
      originals_in_stories += n;
    }
  }
  std::printf("stories: %zu records -> %zu stories, %.1f us per record\n", items.size(), summaries.size(), micros);
  for (auto& [kind, t] : together)
    std::printf("  same story %-18s %.3f (%zu/%zu)\n", kind.c_str(), static_cast<double>(t.first) / t.second,
                t.first, t.second);
  std::printf("  unrelated same-day pairs in one story: %.4f (%zu/%zu)\n",
              static_cast<double>(merged) / unrelated, merged, unrelated);
  std::printf("  stories by number of DpgMedia originals:");
  for (auto& [n, count] : size_histogram) std::printf(" %zu%s:%zu", n, n == 10 ? "+" : "", count);
  std::printf("\n");
  // The largest stories, for reading by eye (docs/corpus.md reports what they hold).
  if (std::getenv("WIREWATCH_PRINT_STORIES")) {
    for (const StorySummary& s : summaries) {
      std::vector<const Item*> members;
      for (const std::string& id : s.record_ids)
        if (item_of[id]->kind == "original") members.push_back(item_of[id]);
      if (members.size() < 3) continue;
      std::printf("  story %s \"%s\"\n", s.id.c_str(), s.title.c_str());
      for (const Item* m : members) std::printf("    %s %s\n", m->published.c_str(), m->title.c_str());
    }
  }
  EXPECT_GE(static_cast<double>(together["words_20pct"].first) / together["words_20pct"].second, 0.9);
  EXPECT_GE(static_cast<double>(together["dpg_version"].first) / together["dpg_version"].second, 0.6);
  EXPECT_LE(static_cast<double>(merged) / unrelated, 0.05);
}

}  // namespace
}  // namespace wirewatch
