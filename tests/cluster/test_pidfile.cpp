#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include "cluster/pidfile.hpp"
#include "support/scratch_dir.hpp"

using namespace pgfit::cluster;
using pgfit::test::ScratchDir;

namespace {

bool same_inode(const std::string& a, const std::string& b) {
    struct stat sa {};
    struct stat sb {};
    return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

// A real process that sleeps in `directory` until killed. The constructor returns once the
// child works in `directory` (until then /proc/PID/cwd is still this process's directory).
struct Sleeper {
    pid_t pid = -1;
    explicit Sleeper(const std::string& directory) {
        pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            if (::chdir(directory.c_str()) != 0) {
                ::_exit(1);
            }
            ::execl("/bin/sleep", "sleep", "600", static_cast<char*>(nullptr));
            ::_exit(127);
        }
        const std::string cwd = "/proc/" + std::to_string(pid) + "/cwd";
        for (int waited_ms = 0; !same_inode(cwd, directory); ++waited_ms) {
            REQUIRE(waited_ms < 10000);
            ::usleep(1000);
        }
    }
    ~Sleeper() {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
    }
};

// The PID of a process that has just exited (and been reaped).
pid_t dead_pid() {
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::_exit(0);
    }
    ::waitpid(pid, nullptr, 0);
    return pid;
}

void write_pidfile(const ScratchDir& pgdata, const std::string& first_line) {
    pgdata.file("postmaster.pid", first_line + "\n" + pgdata.path +
                                      "\n1700000000\n5432\n"
                                      "/var/run/postgresql\n*\n"
                                      "  5432001    131072\nready\n");
}

} // namespace

TEST_SUITE("cluster::check_postmaster_pid") {
    TEST_CASE("no file, or no PID in it") {
        ScratchDir pgdata;
        CHECK(check_postmaster_pid(pgdata.path).verdict == PidfileVerdict::absent);
        write_pidfile(pgdata, "");
        CHECK(check_postmaster_pid(pgdata.path).verdict == PidfileVerdict::unreadable);
        write_pidfile(pgdata, "abc");
        CHECK(check_postmaster_pid(pgdata.path).verdict == PidfileVerdict::unreadable);
    }

    TEST_CASE("a PID that no longer exists is left to postgres") {
        ScratchDir pgdata;
        const pid_t pid = dead_pid();
        write_pidfile(pgdata, std::to_string(pid));
        const auto check = check_postmaster_pid(pgdata.path);
        CHECK(check.verdict == PidfileVerdict::not_running);
        CHECK(check.pid == pid);
    }

    TEST_CASE("a live process working elsewhere is stale (PID reuse in a new container)") {
        ScratchDir pgdata;
        ScratchDir elsewhere;
        Sleeper sleeper(elsewhere.path);
        write_pidfile(pgdata, std::to_string(sleeper.pid));
        const auto check = check_postmaster_pid(pgdata.path);
        CHECK(check.verdict == PidfileVerdict::stale);
        CHECK(check.pid == sleeper.pid);
        write_pidfile(pgdata, "-" + std::to_string(sleeper.pid)); // single-user mode form
        CHECK(check_postmaster_pid(pgdata.path).verdict == PidfileVerdict::stale);
    }

    TEST_CASE("a live process working in PGDATA may be a server: not touched") {
        ScratchDir pgdata;
        Sleeper sleeper(pgdata.path);
        write_pidfile(pgdata, std::to_string(sleeper.pid));
        CHECK(check_postmaster_pid(pgdata.path).verdict == PidfileVerdict::this_pgdata);
    }

    TEST_CASE("a process of another user is ignored by postgres anyway") {
        ScratchDir pgdata;
        ::chmod(pgdata.path.c_str(), 0755);
        write_pidfile(pgdata, "1");
        ::chmod((pgdata.path + "/postmaster.pid").c_str(), 0644);
        if (::geteuid() != 0) {
            CHECK(check_postmaster_pid(pgdata.path).verdict == PidfileVerdict::other_user);
            return;
        }
        // As root everything is signalable: check from a child running as nobody.
        const pid_t child = ::fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            if (::setgid(65534) != 0 || ::setuid(65534) != 0) {
                ::_exit(2);
            }
            const auto verdict = check_postmaster_pid(pgdata.path).verdict;
            ::_exit(verdict == PidfileVerdict::other_user ? 0 : 1);
        }
        int status = 0;
        ::waitpid(child, &status, 0);
        CHECK(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 0);
    }
}

TEST_SUITE("cluster::ready_postmaster") {
    TEST_CASE("the PID only when the status line says ready") {
        ScratchDir pgdata;
        CHECK_FALSE(ready_postmaster(pgdata.path));
        write_pidfile(pgdata, "4242");
        CHECK(ready_postmaster(pgdata.path) == 4242);
        // A server still starting (or stopping) writes another status, or none yet.
        pgdata.file("postmaster.pid", "4242\n" + pgdata.path +
                                          "\n1700000000\n5432\n/var/run/postgresql\n*\n"
                                          "  5432001    131072\nstarting\n");
        CHECK_FALSE(ready_postmaster(pgdata.path));
        pgdata.file("postmaster.pid", "4242\n" + pgdata.path + "\n1700000000\n5432\n");
        CHECK_FALSE(ready_postmaster(pgdata.path));
    }
}
