"""Import of a WordPress site from its export file (WXR), see importer.py."""
