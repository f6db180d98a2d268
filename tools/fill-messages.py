#!/usr/bin/env python3
"""Fills a load-test database with N messages spread round-robin over its existing chats, continuing
each chat's seq, so a load test can be run against a large database (docs/performance.md, "Flat cost
as the database grows").

    LOADTEST_DB=/tmp/big.db tools/loadtest.sh --scenario one-to-one --connections 1000 --rates 1 --duration 5
    python3 tools/fill-messages.py /tmp/big.db 10000000        # about 90 s on the project's VM
    python3 tools/fill-messages.py /tmp/big.db 1000000 --words # text of 4-14 words drawn from a
        # 20,000-word vocabulary by Zipf's law (word w1 commonest), for search benchmarks
    LOADTEST_DB=/tmp/big.db tools/loadtest.sh --scenario one-to-one --connections 1000 --rates 5,5,5 --duration 60
"""
import bisect
import datetime
import itertools
import random
import sqlite3
import sys
import time

BATCH = 500_000


VOCABULARY = 20_000


def word_sampler(seed=11):
    # Zipf's law (s = 1.1): a few words are in many messages, most in few, as in real text.
    weights = [1 / (rank ** 1.1) for rank in range(1, VOCABULARY + 1)]
    cumulative = list(itertools.accumulate(weights))
    rng = random.Random(seed)
    total = cumulative[-1]

    def sentence():
        return " ".join(f"w{bisect.bisect_left(cumulative, rng.random() * total) + 1}" for _ in range(rng.randint(4, 14)))
    return sentence


def main(path, count, words=False):
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA cache_size=-200000")
    chats = db.execute(
        "SELECT c.id, c.last_seq, p.participant_type, p.participant_id FROM chats c "
        "JOIN chat_participants p ON p.id = (SELECT MIN(id) FROM chat_participants WHERE chat_id = c.id)").fetchall()
    if not chats:
        sys.exit("no chats: run a load test against this database first")
    seqs = {chat_id: seq for chat_id, seq, _, _ in chats}
    senders = {chat_id: (kind, sender) for chat_id, _, kind, sender in chats}
    ids = list(seqs)
    start = datetime.datetime(2026, 1, 1)
    sentence = word_sampler() if words else None
    began = time.time()

    def row(i):
        chat_id = ids[i % len(ids)]
        seqs[chat_id] += 1
        kind, sender = senders[chat_id]
        created = (start + datetime.timedelta(seconds=i / 2)).strftime("%Y-%m-%d %H:%M:%S.%f") + "0"
        text = sentence() if sentence else f"filler message {i} with a few words in it"
        return (chat_id, kind, sender, "Text", text, created, seqs[chat_id])

    done = 0
    while done < count:
        rows = [row(i) for i in range(done, min(done + BATCH, count))]
        with db:
            db.executemany(
                "INSERT INTO chat_messages (chat_id, sender_type, sender_id, message_type, content, created_at, is_deleted, seq) "
                "VALUES (?, ?, ?, ?, ?, ?, 0, ?)", rows)
            db.executemany("UPDATE chats SET last_seq = ? WHERE id = ?", [(seq, chat_id) for chat_id, seq in seqs.items()])
        done += len(rows)
        print(f"{done} messages, {time.time() - began:.0f} s", flush=True)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4) or (len(sys.argv) == 4 and sys.argv[3] != "--words"):
        sys.exit(__doc__)
    main(sys.argv[1], int(sys.argv[2]), words=len(sys.argv) == 4)
