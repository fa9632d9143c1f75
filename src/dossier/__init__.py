"""dossier: who said and did what to whom, when - from news articles."""

__version__ = "0.1.0"
