// Test support: runs a store test against both backends. A fixture keeps its file paths (as the
// SQLite tests always did); on PostgreSQL each distinct path becomes its own database in the
// test cluster (pg_cluster.h), so "two stores" in a test stay two stores.
//
//   class MyTest : public ::testing::TestWithParam<std::string> { ... StoreLocation loc_; };
//   SetUp: loc_.backend = GetParam(); if (!loc_.Ready()) GTEST_SKIP() << ...;
//   OpenStore(loc_.Where(Path("w.db")), mode)
//   INSTANTIATE_TEST_SUITE_P(Backends, MyTest, ::testing::ValuesIn(StoreBackends()), BackendName);
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "support/pg_cluster.h"

namespace wirewatch::testing_support {

inline std::vector<std::string> StoreBackends() { return {"sqlite", "postgresql"}; }

inline std::string BackendName(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

struct StoreLocation {
  std::string backend = "sqlite";
  std::map<std::string, std::string> uris;

  bool postgres() const { return backend == "postgresql"; }

  // For PostgreSQL: the cluster is up. Sets `why` (and `skip` when PostgreSQL is not installed,
  // the one case a test may skip) otherwise.
  bool Ready(std::string& why, bool& skip) {
    if (!postgres()) return true;
    PgCluster* pg = PgCluster::Shared();
    if (pg->ok()) return true;
    why = pg->skip_reason();
    skip = pg->missing();
    return false;
  }

  // The store for `path`: the path itself on SQLite, a database of its own on PostgreSQL.
  std::string Where(const std::string& path) {
    if (!postgres()) return path;
    auto it = uris.find(path);
    if (it != uris.end()) return it->second;
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::string base = path.substr(path.find_last_of('/') + 1);
    std::string uri = PgCluster::Shared()->CreateDatabase(name.substr(0, name.find('/')) + "_" + base);
    EXPECT_FALSE(uri.empty()) << "cannot create a database for " << path;
    uris[path] = uri;
    return uri;
  }
  // Where a test deletes a store file: on PostgreSQL the next Where(path) is a new database.
  void Forget(const std::string& path) { uris.erase(path); }
};

// In a fixture's SetUp: skip (PostgreSQL not installed) or fail (installed but broken).
#define WIREWATCH_REQUIRE_BACKEND(location)                                 \
  do {                                                                      \
    std::string why_;                                                       \
    bool skip_ = false;                                                     \
    if (!(location).Ready(why_, skip_)) {                                   \
      if (skip_) GTEST_SKIP() << why_;                                      \
      FAIL() << "PostgreSQL test cluster: " << why_;                        \
    }                                                                       \
  } while (0)

}  // namespace wirewatch::testing_support
