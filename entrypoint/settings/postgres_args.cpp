#include "settings/postgres_args.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include <fmt/format.h>

namespace pgfit::settings {

namespace {

constexpr std::array k_help_arguments = {"--help", "-?", "--describe-config", "-V", "--version"};

// postgres's getopt string: "B:bc:C:D:d:EeFf:h:ijk:lN:nOPp:r:S:sTt:W:-:".
constexpr std::string_view k_options_with_value = "BcCDdfhkNprStW-";

struct ShortSetting {
    char option;
    std::string_view name;
    std::string_view fixed_value; // for options without a value
};

constexpr std::array k_short_settings = {
    ShortSetting{'B', "shared_buffers", ""},
    ShortSetting{'N', "max_connections", ""},
    ShortSetting{'S', "work_mem", ""},
    ShortSetting{'p', "port", ""},
    ShortSetting{'h', "listen_addresses", ""},
    ShortSetting{'k', "unix_socket_directories", ""},
    ShortSetting{'F', "fsync", "off"},
    ShortSetting{'i', "listen_addresses", "*"},
    ShortSetting{'l', "ssl", "on"},
};

const ShortSetting* short_setting(char option) {
    const auto found = std::find_if(k_short_settings.begin(), k_short_settings.end(),
                                    [&](const ShortSetting& s) { return s.option == option; });
    return found == k_short_settings.end() ? nullptr : &*found;
}

// `name=value` of -c / --; nothing when there is no '='.
std::optional<OperatorSetting> assignment(std::string_view text, std::string source) {
    const auto equals = text.find('=');
    if (equals == std::string_view::npos) {
        return std::nullopt;
    }
    return OperatorSetting{normalize_setting_name(text.substr(0, equals)),
                           std::string(text.substr(equals + 1)), std::move(source)};
}

std::string quoted_source(std::string_view option, std::string_view value, bool attached) {
    return fmt::format("command line '{}{}{}'", option, attached ? "" : " ", value);
}

void take_option(char option, std::string_view value, bool attached, PostgresArguments& parsed) {
    if (option == 'D') {
        parsed.data_directory = std::string(value);
        return;
    }
    if (option == 'c' || option == '-') {
        const auto spelled = option == 'c' ? std::string_view("-c") : std::string_view("--");
        if (auto setting =
                assignment(value, quoted_source(spelled, value, attached || option == '-'))) {
            parsed.settings.push_back(std::move(*setting));
        }
        return;
    }
    if (const auto* known = short_setting(option)) {
        const auto flag = fmt::format("-{}", option);
        parsed.settings.push_back(
            {std::string(known->name),
             std::string(known->fixed_value.empty() ? value : known->fixed_value),
             known->fixed_value.empty() ? quoted_source(flag, value, attached)
                                        : fmt::format("command line '{}'", flag)});
    }
}

} // namespace

std::vector<std::string> normalize_arguments(std::vector<std::string> args) {
    if (args.empty() || args.front().starts_with('-')) {
        args.insert(args.begin(), "postgres");
    }
    return args;
}

bool is_server_command(const std::vector<std::string>& args) {
    if (args.empty() || args.front() != "postgres") {
        return false;
    }
    return std::none_of(args.begin() + 1, args.end(), [](const std::string& arg) {
        return std::find(k_help_arguments.begin(), k_help_arguments.end(), arg) !=
               k_help_arguments.end();
    });
}

std::string normalize_setting_name(std::string_view name) {
    std::string normalized(name);
    for (char& c : normalized) {
        if (c == '-') {
            c = '_';
        } else if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return normalized;
}

PostgresArguments parse_postgres_arguments(const std::vector<std::string>& args) {
    PostgresArguments parsed;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string_view arg = args[i];
        if (arg == "--") {
            break; // getopt stops here
        }
        if (arg.size() < 2 || arg.front() != '-') {
            continue; // postgres itself rejects stray words
        }
        // A cluster of options ("-Fi", "-B128MB", "-c" "x=y"), as getopt reads them.
        for (std::size_t at = 1; at < arg.size(); ++at) {
            const char option = arg[at];
            if (k_options_with_value.find(option) == std::string_view::npos) {
                take_option(option, "", true, parsed);
                continue;
            }
            if (at + 1 < arg.size()) {
                take_option(option, arg.substr(at + 1), true, parsed);
            } else if (i + 1 < args.size()) {
                take_option(option, args[++i], false, parsed);
            }
            break;
        }
    }
    return parsed;
}

} // namespace pgfit::settings
