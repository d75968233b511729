"""Draws assets/icon.png (512x512): a square-wave 'wire' over a dark tile.
Pure Python (zlib + struct), so it runs anywhere without an image library."""
import math, struct, zlib, pathlib

S = 512
px = bytearray(S * S * 4)

def blend(x, y, rgb, a):
    if 0 <= x < S and 0 <= y < S and a > 0:
        i = (y * S + x) * 4
        for k in range(3):
            px[i + k] = int(px[i + k] * (1 - a) + rgb[k] * a)
        px[i + 3] = max(px[i + 3], int(255 * a))

def rounded_tile(r=96):
    for y in range(S):
        for x in range(S):
            dx = max(r - x, 0, x - (S - 1 - r))
            dy = max(r - y, 0, y - (S - 1 - r))
            d = math.hypot(dx, dy) - r
            a = min(1.0, max(0.0, 0.5 - d))
            t = y / S
            blend(x, y, (int(22 + 10 * t), int(32 + 14 * t), int(48 + 20 * t)), a)

def segment(x0, y0, x1, y1, w, rgb):
    minx, maxx = int(min(x0, x1) - w), int(max(x0, x1) + w)
    miny, maxy = int(min(y0, y1) - w), int(max(y0, y1) + w)
    vx, vy = x1 - x0, y1 - y0
    ll = vx * vx + vy * vy or 1
    for y in range(miny, maxy + 1):
        for x in range(minx, maxx + 1):
            t = max(0, min(1, ((x - x0) * vx + (y - y0) * vy) / ll))
            d = math.hypot(x - (x0 + t * vx), y - (y0 + t * vy))
            blend(x, y, rgb, min(1.0, max(0.0, w / 2 - d + 0.5)))

rounded_tile()
# A square wave: the bits on the wire.
pts = [(70, 330), (150, 330), (150, 180), (230, 180), (230, 330), (290, 330), (290, 180), (360, 180), (360, 330), (442, 330)]
for (a, b) in zip(pts, pts[1:]):
    segment(a[0], a[1], b[0], b[1], 30, (52, 211, 153))
# Byte ticks under the wire.
for i, x in enumerate(range(96, 440, 44)):
    segment(x, 392, x + 24, 392, 14, (147, 197, 253) if i % 2 else (96, 165, 250))

raw = b''.join(b'\x00' + bytes(px[y * S * 4:(y + 1) * S * 4]) for y in range(S))
def chunk(tag, data):
    return struct.pack('>I', len(data)) + tag + data + struct.pack('>I', zlib.crc32(tag + data) & 0xffffffff)
png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', S, S, 8, 6, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')
out = pathlib.Path(__file__).resolve().parent.parent / 'assets' / 'icon.png'
out.write_bytes(png)
print(f'wrote {out} ({len(png)} bytes)')
