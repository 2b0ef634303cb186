"""Cue words: the speech verbs (and ``menurut``/``according to``) that mark reported speech.

Two lists, because news uses them differently: *short* cues (``kata``, ``ujar``) only attribute a quotation
that sits next to them (``"…," kata Lee``), while *reporting* verbs (``mengatakan``, ``menegaskan``, ``memuji``)
also introduce indirect speech (``Kim memuji perjanjian itu …``).
"""

from __future__ import annotations

import re

#: Bare-root cues that follow or precede a direct quote: ``"…," kata Lee`` / ``"…," ujarnya``.
SHORT_CUES = (
    "kata", "ujar", "ucap", "tutur", "ungkap", "jelas", "tegas", "imbuh", "tambah", "sebut", "lanjut", "papar",
    "terang", "kilah", "pungkas", "tandas", "seru", "pinta", "timpal", "bilang", "tukas", "sambung",
    "urai", "beber",
)  # fmt: skip

#: Verbs that report speech, direct or indirect, in Indonesian.
REPORTING_VERBS_ID = (
    "mengatakan", "menyatakan", "menegaskan", "menjelaskan", "menambahkan", "mengungkapkan", "menyebutkan",
    "menyebut", "berkata", "menuturkan", "mengucapkan", "memaparkan", "menerangkan", "mengakui", "menilai",
    "mengklaim", "membantah", "menyampaikan", "mengimbau", "meminta", "mendesak", "menyerukan", "memuji",
    "mengecam", "mengkritik", "memperingatkan", "berharap", "mengharapkan", "menekankan", "mengingatkan",
    "menuding", "menuduh", "menandaskan", "mengutarakan", "membeberkan", "menginstruksikan", "berpendapat",
    "bercerita", "menceritakan", "mengemukakan", "menyinggung", "mengeluhkan", "menyambut", "menggambarkan",
)  # fmt: skip

#: English reporting verbs.
REPORTING_VERBS_EN = (
    "said", "says", "told", "added", "stated", "warned", "argued", "claimed", "explained", "noted", "insisted",
    "asked", "wrote", "declared", "announced", "stressed", "praised", "urged", "denied", "acknowledged", "tell",
)  # fmt: skip

#: ``menurut X, …`` / ``according to X, …``: the cue comes before the speaker, the statement after a comma.
ACCORDING_TO = ("menurut", "according to")

_SHORT = "|".join(sorted(SHORT_CUES, key=len, reverse=True))
_REPORT = "|".join(sorted(REPORTING_VERBS_ID + REPORTING_VERBS_EN, key=len, reverse=True))

#: Any cue as a whole word, with an optional ``-nya`` (``katanya`` = "he/she said") captured apart.
CUE = re.compile(rf"\b(?P<cue>{_SHORT}|{_REPORT})(?P<nya>nya)?\b", re.IGNORECASE)
#: Only the verbs that may open indirect speech.
REPORTING = re.compile(rf"\b(?P<cue>{_REPORT})\b", re.IGNORECASE)

REPORTING_SET = frozenset(v.casefold() for v in REPORTING_VERBS_ID + REPORTING_VERBS_EN)
