// Reading and writing whole files, with errors that name the path and keep errno.
#pragma once

#include <string>
#include <sys/types.h>

#include "util/result.hpp"

namespace pgfit {

// The whole file. Error: where = path, message = strerror, sys_errno = errno.
Result<std::string> read_file(const std::string& path);

// Writes `content` to a temporary file beside `path`, fsyncs it, renames it over `path` and
// fsyncs the directory, so readers see either the old file or the complete new one.
Result<void> write_file_atomic(const std::string& path, std::string_view content, mode_t mode);

// syncfs(2) of the filesystem that holds `path`: one flush instead of an fsync per file.
// Error: where = path.
Result<void> sync_filesystem_of(const std::string& path);

bool path_exists(const std::string& path);
// `path` when absolute, else joined to the working directory.
std::string absolute_path(std::string path);
bool is_directory(const std::string& path);

} // namespace pgfit
