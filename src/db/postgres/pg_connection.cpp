#include "db/postgres/pg_connection.hpp"

#include <charconv>
#include <cstdio>
#include <memory>

#include "db/errors.hpp"
#include "db/postgres/libpq.hpp"

namespace lectern::db {

namespace {

constexpr std::size_t kMaxCachedStatements = 512;

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

template <typename Error>
[[noreturn]] void throw_with_diagnostics(Error error, const std::string& detail,
                                         const std::string& hint) {
  error.set_diagnostics(detail, hint);
  throw error;
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

PgConnection::PgConnection(const std::string& url) : pq_(libpq()) {
  conn_ = pq_.PQconnectdb(url.c_str());
  if (pq_.PQstatus(conn_) != CONNECTION_OK) {
    std::string message = first_line(pq_.PQerrorMessage(conn_));
    pq_.PQfinish(conn_);
    conn_ = nullptr;
    throw ConnectionError("cannot connect to PostgreSQL: " + message);
  }
  // Timestamps travel as UTC text; notices would only clutter stderr.
  pq_.PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
  execute_script("SET TIME ZONE 'UTC'; SET client_encoding = 'UTF8'");
}

PgConnection::~PgConnection() {
  if (conn_) pq_.PQfinish(conn_);
}

void PgConnection::raise(PGresult* result, std::string_view context) {
  ResultPtr owned(result, ClearResult{&pq_});
  std::string sqlstate = field(pq_, result, PG_DIAG_SQLSTATE);
  std::string constraint = field(pq_, result, PG_DIAG_CONSTRAINT_NAME);
  std::string message =
      first_line(result ? pq_.PQresultErrorMessage(result) : pq_.PQerrorMessage(conn_));
  if (message.empty()) message = first_line(pq_.PQerrorMessage(conn_));
  if (!context.empty()) message = std::string(context) + message;
  const std::string detail = field(pq_, result, PG_DIAG_MESSAGE_DETAIL);
  const std::string hint = field(pq_, result, PG_DIAG_MESSAGE_HINT);
  auto fail = [&](auto error) { throw_with_diagnostics(std::move(error), detail, hint); };
  if (pq_.PQstatus(conn_) != CONNECTION_OK) fail(ConnectionLost(message, sqlstate));
  if (sqlstate == "23505") fail(UniqueViolation(message, sqlstate, constraint));
  if (sqlstate == "23503") fail(ForeignKeyViolation(message, sqlstate, constraint));
  if (sqlstate == "23502") fail(NotNullViolation(message, sqlstate, constraint));
  if (sqlstate == "23514") fail(CheckViolation(message, sqlstate, constraint));
  if (sqlstate.starts_with("23")) fail(IntegrityError(message, sqlstate, constraint));
  if (sqlstate == "40001" || sqlstate == "40P01") fail(SerializationFailure(message, sqlstate));
  // 08P01 (protocol violation, e.g. a wrong parameter count) leaves the
  // session usable; the other class 08 codes and admin shutdowns do not.
  if ((sqlstate.starts_with("08") && sqlstate != "08P01") || sqlstate == "57P01" ||
      sqlstate == "57P02" || sqlstate == "57P03") {
    fail(ConnectionLost(message, sqlstate));
  }
  throw_with_diagnostics(StatementError(message, sqlstate), detail, hint);
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
    if (transaction_depth() == 0) {
      pq_.PQclear(pq_.PQexec(conn_, "DEALLOCATE ALL"));
      cache_.clear();
    }
  }
  std::string name = "lectern_" + std::to_string(++next_statement_);
  PGresult* r = pq_.PQprepare(conn_, name.c_str(), key.c_str(), param_count, nullptr);
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
  PGresult* r = pq_.PQexecPrepared(conn_, name.c_str(), int(params.size()), values.data(),
                                   lengths.data(), formats.data(), 0);
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
  return collect(r);
}

void PgConnection::execute_script(std::string_view sql) {
  std::string text(sql);
  PGresult* r = pq_.PQexec(conn_, text.c_str());
  ExecStatusType status = r ? pq_.PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK && status != PGRES_EMPTY_QUERY) {
    raise(r, "");
  }
  pq_.PQclear(r);
  // DDL may change the row types of cached plans on this connection.
  if (!cache_.empty() && transaction_depth() == 0 &&
      pq_.PQtransactionStatus(conn_) == PQTRANS_IDLE) {
    forget_statements();
  }
}

void PgConnection::forget_statements() {
  pq_.PQclear(pq_.PQexec(conn_, "DEALLOCATE ALL"));
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

int PgConnection::backend_pid() const {
  return pq_.PQbackendPID(conn_);
}

}  // namespace lectern::db
