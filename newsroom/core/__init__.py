"""Infrastructure any app may use: it imports neither the editorial app nor devices."""
