// `wirewatch parse`: part of speech, features, lemmas and dependency trees as CoNLL-U.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "cli/commands.h"
#include "entities/ner_conll.h"
#include "syntax/conllu.h"
#include "syntax/syntax.h"
#include "syntax/syntax_train.h"
#include "text/tokenizer.h"

namespace wirewatch::cli {
namespace {

constexpr const char* kHelp = R"(usage: wirewatch parse [--format conllu|text] [--model PATH] [--score] [FILE|-]...

Tags, lemmatises and parses sentences and writes CoNLL-U (UD v2 labels).
  text input:   tokenised and split into sentences by wirewatch; "# text =" and SpaceAfter=No
                are written so the text can be rebuilt
  conllu input: the words of each sentence are kept (gold tokens); every other column is
                predicted anew, comments, multiword tokens and empty nodes are kept

options:
  --format F     conllu or text (default: conllu when the first line looks like CoNLL-U)
  --model PATH   syntax model (default: $WIREWATCH_DATA/models/syntax-nl.bin, else the build's
                 data folder)
  --score        conllu input only: instead of CoNLL-U, print the CoNLL 2018 measures of the
                 predictions against the input's own annotation, and per relation
  -h, --help     this text

exit status: 0 when every input was parsed; 1 when an input or the model could not be read;
2 on a usage error.
)";

bool LooksLikeConllu(std::string_view text) {
  size_t start = text.find_first_not_of("\r\n");
  if (start == std::string_view::npos) return false;
  std::string_view line = text.substr(start, text.find('\n', start) - start);
  if (line.substr(0, 1) == "#") return true;
  size_t tabs = 0;
  for (char c : line) tabs += c == '\t';
  return tabs == 9 && line[0] >= '0' && line[0] <= '9';
}

// Plain text -> sentences of words, with "# text" comments and SpaceAfter=No.
std::vector<ConlluSentence> SentencesFromText(std::string_view text, size_t& next_id) {
  std::vector<ConlluSentence> out;
  std::vector<Token> tokens = Tokenize(text);
  std::vector<ByteSpan> spans = SentenceSpans(tokens);
  size_t t = 0;
  for (const ByteSpan& span : spans) {
    ConlluSentence s;
    s.comments.push_back("# sent_id = " + std::to_string(++next_id));
    std::string sentence_text(text.substr(span.start, span.end - span.start));
    for (char& c : sentence_text) {
      if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    }
    s.comments.push_back("# text = " + sentence_text);
    while (t < tokens.size() && tokens[t].span.start < span.start) ++t;
    for (; t < tokens.size() && tokens[t].span.end <= span.end; ++t) {
      ConlluWord w;
      w.form = std::string(text.substr(tokens[t].span.start, tokens[t].span.end - tokens[t].span.start));
      for (char& c : w.form) {
        if (c == '\t') c = ' ';
      }
      bool space_after = t + 1 >= tokens.size() || tokens[t + 1].Has(kSpaceBefore);
      w.misc = space_after ? "_" : "SpaceAfter=No";
      s.words.push_back(std::move(w));
    }
    if (!s.words.empty()) out.push_back(std::move(s));
  }
  return out;
}

void PrintScores(const SyntaxScores& s) {
  std::printf("words %zu\nUPOS %.4f\nUFeats %.4f\nLemma %.4f\nUAS %.4f\nLAS %.4f\nLAS-with-subtypes %.4f\n",
              s.words, s.upos, s.ufeats, s.lemma, s.uas, s.las, s.las_full);
  std::printf("\nrelation gold predicted correct precision recall f1\n");
  for (const auto& [name, r] : s.relations) {
    if (r.gold == 0) continue;
    double p = r.predicted ? double(r.correct) / r.predicted : 0, q = double(r.correct) / r.gold;
    std::printf("%s %zu %zu %zu %.4f %.4f %.4f\n", name.c_str(), r.gold, r.predicted, r.correct, p, q,
                p + q > 0 ? 2 * p * q / (p + q) : 0.0);
  }
}

}  // namespace

int ParseCommand(const Args& args) {
  std::string model_path, format;
  bool score = false;
  std::vector<std::string> paths;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-h" || a == "--help") {
      std::fputs(kHelp, stdout);
      return 0;
    } else if (a == "--format" || a == "--model") {
      if (i + 1 >= args.size()) {
        std::fprintf(stderr, "wirewatch parse: %s needs a value\n", a.c_str());
        return 2;
      }
      (a == "--format" ? format : model_path) = args[++i];
    } else if (a == "--score") {
      score = true;
    } else if (a == "-" || a.empty() || a[0] != '-') {
      paths.push_back(a);
    } else {
      std::fprintf(stderr, "wirewatch parse: unknown option '%s'\n", a.c_str());
      return 2;
    }
  }
  if (!format.empty() && format != "conllu" && format != "text") {
    std::fprintf(stderr, "wirewatch parse: --format must be conllu or text, not '%s'\n", format.c_str());
    return 2;
  }
  if (score && format == "text") {
    std::fprintf(stderr, "wirewatch parse: --score needs CoNLL-U input\n");
    return 2;
  }
  if (paths.empty()) paths.push_back("-");
  if (model_path.empty()) model_path = DataDir("") + "/models/syntax-nl.bin";
  StatusOr<SyntaxModel> model = SyntaxModel::Load(model_path);
  if (!model.ok()) {
    std::fprintf(stderr, "wirewatch parse: %s\n", model.status().message().c_str());
    return 1;
  }
  // The verb lexicon for verbs the model's training words lack, as analyze uses it.
  StatusOr<VerbLexicon> verbs = VerbLexicon::Load(DataDir("") + "/data/syntax/irregular_verbs.tsv");
  if (!verbs.ok()) {
    std::fprintf(stderr, "wirewatch parse: %s\n", verbs.status().message().c_str());
    return 1;
  }
  model = model->WithVerbs(std::make_shared<const VerbLexicon>(std::move(verbs).value()));
  int exit_code = 0;
  size_t next_id = 0;
  std::vector<ConlluSentence> all_gold, all_parsed;
  for (const std::string& path : paths) {
    StatusOr<std::string> text = ReadTextFileUtf8(path);
    if (!text.ok()) {
      std::fprintf(stderr, "wirewatch parse: %s\n", text.status().message().c_str());
      exit_code = 1;
      continue;
    }
    const bool conllu = format == "conllu" || (format.empty() && LooksLikeConllu(*text));
    if (score && !conllu) {
      std::fprintf(stderr, "wirewatch parse: %s: --score needs CoNLL-U input\n", path.c_str());
      exit_code = 1;
      continue;
    }
    std::vector<ConlluSentence> sentences;
    if (conllu) {
      StatusOr<std::vector<ConlluSentence>> parsed = ParseConllu(*text, path);
      if (!parsed.ok()) {
        std::fprintf(stderr, "wirewatch parse: %s\n", parsed.status().message().c_str());
        exit_code = 1;
        continue;
      }
      sentences = std::move(*parsed);
    } else {
      sentences = SentencesFromText(*text, next_id);
    }
    std::vector<ConlluSentence> parsed = ParseTreebank(*model, sentences);
    if (score) {
      all_gold.insert(all_gold.end(), sentences.begin(), sentences.end());
      all_parsed.insert(all_parsed.end(), parsed.begin(), parsed.end());
      continue;
    }
    std::string out;
    for (const ConlluSentence& s : parsed) {
      AppendConllu(s, out);
      if (out.size() > (1 << 20)) {
        std::fwrite(out.data(), 1, out.size(), stdout);
        out.clear();
      }
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  if (score) PrintScores(ScoreSyntax(all_gold, all_parsed));
  if (std::fflush(stdout) != 0) return 1;
  return exit_code;
}

}  // namespace wirewatch::cli
