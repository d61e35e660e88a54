// libpq, loaded with dlopen the first time a PostgreSQL connection opens, so
// that a process that never uses PostgreSQL does not pay for it: linked
// normally, libpq pulls in Kerberos, LDAP and GnuTLS (about 20 libraries) at
// start-up, which was about half of a `lectern migrate --plan` on SQLite.
// One table of the functions this folder calls, named after them; loading is
// thread-safe and happens once per process.
#pragma once

#include <libpq-fe.h>

namespace lectern::db {

struct Libpq {
  decltype(&::PQbackendPID) PQbackendPID;
  decltype(&::PQclear) PQclear;
  decltype(&::PQcmdStatus) PQcmdStatus;
  decltype(&::PQcmdTuples) PQcmdTuples;
  decltype(&::PQconnectPoll) PQconnectPoll;
  decltype(&::PQconnectStartParams) PQconnectStartParams;
  decltype(&::PQconsumeInput) PQconsumeInput;
  decltype(&::PQerrorMessage) PQerrorMessage;
  decltype(&::PQfinish) PQfinish;
  decltype(&::PQflush) PQflush;
  decltype(&::PQfname) PQfname;
  decltype(&::PQftype) PQftype;
  decltype(&::PQgetisnull) PQgetisnull;
  decltype(&::PQgetlength) PQgetlength;
  decltype(&::PQgetResult) PQgetResult;
  decltype(&::PQgetvalue) PQgetvalue;
  decltype(&::PQisBusy) PQisBusy;
  decltype(&::PQnfields) PQnfields;
  decltype(&::PQntuples) PQntuples;
  decltype(&::PQresultErrorField) PQresultErrorField;
  decltype(&::PQresultErrorMessage) PQresultErrorMessage;
  decltype(&::PQresultStatus) PQresultStatus;
  decltype(&::PQsendPrepare) PQsendPrepare;
  decltype(&::PQsendQuery) PQsendQuery;
  decltype(&::PQsendQueryPrepared) PQsendQueryPrepared;
  decltype(&::PQserverVersion) PQserverVersion;
  decltype(&::PQsetnonblocking) PQsetnonblocking;
  decltype(&::PQsetNoticeProcessor) PQsetNoticeProcessor;
  decltype(&::PQsocket) PQsocket;
  decltype(&::PQstatus) PQstatus;
  decltype(&::PQtransactionStatus) PQtransactionStatus;
};

// Loads libpq.so.5 on the first call. Throws ConnectionError when the
// library or one of the functions is missing.
const Libpq& libpq();

}  // namespace lectern::db
