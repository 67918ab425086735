# Regenerates images/icon.png (run from the project root: python3 scripts/e2e/make-icon.py).
# 128x128 RGBA PNG, written with zlib only: a rounded teal square with a white gate (two posts and
# a lintel) and a check mark inside, supersampled 4x for smooth edges.
import struct, zlib, math
N, S = 128, 4
def seg_dist(px, py, ax, ay, bx, by):
    dx, dy = bx-ax, by-ay
    t = max(0, min(1, ((px-ax)*dx + (py-ay)*dy) / (dx*dx+dy*dy)))
    return math.hypot(px-(ax+t*dx), py-(ay+t*dy))
def inside_round_rect(x, y, x0, y0, x1, y1, r):
    cx = min(max(x, x0+r), x1-r); cy = min(max(y, y0+r), y1-r)
    return (x-cx)**2 + (y-cy)**2 <= r*r
bg_top, bg_bot = (0x12,0x6e,0x82), (0x0b,0x3d,0x5c)
white = (255,255,255); green = (0x7c,0xe0,0x9a)
rows = []
for y in range(N):
    row = bytearray([0])
    for x in range(N):
        acc = [0.0,0.0,0.0,0.0]
        for sy in range(S):
            for sx in range(S):
                px = x + (sx+0.5)/S; py = y + (sy+0.5)/S
                if not inside_round_rect(px, py, 4, 4, 124, 124, 22):
                    continue
                t = py/N
                col = tuple(bg_top[i]*(1-t)+bg_bot[i]*t for i in range(3))
                # gate: posts and lintel
                if (26 <= px <= 38 and 30 <= py <= 104) or (90 <= px <= 102 and 30 <= py <= 104) or (20 <= px <= 108 and 24 <= py <= 36):
                    col = white
                # check mark
                if min(seg_dist(px, py, 44, 70, 58, 86), seg_dist(px, py, 58, 86, 86, 50)) <= 6.5:
                    col = green
                for i in range(3): acc[i] += col[i]
                acc[3] += 255
        n = S*S
        a = acc[3]/n
        if a > 0:
            k = acc[3]/255
            row += bytes([round(acc[0]/k), round(acc[1]/k), round(acc[2]/k), round(a)])
        else:
            row += bytes([0,0,0,0])
    rows.append(bytes(row))
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t+d) & 0xffffffff)
png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', N, N, 8, 6, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(b''.join(rows), 9)) + chunk(b'IEND', b'')
open('images/icon.png', 'wb').write(png)
print(len(png))
