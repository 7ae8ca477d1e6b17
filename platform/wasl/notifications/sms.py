"""How many SMS parts a body costs: GSM-7 (160, or 153 per part) or UCS-2 (70, or 67 per part).

Any character outside the GSM 03.38 alphabet (every Arabic letter, for one)
switches the whole message to UCS-2, where characters outside the Basic
Multilingual Plane (emoji) take two code units each.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

GSM7_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENDED = set("^{}\\[~]|€\f")  # each costs an escape plus itself

LIMITS = {"gsm7": (160, 153), "ucs2": (70, 67)}


@dataclass(frozen=True)
class SegmentCount:
    encoding: str  # "gsm7" | "ucs2"
    units: int  # septets for GSM-7, UTF-16 code units for UCS-2
    segments: int

    @property
    def per_segment(self) -> int:
        single, multi = LIMITS[self.encoding]
        return single if self.segments <= 1 else multi


def count_segments(body: str) -> SegmentCount:
    if all(ch in GSM7_BASIC or ch in GSM7_EXTENDED for ch in body):
        encoding = "gsm7"
        units = sum(2 if ch in GSM7_EXTENDED else 1 for ch in body)
    else:
        encoding = "ucs2"
        units = len(body.encode("utf-16-le")) // 2
    single, multi = LIMITS[encoding]
    segments = 1 if units <= single else math.ceil(units / multi)
    return SegmentCount(encoding, units, segments)
