// A whole file as a read-only memory map, so a multi-gigabyte dump in an init directory costs
// page cache rather than heap.
#pragma once

#include <string>
#include <string_view>

#include "util/result.hpp"

namespace pgfit::psql {

class MappedFile {
public:
    static Result<MappedFile> open(const std::string& path);

    std::string_view text() const { return {static_cast<const char*>(m_data), m_size}; }

    MappedFile(MappedFile&& other) noexcept;
    MappedFile& operator=(MappedFile&& other) noexcept;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    ~MappedFile();

private:
    MappedFile(void* data, std::size_t size) : m_data(data), m_size(size) {}
    void* m_data = nullptr;
    std::size_t m_size = 0;
};

} // namespace pgfit::psql
