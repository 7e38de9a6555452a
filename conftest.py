"""Test-wide set-up: keys for a production-like configuration (DEBUG off)."""

import os

os.environ.setdefault("SECRET_KEY", "test-secret-key-" + "x" * 50)
os.environ.setdefault("PERSONAL_DATA_KEYS", "tH6NZ0QyHx9V2bQ3PzV2LJjv3JzHkXQm8mO8Fq0Y3nE=")
os.environ.setdefault("PERSONAL_DATA_INDEX_KEY", "test-index-key-" + "y" * 32)
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("TASK_BACKEND", "immediate")
