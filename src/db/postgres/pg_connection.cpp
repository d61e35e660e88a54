#include "db/postgres/pg_connection.hpp"

#include <poll.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <memory>
#include <thread>

#include "db/errors.hpp"
#include "db/postgres/libpq.hpp"
#include "db/write_generation.hpp"

namespace lectern::db {

namespace {

constexpr std::size_t kMaxCachedStatements = 512;
// How much longer than the server's statement_timeout the client waits for
// an answer before it concludes that the server is not running at all.
constexpr std::chrono::milliseconds kClientGrace{500};

// Type OIDs from pg_type.h (stable across PostgreSQL versions).
constexpr Oid kBoolOid = 16, kByteaOid = 17, kInt8Oid = 20, kInt2Oid = 21, kInt4Oid = 23,
              kJsonOid = 114, kFloat4Oid = 700, kFloat8Oid = 701, kTimestampOid = 1114,
              kTimestampTzOid = 1184, kNumericOid = 1700, kJsonbOid = 3802;

struct ClearResult {
  const Libpq* pq;
  void operator()(PGresult* r) const { pq->PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ClearResult>;

std::string first_line(const char* message) {
  std::string text = message ? message : "";
  auto end = text.find('\n');
  if (end != std::string::npos) text.resize(end);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) text.pop_back();
  return text;
}

std::string field(const Libpq& pq, const PGresult* r, int code) {
  const char* v = r ? pq.PQresultErrorField(r, code) : nullptr;
  return v ? v : "";
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Value read_cell(const Libpq& pq, const PGresult* r, int row, int col) {
  if (pq.PQgetisnull(r, row, col)) return std::monostate{};
  const char* text = pq.PQgetvalue(r, row, col);
  int length = pq.PQgetlength(r, row, col);
  std::string_view s(text, length);
  switch (pq.PQftype(r, col)) {
    case kInt8Oid:
    case kInt4Oid:
    case kInt2Oid: {
      std::int64_t v = 0;
      std::from_chars(s.data(), s.data() + s.size(), v);
      return v;
    }
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid: {
      double v = 0;
      auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
      if (ec != std::errc()) return std::string(s);  // NaN, Infinity
      return v;
    }
    case kBoolOid:
      return s == "t";
    case kTimestampTzOid:
    case kTimestampOid: {
      auto t = parse_timestamp(s);
      if (!t) t = parse_timestamp(std::string(s) + "Z");  // without time zone: stored as UTC
      if (t) return *t;
      return std::string(s);  // infinity
    }
    case kJsonOid:
    case kJsonbOid:
      return Json{std::string(s)};
    case kByteaOid: {
      // Text output of bytea is hex: \x0a1b...
      Bytes out;
      if (s.size() >= 2 && s[0] == '\\' && s[1] == 'x') {
        out.data.reserve((s.size() - 2) / 2);
        for (std::size_t i = 2; i + 1 < s.size(); i += 2) {
          out.data += char(hex_value(s[i]) * 16 + hex_value(s[i + 1]));
        }
      }
      return out;
    }
    default:
      return std::string(s);
  }
}

std::string format_double(double v) {
  char buf[32];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, p);
}

}  // namespace

PgConnection::PgConnection(const std::string& url, const ConnectionOptions& options)
    : pq_(libpq()) {
  if (options.statement_timeout.count() > 0) {
    round_trip_timeout_ = options.statement_timeout + kClientGrace;
  }
  const auto deadline = options.connect_timeout.count() > 0
                            ? std::optional(Clock::now() + options.connect_timeout)
                            : std::nullopt;
  // The URL is expanded as a connection string (expand_dbname = 1).
  const char* keys[] = {"dbname", nullptr};
  const char* values[] = {url.c_str(), nullptr};
  conn_ = pq_.PQconnectStartParams(keys, values, 1);
  if (!conn_) throw ConnectionError("cannot connect to PostgreSQL: out of memory");
  // The asynchronous start lets the connect timeout cover every step (TCP,
  // authentication) in milliseconds; libpq's connect_timeout counts whole
  // seconds, at least 2.
  auto state = pq_.PQstatus(conn_) == CONNECTION_BAD ? PGRES_POLLING_FAILED : PGRES_POLLING_WRITING;
  while (state != PGRES_POLLING_OK && state != PGRES_POLLING_FAILED) {
    if (!wait_socket(state == PGRES_POLLING_WRITING ? POLLOUT : POLLIN, deadline)) {
      pq_.PQfinish(conn_);
      conn_ = nullptr;
      throw DatabaseTimeout("cannot connect to PostgreSQL: no answer within " +
                            std::to_string(options.connect_timeout.count()) + " ms");
    }
    state = pq_.PQconnectPoll(conn_);
  }
  if (state == PGRES_POLLING_FAILED) {
    std::string message = first_line(pq_.PQerrorMessage(conn_));
    pq_.PQfinish(conn_);
    conn_ = nullptr;
    throw ConnectionError("cannot connect to PostgreSQL: " + message);
  }
  pq_.PQsetnonblocking(conn_, 1);
  // Timestamps travel as UTC text; notices would only clutter stderr.
  pq_.PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
  std::string setup = "SET TIME ZONE 'UTC'; SET client_encoding = 'UTF8'";
  if (options.statement_timeout.count() > 0) {
    // The server gives up on a statement first (57014, the session stays
    // usable); the client's own deadline, a little later, is for a server
    // that cannot even do that.
    setup += "; SET statement_timeout = " + std::to_string(options.statement_timeout.count());
    // And a backend whose client gave up notices it during a long query
    // instead of running it to the end (PostgreSQL 14 and later).
    if (pq_.PQserverVersion(conn_) >= 140000)
      setup += "; SET client_connection_check_interval = 1000";
  }
  try {
    PGresult* r = round_trip([&] { return pq_.PQsendQuery(conn_, setup.c_str()); }, deadline);
    if (!r || pq_.PQresultStatus(r) != PGRES_COMMAND_OK) raise(r, "");
    pq_.PQclear(r);
  } catch (...) {
    if (conn_) pq_.PQfinish(conn_);
    conn_ = nullptr;
    throw;
  }
}

PgConnection::~PgConnection() {
  if (conn_) pq_.PQfinish(conn_);
}

std::optional<PgConnection::Clock::time_point> PgConnection::deadline() const {
  if (round_trip_timeout_.count() == 0) return std::nullopt;
  return Clock::now() + round_trip_timeout_;
}

bool PgConnection::wait_socket(short events, std::optional<Clock::time_point> deadline) {
  const int fd = pq_.PQsocket(conn_);
  if (fd < 0) return true;  // libpq reports the broken connection on the next call
  for (;;) {
    int wait_ms = -1;
    if (deadline) {
      const auto left =
          std::chrono::ceil<std::chrono::milliseconds>(*deadline - Clock::now()).count();
      wait_ms = static_cast<int>(std::max<std::int64_t>(0, left));
    }
    pollfd p{fd, events, 0};
    const int n = ::poll(&p, 1, wait_ms);
    if (n > 0) return true;
    if (n == 0) {
      if (Clock::now() >= *deadline) return false;
      continue;
    }
    if (errno != EINTR) return true;  // libpq sees the same error on the socket
  }
}

template <typename Send>
PGresult* PgConnection::round_trip(Send&& send, std::optional<Clock::time_point> deadline) {
  if (!conn_) {
    throw ConnectionLost("the PostgreSQL connection was closed after a timeout");
  }
  if (!send()) raise(nullptr, "");
  // Non-blocking mode: the query may not have left yet.
  for (;;) {
    const int pending = pq_.PQflush(conn_);
    if (pending == 0) break;
    if (pending < 0) raise(nullptr, "");
    if (!wait_socket(POLLIN | POLLOUT, deadline)) abandon();
    // Reading what the server sent lets it go on reading our input.
    if (!pq_.PQconsumeInput(conn_)) raise(nullptr, "");
  }
  PGresult* last = nullptr;
  try {
    for (;;) {
      while (pq_.PQisBusy(conn_)) {
        if (!wait_socket(POLLIN, deadline)) abandon();
        if (!pq_.PQconsumeInput(conn_)) raise(nullptr, "");
      }
      PGresult* r = pq_.PQgetResult(conn_);
      if (!r) break;
      // As PQexec: the last result, but an error wins over what follows it.
      if (last && pq_.PQresultStatus(last) == PGRES_FATAL_ERROR) {
        pq_.PQclear(r);
        continue;
      }
      if (last) pq_.PQclear(last);
      last = r;
    }
  } catch (...) {
    if (last) pq_.PQclear(last);
    throw;
  }
  return last;
}

void PgConnection::abandon() {
  timed_out_ = true;
  // No cancel request: libpq's PQcancel waits for the server to close the
  // cancel connection, which a frozen server never does. The server ends
  // the statement itself (statement_timeout) and notices the closed socket
  // (client_connection_check_interval). Closing does not block either: the
  // socket is non-blocking, so the Terminate message is not waited for.
  pq_.PQfinish(conn_);
  conn_ = nullptr;
  cache_.clear();
  throw DatabaseTimeout("PostgreSQL did not answer within " +
                        std::to_string(round_trip_timeout_.count()) +
                        " ms; the connection is closed");
}

void PgConnection::raise(PGresult* result, std::string_view context) {
  ResultPtr owned(result, ClearResult{&pq_});
  std::string sqlstate = field(pq_, result, PG_DIAG_SQLSTATE);
  std::string constraint = field(pq_, result, PG_DIAG_CONSTRAINT_NAME);
  std::string message =
      first_line(result ? pq_.PQresultErrorMessage(result) : pq_.PQerrorMessage(conn_));
  if (message.empty()) message = first_line(pq_.PQerrorMessage(conn_));
  if (!context.empty()) message = std::string(context) + message;
  if (pq_.PQstatus(conn_) != CONNECTION_OK) throw ConnectionLost(message, sqlstate);
  try {
    raise_for_sqlstate(sqlstate, message, constraint);
  } catch (DatabaseError& error) {
    // What a user needs to act on a refusal ("You might need to specify USING").
    error.set_diagnostics(field(pq_, result, PG_DIAG_MESSAGE_DETAIL),
                          field(pq_, result, PG_DIAG_MESSAGE_HINT));
    throw;
  }
}

void raise_for_sqlstate(const std::string& sqlstate, const std::string& message,
                        const std::string& constraint) {
  const auto is = [&](std::string_view code) { return sqlstate == code; };
  const auto in_class = [&](std::string_view prefix) { return sqlstate.starts_with(prefix); };
  if (is("23505")) throw UniqueViolation(message, sqlstate, constraint);
  if (is("23503")) throw ForeignKeyViolation(message, sqlstate, constraint);
  if (is("23502")) throw NotNullViolation(message, sqlstate, constraint);
  if (is("23514")) throw CheckViolation(message, sqlstate, constraint);
  if (in_class("23")) throw IntegrityError(message, sqlstate, constraint);
  if (is("40001") || is("40P01")) throw SerializationFailure(message, sqlstate);
  // Class 53, insufficient resources: no disk (53100) is the storage's
  // problem; no memory (53200), too many connections (53300) or another
  // configured limit (53400) pass when the load does.
  if (is("53100")) throw StorageFull(message, sqlstate);
  if (in_class("53")) throw DatabaseUnavailable(message, sqlstate);
  if (is("58030")) throw StorageError(message, sqlstate);  // io_error
  // statement_timeout (57014), lock_timeout (55P03).
  if (is("57014") || is("55P03")) throw DatabaseTimeout(message, sqlstate);
  // 08P01 (protocol violation, e.g. a wrong parameter count) leaves the
  // session usable; the other class 08 codes and admin shutdowns do not.
  if ((in_class("08") && !is("08P01")) || is("57P01") || is("57P02") || is("57P03")) {
    throw ConnectionLost(message, sqlstate);
  }
  throw StatementError(message, sqlstate);
}

const std::string& PgConnection::prepare(std::string_view sql, int param_count) {
  std::string key(sql);
  if (auto it = cache_.find(key); it != cache_.end()) {
    ++stats_.hits;
    return it->second;
  }
  ++stats_.misses;
  if (cache_.size() >= kMaxCachedStatements) {
    // Outside a transaction only: DEALLOCATE inside a failed one would error.
    if (transaction_depth() == 0) forget_statements();
  }
  std::string name = "lectern_" + std::to_string(++next_statement_);
  PGresult* r = round_trip(
      [&] { return pq_.PQsendPrepare(conn_, name.c_str(), key.c_str(), param_count, nullptr); },
      deadline());
  if (!r || pq_.PQresultStatus(r) != PGRES_COMMAND_OK) raise(r, "");
  pq_.PQclear(r);
  return cache_.emplace(std::move(key), std::move(name)).first->second;
}

ResultSet PgConnection::collect(PGresult* r) {
  ResultPtr owned(r, ClearResult{&pq_});
  int columns = pq_.PQnfields(r);
  int rows = pq_.PQntuples(r);
  std::vector<std::string> names;
  names.reserve(columns);
  for (int c = 0; c < columns; ++c) names.emplace_back(pq_.PQfname(r, c));
  std::vector<std::vector<Value>> cells;
  cells.reserve(rows);
  for (int row = 0; row < rows; ++row) {
    std::vector<Value> line;
    line.reserve(columns);
    for (int c = 0; c < columns; ++c) line.push_back(read_cell(pq_, r, row, c));
    cells.push_back(std::move(line));
  }
  // PQcmdTuples also counts SELECTed rows; only writes count as affected.
  std::int64_t affected = 0;
  std::string_view command = pq_.PQcmdStatus(r);
  if (command.starts_with("INSERT") || command.starts_with("UPDATE") ||
      command.starts_with("DELETE") || command.starts_with("MERGE")) {
    std::string_view tuples = pq_.PQcmdTuples(r);
    std::from_chars(tuples.data(), tuples.data() + tuples.size(), affected);
  }
  return ResultSet(std::move(names), std::move(cells), affected);
}

ResultSet PgConnection::execute(std::string_view sql, std::span<const Value> params) {
  if (!conn_) throw ConnectionLost("the PostgreSQL connection was closed after a timeout");
  const std::string& name = prepare(sql, int(params.size()));
  std::vector<std::string> texts(params.size());
  std::vector<const char*> values(params.size(), nullptr);
  std::vector<int> lengths(params.size(), 0);
  std::vector<int> formats(params.size(), 0);
  for (std::size_t i = 0; i < params.size(); ++i) {
    const Value& v = params[i];
    bool is_null_value = false;
    std::visit(
        [&](const auto& x) {
          using T = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<T, std::monostate>) {
            is_null_value = true;
          } else if constexpr (std::is_same_v<T, std::int64_t>) {
            texts[i] = std::to_string(x);
          } else if constexpr (std::is_same_v<T, double>) {
            texts[i] = format_double(x);
          } else if constexpr (std::is_same_v<T, bool>) {
            texts[i].assign(1, x ? 't' : 'f');
          } else if constexpr (std::is_same_v<T, std::string>) {
            texts[i] = x;
          } else if constexpr (std::is_same_v<T, Timestamp>) {
            texts[i] = format_rfc3339(x);
          } else if constexpr (std::is_same_v<T, Json>) {
            texts[i] = x.text;
          } else {
            texts[i] = x.data;
            formats[i] = 1;  // bytea travels in binary format
          }
        },
        v);
    if (!is_null_value) {
      values[i] = texts[i].data();
      lengths[i] = int(texts[i].size());
    }
  }
  PGresult* r = round_trip(
      [&] {
        return pq_.PQsendQueryPrepared(conn_, name.c_str(), int(params.size()), values.data(),
                                       lengths.data(), formats.data(), 0);
      },
      deadline());
  ExecStatusType status = r ? pq_.PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    // A table changed under a cached plan ("cached plan must not change
    // result type"): outside a transaction, prepare afresh and retry once.
    if (field(pq_, r, PG_DIAG_SQLSTATE) == "0A000" && transaction_depth() == 0 &&
        pq_.PQtransactionStatus(conn_) == PQTRANS_IDLE) {
      pq_.PQclear(r);
      forget_statements();
      return execute(sql, params);
    }
    raise(r, "");
  }
  note_statement(sql);
  return collect(r);
}

void PgConnection::execute_script(std::string_view sql) {
  std::string text(sql);
  PGresult* r = round_trip([&] { return pq_.PQsendQuery(conn_, text.c_str()); }, deadline());
  ExecStatusType status = r ? pq_.PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK && status != PGRES_EMPTY_QUERY) {
    raise(r, "");
  }
  pq_.PQclear(r);
  note_statement(sql);
  // DDL may change the row types of cached plans on this connection.
  if (!cache_.empty() && transaction_depth() == 0 &&
      pq_.PQtransactionStatus(conn_) == PQTRANS_IDLE) {
    forget_statements();
  }
}

void PgConnection::forget_statements() {
  pq_.PQclear(round_trip([&] { return pq_.PQsendQuery(conn_, "DEALLOCATE ALL"); }, deadline()));
  cache_.clear();
}

bool PgConnection::is_healthy() const {
  if (!conn_ || pq_.PQstatus(conn_) != CONNECTION_OK) return false;
  // Outside a Transaction object the session must be idle, never left in a
  // (possibly failed) transaction.
  return transaction_depth() > 0 || pq_.PQtransactionStatus(conn_) == PQTRANS_IDLE;
}

bool PgConnection::ping() {
  try {
    execute("SELECT 1", {});
    return true;
  } catch (const DatabaseError&) {
    return false;
  }
}

StatementCacheStats PgConnection::statement_cache_stats() const {
  StatementCacheStats s = stats_;
  s.size = cache_.size();
  return s;
}

bool PgConnection::table_exists(std::string_view table) {
  const Value name[] = {std::string(table)};
  return !execute(
              "SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema() "
              "AND tablename = $1",
              name)
              .empty();
}

void PgConnection::lock_session(std::int64_t key) {
  // Polled, not waited for inside one statement: a waiting statement holds
  // a snapshot, and a CREATE INDEX CONCURRENTLY still running for a killed
  // migrate (whose session holds the lock) waits for every snapshot, so
  // PostgreSQL would see a deadlock and cancel this one.
  const Value params[] = {key};
  auto pause = std::chrono::milliseconds(20);
  while (!execute("SELECT pg_try_advisory_lock($1)", params).front().get<bool>(0)) {
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(500));
  }
}

void PgConnection::unlock_session(std::int64_t key) {
  const Value params[] = {key};
  execute("SELECT pg_advisory_unlock($1)", params);
}

int PgConnection::backend_pid() const {
  return conn_ ? pq_.PQbackendPID(conn_) : 0;
}

}  // namespace lectern::db
