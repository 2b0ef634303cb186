"""Events: triggers, actors, modes; PLOVER types with CAMEO codes."""

from warta.events.stage import EventStage

__all__ = ["EventStage"]
