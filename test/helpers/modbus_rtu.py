"""Modbus RTU peers for the tests, on Python's own socket module and its
own CRC-16/MODBUS code (not ours), so a test proves our checksums against
an independent one.

  modbus_rtu.py master PORT [--append-crc] FRAME LENGTH [FRAME LENGTH ...]
      connects to 127.0.0.1:PORT; for each FRAME (hex; with --append-crc its
      CRC is appended first) sends it, reads LENGTH bytes back and prints
      "ANSWER crc-ok" or "ANSWER crc-bad" (ANSWER in upper-case hex).
  modbus_rtu.py device
      listens on 127.0.0.1:0 for one master, prints its port, then answers
      each 8-byte request from the registers below (those of
      modbus-conversation.ts), printing "REQUEST ANSWER" in hex.
"""
import socket
import sys

REGS = {
    1: [0x0111, 0x0222, 0x0333, 0x0444, 0, 0, 0, 0, 0, 0, 0x0AAA],
    2: [0x0111, 0x0222, 0x0333, 0x0444],
}


def crc16_modbus(data):
    crc = 0xFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc


def with_crc(body):
    return body + crc16_modbus(body).to_bytes(2, "little")


def master(port, args):
    append_crc = args[:1] == ["--append-crc"]
    if append_crc:
        args = args[1:]
    s = socket.create_connection(("127.0.0.1", port))
    for frame, length in zip(args[0::2], args[1::2]):
        body = bytes.fromhex(frame)
        s.sendall(with_crc(body) if append_crc else body)
        answer = b""
        while len(answer) < int(length):
            more = s.recv(4096)
            if not more:
                sys.exit("closed early")
            answer += more
        ok = crc16_modbus(answer[:-2]) == int.from_bytes(answer[-2:], "little")
        print(answer.hex().upper(), "crc-ok" if ok else "crc-bad", flush=True)
    s.close()


def answer_pdu(unit, frame):
    fc = frame[1]
    addr, value = int.from_bytes(frame[2:4], "big"), int.from_bytes(frame[4:6], "big")
    regs = REGS.get(unit, [])
    if fc == 3 and addr + value <= len(regs):
        data = b"".join(r.to_bytes(2, "big") for r in regs[addr:addr + value])
        return bytes([3, len(data)]) + data
    if fc == 3:
        return bytes([0x83, 2])
    if fc == 6:
        return frame[1:6]
    return bytes([fc | 0x80, 1])


def device():
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(1)
    print(srv.getsockname()[1], flush=True)
    conn, _ = srv.accept()
    buf = b""
    while True:
        more = conn.recv(4096)
        if not more:
            break
        buf += more
        while len(buf) >= 8:
            frame, buf = buf[:8], buf[8:]
            answer = with_crc(bytes([frame[0]]) + answer_pdu(frame[0], frame))
            print(frame.hex().upper(), answer.hex().upper(), flush=True)
            conn.sendall(answer)


if __name__ == "__main__":
    if sys.argv[1] == "master":
        master(int(sys.argv[2]), sys.argv[3:])
    else:
        device()
