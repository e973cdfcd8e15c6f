// The plan for the container path (`pgfit` as entrypoint): tuner inputs from the environment
// and pgfit.toml, resources as detected, the PostgreSQL version and catalog from the server
// binary.
#pragma once

#include <string>

#include "detect/resources.hpp"
#include "tune/plan.hpp"
#include "util/environment.hpp"
#include "util/result.hpp"

namespace pgfit::config {

// Fails only on bad operator input (a malformed variable, a broken pgfit.toml); the error
// names the variable or `file:line:column`, and the caller exits with code 2.
Result<tune::Plan> plan_for_container(const Environment& environment,
                                      const detect::Resources& resources,
                                      const std::string& postgres_binary);

} // namespace pgfit::config
