"""A scripted device for sequence tests, on Python's own socket module.

  token_device.py MODE    listens on 127.0.0.1, port 0; prints the port on
                          stdout, serves one connection, then exits.

After HELLO\\r\\n it says WELCOME\\r\\n, then by MODE:
  token     hands out TOKEN=abc123\\r\\n (in two writes, 50 ms apart, the way a
            slow device splits a line), answers AUTH abc123 with OK (anything
            else with DENIED), PING n with PONG n, BYE x with CIAO x.
  no-token  says nothing more, and answers nothing, until the client leaves.
  close     closes the connection.
"""
import socket
import sys
import time


def lines(conn):
    buf = b""
    while True:
        while b"\n" not in buf:
            more = conn.recv(4096)
            if not more:
                return
            buf += more
        line, buf = buf.split(b"\n", 1)
        yield line.rstrip(b"\r")


def serve(conn, mode):
    talk = lines(conn)
    if next(talk, None) != b"HELLO":
        return
    conn.sendall(b"WELCOME\r\n")
    if mode == "close":
        return
    if mode == "no-token":
        for _ in talk:
            pass
        return
    conn.sendall(b"TOK")
    time.sleep(0.05)
    conn.sendall(b"EN=abc123\r\n")
    for line in talk:
        if line.startswith(b"AUTH "):
            conn.sendall(b"OK\r\n" if line == b"AUTH abc123" else b"DENIED\r\n")
        elif line.startswith(b"PING "):
            conn.sendall(b"PONG " + line[5:] + b"\n")
        elif line.startswith(b"BYE "):
            conn.sendall(b"CIAO " + line[4:] + b"\n")


def main():
    mode = sys.argv[1]
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    print(server.getsockname()[1], flush=True)
    conn, _ = server.accept()
    try:
        serve(conn, mode)
    finally:
        conn.close()
        server.close()


main()
