#!/usr/bin/env bash
# Builds the pgfit base images without any Docker registry: debootstrap a minimal Debian
# of the suite that ships PostgreSQL <major> from a Debian mirror, install it and its
# companions from Debian's own archive, lay it out like the official postgres image, and
# `docker import` it.
#
#   docker/build-offline-base.sh NAME [PG_MAJOR]      (PG_MAJOR: 15, 17 or 18; default 18)
#
#   PG_MAJOR  Debian suite  security and updates suites
#   15        bookworm      bookworm-security, bookworm-updates
#   17        trixie        trixie-security, trixie-updates
#   18        forky         none (testing: its -security and -updates suites are published empty)
#
# Produces two images:
#   NAME        runtime base: postgresql-<major> with JIT, its cron and pgaudit extensions,
#               pgvector where the suite packages it (trixie, forky), pgbouncer,
#               prometheus-postgres-exporter, en_US.UTF-8, postgres uid/gid 999
#   NAME-build  the same plus the toolchain and headers pgfit compiles with (the Dockerfile's
#               BUILDER_IMAGE), so `docker build` itself needs no network at all
#
# Environment:
#   PGFIT_DEBIAN_MIRROR           Debian mirror URL (default: the host's apt source for the suite,
#                                 else the host's for bookworm - the same archive - else
#                                 http://deb.debian.org/debian)
#   PGFIT_DEBIAN_SECURITY_MIRROR  security mirror URL (default: the host's, else none)
#   PGFIT_CACHE_DIR               downloaded packages and finished root filesystems
#                                 (default /var/cache/pgfit); a rerun with the same inputs only
#                                 re-imports, or does nothing when the images are current
#   PGFIT_BASE_REBUILD=true       ignore the cached root filesystems
#   PGFIT_BASE_RUNTIME_ONLY=true  build and import only NAME (no NAME-build): enough to run a
#                                 server or its catalog, not to compile pgfit
set -euo pipefail

die() { echo "build-offline-base: $*" >&2; exit 1; }
say() { echo "build-offline-base: $*" >&2; }

[ $# -ge 1 ] && [ $# -le 2 ] || die "usage: $0 NAME [PG_MAJOR]"
name=$1
pg_major=${2:-18}
# The suite that ships postgresql-<major>, the suites with its security fixes and updates, and
# the extra packages the suite has: pgvector (not in bookworm), JIT (split out of the server in
# forky; trixie and bookworm ship it in postgresql-<major>).
case "$pg_major" in
    15) suite=bookworm updates=bookworm-updates security=bookworm-security extras="" ;;
    17) suite=trixie updates=trixie-updates security=trixie-security extras="postgresql-17-pgvector" ;;
    18) suite=forky updates="" security="" extras="postgresql-18-pgvector postgresql-18-jit" ;;
    *)
        echo "build-offline-base: PG_MAJOR $pg_major is not supported; supported majors: 15 (bookworm), 17 (trixie), 18 (forky)" >&2
        exit 2
        ;;
esac
runtime_only=${PGFIT_BASE_RUNTIME_ONLY:-false}
[ "$(id -u)" -eq 0 ] || die "must run as root (debootstrap and chroot)"
for tool in debootstrap docker tar sha256sum flock; do
    command -v "$tool" >/dev/null || die "cannot find '$tool' on PATH"
done

cache=${PGFIT_CACHE_DIR:-/var/cache/pgfit}
runtime_packages="postgresql-$pg_major postgresql-$pg_major-cron postgresql-$pg_major-pgaudit
    pgbouncer pgbackrest prometheus-postgres-exporter locales libnss-wrapper xz-utils zstd $extras"
build_packages="g++ make cmake ninja-build pkg-config libpq-dev libssl-dev libcrypt-dev nettle-dev libfmt-dev libtomlplusplus-dev"

# The first URI the host's apt uses for `suite` (deb822 or one-line format), if any.
host_mirror() { # suite
    local wanted=$1
    if compgen -G '/etc/apt/sources.list.d/*.sources' >/dev/null; then
        awk -v s="$wanted" '
            /^URIs:/ { uri = $2 }
            /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == s) { print uri; exit } }
        ' /etc/apt/sources.list.d/*.sources
    fi
    if [ -f /etc/apt/sources.list ]; then
        awk -v s="$wanted" '$1 == "deb" && $3 == s { print $2; exit }' /etc/apt/sources.list
    fi
}
# The host's source for the suite, else its bookworm one (every suite is in the same archive).
first_host_mirror() { # suite fallback-suite
    local uri
    uri=$(host_mirror "$1" | head -1)
    [ -n "$uri" ] || uri=$(host_mirror "$2" | head -1)
    printf '%s' "$uri"
}
mirror=${PGFIT_DEBIAN_MIRROR:-$(first_host_mirror "$suite" bookworm)}
mirror=${mirror:-http://deb.debian.org/debian}
security_mirror=""
if [ -n "$security" ]; then
    security_mirror=${PGFIT_DEBIAN_SECURITY_MIRROR:-$(first_host_mirror "$security" bookworm-security)}
fi
# debootstrap knows a suite by a script of its name; a newer testing suite is bootstrapped as sid.
bootstrap_script=()
if [ ! -e "/usr/share/debootstrap/scripts/$suite" ]; then
    bootstrap_script=(/usr/share/debootstrap/scripts/sid)
fi

# One run at a time per cache: concurrent runs would write the same snapshot files, and a run
# that waited finds the images current.
mkdir -p "$cache"
exec 9>"$cache/.build-offline-base.lock"
flock 9

# Everything that changes the result is in the key; images carry it as a label.
key=$(printf '%s\n' "$(sha256sum <"$0")" "$pg_major" "$suite" "$mirror" "$security_mirror" |
    sha256sum | cut -c1-16)
image_key() { docker image inspect -f '{{ index .Config.Labels "org.pgfit.base-key" }}' "$1" 2>/dev/null || true; }
images=("$name")
[ "$runtime_only" = true ] || images+=("$name-build")
current=true
for image in "${images[@]}"; do
    [ "$(image_key "$image")" = "$key" ] || current=false
done
if [ "$current" = true ] && [ "${PGFIT_BASE_REBUILD:-}" != true ]; then
    say "${images[*]} current (key $key)"
    exit 0
fi

mkdir -p "$cache/debs" "$cache/apt-archives"
runtime_tar="$cache/rootfs-$suite-pg$pg_major-$key.tar"
build_tar="$cache/rootfs-$suite-pg$pg_major-$key-build.tar"
root=""
cleanup() {
    [ -n "$root" ] || return 0
    for mount in "$root/var/cache/apt/archives" "$root/proc"; do
        mountpoint -q "$mount" && umount "$mount"
    done
    rm -rf "$root"
}
trap cleanup EXIT

in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
    DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 "$@"; }
# apt's chatter goes to a log that is shown only when a step fails.
log="$cache/build-offline-base.log"
quietly() { "$@" >>"$log" 2>&1 || { tail -30 "$log" >&2; die "failed: $* (log: $log)"; }; }
apt_install() { quietly in_root apt-get install -y -q --no-install-recommends "$@"; }

bootstrap() {
    root=$(mktemp -d "$cache/root.XXXXXX")
    # mktemp's 0700 would become the image's `/`: nothing but root could resolve a path.
    chmod 755 "$root"
    say "debootstrap $suite into $root from $mirror"
    : >"$log"
    quietly debootstrap --variant=minbase --cache-dir="$cache/debs" "$suite" "$root" "$mirror" \
        "${bootstrap_script[@]}"
    if [ -n "$security_mirror" ]; then
        echo "deb $security_mirror $security main" >>"$root/etc/apt/sources.list"
    fi
    if [ -n "$updates" ]; then
        echo "deb $mirror $updates main" >>"$root/etc/apt/sources.list"
    fi
    enter_build
    quietly in_root apt-get update -q
}

# What only the build has: /proc, the package cache, and two apt/dpkg settings.
build_apt_conf=/etc/apt/apt.conf.d/99pgfit-build
enter_build() {
    mount -t proc proc "$root/proc"
    mount --bind "$cache/apt-archives" "$root/var/cache/apt/archives"
    # Package scripts must not start services inside the chroot.
    printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
    chmod 755 "$root/usr/sbin/policy-rc.d"
    # A testing suite's Release can be past its Valid-Until on a mirror or snapshot (its
    # signature is still checked); the images keep apt's default.
    echo 'Acquire::Check-Valid-Until "false";' >"$root$build_apt_conf"
}
leave_build() {
    umount "$root/var/cache/apt/archives" "$root/proc"
    rm -f "$root/usr/sbin/policy-rc.d" "$root$build_apt_conf"
}

install_runtime() {
    # The official image's uid/gid, created before any package can take 999.
    in_root groupadd -r postgres --gid=999
    in_root useradd -r -g postgres --uid=999 --home-dir=/var/lib/postgresql --shell=/bin/bash postgres
    apt_install postgresql-common
    # No Debian-style cluster: pgfit initialises PGDATA itself.
    sed -ri 's/#?(create_main_cluster) .*$/\1 = false/' "$root/etc/postgresql-common/createcluster.conf"
    # shellcheck disable=SC2086
    apt_install $runtime_packages
    # forky's locales has no locale.alias.
    local aliases=()
    if [ -f "$root/usr/share/locale/locale.alias" ]; then
        aliases=(-A /usr/share/locale/locale.alias)
    fi
    in_root localedef -i en_US -c -f UTF-8 "${aliases[@]}" en_US.UTF-8
}

# Writes the chroot, without what only the build has, to `tar`.
snapshot() { # tar
    leave_build
    rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/debconf/*-old "$root"/var/log/*.log
    tar --numeric-owner --xattrs -C "$root" -cf "$1.partial" . && mv "$1.partial" "$1"
    enter_build
}

import() { # tar image
    say "importing $2"
    docker import \
        --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/$pg_major/bin" \
        --change "ENV LANG=en_US.utf8" \
        --change "ENV PG_MAJOR=$pg_major" \
        --change "LABEL org.pgfit.base-key=$key" \
        --change 'CMD ["bash"]' \
        "$1" "$2" >/dev/null
}

tars=("$runtime_tar")
[ "$runtime_only" = true ] || tars+=("$build_tar")
missing=false
for tar in "${tars[@]}"; do
    [ -f "$tar" ] || missing=true
done
if [ "${PGFIT_BASE_REBUILD:-}" = true ] || [ "$missing" = true ]; then
    started=$SECONDS
    bootstrap
    say "debootstrap took $((SECONDS - started)) s"
    install_runtime
    snapshot "$runtime_tar"
    say "runtime packages done after $((SECONDS - started)) s"
    if [ "$runtime_only" != true ]; then
        quietly in_root apt-get update -q
        # shellcheck disable=SC2086
        apt_install $build_packages
        snapshot "$build_tar"
        say "build packages done after $((SECONDS - started)) s"
    fi
    # Only the finished snapshots of this key are worth keeping.
    find "$cache" -maxdepth 1 -name "rootfs-$suite-pg$pg_major-*.tar" ! -name "*-$key*" -delete
fi
started=$SECONDS
for i in "${!images[@]}"; do
    import "${tars[$i]}" "${images[$i]}"
done
say "imported ${images[*]} in $((SECONDS - started)) s"
