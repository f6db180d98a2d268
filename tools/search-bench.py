#!/usr/bin/env python3
"""Latency of GET /api/v1/chat/search against a running CleanChat (docs/performance.md, "Search").

Prepare a database with a load test (accounts and 500 chats), fill it with worded messages, start the
server on it, then run this:

    LOADTEST_DB=/tmp/search.db tools/loadtest.sh --scenario one-to-one --connections 1000 --rates 1 --duration 5
    python3 tools/fill-messages.py /tmp/search.db 1000000 --words
    (cd src/WebApi/bin/Release/net10.0 && ASPNETCORE_ENVIRONMENT=Development \\
        ConnectionStrings__CleanChat="Data Source=/tmp/search.db" dotnet CleanChat.WebApi.dll --urls http://127.0.0.1:8000) &
    python3 tools/search-bench.py http://127.0.0.1:8000

It signs in as the seeded salon admin (who sees every chat of the salon: the widest scope) and as one
load-test customer, and times 200 searches per query shape, one at a time.
"""
import json
import random
import statistics
import sys
import time
import urllib.parse
import urllib.request


def post(base, path, body):
    request = urllib.request.Request(base + path, json.dumps(body).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def timed_search(base, token, query):
    request = urllib.request.Request(f"{base}/api/v1/chat/search?q={urllib.parse.quote(query)}&page_size=20",
                                     headers={"Authorization": f"Bearer {token}"})
    began = time.perf_counter()
    with urllib.request.urlopen(request) as response:
        total = json.load(response)["total"]
    return (time.perf_counter() - began) * 1000, total


def main(base):
    admin = post(base, "/api/v1/auth/login", {"username": "admin@salon.com", "password": "password"})["access_token"]
    rng = random.Random(3)
    shapes = {
        "rare word (rank 5,000-20,000)": lambda: f"w{rng.randint(5000, 20000)}",
        "middling word (rank 200-2,000)": lambda: f"w{rng.randint(200, 2000)}",
        "common word (rank 1-20)": lambda: f"w{rng.randint(1, 20)}",
        "two words (common + middling)": lambda: f"w{rng.randint(1, 20)} w{rng.randint(200, 2000)}",
        "word prefix (w12*: 1,111 words)": lambda: "w12",
    }
    print("| query | p50 ms | p99 ms | max ms | median total hits |")
    print("|---|---|---|---|---|")
    for name, make in shapes.items():
        for _ in range(10):  # warm-up
            timed_search(base, admin, make())
        samples = [timed_search(base, admin, make()) for _ in range(200)]
        times = sorted(t for t, _ in samples)
        hits = statistics.median(h for _, h in samples)
        print(f"| {name} | {times[99]:.1f} | {times[197]:.1f} | {times[-1]:.1f} | {hits:,.0f} |", flush=True)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1].rstrip("/"))
