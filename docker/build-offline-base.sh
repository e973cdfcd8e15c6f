#!/usr/bin/env bash
# Builds the pgfit base images without any Docker registry: debootstrap a minimal Debian
# bookworm from a Debian mirror, install PostgreSQL <major> and its companions from Debian's
# own archive, lay it out like the official postgres image, and `docker import` it.
#
#   docker/build-offline-base.sh NAME [PG_MAJOR]
#
# Produces two images:
#   NAME        runtime base: postgresql-<major>, its cron and pgaudit extensions, pgbouncer,
#               prometheus-postgres-exporter, en_US.UTF-8, postgres uid/gid 999
#   NAME-build  the same plus the toolchain and headers pgfit compiles with (the Dockerfile's
#               BUILDER_IMAGE), so `docker build` itself needs no network at all
#
# Environment:
#   PGFIT_DEBIAN_MIRROR           Debian mirror URL (default: the host's apt source for the suite,
#                                 else debootstrap's own default)
#   PGFIT_DEBIAN_SECURITY_MIRROR  security mirror URL (default: the host's, else none)
#   PGFIT_CACHE_DIR               downloaded packages and finished root filesystems
#                                 (default /var/cache/pgfit); a rerun with the same inputs only
#                                 re-imports, or does nothing when the images are current
#   PGFIT_BASE_REBUILD=true       ignore the cached root filesystems
set -euo pipefail

die() { echo "build-offline-base: $*" >&2; exit 1; }
say() { echo "build-offline-base: $*" >&2; }

[ $# -ge 1 ] && [ $# -le 2 ] || die "usage: $0 NAME [PG_MAJOR]"
name=$1
pg_major=${2:-15}
case "$pg_major" in
    1[3-9]) ;;
    *) die "PG_MAJOR: expected a PostgreSQL major version 13..19, got '$pg_major'" ;;
esac
[ "$(id -u)" -eq 0 ] || die "must run as root (debootstrap and chroot)"
for tool in debootstrap docker tar sha256sum flock; do
    command -v "$tool" >/dev/null || die "cannot find '$tool' on PATH"
done

suite=bookworm
cache=${PGFIT_CACHE_DIR:-/var/cache/pgfit}
runtime_packages="postgresql-$pg_major postgresql-$pg_major-cron postgresql-$pg_major-pgaudit
    pgbouncer prometheus-postgres-exporter locales libnss-wrapper xz-utils zstd"
build_packages="g++ make cmake ninja-build pkg-config libpq-dev libfmt-dev libtomlplusplus-dev"

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
mirror=${PGFIT_DEBIAN_MIRROR:-$(host_mirror "$suite" | head -1)}
security_mirror=${PGFIT_DEBIAN_SECURITY_MIRROR:-$(host_mirror "$suite-security" | head -1)}

# One run at a time per cache: concurrent runs would write the same snapshot files, and a run
# that waited finds the images current.
mkdir -p "$cache"
exec 9>"$cache/.build-offline-base.lock"
flock 9

# Everything that changes the result is in the key; images carry it as a label.
key=$(printf '%s\n' "$(sha256sum <"$0")" "$pg_major" "$suite" "$mirror" "$security_mirror" |
    sha256sum | cut -c1-16)
image_key() { docker image inspect -f '{{ index .Config.Labels "org.pgfit.base-key" }}' "$1" 2>/dev/null || true; }
if [ "$(image_key "$name")" = "$key" ] && [ "$(image_key "$name-build")" = "$key" ] &&
    [ "${PGFIT_BASE_REBUILD:-}" != true ]; then
    say "$name and $name-build are current (key $key)"
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
    say "debootstrap $suite into $root${mirror:+ from $mirror}"
    : >"$log"
    quietly debootstrap --variant=minbase --cache-dir="$cache/debs" "$suite" "$root" ${mirror:+"$mirror"}
    if [ -n "$security_mirror" ]; then
        echo "deb $security_mirror $suite-security main" >>"$root/etc/apt/sources.list"
    fi
    sed -n 's/^deb \([^ ]*\) .*/deb \1 '"$suite"'-updates main/p' "$root/etc/apt/sources.list" |
        head -1 >>"$root/etc/apt/sources.list"
    mount -t proc proc "$root/proc"
    mount --bind "$cache/apt-archives" "$root/var/cache/apt/archives"
    # Package scripts must not start services inside the chroot.
    printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
    chmod 755 "$root/usr/sbin/policy-rc.d"
    quietly in_root apt-get update -q
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
    in_root localedef -i en_US -c -f UTF-8 -A /usr/share/locale/locale.alias en_US.UTF-8
}

# Writes the chroot (without the package cache mount and the policy) to `tar`.
snapshot() { # tar
    umount "$root/var/cache/apt/archives"
    rm -f "$root/usr/sbin/policy-rc.d"
    rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/debconf/*-old "$root"/var/log/*.log
    umount "$root/proc"
    tar --numeric-owner --xattrs -C "$root" -cf "$1.partial" . && mv "$1.partial" "$1"
    mount -t proc proc "$root/proc"
    mount --bind "$cache/apt-archives" "$root/var/cache/apt/archives"
    printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
    chmod 755 "$root/usr/sbin/policy-rc.d"
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

if [ "${PGFIT_BASE_REBUILD:-}" = true ] || [ ! -f "$runtime_tar" ] || [ ! -f "$build_tar" ]; then
    started=$SECONDS
    bootstrap
    say "debootstrap took $((SECONDS - started)) s"
    install_runtime
    snapshot "$runtime_tar"
    say "runtime packages done after $((SECONDS - started)) s"
    quietly in_root apt-get update -q
    # shellcheck disable=SC2086
    apt_install $build_packages
    snapshot "$build_tar"
    say "build packages done after $((SECONDS - started)) s"
    # Only the finished snapshots of this key are worth keeping.
    find "$cache" -maxdepth 1 -name "rootfs-$suite-pg$pg_major-*.tar" ! -name "*-$key*" -delete
fi
started=$SECONDS
import "$runtime_tar" "$name"
import "$build_tar" "$name-build"
say "imported $name and $name-build in $((SECONDS - started)) s"
