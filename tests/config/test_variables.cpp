#include <filesystem>
#include <regex>
#include <set>

#include <doctest/doctest.h>

#include "config/variables.hpp"
#include "util/file.hpp"

using namespace pgfit;
using namespace pgfit::config;

namespace {

const std::regex k_variable_name(
    R"(^(POSTGRES|POSTGRESQL|PGFIT|PGBOUNCER|PGBACKREST)_[A-Z0-9_]*[A-Z0-9]$|^PGDATA$|^PGPORT$)");

// The variable names in the first cell of every README table row: `NAME`, `NAME(_FILE)` and
// `NAME`/`_SUFFIX` spellings; `(ALIAS)` in parentheses counts too.
std::set<std::string> readme_table_names() {
    const auto readme = read_file(std::string(PGFIT_SOURCE_DIR) + "/README.md");
    REQUIRE(readme);
    std::set<std::string> names;
    std::istringstream lines(*readme);
    std::string line;
    const std::regex ticked("`([A-Z][A-Z0-9_]*)(\\(_FILE\\))?`");
    while (std::getline(lines, line)) {
        if (!line.starts_with("| `")) {
            continue;
        }
        const std::string first_cell = line.substr(1, line.find(" |", 1));
        for (std::sregex_iterator it(first_cell.begin(), first_cell.end(), ticked), end; it != end;
             ++it) {
            const std::string name = (*it)[1];
            if (std::regex_match(name, k_variable_name)) {
                names.insert(name);
            }
        }
    }
    return names;
}

// Every string literal in entrypoint/ that looks like one of pgfit's variables, with its file.
std::map<std::string, std::string> source_names() {
    std::map<std::string, std::string> names;
    const std::regex literal("\"((POSTGRES|POSTGRESQL|PGFIT|PGBOUNCER|PGBACKREST)_[A-Z0-9_]*[A-Z0-9])\"");
    for (const auto& entry : std::filesystem::recursive_directory_iterator(
             std::string(PGFIT_SOURCE_DIR) + "/entrypoint")) {
        const auto text = read_file(entry.path().string());
        if (!entry.is_regular_file() || !text) {
            continue;
        }
        for (std::sregex_iterator it(text->begin(), text->end(), literal), end; it != end; ++it) {
            names.emplace((*it)[1], entry.path().filename().string());
        }
    }
    return names;
}

// `get("NAME")` / `get_non_empty("NAME")` calls outside entrypoint/config/, with their file.
std::vector<std::pair<std::string, std::string>> lookups_outside_config() {
    std::vector<std::pair<std::string, std::string>> found;
    const std::regex lookup(R"re(get(_non_empty)?\("([A-Z_][A-Z0-9_]*)"\))re");
    const std::string root = std::string(PGFIT_SOURCE_DIR) + "/entrypoint";
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
        const auto path = entry.path().string();
        if (!entry.is_regular_file() || path.starts_with(root + "/config/")) {
            continue;
        }
        const auto text = read_file(path);
        REQUIRE(text);
        for (std::sregex_iterator it(text->begin(), text->end(), lookup), end; it != end; ++it) {
            found.emplace_back((*it)[2], entry.path().filename().string());
        }
    }
    return found;
}

} // namespace

TEST_SUITE("config::variables") {
    TEST_CASE("only config/ reads pgfit's variables; other stages receive structs") {
        for (const auto& [name, file] : lookups_outside_config()) {
            CAPTURE(name);
            CAPTURE(file);
            CHECK(find_variable(name) == nullptr);
        }
    }

    TEST_CASE("README's variable tables document exactly the variables in the table") {
        const auto documented = readme_table_names();
        for (const auto& name : documented) {
            CAPTURE(name);
            CHECK(find_variable(name) != nullptr);
        }
        for (const auto& variable : variables()) {
            CAPTURE(variable.name);
            CHECK(documented.count(std::string(variable.name)) == 1);
            for (const auto alias : variable.aliases) {
                CAPTURE(alias);
                CHECK(documented.count(std::string(alias)) == 1);
            }
        }
    }

    TEST_CASE("every variable name the sources spell is in the table") {
        for (const auto& [name, file] : source_names()) {
            CAPTURE(name);
            CAPTURE(file);
            // Init-script bindings derived from a secret (X_PASSWORD_SCRAM) are named for it.
            const std::string base =
                name.ends_with("_SCRAM") ? name.substr(0, name.size() - 6) : name;
            CHECK(find_variable(base) != nullptr);
        }
    }

    TEST_CASE("secrets answer to NAME_FILE, aliases to their own names") {
        REQUIRE(find_variable("POSTGRES_PASSWORD_FILE") != nullptr);
        CHECK(find_variable("POSTGRES_PASSWORD_FILE")->name == "POSTGRES_PASSWORD");
        CHECK(find_variable("POSTGRESQL_REPLICATION_PASSWORD_FILE")->name ==
              "POSTGRES_REPLICATION_PASSWORD");
        CHECK(find_variable("POSTGRES_MEMORY_FILE") == nullptr);
        CHECK(find_variable("POSTGRES_WORKLOAD_TYPE")->name == "POSTGRES_WORKLOAD");
    }

    TEST_CASE("an unknown PGFIT_ variable is named, with the closest known one") {
        const auto warnings =
            unknown_pgfit_variables(Environment({{"PGFIT_STOP_TIMOUT", "5"},
                                                 {"PGFIT_EXEC", "1"},
                                                 {"PGFIT_ZZZ", "1"},
                                                 {"POSTGRES_MY_SCRIPT_VARIABLE", "x"}}));
        CHECK(warnings == std::vector<std::string>{
                              "PGFIT_STOP_TIMOUT is not a pgfit variable and is ignored; did you "
                              "mean PGFIT_STOP_TIMEOUT?",
                              "PGFIT_ZZZ is not a pgfit variable and is ignored"});
    }
}
