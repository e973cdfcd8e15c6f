#include "pooler/pgbouncer_ini.hpp"

#include <algorithm>

namespace pgfit::pooler {

namespace {

bool is_bare(std::string_view text, std::string_view extra) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [&](char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
               extra.find(c) != std::string_view::npos;
    });
}

std::string quoted(std::string_view text, char quote) {
    std::string result(1, quote);
    for (const char c : text) {
        result += c;
        if (c == quote) {
            result += quote;
        }
    }
    result += quote;
    return result;
}

std::string databases_block(const PoolerSettings& settings) {
    std::string block;
    for (const auto& database : settings.databases) {
        block += fmt::format("{} = host={} port={} dbname={}\n", database.alias,
                             connstring_value(settings.server_host), settings.server_port,
                             connstring_value(database.name));
    }
    return block;
}

std::string version_block(const PoolerSettings& settings, const PgBouncerVersion& version) {
    std::string block = fmt::format("; for PgBouncer {}\n", version.to_string());
    block += fmt::format("ignore_startup_parameters = {}\n", ignores_options_parameter(version)
                                                                 ? "extra_float_digits,options"
                                                                 : "extra_float_digits");
    if (supports_prepared_statements(version)) {
        block += fmt::format("max_prepared_statements = {}\n", settings.max_prepared_statements);
    }
    // The server's TLS here rather than in a placeholder of its own, so that an operator's
    // template (PGFIT_PGBOUNCER_TEMPLATE) written before it still gets it.
    if (!settings.server_tls_sslmode.empty()) {
        block += fmt::format("server_tls_sslmode = {}\n", settings.server_tls_sslmode);
    }
    if (!settings.server_tls_ca_file.empty()) {
        block += fmt::format("server_tls_ca_file = {}\n", settings.server_tls_ca_file);
    }
    return block;
}

} // namespace

std::string connstring_value(std::string_view value) {
    return is_bare(value, "_.-/") ? std::string(value) : quoted(value, '\'');
}

std::string auth_file_line(std::string_view user, std::string_view password) {
    return quoted(user, '"') + " " + quoted(password, '"') + "\n";
}

TemplateValues pgbouncer_ini_values(const PoolerSettings& settings, const PoolSizes& sizes,
                                    const PgBouncerVersion& version,
                                    std::string_view auth_file_path) {
    return TemplateValues{
        {"databases", databases_block(settings)},
        {"users",
         fmt::format("{} = max_user_connections={}\n", settings.auth_user, sizes.auth_connections)},
        {"listen_addr", settings.listen_addr},
        {"listen_port", std::to_string(settings.listen_port)},
        {"auth_file", std::string(auth_file_path)},
        {"auth_user", settings.auth_user},
        {"pool_mode", settings.pool_mode},
        {"max_client_conn", std::to_string(settings.max_client_conn)},
        {"default_pool_size", std::to_string(sizes.default_pool_size)},
        {"reserve_pool_size", std::to_string(sizes.reserve_pool_size)},
        {"max_db_connections", std::to_string(sizes.max_db_connections)},
        {"version_settings", version_block(settings, version)},
    };
}

} // namespace pgfit::pooler
