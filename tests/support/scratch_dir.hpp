// A private directory under /tmp for one test case, removed when the case ends.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

#include <doctest/doctest.h>

#include "util/file.hpp"

namespace pgfit::test {

struct ScratchDir {
    std::string path;
    ScratchDir() {
        char pattern[] = "/tmp/pgfit-unit.XXXXXX";
        const char* made = ::mkdtemp(pattern);
        REQUIRE(made != nullptr);
        path = made;
    }
    ~ScratchDir() { std::filesystem::remove_all(path); }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;

    std::string file(const std::string& name, const std::string& content) const {
        const std::string full = path + "/" + name;
        std::filesystem::create_directories(std::filesystem::path(full).parent_path());
        REQUIRE(write_file_atomic(full, content, 0600).has_value());
        return full;
    }
    std::string dir(const std::string& name) const {
        const std::string full = path + "/" + name;
        std::filesystem::create_directories(full);
        return full;
    }
};

} // namespace pgfit::test
