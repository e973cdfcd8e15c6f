// `pgfit detect [--root DIR] [--json]`: the resources pgfit tunes for, with their sources.
#include <optional>
#include <unistd.h>

#include "cli/commands.hpp"
#include "cli/exit_status.hpp"
#include "config/tuning_choices.hpp"
#include "detect/report.hpp"
#include "detect/resources.hpp"
#include "util/file.hpp"
#include "util/log.hpp"

namespace pgfit::cli {

namespace {

constexpr std::string_view k_usage = R"(usage: pgfit detect [--root DIR] [--json]

Prints the memory and CPUs pgfit tunes PostgreSQL for, and where each number comes from
(cgroup v1/v2 limits, the host, or the POSTGRES_MEMORY / POSTGRES_CPUS overrides).

  --root DIR   read /proc and /sys under DIR instead of / (fixture trees); the CPU affinity
               then comes from DIR/proc/self/status
  --json       print one JSON object instead of a table
  --help       show this help
)";

struct DetectArgs {
    detect::DetectOptions options;
    bool json = false;
    bool help = false;
};

Result<DetectArgs> parse_args(const std::vector<std::string>& args) {
    DetectArgs parsed;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string_view arg = args[i];
        if (arg == "--json") {
            parsed.json = true;
        } else if (arg == "--help" || arg == "-h") {
            parsed.help = true;
        } else if (arg == "--root" || arg.starts_with("--root=")) {
            if (arg == "--root" && i + 1 == args.size()) {
                return bad_input("--root", "needs a directory");
            }
            const std::string root = arg == "--root" ? args[++i] : std::string(arg.substr(7));
            if (!is_directory(root)) {
                return bad_input("--root", "\"{}\" is not a directory", root);
            }
            parsed.options.root = root;
        } else {
            return bad_input("detect", "unknown argument \"{}\"", arg);
        }
    }
    return parsed;
}

void write_all(int fd, std::string_view text) {
    while (!text.empty()) {
        const ssize_t written = ::write(fd, text.data(), text.size());
        if (written <= 0) {
            return;
        }
        text.remove_prefix(static_cast<std::size_t>(written));
    }
}

} // namespace

int detect_command(const Invocation& invocation) {
    const auto args = parse_args(invocation.args);
    if (!args) {
        const int code = exit_with(args.error());
        write_all(STDERR_FILENO, k_usage);
        return code;
    }
    if (args->help) {
        write_all(STDOUT_FILENO, k_usage);
        return k_exit_ok;
    }
    const auto overrides = config::read_tuning_choices({}, invocation.environment);
    if (!overrides) {
        return exit_with(overrides.error());
    }
    auto options = config::detect_options(*overrides);
    options.root = args->options.root;
    const auto resources = detect::detect_resources(options);
    write_all(STDOUT_FILENO, args->json ? detect::to_json(resources) : detect::to_table(resources));
    return k_exit_ok;
}

} // namespace pgfit::cli
