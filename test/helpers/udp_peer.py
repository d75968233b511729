"""A UDP peer for the tests, on Python's own socket module (not our code).

  udp_peer.py send HOST PORT   reads frames (4-byte big-endian length, then
                               the bytes) from stdin; sends each as ONE datagram.
  udp_peer.py recv HOST        binds HOST:0, prints "PORT n" on stderr, then
                               writes each datagram received as a frame on stdout.
  udp_peer.py recv :: GROUP IFACE   the same, joined to an IPv6 multicast group.
HOST may carry an IPv6 scope (ff02::1:3%wb0) to pick the interface.
"""
import socket
import struct
import sys


def family_of(host):
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def read_exact(stream, n):
    data = b""
    while len(data) < n:
        more = stream.read(n - len(data))
        if not more:
            return None
        data += more
    return data


def send(host, port):
    sock = socket.socket(family_of(host), socket.SOCK_DGRAM)
    address = socket.getaddrinfo(host, port, family_of(host), socket.SOCK_DGRAM)[0][4]
    stdin = sys.stdin.buffer
    while True:
        head = read_exact(stdin, 4)
        if head is None:
            return
        (length,) = struct.unpack(">I", head)
        payload = read_exact(stdin, length) if length else b""
        sock.sendto(payload, address)


def recv(host, group=None, iface=None):
    sock = socket.socket(family_of(host), socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 * 1024 * 1024)
    sock.bind((host, 0))
    if group:
        index = struct.pack("@I", socket.if_nametoindex(iface))
        mreq = socket.inet_pton(socket.AF_INET6, group) + index
        sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP, mreq)
    sys.stderr.write("PORT %d\n" % sock.getsockname()[1])
    sys.stderr.flush()
    out = sys.stdout.buffer
    while True:
        data, _ = sock.recvfrom(70000)
        out.write(struct.pack(">I", len(data)) + data)
        out.flush()


if __name__ == "__main__":
    if sys.argv[1] == "send":
        send(sys.argv[2], int(sys.argv[3]))
    else:
        recv(*sys.argv[2:5])
