#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/context.hpp"
#include "http/router.hpp"
#include "http/server.hpp"

namespace lectern::cli {

void register_serve(CLI::App& app, Context& context) {
  auto* cmd = app.add_subcommand("serve", "Serve the HTTP/JSON API");
  auto listen = std::make_shared<std::string>("127.0.0.1:8000");
  auto threads = std::make_shared<unsigned>(0);
  cmd->add_option("--listen", *listen, "HOST:PORT to listen on (port 0 picks a free one)")
      ->capture_default_str();
  cmd->add_option("--threads", *threads, "Worker threads (0 = one per core)");
  cmd->callback([&context, listen, threads] {
    http::ServerOptions options;
    http::parse_listen(*listen, options);
    options.threads = *threads;
    context.database();  // fail fast, in one line, when the database is unreachable

    auto router = std::make_shared<http::Router>();
    router->add("GET", "/api/health", [](const http::Request&, const http::PathParams&) {
      return http::json_response(200, R"({"status":"ok"})");
    });
    http::Server server(options, [router](const http::Request& r) { return router->dispatch(r); });
    server.run([&] {
      std::printf("lectern: serving on http://%s:%u/ (Ctrl-C to stop)\n", options.host.c_str(),
                  unsigned(server.port()));
      std::fflush(stdout);
    });
    std::printf("lectern: stopped\n");
  });
}

}  // namespace lectern::cli
