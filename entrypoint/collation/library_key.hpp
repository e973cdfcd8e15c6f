// What decides the collation versions a server reports: the C library's version and the ICU
// libraries installed beside it. The collation check (collation/check.hpp) runs only when this
// differs from the key it recorded after its last clean run, so a normal restart costs nothing.
#pragma once

#include <string>

namespace pgfit::collation {

// "glibc 2.36; libicui18n.so.72.1 libicuuc.so.72.1" (the ICU part empty without ICU).
std::string library_key();

} // namespace pgfit::collation
