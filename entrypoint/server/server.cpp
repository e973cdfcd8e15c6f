#include "server/server.hpp"

#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

#include "server/cache.hpp"
#include "supervise/run_captured.hpp"
#include "supervise/spawn.hpp"
#include "util/file.hpp"
#include "util/strings.hpp"

namespace pgfit::server {

namespace {

bool is_executable(const std::string& path) {
    return access(path.c_str(), X_OK) == 0 && !is_directory(path);
}

std::string directory_of(const std::string& path) {
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? "." : path.substr(0, slash);
}

// A question to the installation (postgres --version, --describe-config, pg_config): each
// answers within a second; a hung one is stopped rather than blocking the start.
constexpr std::chrono::seconds k_question_timeout{60};

// Runs `argv` under the supervisor, from /, in the C locale. Its standard output when it exits
// 0; else an error (where = argv[0]) with how it ended and the first line of its standard error.
Result<std::string> ask(supervise::Supervisor& supervisor, std::vector<std::string> argv) {
    supervise::ChildSpec spec;
    spec.argv = std::move(argv);
    spec.environment.set(
        "PATH", Environment::from_process().get("PATH").value_or(supervise::k_default_path));
    spec.environment.set("LC_ALL", "C");
    spec.working_directory = "/";
    PGFIT_TRY_ASSIGN(const auto captured,
                     supervise::run_captured(supervisor, spec, k_question_timeout));
    if (captured.exit.exit_code() == 0) {
        return captured.out;
    }
    const auto first_line = trim(split(captured.err, '\n').front());
    return fail(spec.argv.front(), "failed with {}{}{}", supervise::describe_exit(captured.exit),
                first_line.empty() ? "" : ": ", first_line);
}

} // namespace

Result<std::string> find_postgres_binary(const Environment& environment, const std::string& root) {
    const auto on_path = supervise::resolve_command("postgres", environment);
    if (on_path.error == 0) {
        // Through links to the installation (e.g. /usr/local/bin/postgres ->
        // /usr/lib/postgresql/15/bin/postgres): its directory also holds initdb, pg_controldata.
        // A binary that is no link is in that directory already.
        struct stat info {};
        if (::lstat(on_path.path.c_str(), &info) == 0 && !S_ISLNK(info.st_mode)) {
            return on_path.path;
        }
        std::error_code error;
        const auto real = std::filesystem::canonical(on_path.path, error);
        return error ? on_path.path : real.string();
    }
    std::string newest;
    double newest_version = -1;
    std::error_code ignored;
    for (const auto& entry : std::filesystem::directory_iterator(root, ignored)) {
        const auto version = parse_decimal(entry.path().filename().string());
        const auto candidate = entry.path() / "bin" / "postgres";
        if (version && *version > newest_version && ::access(candidate.c_str(), X_OK) == 0) {
            newest = candidate.string();
            newest_version = *version;
        }
    }
    if (newest.empty()) {
        auto missing =
            fail("postgres", "cannot find the postgres program: not in PATH '{}' nor in {}/*/bin",
                 environment.get("PATH").value_or(supervise::k_default_path), root);
        missing.error.kind = ErrorKind::not_found;
        return missing;
    }
    return newest;
}

std::string bindir_of(const std::string& binary) {
    return std::filesystem::path(binary).parent_path().string();
}

std::optional<unsigned> parse_postgres_version(std::string_view text) {
    const auto marker = text.find("(PostgreSQL) ");
    if (marker == std::string_view::npos) {
        return std::nullopt;
    }
    auto rest = text.substr(marker + 13);
    std::size_t digits = 0;
    while (digits < rest.size() && is_ascii_digit(rest[digits])) {
        ++digits;
    }
    const auto major = parse_uint64(rest.substr(0, digits));
    if (!major || *major == 0 || *major > 1000) {
        return std::nullopt;
    }
    return static_cast<unsigned>(*major);
}

Result<unsigned> postgres_major(supervise::Supervisor& supervisor, const std::string& binary,
                                const std::string& cache_dir, std::vector<std::string>& notes) {
    const std::string file = cache_dir + "/postgres-version";
    const std::string key = "version " + file_fingerprint(binary);
    if (auto cached = cache_lookup(file, key)) {
        if (const auto major = parse_postgres_version(*cached)) {
            return *major;
        }
    }
    auto output = ask(supervisor, {binary, "--version"});
    if (!output) {
        return Unexpected{output.error()};
    }
    cache_store(file, key, *output, notes);
    const auto major = parse_postgres_version(*output);
    if (!major) {
        return fail(binary, "cannot read the version in '{}'", trim(*output));
    }
    return *major;
}

std::string server_pkglibdir(supervise::Supervisor& supervisor, const std::string& binary,
                             const Environment& environment) {
    const std::string beside = directory_of(directory_of(binary)) + "/lib";
    if (path_exists(beside + "/plpgsql.so")) {
        return beside;
    }
    std::string pg_config = directory_of(binary) + "/pg_config";
    if (!is_executable(pg_config)) {
        pg_config.clear();
        const std::string path = environment.get("PATH").value_or("");
        for (const auto entry : split(path, ':')) {
            const std::string candidate = std::string(entry) + "/pg_config";
            if (!entry.empty() && is_executable(candidate)) {
                pg_config = candidate;
                break;
            }
        }
    }
    if (pg_config.empty()) {
        return "";
    }
    auto output = ask(supervisor, {pg_config, "--pkglibdir"});
    return output ? std::string(trim(*output)) : std::string();
}

std::vector<std::string> available_libraries(const std::string& pkglibdir,
                                             const std::vector<std::string>& candidates) {
    std::vector<std::string> found;
    if (pkglibdir.empty()) {
        return found;
    }
    for (const auto& name : candidates) {
        if (path_exists(pkglibdir + "/" + name + ".so")) {
            found.push_back(name);
        }
    }
    return found;
}

std::optional<tune::Catalog> server_catalog(supervise::Supervisor& supervisor,
                                            const std::string& binary, const std::string& cache_dir,
                                            std::vector<std::string>& notes) {
    const std::string file = cache_dir + "/describe-config";
    const std::string key = "describe-config " + file_fingerprint(binary);
    if (auto cached = cache_lookup(file, key)) {
        if (auto catalog = tune::parse_describe_config(*cached)) {
            return catalog;
        }
    }
    auto output = ask(supervisor, {binary, "--describe-config"});
    if (!output) {
        notes.push_back("cannot read the server's catalog: " + output.error().to_string());
        return std::nullopt;
    }
    auto catalog = tune::parse_describe_config(*output);
    if (!catalog) {
        notes.push_back(fmt::format("{} --describe-config printed no settings", binary));
        return std::nullopt;
    }
    cache_store(file, key, tune::describe_config_for_plan(*output), notes);
    return catalog;
}

} // namespace pgfit::server
