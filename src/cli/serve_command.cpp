#include <CLI/CLI.hpp>
#include <cstdio>
#include <map>
#include <set>
#include <thread>

#include "api/api.hpp"
#include "apps/accounts/handlers.hpp"
#include "apps/accounts/passwords.hpp"
#include "apps/routes.hpp"
#include "cli/context.hpp"
#include "db/database.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "migrations/recorder.hpp"
#include "web/pages/pages.hpp"

namespace lectern::cli {

namespace {

struct ServeArgs {
  std::string listen = "127.0.0.1:8000";
  unsigned threads = 0;
  int handler_threads =
      -1;  // -1: per backend (handler_threads_per_io_thread); 0: on the I/O threads
  std::size_t max_body_bytes = 1024 * 1024;
  int read_timeout_seconds = static_cast<int>(http::ServerOptions{}.read_timeout.count());
  unsigned pool_size = 0;
  // How long a request waits for the database (docs/operations.md).
  int db_acquire_timeout_ms = 2000;
  int db_connect_timeout_ms = 2000;
  int db_statement_timeout_ms = 5000;
  // For tests and demos only: cheaper password hashes, other login limits.
  std::string password_cost = "interactive";
  int token_cache_seconds = static_cast<int>(api::ApiSettings{}.token_cache_ttl.count());
  int login_attempts_per_user = apps::accounts::Settings{}.login_attempts_per_user;
  int login_attempts_per_address = apps::accounts::Settings{}.login_attempts_per_address;
  bool behind_https = false;
};

// Handler threads exist so that a request waiting for the database does not
// hold up an I/O thread. A PostgreSQL request waits on the network, so more
// threads than cores keep the cores busy. An SQLite request waits only for
// the CPU or for the file's one write lock: threads beyond the cores only
// take turns at both, and one per I/O thread served 20-60% more requests per
// second, writes included, with a p99 under 15 ms (docs/benchmarks.md).
unsigned handler_threads_per_io_thread(db::Backend backend) {
  return backend == db::Backend::kSqlite ? 1 : 4;
}

// For the administration page: every migration the binary carries or the
// database has applied, by app and number, and whether it is applied.
std::vector<web::pages::MigrationState> migration_states(
    const std::vector<migrations::MigrationKey>& shipped,
    const std::map<migrations::MigrationKey, migrations::AppliedMigration>& applied) {
  std::set<migrations::MigrationKey> keys(shipped.begin(), shipped.end());
  for (const auto& [key, row] : applied) keys.insert(key);
  std::vector<web::pages::MigrationState> out;
  for (const auto& key : keys) out.push_back({key.app, key.name, applied.contains(key)});
  return out;
}

}  // namespace

void register_serve(CLI::App& app, Context& context) {
  auto args = std::make_shared<ServeArgs>();
  auto* cmd = app.add_subcommand("serve", "Serve the HTTP/JSON API");
  cmd->add_option("--listen", args->listen, "HOST:PORT to listen on (port 0 picks a free one)")
      ->capture_default_str();
  cmd->add_option("--threads", args->threads, "I/O threads (0 = one per core)");
  cmd->add_option("--handler-threads", args->handler_threads,
                  "Threads that run requests against the database (default 4 per I/O thread on "
                  "PostgreSQL, 1 on SQLite; 0 runs them on the I/O threads)");
  cmd->add_option("--max-body-bytes", args->max_body_bytes,
                  "Largest request body accepted (413 above)")
      ->capture_default_str();
  cmd->add_option("--read-timeout", args->read_timeout_seconds,
                  "Seconds a client has to send a whole request, and to take the answer; the "
                  "connection closes after that")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  cmd->add_option("--pool-size", args->pool_size,
                  "Database connections (0 = one per handler thread)");
  cmd->add_option("--db-acquire-timeout-ms", args->db_acquire_timeout_ms,
                  "How long a request waits for a free pooled connection (503 after)")
      ->check(CLI::Range(1, 600000))
      ->capture_default_str();
  cmd->add_option("--db-connect-timeout-ms", args->db_connect_timeout_ms,
                  "How long opening a database connection may take (503 after)")
      ->check(CLI::Range(1, 600000))
      ->capture_default_str();
  cmd->add_option("--db-statement-timeout-ms", args->db_statement_timeout_ms,
                  "How long one statement may take (PostgreSQL: statement_timeout, and the "
                  "client gives up on a server that does not answer; SQLite: the wait for the "
                  "write lock); 503 after")
      ->check(CLI::Range(1, 600000))
      ->capture_default_str();
  cmd->add_option("--password-cost", args->password_cost,
                  "Argon2id cost of new password hashes; minimal is for tests and demos only")
      ->check(CLI::IsMember({"interactive", "minimal"}))
      ->capture_default_str();
  cmd->add_option("--token-cache-seconds", args->token_cache_seconds,
                  "How long a verified token is trusted without asking the database (0: always "
                  "ask); a token revoked by another process stays usable here this long")
      ->check(CLI::Range(0, 300))
      ->capture_default_str();
  cmd->add_option("--login-attempts-per-user", args->login_attempts_per_user,
                  "Login attempts per username in 5 minutes (429 above; for tests and demos)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--login-attempts-per-address", args->login_attempts_per_address,
                  "Login attempts per client address in 5 minutes (429 above; for tests and demos)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_flag("--behind-https", args->behind_https,
                "Clients reach the server through HTTPS (a proxy): cookies get Secure");
  cmd->callback([&context, args] {
    http::ServerOptions options;
    http::parse_listen(args->listen, options);
    options.threads = args->threads;
    options.max_body_bytes = args->max_body_bytes;
    options.read_timeout = std::chrono::seconds(args->read_timeout_seconds);
    const unsigned threads =
        options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    options.handler_threads =
        args->handler_threads >= 0
            ? static_cast<unsigned>(args->handler_threads)
            : handler_threads_per_io_thread(db::parse_database_url(context.database_url).backend) *
                  threads;
    db::PoolOptions pool;
    pool.max_size = args->pool_size ? args->pool_size : std::max(options.handler_threads, threads);
    pool.acquire_timeout = std::chrono::milliseconds(args->db_acquire_timeout_ms);
    db::ConnectionOptions connection;
    connection.connect_timeout = std::chrono::milliseconds(args->db_connect_timeout_ms);
    connection.statement_timeout = std::chrono::milliseconds(args->db_statement_timeout_ms);
    auto database = db::Database::open(context.database_url, pool, connection);

    // /api/ready: every migration this binary carries is recorded as applied.
    std::vector<migrations::MigrationKey> shipped;
    for (const auto& m : context.load_migrations()) shipped.push_back(m.key);
    api::ApiContext api_context{.database = *database};
    api_context.settings.token_cache_ttl = std::chrono::seconds(args->token_cache_seconds);
    api_context.authenticate = &apps::accounts::authenticate_bearer;
    apps::AppSettings apps_settings;
    apps_settings.accounts.password_cost = args->password_cost == "minimal"
                                               ? apps::accounts::PasswordCost::minimal()
                                               : apps::accounts::PasswordCost::interactive();
    apps_settings.accounts.login_attempts_per_user = args->login_attempts_per_user;
    apps_settings.accounts.login_attempts_per_address = args->login_attempts_per_address;
    api_context.migrations_applied = [shipped](db::Connection& connection) {
      auto applied = migrations::MigrationRecorder(connection).applied();
      for (const auto& key : shipped) {
        if (!applied.contains(key)) return false;
      }
      return true;
    };
    http::Router router;
    api::Api api(api_context, router);
    apps::register_api(api, apps_settings);
    // The pages, beside the API on the same services and login allowance.
    web::WebContext web_context{.api = api_context,
                                .settings = {.secure_cookies = args->behind_https},
                                .new_token = &apps::accounts::new_token,
                                .describe = &web::pages::describe_user};
    web::Site site(web_context, router);
    web::pages::register_pages(site, apps_settings);
    web::pages::register_admin_pages(site, [shipped](db::Connection& connection) {
      return migration_states(shipped, migrations::MigrationRecorder(connection).applied());
    });

    // Routes without the database (/api/health) skip the handler threads,
    // which may all be waiting for a stalled database.
    http::Server server(
        options, [&router](const http::Request& r) { return router.dispatch(r); },
        [&router](const http::Request& r) { return router.runs_inline(r); });
    server.run([&] {
      std::printf(
          "lectern: serving on http://%s:%u/ (the pages; the API under /api/; Ctrl-C to stop)\n",
          options.host.c_str(), unsigned(server.port()));
      std::fflush(stdout);
    });
    std::printf("lectern: stopped\n");
  });
}

}  // namespace lectern::cli
