"""Language processing: tokens, sentences, named entities and their links to real-world ids."""

from warta.nlp.stage import EntityStage

__all__ = ["EntityStage"]
