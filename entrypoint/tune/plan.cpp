#include "tune/plan.hpp"

namespace pgfit::tune {

const Setting* Plan::find(std::string_view name) const {
    for (const auto& setting : settings) {
        if (setting.name == name) {
            return &setting;
        }
    }
    return nullptr;
}

} // namespace pgfit::tune
