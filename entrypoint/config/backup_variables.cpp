#include "config/backup_variables.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <regex>

#include "config/secrets.hpp"
#include "config/values.hpp"
#include "util/strings.hpp"

namespace pgfit::config {

namespace {

constexpr std::string_view k_prefix = "PGBACKREST_";

// Secrets: NAME or NAME_FILE (pgBackRest itself knows no _FILE).
constexpr std::array<const char*, 3> k_secrets = {
    "PGBACKREST_REPO1_S3_KEY", "PGBACKREST_REPO1_S3_KEY_SECRET", "PGBACKREST_REPO1_CIPHER_PASS"};

// Options pgfit sets from what it knows (PGDATA, the port, the socket, its own directory).
constexpr std::array<std::string_view, 10> k_owned = {
    "config",          "config-path", "config-include-path", "pg1-path",      "pg1-port",
    "pg1-socket-path", "spool-path",  "lock-path",           "archive-async", "log-path"};

bool is_secret_variable(std::string_view name) {
    return std::any_of(k_secrets.begin(), k_secrets.end(), [&](std::string_view secret) {
        return name == secret ||
               (name.starts_with(secret) && name.substr(secret.size()) == "_FILE");
    });
}

// PGBACKREST_REPO1_S3_KEY → repo1-s3-key
std::string option_name(std::string_view variable) {
    std::string option(variable.substr(k_prefix.size()));
    for (auto& c : option) {
        c = c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return option;
}

Result<void> check_positive(std::string_view text, std::string_view where) {
    const bool digits = !text.empty() && text.size() < 6 &&
                        std::all_of(text.begin(), text.end(), is_ascii_digit) && text != "0" &&
                        text.front() != '0';
    if (!digits) {
        return bad_input(std::string(where), "'{}' is not a count; expected a whole number >= 1",
                         text);
    }
    return {};
}

// The repository options, in a stable order: the known ones first, then the passed-through.
Result<std::vector<std::pair<std::string, std::string>>>
repository_options(const Environment& environment) {
    std::vector<std::pair<std::string, std::string>> options;
    for (const auto& [name, value] : environment.variables()) {
        if (!name.starts_with(k_prefix) || name == "PGBACKREST_STANZA" ||
            is_secret_variable(name) || value.empty()) {
            continue;
        }
        if (std::find(k_owned.begin(), k_owned.end(), option_name(name)) != k_owned.end()) {
            return bad_input(name,
                             "pgfit sets this pgBackRest option itself (from PGDATA, "
                             "PGPORT and its own directory PGDATA/pgfit-pgbackrest); unset it");
        }
        if (value.find('\n') != std::string::npos) {
            return bad_input(name, "the value holds a line break");
        }
        options.emplace_back(option_name(name), value);
    }
    for (const char* secret : k_secrets) {
        PGFIT_TRY_ASSIGN(const auto value, read_secret(environment, secret));
        if (value && !value->empty()) {
            if (value->find('\n') != std::string::npos) {
                return bad_input(secret, "the value holds a line break");
            }
            options.emplace_back(option_name(secret), *value);
        }
    }
    std::sort(options.begin(), options.end());
    return options;
}

std::optional<std::string> option(const std::vector<std::pair<std::string, std::string>>& options,
                                  std::string_view name) {
    for (const auto& [key, value] : options) {
        if (key == name) {
            return value;
        }
    }
    return std::nullopt;
}

Result<void> check_repository(const std::vector<std::pair<std::string, std::string>>& options) {
    const auto type = option(options, "repo1-type").value_or("posix");
    if (type == "posix") {
        const auto path = option(options, "repo1-path");
        if (path && !path->starts_with('/')) {
            return bad_input("PGBACKREST_REPO1_PATH", "'{}' is not an absolute path", *path);
        }
        return {};
    }
    if (type != "s3") {
        return bad_input("PGBACKREST_REPO1_TYPE",
                         "'{}' is not a repository type pgfit configures; expected posix (with "
                         "PGBACKREST_REPO1_PATH) or s3",
                         type);
    }
    for (const char* required : {"repo1-s3-endpoint", "repo1-s3-bucket", "repo1-s3-region",
                                 "repo1-s3-key", "repo1-s3-key-secret"}) {
        if (!option(options, required)) {
            std::string variable = "PGBACKREST_" + std::string(required);
            for (auto& c : variable) {
                c = c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            }
            return bad_input(variable, "not set; an s3 repository (PGBACKREST_REPO1_TYPE=s3) "
                                       "needs its endpoint, bucket, region, key and key secret");
        }
    }
    return {};
}

Result<std::optional<backup::ScheduledBackup>>
read_schedule(const Environment& environment, const char* variable, backup::BackupType type) {
    const auto text = environment.get_non_empty(variable);
    if (!text) {
        return std::optional<backup::ScheduledBackup>{};
    }
    PGFIT_TRY_ASSIGN(auto schedule, backup::parse_cron(*text, variable));
    return std::optional<backup::ScheduledBackup>{backup::ScheduledBackup{type, schedule, *text}};
}

bool repository_configured(const Environment& environment) {
    return environment.get_non_empty("PGBACKREST_REPO1_PATH").has_value() ||
           environment.get_non_empty("PGBACKREST_REPO1_TYPE").has_value();
}

} // namespace

std::optional<Sourced<Bytes>> backup_memory_reserve(const Environment& environment) {
    if (!repository_configured(environment)) {
        return std::nullopt;
    }
    unsigned processes = 1;
    if (const auto text = environment.get_non_empty("PGBACKREST_PROCESS_MAX")) {
        unsigned parsed = 0;
        const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), parsed);
        if (error == std::errc{} && end == text->data() + text->size() && parsed > 0) {
            processes = parsed;
        }
    }
    return sourced(Bytes::mib(48 * processes), OriginKind::env,
                   fmt::format("pgBackRest beside postgres: 48 MiB x {} process{} "
                               "(PGBACKREST_PROCESS_MAX)",
                               processes, processes == 1 ? "" : "es"));
}

Result<backup::RestoreTarget> parse_restore_target(std::string_view raw, std::string_view where) {
    const auto text = trim(raw);
    using Kind = backup::RestoreTarget::Kind;
    if (text == "latest") {
        return backup::RestoreTarget{Kind::latest, ""};
    }
    if (text.starts_with("lsn:")) {
        static const std::regex lsn(R"(^[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}$)");
        const std::string value(text.substr(4));
        if (!std::regex_match(value, lsn)) {
            return bad_input(std::string(where), "'{}' is not an LSN (expected lsn:16/B374D848)",
                             value);
        }
        return backup::RestoreTarget{Kind::lsn, value};
    }
    if (text.starts_with("name:")) {
        const std::string value(text.substr(5));
        if (value.empty() || value.size() > 63 ||
            value.find_first_of("'\"\n\\") != std::string::npos) {
            return bad_input(std::string(where),
                             "'{}' is not a restore point name (1 to 63 characters, no quotes)",
                             value);
        }
        return backup::RestoreTarget{Kind::name, value};
    }
    // A time zone is required: the same text must mean the same instant wherever it is restored.
    static const std::regex time(
        R"(^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)? ?(Z|UTC|[+-]\d{2}(:?\d{2})?)$)");
    const std::string value(text);
    if (!std::regex_match(value, time)) {
        return bad_input(std::string(where),
                         "'{}' is not a restore target; expected latest, a timestamp with a time "
                         "zone ('2026-12-04 23:05:00+00'), lsn:<LSN> or name:<restore point>",
                         value);
    }
    return backup::RestoreTarget{Kind::time, value};
}

Result<std::optional<backup::BackupSettings>> read_backup_settings(const Environment& environment) {
    const auto restore = environment.get_non_empty("PGFIT_RESTORE");
    if (!repository_configured(environment)) {
        for (const char* variable : {"PGFIT_RESTORE", "PGFIT_BACKUP_FULL_SCHEDULE",
                                     "PGFIT_BACKUP_DIFF_SCHEDULE", "PGFIT_BACKUP_INCR_SCHEDULE"}) {
            if (environment.get_non_empty(variable)) {
                return bad_input(variable, "needs a pgBackRest repository: set "
                                           "PGBACKREST_REPO1_PATH (a mounted volume) or "
                                           "PGBACKREST_REPO1_TYPE=s3 and its options");
            }
        }
        return std::optional<backup::BackupSettings>{};
    }
    backup::BackupSettings settings;
    settings.stanza = environment.get_non_empty("PGBACKREST_STANZA").value_or("main");
    static const std::regex stanza(R"(^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$)");
    if (!std::regex_match(settings.stanza, stanza)) {
        return bad_input("PGBACKREST_STANZA",
                         "'{}' is not a stanza name; expected letters, digits, '_', '.' and '-'",
                         settings.stanza);
    }
    PGFIT_TRY_ASSIGN(settings.repository, repository_options(environment));
    PGFIT_TRY(check_repository(settings.repository));
    for (const char* count : {"PGBACKREST_REPO1_RETENTION_FULL", "PGBACKREST_REPO1_RETENTION_DIFF",
                              "PGBACKREST_PROCESS_MAX"}) {
        if (const auto text = environment.get_non_empty(count)) {
            PGFIT_TRY(check_positive(*text, count));
        }
    }
    if (const auto text = environment.get_non_empty("PGFIT_BACKUP_RPO")) {
        PGFIT_TRY_ASSIGN(const auto rpo, parse_duration(*text, "PGFIT_BACKUP_RPO"));
        if (rpo < std::chrono::seconds(10)) {
            return bad_input("PGFIT_BACKUP_RPO",
                             "'{}' is below 10 s; every WAL segment switched that often is 16 MB "
                             "in the repository",
                             *text);
        }
        settings.rpo = std::chrono::duration_cast<std::chrono::seconds>(rpo);
    }
    using backup::BackupType;
    for (const auto& [variable, type] :
         {std::pair{"PGFIT_BACKUP_FULL_SCHEDULE", BackupType::full},
          std::pair{"PGFIT_BACKUP_DIFF_SCHEDULE", BackupType::diff},
          std::pair{"PGFIT_BACKUP_INCR_SCHEDULE", BackupType::incr}}) {
        PGFIT_TRY_ASSIGN(const auto scheduled, read_schedule(environment, variable, type));
        if (scheduled) {
            settings.schedules.push_back(*scheduled);
        }
    }
    if (restore) {
        PGFIT_TRY_ASSIGN(settings.restore, parse_restore_target(*restore, "PGFIT_RESTORE"));
    }
    return std::optional<backup::BackupSettings>{std::move(settings)};
}

} // namespace pgfit::config
