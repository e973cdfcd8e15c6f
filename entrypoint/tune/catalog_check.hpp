// The last step of every plan: each setting checked against the server's catalog, so pgfit
// never emits a flag that stops postgres from starting.
#pragma once

#include <string>
#include <vector>

#include "tune/catalog.hpp"
#include "tune/plan.hpp"

namespace pgfit::tune {

// Drops a setting the catalog does not list (dotted extension settings are kept: the catalog
// is read without loading extensions, and postgres accepts them as placeholders) and clamps a
// numeric value outside the catalog's bounds. Appends one warning per change.
std::vector<Setting> check_against_catalog(std::vector<Setting> settings, const Catalog& catalog,
                                           std::vector<std::string>& warnings);

} // namespace pgfit::tune
