#!/usr/bin/env sh
# Creates the secret files a stack reads (Compose `secrets:`), each a random password, mode
# 0600, never overwriting one that exists. Run it in the stack's directory:
#   ../make-secrets.sh postgres_password pgbouncer_auth_password ...
# With no names it creates every file the stack's docker-compose.yml mentions under ./secrets/.
set -eu
umask 077
mkdir -p secrets
if [ "$#" -eq 0 ]; then
    set -- $(sed -n 's|^ *file: *\./secrets/\([A-Za-z0-9_.-]*\) *$|\1|p' docker-compose.yml)
fi
for name in "$@"; do
    if [ -s "secrets/$name" ]; then
        echo "secrets/$name exists; kept"
        continue
    fi
    # 32 characters from [A-Za-z0-9]: safe in every file format the stack writes.
    tr -dc 'A-Za-z0-9' </dev/urandom | head -c 32 >"secrets/$name"
    echo "secrets/$name created"
done
