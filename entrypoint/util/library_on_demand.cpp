#include "util/library_on_demand.hpp"

#include <cstdio>
#include <cstdlib>
#include <dlfcn.h>

namespace pgfit {

namespace {

[[noreturn]] void cannot_load(const char* what, const char* error) {
    std::fprintf(stderr, "pgfit: ERROR: %s: %s\n", what, error != nullptr ? error : "unknown error");
    std::fflush(stderr);
    std::_Exit(1);
}

} // namespace

void* open_library_or_exit(const char* soname) {
    void* handle = ::dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
        cannot_load(soname, ::dlerror());
    }
    return handle;
}

void* symbol_or_exit(void* handle, const char* name) {
    void* symbol = ::dlsym(handle, name);
    if (symbol == nullptr) {
        cannot_load(name, ::dlerror());
    }
    return symbol;
}

} // namespace pgfit
