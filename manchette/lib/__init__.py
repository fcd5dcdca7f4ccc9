"""Shared helpers any app may import: slugs, sanitizer, typography, import references."""
