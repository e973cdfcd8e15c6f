// `pgfit plan`: the settings pgfit would give postgres, why, and the worst-case budget.
#include <cstdio>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/exit_status.hpp"
#include "config/planner.hpp"
#include "config/render.hpp"
#include "util/log.hpp"

namespace pgfit::cli {

namespace {

constexpr std::string_view k_usage =
    "usage: pgfit plan [--memory SIZE] [--cpus N] [--profile web|oltp|dw|mixed|desktop]\n"
    "                  [--storage ssd|hdd|network] [--pg-version 13..18] [--max-connections N]\n"
    "                  [--format table|conf|args|json]";

struct PlanArguments {
    config::Flags flags;
    config::Format format = config::Format::table;
    bool help = false;
};

std::optional<std::string>* flag_slot(config::Flags& flags, std::string_view name) {
    if (name == "--memory") {
        return &flags.memory;
    }
    if (name == "--cpus") {
        return &flags.cpus;
    }
    if (name == "--profile") {
        return &flags.profile;
    }
    if (name == "--storage") {
        return &flags.storage;
    }
    if (name == "--pg-version") {
        return &flags.pg_version;
    }
    if (name == "--max-connections") {
        return &flags.max_connections;
    }
    return nullptr;
}

Result<PlanArguments> parse_arguments(const std::vector<std::string>& args) {
    PlanArguments parsed;
    std::optional<std::string> format;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string name = args[i];
        std::optional<std::string> value;
        if (const auto equals = name.find('=');
            name.starts_with("--") && equals != std::string::npos) {
            value = name.substr(equals + 1);
            name.resize(equals);
        }
        if (name == "--help" || name == "-h") {
            parsed.help = true;
            continue;
        }
        auto* slot = name == "--format" ? &format : flag_slot(parsed.flags, name);
        if (slot == nullptr) {
            return bad_input(name, "unknown option; {}", k_usage);
        }
        if (!value) {
            if (i + 1 >= args.size()) {
                return bad_input(name, "needs a value; {}", k_usage);
            }
            value = args[++i];
        }
        *slot = *value;
    }
    if (format) {
        const auto chosen = config::parse_format(*format);
        if (!chosen) {
            return bad_input("--format", "\"{}\" is not a format; use one of table|conf|args|json",
                             *format);
        }
        parsed.format = *chosen;
    }
    return parsed;
}

} // namespace

int plan_command(const Invocation& invocation) {
    auto arguments = parse_arguments(invocation.args);
    if (!arguments) {
        return exit_with(arguments.error());
    }
    if (arguments->help) {
        fmt::print("{}\n", k_usage);
        return k_exit_ok;
    }
    const auto choices = config::read_tuning_choices(arguments->flags, invocation.environment);
    if (!choices) {
        return exit_with(choices.error());
    }
    const auto resources = detect::detect_resources(config::detect_options(*choices));
    // The server's facts come from postgres itself, run as supervised children.
    auto supervisor = supervise::Supervisor::create();
    if (!supervisor) {
        return exit_with(supervisor.error());
    }
    auto outcome = config::build_plan(*supervisor, *choices, invocation.environment, resources, "");
    if (!outcome) {
        return exit_with(outcome.error());
    }
    for (const auto& note : outcome->notes) {
        log::debug("plan: {}", note);
    }
    if (arguments->format != config::Format::table) {
        for (const auto& warning : outcome->plan.warnings) {
            log::warning("{}", warning);
        }
    }
    const std::string text = config::render(*outcome, arguments->format);
    std::fwrite(text.data(), 1, text.size(), stdout);
    return k_exit_ok;
}

} // namespace pgfit::cli
