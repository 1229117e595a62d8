"""Infrastructure shared by the editorial app and devices; imports neither."""
