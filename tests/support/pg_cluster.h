// Test support: a throw-away PostgreSQL cluster for the store tests (issue 14). The first test
// that asks starts one: initdb into a fresh /tmp folder, the server listening on 127.0.0.1 at a
// free port (and its socket in that folder), trust authentication for user `wirewatch`, C
// locale, fsync off. It is stopped and its folder deleted when the test process exits. As root
// (CI containers), initdb and the server run as the `postgres` user (or `nobody`) through
// runuser, since PostgreSQL refuses to run as root.
//
//   PgCluster* pg = PgCluster::Shared();
//   if (!pg->ok()) GTEST_SKIP() << pg->skip_reason();
//   std::string uri = pg->CreateDatabase("my_test");  // postgresql://wirewatch@127.0.0.1:P/my_test
//
// Binaries: $WIREWATCH_PG_BIN, else the newest /usr/lib/postgresql/*/bin with initdb and pg_ctl.
// Only their absence is a skip; a cluster that is installed but fails to start is a failure
// (ok() false with a message that does not start with "skipped").
#pragma once

#include <arpa/inet.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace wirewatch::testing_support {

class PgCluster {
 public:
  // The process's cluster, started on first use.
  static PgCluster* Shared() {
    static std::unique_ptr<PgCluster> cluster(new PgCluster());
    return cluster.get();
  }

  bool ok() const { return port_ != 0; }
  // Why there is no cluster: "skipped: ..." when PostgreSQL is not installed, else the failure.
  const std::string& skip_reason() const { return reason_; }
  bool missing() const { return reason_.rfind("skipped", 0) == 0; }
  int port() const { return port_; }
  const std::string& bin() const { return bin_; }

  std::string Uri(const std::string& db) const {
    return "postgresql://wirewatch@127.0.0.1:" + std::to_string(port_) + "/" + db;
  }

  // Creates database `name` (lower-cased, other characters than [a-z0-9_] made '_', made
  // unique) and returns its URI; "" on failure.
  std::string CreateDatabase(const std::string& name) {
    std::string db = "t" + std::to_string(++databases_) + "_";
    for (char c : name) {
      char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      db += (l >= 'a' && l <= 'z') || (l >= '0' && l <= '9') ? l : '_';
    }
    if (db.size() > 60) db.resize(60);
    if (!Admin("CREATE DATABASE " + db)) return "";
    return Uri(db);
  }

  // Runs one statement as the superuser in database `postgres`; false on failure.
  bool Admin(const std::string& sql) const {
    PGconn* c = PQconnectdb(Uri("postgres").c_str());
    bool good = PQstatus(c) == CONNECTION_OK;
    if (good) {
      PGresult* r = PQexec(c, sql.c_str());
      good = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
      PQclear(r);
    }
    PQfinish(c);
    return good;
  }

  ~PgCluster() {
    if (!data_.empty() && port_ != 0)
      (void)Run({bin_ + "/pg_ctl", "-D", data_, "-m", "immediate", "-w", "stop"}, dir_ + "/stop.log");
    if (!dir_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
    }
  }

 private:
  PgCluster() {
    bin_ = FindBin();
    if (bin_.empty()) {
      reason_ = "skipped: PostgreSQL server binaries not found (no initdb/pg_ctl in "
                "$WIREWATCH_PG_BIN or /usr/lib/postgresql/*/bin; apt-get install postgresql)";
      return;
    }
    char tmpl[] = "/tmp/wwpg-XXXXXX";
    if (::mkdtemp(tmpl) == nullptr) {
      reason_ = "cannot create a folder for the test cluster";
      return;
    }
    dir_ = tmpl;
    data_ = dir_ + "/data";
    if (::geteuid() == 0) {
      for (const char* u : {"postgres", "nobody"}) {
        if (struct passwd* pw = ::getpwnam(u)) {
          user_ = u;
          if (::chown(dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0) user_.clear();
          break;
        }
      }
      if (user_.empty()) {
        reason_ = "running as root and no unprivileged user (postgres, nobody) to run PostgreSQL";
        return;
      }
    }
    if (Run({bin_ + "/initdb", "-D", data_, "-U", "wirewatch", "-A", "trust", "-E", "UTF8",
             "--locale=C", "-N"},
            dir_ + "/initdb.log") != 0) {
      reason_ = "initdb failed: " + Tail(dir_ + "/initdb.log");
      return;
    }
    for (int attempt = 0; attempt < 5; ++attempt) {
      int port = FreePort();
      std::string options = "-c listen_addresses=127.0.0.1 -p " + std::to_string(port) +
                            " -k " + dir_ + " -c fsync=off -c synchronous_commit=off "
                            "-c full_page_writes=off -c max_connections=200";
      if (Run({bin_ + "/pg_ctl", "-D", data_, "-l", dir_ + "/server.log", "-w", "-t", "60", "-o",
               options, "start"},
              dir_ + "/pg_ctl.log") == 0) {
        port_ = port;
        return;
      }
    }
    reason_ = "PostgreSQL did not start: " + Tail(dir_ + "/server.log");
  }

  static std::string FindBin() {
    namespace fs = std::filesystem;
    auto usable = [](const fs::path& b) {
      return ::access((b / "initdb").c_str(), X_OK) == 0 && ::access((b / "pg_ctl").c_str(), X_OK) == 0;
    };
    if (const char* env = std::getenv("WIREWATCH_PG_BIN"); env && *env)
      return usable(env) ? std::string(env) : std::string();
    std::string best;
    int best_version = -1;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator("/usr/lib/postgresql", ec)) {
      int v = std::atoi(e.path().filename().c_str());
      if (v > best_version && usable(e.path() / "bin")) best_version = v, best = (e.path() / "bin").string();
    }
    return best;
  }

  static int FreePort() {
    int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    socklen_t len = sizeof a;
    int port = 0;
    if (::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
        ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len) == 0)
      port = ntohs(a.sin_port);
    ::close(s);
    return port;
  }

  // Runs `argv` (as user_ when set), output into `log`; the exit code.
  int Run(std::vector<std::string> argv, const std::string& log) const {
    if (!user_.empty()) argv.insert(argv.begin(), {"/usr/sbin/runuser", "-u", user_, "--"});
    pid_t pid = ::fork();
    if (pid == 0) {
      FILE* f = std::fopen(log.c_str(), "w");
      if (f) ::dup2(::fileno(f), 1), ::dup2(::fileno(f), 2);
      std::vector<char*> args;
      for (auto& a : argv) args.push_back(a.data());
      args.push_back(nullptr);
      ::execv(args[0], args.data());
      ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  static std::string Tail(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string s = ss.str();
    if (s.size() > 600) s = s.substr(s.size() - 600);
    return s;
  }

  std::string bin_, dir_, data_, user_, reason_;
  int port_ = 0;
  int databases_ = 0;
};

}  // namespace wirewatch::testing_support
