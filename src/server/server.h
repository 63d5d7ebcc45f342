// Server: `wirewatch serve`, the JSON API under /api/ and the dashboard over one store.
//
// The API reads a store that an ingest may be writing at the same time: every worker thread
// opens its own read-only Store (SQLite WAL readers see each committed batch as it lands, so
// new records appear without a restart). Every parameter is checked (length, UTF-8, no control
// bytes, known names, value shapes) before it reaches the store, where it is a bound value; a
// bad request gets 400 with {"error": "..."}, never 500. docs/api.md lists the endpoints.
//
//   ServeOptions o;
//   o.db = "wirewatch.db";
//   o.port = 0;   // any free port
//   Status s = Serve(o, [](int port, std::function<void()> stop) { /* listening on port */ });
//
// Binding an address other than loopback needs a token, which every /api/ call must then send
// (`Authorization: Bearer TOKEN`, or `?token=TOKEN`); without a token, requests naming a Host
// other than a loopback name are refused, so a web page cannot reach the API through DNS
// rebinding.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "core/status.h"

namespace wirewatch {

struct ServeOptions {
  std::string db;  // the store (must exist: created by wirewatch ingest)
  std::string bind = "127.0.0.1";
  int port = 8080;                    // 0: any free port (on_listening is told which)
  std::string token;                  // required when `bind` is not loopback
  std::string web_dir;                // the built dashboard (index.html, assets/); "" = API only
  int threads = 16;                   // worker threads, each with its own Store
  size_t max_param_bytes = 1000;      // longest value of one query parameter
  int64_t max_page = 200;             // largest `limit`
  size_t max_body_bytes = 16 * 1024;  // the API takes GET only; larger bodies get 413
};

// True for 127.0.0.0/8, ::1 and "localhost".
bool IsLoopbackAddress(const std::string& host);

// Checks the options, opens the store once (so a missing or foreign file is reported before
// listening), binds, calls `on_listening(port, stop)` and serves until `stop()` is called (from
// any thread). Errors: InvalidArgument for options (a non-loopback bind without a token),
// the store's open error, IoError when the address cannot be bound.
Status Serve(const ServeOptions& options,
             const std::function<void(int port, std::function<void()> stop)>& on_listening);

}  // namespace wirewatch
