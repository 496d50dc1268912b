# SPDX-License-Identifier: GPL-3.0-or-later
"""M/M/1 behind a token bucket, in SimPy: the baseline of `headroom bench simulator`.

Poisson arrivals at LAMBDA/s meet a token bucket (RATE/s, BURST tokens, starting full, continuous
refill, one token per request); admitted requests queue FIFO for one server with exponential
service at MU/s; rejected ones leave. The run stops taking arrivals after ARRIVALS and drains.
Prints one tab-separated line: api, version, arrivals, admitted, end time (s), time-average number
in system, time-average number waiting, then the wall and CPU seconds of the simulation loop
(interpreter start-up and imports excluded).

Written in the idiomatic style of each API (a process per customer, a Resource for the server),
which is how SimPy models are written. Works with SimPy 3/4 (`import simpy`) and with SimPy 2
(`import SimPy`, what Debian's python3-simpy ships).

Usage: simpy_mm1_token_bucket.py --version | ARRIVALS LAMBDA RATE BURST MU SEED
"""
import random
import sys
import time

try:
    import simpy
    API = "simpy"
    VERSION = simpy.__version__ if hasattr(simpy, "__version__") else "3+"
except ImportError:
    import SimPy
    from SimPy import Simulation as S2
    API = "SimPy"
    VERSION = SimPy.__version__


class Stats:
    """Areas under the number in system (and waiting) over time, updated at each change."""

    def __init__(self):
        self.n = 0
        self.last = 0.0
        self.area = 0.0
        self.area_waiting = 0.0

    def change(self, now, delta):
        dt = now - self.last
        self.area += self.n * dt
        self.area_waiting += max(self.n - 1, 0) * dt
        self.last = now
        self.n += delta


class Bucket:
    def __init__(self, rate, burst):
        self.rate = rate
        self.burst = burst
        self.tokens = float(burst)
        self.last = 0.0

    def admit(self, now):
        self.tokens = min(self.burst, self.tokens + (now - self.last) * self.rate)
        self.last = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return True
        return False


def run_simpy3(arrivals, lam, rate, burst, mu, rng):
    env = simpy.Environment()
    server = simpy.Resource(env, capacity=1)
    stats = Stats()
    bucket = Bucket(rate, burst)
    admitted = [0]

    def customer():
        stats.change(env.now, +1)
        with server.request() as req:
            yield req
            yield env.timeout(rng.expovariate(mu))
        stats.change(env.now, -1)

    def source():
        for _ in range(arrivals):
            yield env.timeout(rng.expovariate(lam))
            if bucket.admit(env.now):
                admitted[0] += 1
                env.process(customer())

    env.process(source())
    start, cpu = time.perf_counter(), time.process_time()
    env.run()
    return admitted[0], env.now, stats, (time.perf_counter() - start, time.process_time() - cpu)


def run_simpy2(arrivals, lam, rate, burst, mu, rng):
    sim = S2.Simulation()
    sim.initialize()
    server = S2.Resource(capacity=1, sim=sim)
    stats = Stats()
    bucket = Bucket(rate, burst)
    admitted = [0]

    class Customer(S2.Process):
        def run(self):
            stats.change(self.sim.now(), +1)
            yield S2.request, self, server
            yield S2.hold, self, rng.expovariate(mu)
            yield S2.release, self, server
            stats.change(self.sim.now(), -1)

    class Source(S2.Process):
        def run(self):
            for _ in range(arrivals):
                yield S2.hold, self, rng.expovariate(lam)
                if bucket.admit(self.sim.now()):
                    admitted[0] += 1
                    c = Customer(sim=self.sim)
                    self.sim.activate(c, c.run())

    src = Source(sim=sim)
    sim.activate(src, src.run())
    start, cpu = time.perf_counter(), time.process_time()
    sim.simulate(until=float("inf"))
    return admitted[0], sim.now(), stats, (time.perf_counter() - start, time.process_time() - cpu)


def main(argv):
    if len(argv) == 2 and argv[1] == "--version":
        print("%s %s, Python %s" % (API, VERSION, sys.version.split()[0]))
        return 0
    if len(argv) != 7:
        print(__doc__, file=sys.stderr)
        return 2
    arrivals = int(argv[1])
    lam, rate, burst, mu = float(argv[2]), float(argv[3]), int(argv[4]), float(argv[5])
    rng = random.Random(int(argv[6]))
    run = run_simpy3 if API == "simpy" else run_simpy2
    admitted, end, stats, (wall, cpu) = run(arrivals, lam, rate, burst, mu, rng)
    stats.change(end, 0)
    print("\t".join(str(v) for v in (API, VERSION, arrivals, admitted, end, stats.area / end,
                                     stats.area_waiting / end, wall, cpu)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
