#include "backup/pgbackrest_conf.hpp"

#include <cerrno>
#include <cstring>
#include <sys/stat.h>

#include <fmt/format.h>

#include "util/file.hpp"

namespace pgfit::backup {

namespace {

bool has_option(const BackupSettings& settings, std::string_view name) {
    for (const auto& [key, value] : settings.repository) {
        if (key == name) {
            return true;
        }
    }
    return false;
}

// A word for the shell postgres runs archive_command/restore_command with.
std::string shell_quote(const std::string& word) {
    if (word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/"
                               "._-=") == std::string::npos) {
        return word;
    }
    std::string quoted = "'";
    for (const char c : word) {
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return quoted + "'";
}

// pgBackRest on this cluster's conf and stanza, for a command line postgres runs.
std::string command_prefix(const BackupSettings& settings, const std::string& pgdata) {
    std::string prefix;
    for (const auto& word : pgbackrest_argv(settings, pgdata, {})) {
        prefix += shell_quote(word) + " ";
    }
    return prefix;
}

Result<void> make_directory(const std::string& path) {
    if (::mkdir(path.c_str(), 0700) != 0 && errno != EEXIST) {
        return fail(path, "cannot create the directory: {}", std::strerror(errno));
    }
    return {};
}

} // namespace

const char* type_name(BackupType type) {
    switch (type) {
    case BackupType::full:
        return "full";
    case BackupType::diff:
        return "diff";
    case BackupType::incr:
        return "incr";
    }
    return "full";
}

Cluster cluster_of(const config::BootstrapSettings& bootstrap) {
    return Cluster{bootstrap.pgdata, bootstrap.socket_directory, bootstrap.port, bootstrap.user};
}

std::string pgbackrest_directory(const std::string& pgdata) {
    return pgdata + "/" + k_directory_name;
}

std::string conf_path(const std::string& pgdata) {
    return pgbackrest_directory(pgdata) + "/pgbackrest.conf";
}

std::string render_conf(const BackupSettings& settings, const Cluster& cluster) {
    const auto directory = pgbackrest_directory(cluster.pgdata);
    std::string text = "# Written by pgfit at every start from the PGBACKREST_* variables; edits "
                       "are lost.\n[global]\n";
    for (const auto& [key, value] : settings.repository) {
        text += fmt::format("{}={}\n", key, value);
    }
    // Defaults pgfit chooses; a PGBACKREST_* variable of the same option replaces each.
    const std::vector<std::pair<const char*, const char*>> defaults = {
        {"repo1-retention-full", "2"}, {"process-max", "1"},      {"start-fast", "y"},
        {"log-level-console", "warn"}, {"log-level-file", "off"}, {"compress-type", "lz4"}};
    for (const auto& [key, value] : defaults) {
        if (!has_option(settings, key)) {
            text += fmt::format("{}={}\n", key, value);
        }
    }
    text += fmt::format("archive-async=y\nspool-path={0}/spool\nlock-path={0}/lock\n"
                        "exclude={1}/\n",
                        directory, k_directory_name);
    text += fmt::format("\n[{}]\npg1-path={}\npg1-port={}\npg1-socket-path={}\npg1-user={}\n",
                        settings.stanza, cluster.pgdata, cluster.port, cluster.socket_dir,
                        cluster.user);
    return text;
}

Result<void> write_conf(const BackupSettings& settings, const Cluster& cluster) {
    const auto directory = pgbackrest_directory(cluster.pgdata);
    PGFIT_TRY(make_directory(directory));
    PGFIT_TRY(make_directory(directory + "/spool"));
    PGFIT_TRY(make_directory(directory + "/lock"));
    return write_file_atomic(conf_path(cluster.pgdata), render_conf(settings, cluster), 0600);
}

std::chrono::seconds archive_timeout_for(std::chrono::seconds rpo) {
    const auto margin = std::min(rpo / 5, std::chrono::seconds(60));
    return rpo - margin;
}

std::vector<std::string> pgbackrest_argv(const BackupSettings& settings, const std::string& pgdata,
                                         const std::vector<std::string>& command) {
    std::vector<std::string> argv{"pgbackrest", "--config=" + conf_path(pgdata),
                                  "--stanza=" + settings.stanza};
    argv.insert(argv.end(), command.begin(), command.end());
    return argv;
}

std::string restore_command(const BackupSettings& settings, const std::string& pgdata) {
    return command_prefix(settings, pgdata) + "archive-get %f \"%p\"";
}

std::vector<std::string> server_flags(const BackupSettings& settings, const std::string& pgdata) {
    return {"-c", "archive_mode=on",
            "-c", "archive_command=" + command_prefix(settings, pgdata) + "archive-push %p",
            "-c", fmt::format("archive_timeout={}s", archive_timeout_for(settings.rpo).count()),
            "-c", "restore_command=" + restore_command(settings, pgdata)};
}

} // namespace pgfit::backup
