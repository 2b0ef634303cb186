"""Language identification."""

from warta.language.identify import Identified, identify
from warta.language.stage import LanguageStage

__all__ = ["Identified", "LanguageStage", "identify"]
