"""SMS parts: GSM-7 160/153, UCS-2 (Arabic) 70/67, extension characters count twice."""

import pytest

from wasl.notifications.sms import count_segments


@pytest.mark.parametrize(("body", "encoding", "segments"), [
    ("a" * 160, "gsm7", 1),
    ("a" * 161, "gsm7", 2),
    ("a" * 306, "gsm7", 2),
    ("a" * 307, "gsm7", 3),
    ("€" * 80, "gsm7", 1),
    ("€" * 81, "gsm7", 2),
    ("ب" * 70, "ucs2", 1),
    ("ب" * 71, "ucs2", 2),
    ("ب" * 134, "ucs2", 2),
    ("ب" * 135, "ucs2", 3),
    ("a" * 69 + "ب", "ucs2", 1),
    ("😀" * 35, "ucs2", 1),
    ("😀" * 36, "ucs2", 2),
    ("", "gsm7", 1),
])
def test_segments(body, encoding, segments):
    count = count_segments(body)
    assert (count.encoding, count.segments) == (encoding, segments)


def test_per_segment_limit_reported():
    assert count_segments("ب" * 71).per_segment == 67
    assert count_segments("a" * 10).per_segment == 160
