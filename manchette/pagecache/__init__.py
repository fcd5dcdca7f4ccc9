"""Full-page cache for anonymous readers, exact invalidation, HTTP caching headers, the
purge hook for a CDN and the static edge (see docs/decisions.md, "Page cache")."""
