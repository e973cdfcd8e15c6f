#include "cluster/privileges.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <filesystem>
#include <grp.h>
#include <memory>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

#include "config/secrets.hpp"
#include "util/fd.hpp"
#include "util/log.hpp"

namespace pgfit::cluster {

namespace {

// fstatat/fchownat relative to each directory's descriptor, so no path is resolved again (half
// the time of a walk by paths). Symlinks are changed themselves and not followed.
Result<void> chown_entries(int directory_fd, const std::string& path, uid_t owner) {
    DIR* directory = ::fdopendir(directory_fd);
    if (directory == nullptr) {
        ::close(directory_fd);
        return fail(path, "cannot walk directory: {}", std::strerror(errno));
    }
    const std::unique_ptr<DIR, int (*)(DIR*)> closer(directory, ::closedir);
    while (const dirent* entry = ::readdir(directory)) {
        const std::string_view name = entry->d_name;
        if (name == "." || name == "..") {
            continue;
        }
        struct stat info {};
        if (::fstatat(directory_fd, entry->d_name, &info, AT_SYMLINK_NOFOLLOW) != 0) {
            return fail(path + "/" + entry->d_name, "cannot stat: {}", std::strerror(errno));
        }
        if (info.st_uid != owner && ::fchownat(directory_fd, entry->d_name, owner,
                                               static_cast<gid_t>(-1), AT_SYMLINK_NOFOLLOW) != 0) {
            return fail(path + "/" + entry->d_name, "cannot change owner to uid {}: {}", owner,
                        std::strerror(errno));
        }
        if (S_ISDIR(info.st_mode)) {
            const int child = ::openat(directory_fd, entry->d_name,
                                       O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (child < 0) {
                return fail(path + "/" + entry->d_name, "cannot open directory: {}",
                            std::strerror(errno));
            }
            PGFIT_TRY(chown_entries(child, path + "/" + entry->d_name, owner));
        }
    }
    return {};
}

// Whether any entry directly in the directory open at `directory_fd` has another owner. A tree
// copied or restored as root, or made under another uid, has such entries at the top
// (PG_VERSION, postgresql.conf, base...), as does a file put into PGDATA as root (a key, a
// config file).
Result<bool> top_level_has_other_owner(int directory_fd, const std::string& path, uid_t owner) {
    const int listing = ::openat(directory_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR* directory = listing < 0 ? nullptr : ::fdopendir(listing);
    if (directory == nullptr) {
        if (listing >= 0) {
            ::close(listing);
        }
        return fail(path, "cannot list directory: {}", std::strerror(errno));
    }
    const std::unique_ptr<DIR, int (*)(DIR*)> closer(directory, ::closedir);
    while (const dirent* entry = ::readdir(directory)) {
        const std::string_view name = entry->d_name;
        if (name == "." || name == "..") {
            continue;
        }
        struct stat info {};
        if (::fstatat(listing, entry->d_name, &info, AT_SYMLINK_NOFOLLOW) != 0) {
            return fail(path + "/" + entry->d_name, "cannot stat: {}", std::strerror(errno));
        }
        if (info.st_uid != owner) {
            return true;
        }
    }
    return false;
}

// The official image's `find "$PGDATA" ! -user postgres -exec chown postgres {} +` at every
// start costs a stat of every file of the cluster; here the whole tree is walked only when its
// top has another owner (see top_level_has_other_owner), so a warm start stats a few dozen.
Result<void> chown_tree(int directory_fd, const struct stat& info, const std::string& path,
                        uid_t owner) {
    if (info.st_uid == owner) {
        PGFIT_TRY_ASSIGN(const bool other_owner,
                         top_level_has_other_owner(directory_fd, path, owner));
        if (!other_owner) {
            return {};
        }
    } else if (::fchown(directory_fd, owner, static_cast<gid_t>(-1)) != 0) {
        return fail(path, "cannot change owner to uid {}: {}", owner, std::strerror(errno));
    }
    log::info("'{}' holds files of another owner: giving the whole tree to uid {}", path, owner);
    const int walk = ::openat(directory_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (walk < 0) {
        return fail(path, "cannot walk directory: {}", std::strerror(errno));
    }
    return chown_entries(walk, path, owner);
}

Result<void> make_directory(const std::string& path) {
    std::error_code error;
    std::filesystem::create_directories(path, error);
    if (error) {
        return fail(path, "cannot create directory: {}", error.message());
    }
    return {};
}

// The directory at `path`, made first when it is missing, open for what follows: the path is
// resolved once, every check and change after it is relative to the descriptor.
Result<UniqueFd> open_directory(const std::string& path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!fd.valid() && errno == ENOENT) {
        PGFIT_TRY(make_directory(path));
        fd.reset(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    }
    if (!fd.valid()) {
        return fail(path, "cannot open directory: {}", std::strerror(errno));
    }
    return fd;
}

Result<struct stat> status_of(const UniqueFd& fd, const std::string& path) {
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0) {
        return fail(path, "cannot stat: {}", std::strerror(errno));
    }
    return info;
}

Result<void> change_mode(const UniqueFd& fd, const struct stat& info, const std::string& path,
                         mode_t mode) {
    if ((info.st_mode & 07777) != mode && ::fchmod(fd.get(), mode) != 0) {
        return fail(path, "cannot change mode to {:04o}: {}", mode, std::strerror(errno));
    }
    return {};
}

struct Directory {
    std::string path;
    mode_t mode;
    const char* variable;
    bool may_be_shared; // a socket directory may be /tmp; a data directory may not
};

std::vector<Directory> directories(const config::BootstrapSettings& settings) {
    std::vector<Directory> list = {{settings.pgdata, 0700, "PGDATA", false},
                                   {settings.socket_directory, 03777, "PGFIT_SOCKET_DIR", true}};
    if (!settings.waldir.empty()) {
        list.push_back({settings.waldir, 0700, "POSTGRES_INITDB_WALDIR", false});
    }
    return list;
}

// The account and its groups come from /etc/passwd and /etc/group themselves, as gosu (the
// official entrypoint's) reads them: NSS would first read nsswitch.conf and try nscd's socket for
// each database at every start (about 0.05 ms in a new container).
constexpr const char* k_passwd_file = "/etc/passwd";
constexpr const char* k_group_file = "/etc/group";

using AccountFile = std::unique_ptr<FILE, int (*)(FILE*)>;

Result<AccountFile> open_account_file(const char* path) {
    AccountFile file(std::fopen(path, "re"), std::fclose);
    if (!file) {
        return fail(path, "cannot read: {}", std::strerror(errno));
    }
    return file;
}

// initgroups' list from the files: the account's own group and each group naming it a member.
Result<std::vector<gid_t>> supplementary_groups(const Account& account) {
    PGFIT_TRY_ASSIGN(const auto file, open_account_file(k_group_file));
    std::vector<gid_t> groups{account.gid};
    while (const group* entry = ::fgetgrent(file.get())) {
        for (char* const* member = entry->gr_mem; *member != nullptr; ++member) {
            if (account.name == *member && entry->gr_gid != account.gid) {
                groups.push_back(entry->gr_gid);
                break;
            }
        }
    }
    return groups;
}

// A sticky, world-writable directory of another owner, such as /tmp, belongs to everyone:
// taking it over would hand every other user's files to postgres. (The image's own PGDATA and
// socket directory are sticky and world-writable too, as in the official image, but postgres
// owns them.)
bool is_shared_directory(const struct stat& info, uid_t owner) {
    return (info.st_mode & S_ISVTX) != 0 && (info.st_mode & S_IWOTH) != 0 && info.st_uid != owner;
}

} // namespace

Result<Account> lookup_account(const std::string& name) {
    PGFIT_TRY_ASSIGN(const auto file, open_account_file(k_passwd_file));
    while (const passwd* entry = ::fgetpwent(file.get())) {
        if (name == entry->pw_name) {
            return Account{entry->pw_name, entry->pw_uid, entry->pw_gid, entry->pw_dir};
        }
    }
    return fail(name, "cannot find user '{}' in {}", name, k_passwd_file);
}

Result<void> prepare_directories_as_root(const config::BootstrapSettings& settings,
                                         const Account& owner) {
    for (const auto& directory : directories(settings)) {
        PGFIT_TRY_ASSIGN(const auto fd, open_directory(directory.path));
        PGFIT_TRY_ASSIGN(const auto info, status_of(fd, directory.path));
        if (is_shared_directory(info, owner.uid)) {
            if (!directory.may_be_shared) {
                return fail(directory.variable,
                            "'{}' is a shared directory (sticky and writable by everyone); "
                            "pgfit gives its directories to postgres, so use a subdirectory",
                            directory.path);
            }
            log::info("{} '{}' is a shared directory (sticky and writable by everyone): its "
                      "owner and mode are left as they are",
                      directory.variable, directory.path);
            continue;
        }
        PGFIT_TRY(change_mode(fd, info, directory.path, directory.mode));
        PGFIT_TRY(chown_tree(fd.get(), info, directory.path, owner.uid));
    }
    return {};
}

void prepare_directories_best_effort(const config::BootstrapSettings& settings) {
    const auto prepare = [](const Directory& directory) -> Result<void> {
        PGFIT_TRY_ASSIGN(const auto fd, open_directory(directory.path));
        PGFIT_TRY_ASSIGN(const auto info, status_of(fd, directory.path));
        if (is_shared_directory(info, ::geteuid())) {
            return {};
        }
        return change_mode(fd, info, directory.path, directory.mode);
    };
    for (const auto& directory : directories(settings)) {
        if (const auto prepared = prepare(directory); !prepared) {
            log::debug("{} (ignored: not root)", prepared.error().to_string());
        }
    }
}

Result<void> become(const Account& account) {
    PGFIT_TRY_ASSIGN(const auto groups, supplementary_groups(account));
    if (::setgroups(groups.size(), groups.data()) != 0) {
        return fail(account.name, "cannot set the supplementary groups: {}", std::strerror(errno));
    }
    if (::setgid(account.gid) != 0) {
        return fail(account.name, "cannot set group id {}: {}", account.gid, std::strerror(errno));
    }
    if (::setuid(account.uid) != 0) {
        return fail(account.name, "cannot set user id {}: {}", account.uid, std::strerror(errno));
    }
    return {};
}

Result<Environment>
take_over_directories(config::BootstrapSettings& settings,
                      const std::function<Result<void>(const Account&)>& before_becoming) {
    if (::geteuid() != 0) {
        prepare_directories_best_effort(settings);
    } else {
        PGFIT_TRY_ASSIGN(const auto account, lookup_account("postgres"));
        PGFIT_TRY(prepare_directories_as_root(settings, account));
        if (before_becoming) {
            PGFIT_TRY(before_becoming(account));
        }
        PGFIT_TRY(become(account));
        settings.environment.set("HOME", account.home);
    }
    Environment server_environment = config::without_secrets(settings.environment);
    server_environment.set("PGDATA", settings.pgdata);
    return server_environment;
}

} // namespace pgfit::cluster
