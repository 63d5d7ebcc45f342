// Parsing of the options the store commands share (see store_options.h).
#include "cli/store_options.h"

#include "core/dates.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace wirewatch::cli {
namespace {


}  // namespace

std::string JsonString(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

ParseOutcome ParseStoreArgs(const char* command, const Args& args, const char* help,
                            const std::vector<std::string>& formats, bool with_filters,
                            StoreArgs& out) {
  auto usage = [&](const std::string& message) {
    std::fprintf(stderr, "wirewatch %s: %s\n", command, message.c_str());
    return ParseOutcome{false, 2};
  };
  if (!formats.empty()) out.format = formats.front();
  QueryFilter& f = out.filter;
  std::vector<std::string> words;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& to) {
      if (i + 1 >= args.size()) return false;
      to = args[++i];
      return true;
    };
    std::string v;
    if (a == "-h" || a == "--help") {
      std::fputs(help, stdout);
      return {false, 0};
    } else if (a == "--db") {
      if (!value(out.db) || out.db.empty()) return usage("--db needs a file");
    } else if (a == "--format" && !formats.empty()) {
      if (!value(v)) return usage("--format needs a value");
      bool known = false;
      for (const auto& fmt : formats) known = known || fmt == v;
      if (!known) return usage("unknown --format '" + v + "'");
      out.format = v;
    } else if (with_filters && a == "--entity") {
      if (!value(f.entity)) return usage("--entity needs a name");
    } else if (with_filters && a == "--actor") {
      if (!value(f.actor)) return usage("--actor needs a code");
    } else if (with_filters && a == "--source-actor") {
      if (!value(f.source_actor)) return usage("--source-actor needs a code");
    } else if (with_filters && a == "--target-actor") {
      if (!value(f.target_actor)) return usage("--target-actor needs a code");
    } else if (with_filters && a == "--root") {
      if (!value(f.root) || !IsCameoRoot(f.root)) return usage("--root needs a CAMEO root 01..20");
    } else if (with_filters && (a == "--from" || a == "--to")) {
      std::string& date = a == "--from" ? f.from : f.to;
      if (!value(date) || !IsIsoDayShape(date)) return usage(a + " needs a date YYYY-MM-DD");
    } else if (with_filters && a == "--kind") {
      if (!value(f.kind) || (f.kind != "article" && f.kind != "brief"))
        return usage("--kind needs article or brief");
    } else if (with_filters && a == "--limit") {
      long long n = 0;
      if (!value(v) || !ParseCount(v, n)) return usage("--limit needs a number (0: no limit)");
      f.limit = n;
    } else if (a == "--") {
      out.positional.insert(out.positional.end(), args.begin() + static_cast<long>(i) + 1,
                            args.end());
      break;
    } else if (!a.empty() && a[0] == '-' && a != "-") {
      return usage("unknown option '" + a + "'");
    } else {
      out.positional.push_back(a);
    }
  }
  return {};
}

}  // namespace wirewatch::cli
