"""Per-thread CPU of the process matching argv[1] over argv[2] seconds (after argv[3] s wait)."""
import os, sys, time, subprocess
pat, secs, wait = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
deadline = time.time() + 120
pid = None
while pid is None and time.time() < deadline:
    out = subprocess.run(["pgrep", "-f", pat], capture_output=True, text=True).stdout.split()
    pid = int(out[0]) if out else None
    time.sleep(0.2)
time.sleep(wait)
def snap():
    r = {}
    for t in os.listdir(f"/proc/{pid}/task"):
        try:
            s = open(f"/proc/{pid}/task/{t}/stat").read()
            name = open(f"/proc/{pid}/task/{t}/comm").read().strip()
        except OSError:
            continue
        f = s[s.rindex(")") + 2:].split()
        r[t] = (name, int(f[11]) + int(f[12]))
    return r
a = snap(); time.sleep(secs); b = snap()
hz = os.sysconf("SC_CLK_TCK")
tot = 0
for t, (name, v) in sorted(b.items(), key=lambda kv: -(kv[1][1] - a.get(kv[0], ("", kv[1][1]))[1])):
    d = (v - a.get(t, (name, v))[1]) / hz / secs * 100
    tot += d
    if d > 0.05: print(f"{t} {name:20s} {d:5.2f} %")
print(f"total {tot:.2f} %")
