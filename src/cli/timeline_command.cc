// `wirewatch timeline ACTOR1 ACTOR2`: how two actors treat each other over time: per period the
// events each way, independent reports, summed and mean Goldstein, CAMEO quad-class counts.
// The aggregation runs in the store (SQL GROUP BY); this file only formats.
#include <cstdio>

#include "cli/commands.h"
#include "cli/store_options.h"

namespace wirewatch::cli {
namespace {

constexpr const char* kHelp = R"(usage: wirewatch timeline [--db FILE] ACTOR1 ACTOR2 [--by day|week|month]
                          [--format text|csv|json] [--explain]

Per period, the events from ACTOR1 to ACTOR2 (A->B) and back (B->A): count, independent
sources (records; copies marked duplicate_of left out), summed and mean Goldstein, and counts per
QuadClass (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
conflict). An event counts on its own date, else its record's publication day; negated events
and events without any date are left out. Weeks are named by their Monday.
--explain lists the events and sentences behind every point (text and json).

exit status: 0 on success; 1 when the store cannot be read; 2 on a usage error.
)";

}  // namespace

int TimelineCommand(const Args& args) {
  StoreArgs a;
  Args rest;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--explain") {
      a.explain = true;
    } else if (args[i] == "--by") {
      if (i + 1 >= args.size()) return std::fputs("wirewatch timeline: --by needs day, week or month\n", stderr), 2;
      a.by = args[++i];
    } else {
      rest.push_back(args[i]);
    }
  }
  ParseOutcome p = ParseStoreArgs("timeline", rest, kHelp, {"text", "csv", "json"}, false, a);
  if (!p.proceed) return p.exit_code;
  if (a.by != "day" && a.by != "week" && a.by != "month")
    return std::fputs("wirewatch timeline: --by needs day, week or month\n", stderr), 2;
  if (a.positional.size() != 2) return std::fputs("wirewatch timeline: give two actor codes\n", stderr), 2;
  if (a.explain && a.format == "csv")
    return std::fputs("wirewatch timeline: --explain needs --format text or json\n", stderr), 2;
  Period by = a.by == "day" ? Period::kDay : a.by == "week" ? Period::kWeek : Period::kMonth;
  auto store = OpenForQuery("timeline", a);
  if (!store.ok()) return 1;
  std::vector<EventRow> rows;
  auto points = (*store)->Timeline(a.positional[0], a.positional[1], by, a.explain ? &rows : nullptr);
  if (!points.ok()) {
    std::fprintf(stderr, "wirewatch timeline: %s\n", points.status().message().c_str());
    return 1;
  }
  auto behind = [&](const TimelinePoint& pt) {
    std::vector<const EventRow*> out;
    for (const EventRow& e : rows)
      if (e.period == pt.period && e.direction == pt.direction) out.push_back(&e);
    return out;
  };
  const std::string& a1 = a.positional[0];
  const std::string& a2 = a.positional[1];
  if (a.format == "csv") {
    std::printf("period,direction,events,sources,goldstein_sum,goldstein_mean,quad1,quad2,quad3,quad4\n");
    for (const auto& pt : *points)
      std::printf("%s,%s,%lld,%lld,%.2f,%.3f,%lld,%lld,%lld,%lld\n", pt.period.c_str(),
                  pt.direction.c_str(), static_cast<long long>(pt.events),
                  static_cast<long long>(pt.sources), pt.goldstein_sum, pt.goldstein_mean,
                  static_cast<long long>(pt.quad[0]), static_cast<long long>(pt.quad[1]),
                  static_cast<long long>(pt.quad[2]), static_cast<long long>(pt.quad[3]));
  } else if (a.format == "json") {
    std::string out = "{\"a\": " + JsonString(a1) + ", \"b\": " + JsonString(a2) +
                      ", \"by\": " + JsonString(a.by) + ", \"points\": [";
    bool first = true;
    for (const auto& pt : *points) {
      char nums[256];
      std::snprintf(nums, sizeof nums,
                    "\"events\": %lld, \"sources\": %lld, \"goldstein_sum\": %.2f, "
                    "\"goldstein_mean\": %.3f, \"quad_class\": [%lld, %lld, %lld, %lld]",
                    static_cast<long long>(pt.events), static_cast<long long>(pt.sources),
                    pt.goldstein_sum, pt.goldstein_mean, static_cast<long long>(pt.quad[0]),
                    static_cast<long long>(pt.quad[1]), static_cast<long long>(pt.quad[2]),
                    static_cast<long long>(pt.quad[3]));
      out += std::string(first ? "" : ", ") + "{\"period\": " + JsonString(pt.period) +
             ", \"direction\": " + JsonString(pt.direction) + ", " + nums;
      if (a.explain) {
        out += ", \"explain\": [";
        bool f2 = true;
        for (const EventRow* e : behind(pt)) out += (f2 ? "" : ", ") + EventRowJson(*e), f2 = false;
        out += "]";
      }
      out += "}";
      first = false;
    }
    std::printf("%s]}\n", out.c_str());
  } else {
    std::printf("%-10s  %-4s  %6s  %7s  %9s  %8s  %5s %5s %5s %5s   (A=%s, B=%s)\n", "period", "dir",
                "events", "sources", "goldstein", "mean", "quad1", "quad2", "quad3", "quad4",
                a1.c_str(), a2.c_str());
    for (const auto& pt : *points) {
      std::printf("%-10s  %-4s  %6lld  %7lld  %9.1f  %8.2f  %5lld %5lld %5lld %5lld\n",
                  pt.period.c_str(), pt.direction.c_str(), static_cast<long long>(pt.events),
                  static_cast<long long>(pt.sources), pt.goldstein_sum, pt.goldstein_mean,
                  static_cast<long long>(pt.quad[0]), static_cast<long long>(pt.quad[1]),
                  static_cast<long long>(pt.quad[2]), static_cast<long long>(pt.quad[3]));
      if (a.explain)
        for (const EventRow* e : behind(pt)) PrintEventText(*e, "    ");
    }
  }
  return 0;
}

}  // namespace wirewatch::cli
