#include "db/postgres/libpq.hpp"

#include <dlfcn.h>

#include <string>

#include "db/errors.hpp"

namespace lectern::db {

namespace {

// The soname of libpq's ABI, unchanged since PostgreSQL 8.2.
constexpr const char* kLibrary = "libpq.so.5";

template <typename Fn>
void bind(void* handle, const char* name, Fn& out) {
  void* symbol = dlsym(handle, name);
  if (!symbol) {
    throw ConnectionError(std::string("cannot use PostgreSQL: ") + kLibrary + " has no " + name);
  }
  out = reinterpret_cast<Fn>(symbol);
}

Libpq load() {
  // Never unloaded: the table is used until the process exits.
  void* handle = dlopen(kLibrary, RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char* error = dlerror();
    throw ConnectionError(std::string("cannot use PostgreSQL: cannot load ") + kLibrary + ": " +
                          (error ? error : "unknown error"));
  }
  Libpq pq{};
  try {
    bind(handle, "PQbackendPID", pq.PQbackendPID);
    bind(handle, "PQclear", pq.PQclear);
    bind(handle, "PQcmdStatus", pq.PQcmdStatus);
    bind(handle, "PQcmdTuples", pq.PQcmdTuples);
    bind(handle, "PQconnectPoll", pq.PQconnectPoll);
    bind(handle, "PQconnectStartParams", pq.PQconnectStartParams);
    bind(handle, "PQconsumeInput", pq.PQconsumeInput);
    bind(handle, "PQerrorMessage", pq.PQerrorMessage);
    bind(handle, "PQfinish", pq.PQfinish);
    bind(handle, "PQflush", pq.PQflush);
    bind(handle, "PQfname", pq.PQfname);
    bind(handle, "PQftype", pq.PQftype);
    bind(handle, "PQgetisnull", pq.PQgetisnull);
    bind(handle, "PQgetlength", pq.PQgetlength);
    bind(handle, "PQgetResult", pq.PQgetResult);
    bind(handle, "PQgetvalue", pq.PQgetvalue);
    bind(handle, "PQisBusy", pq.PQisBusy);
    bind(handle, "PQnfields", pq.PQnfields);
    bind(handle, "PQntuples", pq.PQntuples);
    bind(handle, "PQresultErrorField", pq.PQresultErrorField);
    bind(handle, "PQresultErrorMessage", pq.PQresultErrorMessage);
    bind(handle, "PQresultStatus", pq.PQresultStatus);
    bind(handle, "PQsendPrepare", pq.PQsendPrepare);
    bind(handle, "PQsendQuery", pq.PQsendQuery);
    bind(handle, "PQsendQueryPrepared", pq.PQsendQueryPrepared);
    bind(handle, "PQserverVersion", pq.PQserverVersion);
    bind(handle, "PQsetnonblocking", pq.PQsetnonblocking);
    bind(handle, "PQsetNoticeProcessor", pq.PQsetNoticeProcessor);
    bind(handle, "PQsocket", pq.PQsocket);
    bind(handle, "PQstatus", pq.PQstatus);
    bind(handle, "PQtransactionStatus", pq.PQtransactionStatus);
  } catch (...) {
    dlclose(handle);
    throw;
  }
  return pq;
}

}  // namespace

const Libpq& libpq() {
  // A failed load throws out of the initializer, so the next call retries.
  static const Libpq pq = load();
  return pq;
}

}  // namespace lectern::db
