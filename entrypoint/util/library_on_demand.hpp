// A shared library opened the first time one of its functions is called rather than when pgfit
// starts (psql/libpq_on_demand.cpp, tls/libcrypto_on_demand.cpp): linked, each costs every
// pgfit process its load time, while only some paths call it. A forwarder file defines each
// function pgfit uses with the library header's signature (the compiler checks it), forwarding
// to the library's own, found once; a missing library or symbol ends pgfit with one line
// naming it.
#pragma once

namespace pgfit {

// The handle of `soname`, opened now (RTLD_NOW | RTLD_LOCAL); exits 1 naming it when it cannot.
void* open_library_or_exit(const char* soname);

// The address of `name` in `handle`; exits 1 naming it when missing.
void* symbol_or_exit(void* handle, const char* name);

// The library's definition of `name`, of the type of pgfit's forwarder `self`.
template <typename Function>
Function* resolve_or_exit(void* handle, Function* /*self*/, const char* name) {
    return reinterpret_cast<Function*>(symbol_or_exit(handle, name));
}

} // namespace pgfit
