"""Benchmarks (``make bench``): ratios measured in one run, never pass/fail timings.

See ``gongkai.bench.registry`` for adding a benchmark, ``gongkai.bench.http`` for the HTTP
harness, and ``python -m gongkai.bench --help`` for running them.
"""
