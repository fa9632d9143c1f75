"""The actor knowledge base: states, international bodies, regions, media and people.

``load()`` gives the shipped KB (cached per process); ``load(user_files=[...])`` merges a
user's YAML files over it. See ``loading`` for the file format and ``knowledge`` for the API.
"""

from dossier.kb.knowledge import Candidate, KbActor, KnowledgeBase, Role, normalise
from dossier.kb.loading import DATA_DIR, build, load

__all__ = ["DATA_DIR", "Candidate", "KbActor", "KnowledgeBase", "Role", "build", "load", "normalise"]
