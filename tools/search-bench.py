#!/usr/bin/env python3
"""Latency of GET /api/v1/chat/search against a running CleanChat (docs/performance.md, "Search").

Prepare a database with a load test (accounts and 500 chats), fill it with worded messages, start the
server on it, then run this:

    LOADTEST_DB=/tmp/search.db tools/loadtest.sh --scenario one-to-one --connections 1000 --rates 1 --duration 5
    python3 tools/fill-messages.py /tmp/search.db 1000000 --words
    (cd src/WebApi/bin/Release/net10.0 && ASPNETCORE_ENVIRONMENT=Development \\
        ConnectionStrings__CleanChat="Data Source=/tmp/search.db" dotnet CleanChat.WebApi.dll --urls http://127.0.0.1:8000) &
    python3 tools/search-bench.py http://127.0.0.1:8000 /tmp/search.db

It signs in as the seeded salon admin (who sees every chat of the salon: the widest scope), as a load-test
staff member it first adds to 100 chats, and as a load-test customer with one chat, and times 200 searches
per caller and query shape, one at a time.
"""
import json
import random
import statistics
import sqlite3
import sys
import time
import urllib.parse
import urllib.request

LOAD_PASSWORD = "load-test-password"  # tools/CleanChat.LoadTest/Accounts.cs


def post(base, path, body):
    request = urllib.request.Request(base + path, json.dumps(body).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def timed_search(base, token, query):
    request = urllib.request.Request(f"{base}/api/v1/chat/search?q={urllib.parse.quote(query)}&page_size=20",
                                     headers={"Authorization": f"Bearer {token}"})
    began = time.perf_counter()
    with urllib.request.urlopen(request) as response:
        page = json.load(response)
    return (time.perf_counter() - began) * 1000, page["total"], page["order"]


def busy_staff(db_path, chats=100):
    """Makes load-test staff member 1 a participant of the first `chats` chats: a stylist with many clients."""
    db = sqlite3.connect(db_path)
    staff_id = db.execute("SELECT id FROM staff_users WHERE email = 'load-staff-1@load.test'").fetchone()[0]
    db.execute(
        "INSERT OR IGNORE INTO chat_participants (chat_id, participant_type, participant_id, joined_at, is_active) "
        "SELECT id, 'User', ?, '2026-01-01 00:00:00', 1 FROM chats ORDER BY id LIMIT ?", (staff_id, chats))
    db.commit()


def main(base, db_path):
    busy_staff(db_path)
    callers = {
        "salon admin (every chat: 1M messages)": post(base, "/api/v1/auth/login", {"username": "admin@salon.com", "password": "password"}),
        "staff in 100 chats (200k messages)": post(base, "/api/v1/auth/login", {"username": "load-staff-1@load.test", "password": LOAD_PASSWORD}),
        "customer in 1 chat (2k messages)": post(base, "/api/v1/customer-auth/login", {"phone_number": "+19990000001", "password": LOAD_PASSWORD}),
    }
    rng = random.Random(3)
    shapes = {
        "rare word (rank 5,000-20,000)": lambda: f"w{rng.randint(5000, 20000)}",
        "middling word (rank 200-2,000)": lambda: f"w{rng.randint(200, 2000)}",
        "common word (rank 1-20)": lambda: f"w{rng.randint(1, 20)}",
        "two words (common + middling)": lambda: f"w{rng.randint(1, 20)} w{rng.randint(200, 2000)}",
        "word prefix (w12*: 1,111 words)": lambda: "w12",
    }
    print("| caller | query | p50 ms | p99 ms | max ms | median total | order |")
    print("|---|---|---|---|---|---|---|")
    for caller, login in callers.items():
        token = login["access_token"]
        for name, make in shapes.items():
            for _ in range(10):  # warm-up
                timed_search(base, token, make())
            samples = [timed_search(base, token, make()) for _ in range(200)]
            times = sorted(t for t, _, _ in samples)
            hits = statistics.median(h for _, h, _ in samples)
            orders = "/".join(sorted({o for _, _, o in samples}))
            print(f"| {caller} | {name} | {times[99]:.1f} | {times[197]:.1f} | {times[-1]:.1f} | {hits:,.0f} | {orders} |", flush=True)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1].rstrip("/"), sys.argv[2])
