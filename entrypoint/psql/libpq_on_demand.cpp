// libpq, loaded the first time pgfit calls it (util/library_on_demand.hpp). Linked, libpq and
// what it needs (OpenSSL, Kerberos, LDAP, SASL) cost every pgfit process about 3 ms at exec,
// more than the rest of a warm start's own work, while only the first start, the health check,
// replicas and the pooler talk to a server. To use another libpq function, add its forwarder
// below.
#include <libpq-fe.h>

#include "util/library_on_demand.hpp"

namespace {

void* libpq_handle() {
    static void* const handle = pgfit::open_library_or_exit("libpq.so.5");
    return handle;
}

template <typename Function>
Function* resolve(Function* self, const char* name) {
    return pgfit::resolve_or_exit(libpq_handle(), self, name);
}

} // namespace

extern "C" {

int PQcancel(PGcancel* cancel, char* errbuf, int errbufsize) {
    static auto* const real = resolve(&PQcancel, "PQcancel");
    return real(cancel, errbuf, errbufsize);
}
void PQclear(PGresult* res) {
    static auto* const real = resolve(&PQclear, "PQclear");
    real(res);
}
PGconn* PQconnectdbParams(const char* const* keywords, const char* const* values, int expand_dbname) {
    static auto* const real = resolve(&PQconnectdbParams, "PQconnectdbParams");
    return real(keywords, values, expand_dbname);
}
int PQconsumeInput(PGconn* conn) {
    static auto* const real = resolve(&PQconsumeInput, "PQconsumeInput");
    return real(conn);
}
char* PQencryptPasswordConn(PGconn* conn, const char* passwd, const char* user, const char* algorithm) {
    static auto* const real = resolve(&PQencryptPasswordConn, "PQencryptPasswordConn");
    return real(conn, passwd, user, algorithm);
}
char* PQerrorMessage(const PGconn* conn) {
    static auto* const real = resolve(&PQerrorMessage, "PQerrorMessage");
    return real(conn);
}
char* PQescapeIdentifier(PGconn* conn, const char* str, size_t len) {
    static auto* const real = resolve(&PQescapeIdentifier, "PQescapeIdentifier");
    return real(conn, str, len);
}
char* PQescapeLiteral(PGconn* conn, const char* str, size_t len) {
    static auto* const real = resolve(&PQescapeLiteral, "PQescapeLiteral");
    return real(conn, str, len);
}
PGresult* PQexec(PGconn* conn, const char* query) {
    static auto* const real = resolve(&PQexec, "PQexec");
    return real(conn, query);
}
PGresult* PQexecParams(PGconn* conn, const char* command, int nParams, const Oid* paramTypes, const char* const* paramValues, const int* paramLengths, const int* paramFormats, int resultFormat) {
    static auto* const real = resolve(&PQexecParams, "PQexecParams");
    return real(conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats, resultFormat);
}
void PQfinish(PGconn* conn) {
    static auto* const real = resolve(&PQfinish, "PQfinish");
    real(conn);
}
void PQfreeCancel(PGcancel* cancel) {
    static auto* const real = resolve(&PQfreeCancel, "PQfreeCancel");
    real(cancel);
}
void PQfreemem(void* ptr) {
    static auto* const real = resolve(&PQfreemem, "PQfreemem");
    real(ptr);
}
PGcancel* PQgetCancel(PGconn* conn) {
    static auto* const real = resolve(&PQgetCancel, "PQgetCancel");
    return real(conn);
}
int PQgetCopyData(PGconn* conn, char** buffer, int async) {
    static auto* const real = resolve(&PQgetCopyData, "PQgetCopyData");
    return real(conn, buffer, async);
}
PGresult* PQgetResult(PGconn* conn) {
    static auto* const real = resolve(&PQgetResult, "PQgetResult");
    return real(conn);
}
int PQgetisnull(const PGresult* res, int tup_num, int field_num) {
    static auto* const real = resolve(&PQgetisnull, "PQgetisnull");
    return real(res, tup_num, field_num);
}
char* PQgetvalue(const PGresult* res, int tup_num, int field_num) {
    static auto* const real = resolve(&PQgetvalue, "PQgetvalue");
    return real(res, tup_num, field_num);
}
int PQisBusy(PGconn* conn) {
    static auto* const real = resolve(&PQisBusy, "PQisBusy");
    return real(conn);
}
int PQnfields(const PGresult* res) {
    static auto* const real = resolve(&PQnfields, "PQnfields");
    return real(res);
}
int PQntuples(const PGresult* res) {
    static auto* const real = resolve(&PQntuples, "PQntuples");
    return real(res);
}
const char* PQparameterStatus(const PGconn* conn, const char* paramName) {
    static auto* const real = resolve(&PQparameterStatus, "PQparameterStatus");
    return real(conn, paramName);
}
PGPing PQping(const char* conninfo) {
    static auto* const real = resolve(&PQping, "PQping");
    return real(conninfo);
}
PGPing PQpingParams(const char* const* keywords, const char* const* values, int expand_dbname) {
    static auto* const real = resolve(&PQpingParams, "PQpingParams");
    return real(keywords, values, expand_dbname);
}
int PQputCopyData(PGconn* conn, const char* buffer, int nbytes) {
    static auto* const real = resolve(&PQputCopyData, "PQputCopyData");
    return real(conn, buffer, nbytes);
}
int PQputCopyEnd(PGconn* conn, const char* errormsg) {
    static auto* const real = resolve(&PQputCopyEnd, "PQputCopyEnd");
    return real(conn, errormsg);
}
char* PQresultErrorField(const PGresult* res, int fieldcode) {
    static auto* const real = resolve(&PQresultErrorField, "PQresultErrorField");
    return real(res, fieldcode);
}
char* PQresultErrorMessage(const PGresult* res) {
    static auto* const real = resolve(&PQresultErrorMessage, "PQresultErrorMessage");
    return real(res);
}
ExecStatusType PQresultStatus(const PGresult* res) {
    static auto* const real = resolve(&PQresultStatus, "PQresultStatus");
    return real(res);
}
int PQsendQuery(PGconn* conn, const char* query) {
    static auto* const real = resolve(&PQsendQuery, "PQsendQuery");
    return real(conn, query);
}
int PQserverVersion(const PGconn* conn) {
    static auto* const real = resolve(&PQserverVersion, "PQserverVersion");
    return real(conn);
}
PQnoticeReceiver PQsetNoticeReceiver(PGconn* conn, PQnoticeReceiver proc, void* arg) {
    static auto* const real = resolve(&PQsetNoticeReceiver, "PQsetNoticeReceiver");
    return real(conn, proc, arg);
}
int PQsocket(const PGconn* conn) {
    static auto* const real = resolve(&PQsocket, "PQsocket");
    return real(conn);
}
ConnStatusType PQstatus(const PGconn* conn) {
    static auto* const real = resolve(&PQstatus, "PQstatus");
    return real(conn);
}
} // extern "C"
