// What decides the collation versions a server reports: the C library's version, and the ICU
// it links, which cannot change without the server binary changing too (a new ICU has a new
// soname, so the server is rebuilt). The collation check (collation/check.hpp) runs only when
// this differs from the key it recorded after its last clean run, so a normal restart costs
// one stat(2).
#pragma once

#include <string>

namespace pgfit::collation {

// "glibc 2.36; /usr/lib/postgresql/18/bin/postgres 9741320 1764806400" (size, mtime).
std::string library_key(const std::string& postgres_binary);

} // namespace pgfit::collation
