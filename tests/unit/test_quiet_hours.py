from datetime import datetime, timezone

from chalicelib.outbox.quiet_hours import sms_not_before

UTC = timezone.utc


def test_overnight_window_in_the_firms_time_zone():
    evening = datetime(2030, 7, 1, 1, 30, tzinfo=UTC)  # 21:30 in New York (EDT)
    assert sms_not_before(evening, "America/New_York", "21:00", "08:00") == datetime(2030, 7, 1, 12, 0, tzinfo=UTC)
    early = datetime(2030, 7, 1, 10, 0, tzinfo=UTC)  # 06:00 in New York
    assert sms_not_before(early, "America/New_York", "21:00", "08:00") == datetime(2030, 7, 1, 12, 0, tzinfo=UTC)


def test_outside_the_window_sends_now():
    noon = datetime(2030, 7, 1, 16, 0, tzinfo=UTC)
    assert sms_not_before(noon, "America/New_York", "21:00", "08:00") is None


def test_daytime_window_and_no_window():
    lunch = datetime(2030, 1, 1, 12, 30, tzinfo=UTC)
    assert sms_not_before(lunch, "UTC", "12:00", "13:00") == datetime(2030, 1, 1, 13, 0, tzinfo=UTC)
    assert sms_not_before(lunch, "UTC", "09:00", "09:00") is None
