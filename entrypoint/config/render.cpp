#include "config/render.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "tune/sizing.hpp"
#include "util/json_writer.hpp"

namespace pgfit::config {

namespace {

Bytes available(const tune::Budget& budget) {
    return Bytes{budget.limit.count - std::min(budget.limit.count, budget.headroom.count)};
}

std::string origin(const Origin& origin) {
    return origin.to_string();
}

// postgresql.conf syntax: numbers bare, everything else single-quoted.
std::string conf_value(std::string_view value) {
    const bool number = !value.empty() && std::all_of(value.begin(), value.end(), [](char c) {
        return (c >= '0' && c <= '9') || c == '.';
    });
    if (number) {
        return std::string(value);
    }
    std::string quoted = "'";
    for (const char c : value) {
        quoted += c == '\'' ? std::string("''") : std::string(1, c);
    }
    return quoted + "'";
}

std::string render_table(const PlanOutcome& outcome) {
    const auto& plan = outcome.plan;
    const auto& b = plan.budget;
    std::size_t name_width = 7;
    std::size_t value_width = 5;
    for (const auto& setting : plan.settings) {
        name_width = std::max(name_width, setting.name.size());
        value_width = std::max(value_width, setting.value.size());
    }
    std::string out = summary_line(outcome) + "\n\n";
    out +=
        fmt::format("{:<{}}  {:<{}}  {}\n", "setting", name_width, "value", value_width, "reason");
    for (const auto& setting : plan.settings) {
        out += fmt::format("{:<{}}  {:<{}}  {}\n", setting.name, name_width, setting.value,
                           value_width, setting.reason);
    }
    const auto& c = outcome.inputs.coefficients;
    const auto& measured = c.measured(outcome.inputs.pg_major.value);
    out +=
        "\nbudget (worst case: every connection and parallel worker runs a heavy query at once)\n";
    const auto line = [&out](std::string_view term, Bytes bytes, std::string_view why) {
        out += fmt::format("  {:<12} {:>10}  {}\n", term, to_human(bytes), why);
    };
    line("limit", b.limit, origin(outcome.inputs.memory.origin));
    line("headroom", b.headroom,
         fmt::format("max({}, {:g}% of the limit), never planned", to_human(c.headroom_min),
                     c.headroom_ratio * 100));
    line("shared", b.shared, "shared_buffers + wal_buffers + fixed shared memory (modelled)");
    line("processes", b.processes,
         fmt::format("every process x (B {} + page tables)", to_human(measured.process_bytes)));
    line("query", b.query,
         fmt::format("every connection, parallel worker and cron job x max(Q_min {}, "
                     "work_mem x (1 + hash_mem_multiplier))",
                     to_human(measured.query_min_bytes)));
    line("maintenance", b.maintenance,
         "autovacuum_max_workers x autovacuum_work_mem + maintenance_work_mem");
    line("worst case", b.worst_case,
         b.fits ? fmt::format("fits in the {} available", to_human(available(b)))
                : fmt::format("DOES NOT FIT in the {} available", to_human(available(b))));
    if (!plan.warnings.empty()) {
        out += "\nwarnings:\n";
        for (const auto& warning : plan.warnings) {
            out += "  - " + warning + "\n";
        }
    }
    return out;
}

std::string render_conf(const PlanOutcome& outcome) {
    std::string out = "# " + summary_line(outcome) + "\n";
    for (const auto& warning : outcome.plan.warnings) {
        out += "# WARNING: " + warning + "\n";
    }
    for (const auto& setting : outcome.plan.settings) {
        out +=
            fmt::format("{} = {}\t# {}\n", setting.name, conf_value(setting.value), setting.reason);
    }
    return out;
}

std::string render_args(const PlanOutcome& outcome) {
    std::string out;
    for (const auto& setting : outcome.plan.settings) {
        out += fmt::format("-c {}={}\n", setting.name, setting.value);
    }
    return out;
}

// `"name": {"value": ..., "origin": ...}` for one input.
template <typename T>
void sourced_input(JsonWriter& json, std::string_view name, std::string_view value_key,
                   const T& value, const Origin& from) {
    json.key(name)
        .begin_object()
        .key(value_key)
        .value(value)
        .key("origin")
        .value(origin(from))
        .end_object();
}

void write_inputs(JsonWriter& json, const tune::Inputs& inputs) {
    json.key("inputs").begin_object();
    sourced_input(json, "memory", "bytes", inputs.memory.value.count, inputs.memory.origin);
    sourced_input(json, "cpus", "value", inputs.cpus.value, inputs.cpus.origin);
    sourced_input(json, "profile", "value", tune::to_string(inputs.profile.value),
                  inputs.profile.origin);
    sourced_input(json, "storage", "value", tune::to_string(inputs.storage.value),
                  inputs.storage.origin);
    sourced_input(json, "pg_version", "value", inputs.pg_major.value, inputs.pg_major.origin);
    if (inputs.max_connections) {
        sourced_input(json, "max_connections", "value", inputs.max_connections->value,
                      inputs.max_connections->origin);
    } else {
        json.key("max_connections")
            .begin_object()
            .key("value")
            .null()
            .key("origin")
            .value("fitted to memory")
            .end_object();
    }
    json.key("shm_bytes")
        .value(inputs.shm ? std::optional<std::uint64_t>(inputs.shm->count) : std::nullopt);
    json.key("huge_pages_available").value(inputs.huge_pages_available);
    json.key("preload_libraries").begin_object().key("value").begin_array();
    for (const auto& library : inputs.preload_libraries.value) {
        json.value(library);
    }
    json.end_array().key("origin").value(origin(inputs.preload_libraries.origin)).end_object();
    sourced_input(json, "replication", "value", inputs.replication.value,
                  inputs.replication.origin);
    json.end_object();
}

std::string render_json(const PlanOutcome& outcome) {
    const auto& plan = outcome.plan;
    const auto& b = plan.budget;
    JsonWriter json;
    json.begin_object();
    write_inputs(json, outcome.inputs);
    json.key("settings").begin_object();
    for (const auto& setting : plan.settings) {
        json.key(setting.name).value(setting.value);
    }
    json.end_object().key("reasons").begin_object();
    for (const auto& setting : plan.settings) {
        json.key(setting.name).value(setting.reason);
    }
    json.end_object().key("budget").begin_object();
    json.key("limit_bytes").value(b.limit.count);
    json.key("headroom_bytes").value(b.headroom.count);
    json.key("shared_bytes").value(b.shared.count);
    json.key("processes_bytes").value(b.processes.count);
    json.key("query_bytes").value(b.query.count);
    json.key("maintenance_bytes").value(b.maintenance.count);
    json.key("worst_case_bytes").value(b.worst_case.count);
    json.key("fits").value(b.fits);
    json.key("sessions_that_fit").value(plan.sessions_that_fit);
    json.end_object().key("warnings").begin_array();
    for (const auto& warning : plan.warnings) {
        json.value(warning);
    }
    json.end_array().end_object();
    return json.str();
}

} // namespace

std::optional<Format> parse_format(std::string_view text) {
    if (text == "table") {
        return Format::table;
    }
    if (text == "conf") {
        return Format::conf;
    }
    if (text == "args") {
        return Format::args;
    }
    if (text == "json") {
        return Format::json;
    }
    return std::nullopt;
}

std::string render(const PlanOutcome& outcome, Format format) {
    switch (format) {
    case Format::table:
        return render_table(outcome);
    case Format::conf:
        return render_conf(outcome);
    case Format::args:
        return render_args(outcome);
    case Format::json:
        return render_json(outcome);
    }
    return "";
}

std::string summary_line(const PlanOutcome& outcome) {
    const auto& in = outcome.inputs;
    const auto& plan = outcome.plan;
    const auto& b = plan.budget;
    std::string head = fmt::format(
        "plan for {} ({}), {} CPU{} ({}), profile {}, storage {}, PostgreSQL {}: ",
        to_human(in.memory.value), origin(in.memory.origin), in.cpus.value,
        in.cpus.value == 1 ? "" : "s", origin(in.cpus.origin), tune::to_string(in.profile.value),
        tune::to_string(in.storage.value), in.pg_major.value);
    if (plan.sessions_that_fit == 0) {
        return head + fmt::format("not even {} heavy sessions fit; worst case {} > {} available",
                                  in.coefficients.connections_floor, to_human(b.worst_case),
                                  to_human(available(b)));
    }
    return head + fmt::format("{} heavy sessions fit (worst case {} of {} available{}); for more "
                              "clients put PgBouncer in front with a pool of {}",
                              plan.sessions_that_fit, to_human(b.worst_case),
                              to_human(available(b)), b.fits ? "" : ", DOES NOT FIT",
                              plan.sessions_that_fit);
}

} // namespace pgfit::config
