#!/bin/sh
# moto on plain HTTP at 127.0.0.1:5000; HTTPS on :443 with the mounted /tls/s3.crt and s3.key.
set -e
python3 -m moto.server -H 127.0.0.1 -p 5000 &
exec python3 /usr/local/bin/tls_terminator.py 443 5000 /tls/s3.crt /tls/s3.key
