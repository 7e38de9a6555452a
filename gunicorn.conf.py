"""Gunicorn settings for production: ``gunicorn gongkai.wsgi:application`` run from this directory
reads them (or ``-c gunicorn.conf.py`` from elsewhere). The benchmarks serve with them too.

Portal pages are CPU-bound Python (templates, SQLite in-process), so the cores are used by
processes, each with one thread: measured on a 2-core machine, four threads in one process served
about 40% fewer item pages than one thread (they contend for the interpreter lock), and 5 single-
thread workers served about 25% more than 2 workers of 4 threads. gthread keeps browsers'
connections alive; ``WEB_CONCURRENCY`` (gunicorn's own variable) sets the number of processes.
"""

import multiprocessing
import os

workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * multiprocessing.cpu_count() + 1)
worker_class = "gthread"
threads = 1
