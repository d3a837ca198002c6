"""Timing helpers shared by the benchmark commands (`make bench-directory`, `make bench-search`)."""

import statistics
import time


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def time_interleaved(run, params_list, repeat=3, warm_up=3):
    """Run every case `repeat` times, interleaved, after warming caches and connections.

    `run(params)` returns the case's result count. Returns the timings in ms, one list per
    round, and each case's count from the first round.
    """
    for params in params_list[:warm_up]:
        run(params)
    rounds = [[] for _ in range(repeat)]
    counts = []
    for timings in rounds:
        for params in params_list:
            started = time.perf_counter()
            count = run(params)
            timings.append((time.perf_counter() - started) * 1000)
            if timings is rounds[0]:
                counts.append(count)
    return rounds, counts


def write_timings(stdout, label, rounds, counts):
    """p50/p95/max over every run ("all runs": what a visitor saw) and over each case's fastest
    run ("best of n": filters out moments when other work on a shared machine held the CPU),
    then the result counts."""
    every = [t for timings in rounds for t in timings]
    best = [min(times) for times in zip(*rounds, strict=True)]
    stdout.write(f"{label}   (n={len(counts)} x {len(rounds)})")
    for name, timings in (("all runs ", every), (f"best of {len(rounds)}", best)):
        stdout.write(
            f"  {name}  p50 {percentile(timings, 0.5):6.1f} ms"
            f"   p95 {percentile(timings, 0.95):6.1f} ms   max {max(timings):6.1f} ms"
        )
    stdout.write(
        f"  results: min {min(counts):,}, median {statistics.median(counts):,.0f}, "
        f"max {max(counts):,}"
    )
