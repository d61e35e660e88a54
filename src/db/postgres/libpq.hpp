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
  decltype(&::PQconnectdb) PQconnectdb;
  decltype(&::PQerrorMessage) PQerrorMessage;
  decltype(&::PQexec) PQexec;
  decltype(&::PQexecPrepared) PQexecPrepared;
  decltype(&::PQfinish) PQfinish;
  decltype(&::PQfname) PQfname;
  decltype(&::PQftype) PQftype;
  decltype(&::PQgetisnull) PQgetisnull;
  decltype(&::PQgetlength) PQgetlength;
  decltype(&::PQgetvalue) PQgetvalue;
  decltype(&::PQnfields) PQnfields;
  decltype(&::PQntuples) PQntuples;
  decltype(&::PQprepare) PQprepare;
  decltype(&::PQresultErrorField) PQresultErrorField;
  decltype(&::PQresultErrorMessage) PQresultErrorMessage;
  decltype(&::PQresultStatus) PQresultStatus;
  decltype(&::PQsetNoticeProcessor) PQsetNoticeProcessor;
  decltype(&::PQstatus) PQstatus;
  decltype(&::PQtransactionStatus) PQtransactionStatus;
};

// Loads libpq.so.5 on the first call. Throws ConnectionError when the
// library or one of the functions is missing.
const Libpq& libpq();

}  // namespace lectern::db
