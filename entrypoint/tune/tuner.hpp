// The tuner: inputs in, plan out. Pure (no files, environment, clock or processes), so the same
// inputs always give the same plan and the whole input space can be tested.
#pragma once

#include "tune/inputs.hpp"
#include "tune/plan.hpp"

namespace pgfit::tune {

// Settings in a fixed order, each with its reason; the budget of exactly those settings; and a
// warning for every value clamped or dropped by the catalog and for a worst case that does not
// fit. Never fails: where nothing fits it returns its smallest settings with `fits` false.
Plan make_plan(const Inputs& inputs);

} // namespace pgfit::tune
