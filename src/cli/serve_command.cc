// `wirewatch serve --db FILE [--port 8080] [--bind 127.0.0.1] [--token T]`: the JSON API and the
// dashboard over a store (src/server). Options and the stop on SIGINT/SIGTERM live here; the
// server itself in src/server/server.cc.
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <climits>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "cli/commands.h"
#include "cli/store_options.h"
#include "server/server.h"

namespace wirewatch::cli {
namespace {

constexpr const char* kHelp =
    R"(usage: wirewatch serve [--db FILE] [--port N] [--bind ADDRESS] [--token TOKEN]
                       [--web-dir DIR] [--threads N]

Serves the JSON API under /api/ (docs/api.md) and the dashboard over a store, while an ingest
may still be writing it (new records appear without a restart).

  --db FILE|URI    the store (default wirewatch.db; postgresql://user@host/dbname for PostgreSQL)
  --port N         TCP port (default 8080; 0 picks a free one)
  --bind ADDRESS   address to listen on (default 127.0.0.1, loopback only)
  --token TOKEN    required for a non-loopback --bind; every /api/ call must then send
                   "Authorization: Bearer TOKEN" (or ?token=TOKEN). The environment variable
                   WIREWATCH_TOKEN is read when --token is not given.
  --web-dir DIR    the built dashboard (default: web/ beside the binary; API only without it)
  --threads N      worker threads, each with its own read-only store connection (default 16)

Prints "wirewatch serve: listening on http://ADDRESS:PORT/" once it accepts connections.
exit status: 0 after SIGINT/SIGTERM; 1 when the store cannot be opened or the address bound;
2 on a usage error.
)";

// web/ next to the binary, where the build puts the dashboard (CMake target `web`).
std::string DefaultWebDir() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "";
  auto dir = exe.parent_path() / "web";
  return std::filesystem::exists(dir / "index.html", ec) ? dir.string() : "";
}

}  // namespace

int ServeCommand(const Args& args) {
  ServeOptions o;
  o.db = kDefaultStore;
  bool web_dir_given = false;
  auto usage = [](const std::string& m) {
    std::fprintf(stderr, "wirewatch serve: %s\n", m.c_str());
    return 2;
  };
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    bool has_value = i + 1 < args.size();
    long long n = 0;
    if (a == "-h" || a == "--help") {
      std::fputs(kHelp, stdout);
      return 0;
    } else if (a == "--db") {
      if (!has_value || args[i + 1].empty()) return usage("--db needs a file");
      o.db = args[++i];
    } else if (a == "--port") {
      if (!has_value || !ParseCount(args[++i], n) || n > 65535)
        return usage("--port needs 0..65535");
      o.port = static_cast<int>(n);
    } else if (a == "--bind") {
      if (!has_value || args[i + 1].empty()) return usage("--bind needs an address");
      o.bind = args[++i];
    } else if (a == "--token") {
      if (!has_value || args[i + 1].empty()) return usage("--token needs a value");
      o.token = args[++i];
    } else if (a == "--web-dir") {
      if (!has_value) return usage("--web-dir needs a folder");
      o.web_dir = args[++i];
      web_dir_given = true;
    } else if (a == "--threads") {
      if (!has_value || !ParseCount(args[++i], n) || n < 1 || n > 64)
        return usage("--threads needs 1..64");
      o.threads = static_cast<int>(n);
    } else {
      return usage("unknown argument '" + a + "'");
    }
  }
  if (o.token.empty()) {
    if (const char* env = std::getenv("WIREWATCH_TOKEN"); env != nullptr) o.token = env;
  }
  if (!web_dir_given) o.web_dir = DefaultWebDir();
  if (o.web_dir.empty())
    std::fprintf(
        stderr,
        "wirewatch serve: no dashboard found (web/ beside the binary); serving the API only\n");

  // SIGINT/SIGTERM are blocked in every thread (the server's workers inherit the mask) and
  // taken by one waiting thread, which stops the server: no work in a signal handler.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  // A client that hangs up mid-answer must not end the process.
  signal(SIGPIPE, SIG_IGN);

  Status s = Serve(o, [&](int port, std::function<void()> stop) {
    std::string host = o.bind.find(':') != std::string::npos ? "[" + o.bind + "]" : o.bind;
    std::printf("wirewatch serve: listening on http://%s:%d/ (store %s)\n", host.c_str(), port,
                RedactStoreName(o.db).c_str());
    std::fflush(stdout);
    std::thread([stop_signals, stop] {
      int sig = 0;
      sigwait(&stop_signals, &sig);
      stop();
    }).detach();
  });
  if (!s.ok()) {
    std::fprintf(stderr, "wirewatch serve: %s\n", s.message().c_str());
    return s.code() == StatusCode::kInvalidArgument ? 2 : 1;
  }
  return 0;
}

}  // namespace wirewatch::cli
