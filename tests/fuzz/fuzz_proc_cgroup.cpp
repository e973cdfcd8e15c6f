// parse_proc_cgroup and cgroup path translation must never crash; every path they keep is
// absolute, and a translation never yields a `..` component (it could escape the mount).
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "detect/hierarchy.hpp"
#include "detect/proc_cgroup.hpp"

namespace {

bool has_dot_dot(std::string_view path) {
    return path == ".." || path.starts_with("../") || path.ends_with("/..") ||
           path.find("/../") != std::string_view::npos;
}

void check_translation(std::string_view root, std::string_view path) {
    const auto translated = pgfit::detect::translate_cgroup_path(root, path);
    if (!translated.relative.starts_with('/') ||
        (translated.mapping != pgfit::detect::PathMapping::outside_namespace &&
         has_dot_dot(translated.relative))) {
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto parsed = pgfit::detect::parse_proc_cgroup(text, "/proc/self/cgroup");
    // The first line doubles as a mount root to translate the parsed paths through.
    const std::string_view root = text.substr(0, text.find('\n'));
    if (parsed.unified_path) {
        if (!parsed.unified_path->starts_with('/')) {
            std::abort();
        }
        check_translation(root, *parsed.unified_path);
        check_translation("/", *parsed.unified_path);
    }
    for (const auto& [controller, path] : parsed.controller_paths) {
        if (controller.empty() || controller.starts_with("name=") || !path.starts_with('/')) {
            std::abort();
        }
        check_translation(root, path);
        check_translation(path, path);
    }
    return 0;
}
