"""Story analysis: from single records to the story (issue 7).

Everything here works on lists of record dicts in the published shape (see
``dossier.schema``), so it runs on any store and on records straight from the
pipeline:

- :func:`timeline`: statements and events in date order, for an actor, a dyad, an
  issue (recipient and/or PLOVER context) or everything;
- :func:`story_events`: reports of one happening merged into ``story_event`` records;
- :func:`positions` and :func:`shifts`: stances, and ``shift`` records when they change;
- :func:`lever_map`: the actor graph with ``edge`` records, GraphML and an outline;
- :func:`story`: all of it as Markdown.
"""

from dossier.analyze.clusters import story_events
from dossier.analyze.levers import LeverMap, lever_map
from dossier.analyze.positions import positions, shifts
from dossier.analyze.story import story
from dossier.analyze.timeline import timeline

__all__ = ["LeverMap", "lever_map", "positions", "shifts", "story", "story_events", "timeline"]
