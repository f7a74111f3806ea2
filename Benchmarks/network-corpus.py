#!/usr/bin/env python3
"""Benchmarks/network-corpus.py OUT --docs N: a synthetic OpenAlex corpus for the science-mapping
benchmark, whose documents cite a shared pool of works (the seed layout's generator gives every
reference once, so nothing is coupled). Each of N works cites 20 to 40 of 10·N works drawn with a
popularity falling as rank^-0.5, has one to four authors of a pool of N/2, and a year from 2000 to
2024; written as JSON Lines in files of 10,000 works. Deterministic (seed 1).
"""
import argparse
import bisect
import itertools
import json
import os
import random

parser = argparse.ArgumentParser()
parser.add_argument("out")
parser.add_argument("--docs", type=int, default=100000)
args = parser.parse_args()
rng = random.Random(1)
pool = 10 * args.docs
cumulative = list(itertools.accumulate((r + 1) ** -0.5 for r in range(pool)))
total = cumulative[-1]
os.makedirs(args.out, exist_ok=True)
per_file = 10000
for start in range(0, args.docs, per_file):
    with open(os.path.join(args.out, "works-%06d.jsonl" % (start // per_file)), "w", encoding="utf-8") as f:
        for w in range(start, min(start + per_file, args.docs)):
            cited = set()
            for _ in range(rng.randint(20, 40)):
                cited.add(bisect.bisect_left(cumulative, rng.random() * total))
            authors = [{"author": {"display_name": "Author %d" % rng.randrange(args.docs // 2)}} for _ in range(rng.randint(1, 4))]
            work = {"id": "https://openalex.org/W%d" % (10 ** 9 + w), "title": "Work %d" % w,
                    "publication_year": rng.randint(2000, 2024), "authorships": authors,
                    "referenced_works": ["https://openalex.org/W%d" % (2 * 10 ** 9 + r) for r in sorted(cited)]}
            f.write(json.dumps(work) + "\n")
