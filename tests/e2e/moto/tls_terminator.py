# HTTPS in front of a plain-HTTP server: moto closes each connection without TLS close_notify,
# which pgBackRest (OpenSSL 3) reports as "unexpected eof"; this terminator ends every
# connection with close_notify. Usage: tls_terminator.py LISTEN_PORT UPSTREAM_PORT CERT KEY
import select, socket, ssl, sys, threading
listen_port, upstream_port, cert, key = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(cert, key)
def relay(client, upstream):
    # One thread per connection: an SSL socket must not be used by two threads at once.
    while True:
        ready = [client] if client.pending() else []
        if not ready:
            ready, _, _ = select.select([client, upstream], [], [])
        for source in ready:
            data = source.recv(65536)
            if not data:
                return
            (upstream if source is client else client).sendall(data)
def serve(raw):
    try:
        client = context.wrap_socket(raw, server_side=True)
        upstream = socket.create_connection(("127.0.0.1", upstream_port))
    except OSError:
        raw.close()
        return
    try:
        relay(client, upstream)
        client.unwrap()
    except (OSError, ValueError):
        pass
    for s in (client, upstream):
        try:
            s.close()
        except OSError:
            pass
listener = socket.create_server(("", listen_port))
while True:
    connection, _ = listener.accept()
    threading.Thread(target=serve, args=(connection,), daemon=True).start()
