#include "detect/root_fs.hpp"

#include <cstring>

#include "util/file.hpp"

namespace pgfit::detect {

RootFs::RootFs(std::string root) : m_root(std::move(root)) {
    while (!m_root.empty() && m_root.back() == '/') {
        m_root.pop_back();
    }
}

std::string RootFs::outside(std::string_view path) const {
    return m_root + std::string(path);
}

Result<std::string> RootFs::read(std::string_view path) const {
    auto content = read_file(outside(path));
    if (!content) {
        const int saved = content.error().sys_errno;
        return Unexpected{
            Error{std::string(path), fmt::format("cannot read: {}", std::strerror(saved)), saved}};
    }
    return content;
}

bool RootFs::is_directory(std::string_view path) const {
    return pgfit::is_directory(outside(path));
}

bool RootFs::exists(std::string_view path) const {
    return path_exists(outside(path));
}

std::string join_path(std::string_view directory, std::string_view relative) {
    while (relative.starts_with('/')) {
        relative.remove_prefix(1);
    }
    std::string joined(directory);
    if (relative.empty()) {
        return joined.empty() ? "/" : joined;
    }
    if (joined.empty() || joined.back() != '/') {
        joined.push_back('/');
    }
    joined.append(relative);
    return joined;
}

} // namespace pgfit::detect
