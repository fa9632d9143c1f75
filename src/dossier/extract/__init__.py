"""Extraction: spaCy doc + context -> records, by named components run in order."""
