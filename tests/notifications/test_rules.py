"""Delivery rules: channel choice with fallback, opt-out, quiet hours in Riyadh time."""

from datetime import UTC, datetime, time

from wasl.notifications.models import NotificationSettings
from wasl.notifications.recipients import Recipient
from wasl.notifications.rules import choose_channel, in_quiet_hours, not_before, should_skip

ALL = ("sms", "whatsapp", "email")
ORDER = ["sms", "whatsapp", "email"]


def settings(**kw):
    values = {"quiet_hours_enabled": True, "quiet_start": time(22), "quiet_end": time(7), "fallback_order": ORDER}
    values.update(kw)
    return NotificationSettings(**values)


def test_preferred_channel_wins_when_configured():
    person = Recipient(mobile="+966501234567", email="a@example.org", preferred_channel="whatsapp")
    assert choose_channel(person, ALL, {"sms", "whatsapp", "email"}, ORDER) == ("whatsapp", True)


def test_falls_back_in_the_association_order_when_preferred_is_not_configured():
    person = Recipient(mobile="+966501234567", email="a@example.org", preferred_channel="whatsapp")
    assert choose_channel(person, ALL, {"email", "sms"}, ["email", "sms", "whatsapp"]) == ("email", True)


def test_a_channel_needs_an_address():
    person = Recipient(email="a@example.org", preferred_channel="sms")
    assert choose_channel(person, ALL, {"sms", "email"}, ORDER) == ("email", True)


def test_nothing_configured_reports_the_best_channel_without_provider():
    person = Recipient(mobile="+966501234567", preferred_channel="sms")
    assert choose_channel(person, ALL, set(), ORDER) == ("sms", False)
    assert choose_channel(Recipient(), ALL, {"sms"}, ORDER) == (None, False)


def test_event_channels_limit_the_choice():
    person = Recipient(mobile="+966501234567", email="a@example.org", preferred_channel="email")
    assert choose_channel(person, ("sms", "whatsapp"), {"sms", "email"}, ORDER) == ("sms", True)


def test_opt_out_skips_only_non_essential():
    person = Recipient(opted_out_non_essential=True)
    assert should_skip(person, essential=False)
    assert not should_skip(person, essential=True)
    assert not should_skip(Recipient(), essential=False)


def test_quiet_window_across_midnight_in_riyadh():
    # 20:00 UTC = 23:00 Riyadh (quiet); 05:00 UTC = 08:00 Riyadh (not quiet); 03:30 UTC = 06:30 Riyadh (quiet)
    assert in_quiet_hours(datetime(2026, 3, 1, 20, tzinfo=UTC), time(22), time(7))
    assert not in_quiet_hours(datetime(2026, 3, 1, 5, tzinfo=UTC), time(22), time(7))
    assert in_quiet_hours(datetime(2026, 3, 1, 3, 30, tzinfo=UTC), time(22), time(7))
    assert in_quiet_hours(datetime(2026, 3, 1, 11, tzinfo=UTC), time(13), time(15))


def test_non_urgent_sms_waits_until_the_quiet_hours_end():
    late = datetime(2026, 3, 1, 20, 0, tzinfo=UTC)  # 23:00 in Riyadh
    assert not_before(late, "sms", False, settings()) == datetime(2026, 3, 2, 4, 0, tzinfo=UTC)  # 07:00 Riyadh
    early = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)  # 05:00 in Riyadh
    assert not_before(early, "whatsapp", False, settings()) == datetime(2026, 3, 2, 4, 0, tzinfo=UTC)


def test_urgent_email_and_disabled_quiet_hours_go_at_once():
    late = datetime(2026, 3, 1, 20, 0, tzinfo=UTC)
    assert not_before(late, "sms", True, settings()) == late
    assert not_before(late, "email", False, settings()) == late
    assert not_before(late, "sms", False, settings(quiet_hours_enabled=False)) == late
