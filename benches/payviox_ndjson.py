#!/usr/bin/env python3
"""Writes a day of logged Payviox requests as NDJSON, for `validate --ndjson`.

Usage: python3 benches/payviox_ndjson.py MEGABYTES > requests.ndjson

One to six items per request, in four currencies; one request in ten has
items that miss the amount by one minor unit, so reports of both kinds are
written. Seeded, so every run writes the same bytes.
"""
import json
import random
import sys

target = int(sys.argv[1]) * 1_000_000
rng = random.Random(0)
out = sys.stdout
written = 0
i = 0
while written < target:
    items = [
        {"name": f"Item {j} of order {i}", "quantity": rng.randint(1, 5), "price": rng.randint(100, 20000)}
        for j in range(rng.randint(1, 6))
    ]
    amount = sum(item["quantity"] * item["price"] for item in items)
    if i % 10 == 3:
        amount += 1
    request = {
        "amount": amount,
        "currency": rng.choice(["USD", "EUR", "JPY", "KES"]),
        "customer": f"customer_{i:06d}",
        "order_id": f"order_{i:08d}",
        "description": "Checkout",
        "metadata": {"user_id": f"usr_{i}", "plan": "premium"},
        "items": items,
    }
    line = json.dumps(request, separators=(",", ":")) + "\n"
    out.write(line)
    written += len(line)
    i += 1
