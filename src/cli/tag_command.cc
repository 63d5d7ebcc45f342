// `wirewatch tag`: runs the NER model over CoNLL column files and writes "token tag" lines.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "cli/commands.h"
#include "entities/ner.h"
#include "entities/ner_conll.h"

namespace wirewatch::cli {
namespace {

constexpr const char* kHelp = R"(usage: wirewatch tag --format conll [--model PATH] FILE...

Tags CoNLL-style column files (token in the first column, a blank line after each sentence,
-DOCSTART- lines between articles; latin-1 or UTF-8, detected per file; - is standard input)
with the named-entity model and writes "token tag" per input line in UTF-8, IOB2 tags
(PER, ORG, LOC, MISC), keeping the line structure.

options:
  --format conll   input and output format (the only one for now)
  --model PATH     model file (default: $WIREWATCH_DATA/models/ner-nl.bin, else
                   the build's data folder)
  -h, --help       this text

exit status: 0 when every file was tagged; 1 when a file or the model could not be read;
2 on a usage error.
)";

std::string DefaultModelPath() {
  const char* env = std::getenv("WIREWATCH_DATA");
  std::string dir = env != nullptr && *env != '\0' ? env : WIREWATCH_DATA_DIR;
  return dir + "/models/ner-nl.bin";
}

void TagSentence(const NerModel& model, const std::vector<ConllLine>& lines, size_t begin,
                 size_t end, std::string& out) {
  std::vector<std::string_view> tokens;
  for (size_t i = begin; i < end; ++i) tokens.push_back(lines[i].token);
  std::vector<std::string_view> tags = model.Tag(tokens);
  for (size_t i = 0; i < tokens.size(); ++i) {
    out.append(tokens[i]);
    out += ' ';
    out.append(tags[i]);
    out += '\n';
  }
}

}  // namespace

int TagCommand(const Args& args) {
  std::string model_path = DefaultModelPath();
  std::string format;
  std::vector<std::string> paths;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-h" || a == "--help") {
      std::fputs(kHelp, stdout);
      return 0;
    } else if (a == "--format" || a == "--model") {
      if (i + 1 >= args.size()) {
        std::fprintf(stderr, "wirewatch tag: %s needs a value\n", a.c_str());
        return 2;
      }
      (a == "--format" ? format : model_path) = args[++i];
    } else if (a == "-" || a.empty() || a[0] != '-') {
      paths.push_back(a);
    } else {
      std::fprintf(stderr, "wirewatch tag: unknown option '%s'\n", a.c_str());
      return 2;
    }
  }
  if (format != "conll") {
    std::fprintf(stderr, "wirewatch tag: --format conll is required (the only format for now)\n");
    return 2;
  }
  if (paths.empty()) {
    std::fputs(kHelp, stderr);
    return 2;
  }
  StatusOr<NerModel> model = NerModel::Load(model_path);
  if (!model.ok()) {
    std::fprintf(stderr, "wirewatch tag: %s\n", model.status().message().c_str());
    return 1;
  }
  int exit_code = 0;
  for (const std::string& path : paths) {
    StatusOr<std::string> text = ReadTextFileUtf8(path);
    if (!text.ok()) {
      std::fprintf(stderr, "wirewatch tag: %s\n", text.status().message().c_str());
      exit_code = 1;
      continue;
    }
    std::vector<ConllLine> lines = ParseConllLines(*text);
    std::string out;
    size_t start = 0;  // first token line of the open sentence
    for (size_t i = 0; i <= lines.size(); ++i) {
      bool token = i < lines.size() && lines[i].kind == ConllLine::Kind::kToken;
      if (token) continue;
      if (start < i) TagSentence(*model, lines, start, i, out);
      start = i + 1;
      if (i == lines.size()) break;
      if (lines[i].kind == ConllLine::Kind::kDocStart) out += lines[i].token + " O\n";
      else out += '\n';
      if (out.size() > (1 << 20)) {
        std::fwrite(out.data(), 1, out.size(), stdout);
        out.clear();
      }
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  if (std::fflush(stdout) != 0) return 1;
  return exit_code;
}

}  // namespace wirewatch::cli
