"""Where remote points land, how fast input may come, and when control passes between people."""

import pytest

from client.core.input_policy import ControlHolder, InputRateLimit, desktop_point
from protocol.messages import Monitor

MONITORS = (Monitor(0, -1280, 100, 1280, 1024, 1.0, False), Monitor(1, 0, 0, 1920, 1080, 2.0, True))


@pytest.mark.parametrize(
    ("monitor", "x", "y", "expected"),
    [
        (0, 0, 0, (-1280, 100)),
        (0, 1279, 1023, (-1, 1123)),
        (1, 1919, 1079, (1919, 1079)),
        (1, 1920, 0, None),
        (1, 0, 1080, None),
        (0, 1280, 5, None),
        (2, 0, 0, None),
    ],
)
def test_points_map_to_the_shared_monitor_or_nowhere(monitor, x, y, expected):
    assert desktop_point(MONITORS, monitor, x, y) == expected


def test_the_rate_limit_drops_input_beyond_the_limit_within_a_second():
    limit = InputRateLimit(limit=3)
    assert [limit.allow(10.0 + i * 0.1) for i in range(5)] == [True, True, True, False, False]
    assert limit.allow(11.0)
    assert not limit.allow(11.05)
    assert limit.allow(11.1)


def test_local_input_takes_control_at_once_and_it_returns_after_the_rest():
    holder = ControlHolder(rest_s=1.5)

    def expert_holds() -> bool:
        return holder.expert_holds

    assert expert_holds()
    assert holder.local_input(100.0)
    assert not expert_holds()
    assert not holder.local_input(100.5)
    assert not holder.tick(101.9)
    assert holder.tick(102.0)
    assert expert_holds()
    assert not holder.tick(103.0)
