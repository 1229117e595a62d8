"""Shared infrastructure: imports neither the editorial app nor devices."""
