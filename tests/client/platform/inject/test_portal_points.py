"""Desktop pixels become positions in the right portal stream's own (frame) pixels, whatever each
monitor's scale."""

import pytest

from client.platform.capture.portal_backend import stream_geometry, stream_scale
from client.platform.inject.portal_points import stream_point
from client.platform.portal.sessions import PortalStream
from protocol.messages import Monitor


def placed(streams, physical_widths):
    """The monitors as the capture reports them, for frames of the given physical widths."""
    monitors = []
    layout = max(stream_scale(s, w) for s, w in zip(streams, physical_widths, strict=True))
    for index, (stream, width) in enumerate(zip(streams, physical_widths, strict=True)):
        height = round(stream.height * width / stream.width)
        g = stream_geometry(index, stream, width, height, layout, primary=index == 0)
        monitors.append(Monitor(g.id, g.x, g.y, g.width, g.height, g.scale, g.primary))
    return monitors


def test_scale_one_maps_pixels_one_to_one():
    streams = [PortalStream(40, 0, 0, 800, 600)]
    point = stream_point(placed(streams, [800]), streams, 200, 300)
    assert (point.node_id, point.x, point.y) == (40, 200.0, 300.0)


def test_a_fractional_scale_keeps_the_frames_pixels_which_mutter_divides_by_the_scale():
    streams = [PortalStream(41, 0, 0, 1920, 1080)]
    monitors = placed(streams, [2400])
    assert monitors[0].scale == 1.25
    assert (monitors[0].width, monitors[0].height) == (2400, 1350)
    point = stream_point(monitors, streams, 1000, 500)
    assert (point.x, point.y, point.dx, point.dy) == (1000.0, 500.0, 0.0, 0.0)


def test_beyond_the_portals_logical_size_the_rest_is_a_relative_move_in_logical_pixels():
    streams = [PortalStream(42, 0, 0, 800, 600)]
    monitors = placed(streams, [1200])
    point = stream_point(monitors, streams, 1101, 803)
    assert (point.x, point.y) == (799.0, 599.0)
    assert (point.dx, point.dy) == pytest.approx((302 / 1.5, 204 / 1.5))
    corner = stream_point(monitors, streams, 1199, 899)
    assert (corner.x + corner.dx * 1.5, corner.y + corner.dy * 1.5) == pytest.approx((1199, 899))


def test_mixed_scales_side_by_side_never_overlap_and_find_the_right_stream():
    streams = [PortalStream(50, 0, 0, 1536, 864), PortalStream(51, 1536, 0, 1920, 1080)]
    monitors = placed(streams, [2304, 1920])
    assert [(m.x, m.width, m.scale) for m in monitors] == [(0, 2304, 1.5), (2304, 1920, 1.0)]
    left = stream_point(monitors, streams, 2303, 10)
    assert (left.node_id, left.x, left.y, left.dy) == (50, 1535.0, 10.0, 0.0)
    assert left.dx == pytest.approx((2303 - 1535) / 1.5)
    right = stream_point(monitors, streams, 2304 + 100, 20)
    assert (right.node_id, right.x, right.y) == (51, 100.0, 20.0)


def test_a_monitor_left_of_the_primary_has_a_negative_origin():
    streams = [PortalStream(60, 0, 0, 1280, 720), PortalStream(61, -1280, 0, 1280, 720)]
    monitors = placed(streams, [2560, 2560])
    assert monitors[1].x == -2560
    point = stream_point(monitors, streams, -2560 + 640, 360)
    assert (point.node_id, point.x, point.y) == (61, 640.0, 360.0)


def test_the_input_session_finds_its_own_streams_by_place_not_by_node():
    capture_streams = [PortalStream(90, 0, 0, 1920, 1080)]
    input_streams = [PortalStream(95, 0, 0, 1920, 1080)]
    point = stream_point(placed(capture_streams, [2400]), input_streams, 1200, 675)
    assert (point.node_id, point.x, point.y) == (95, 1200.0, 675.0)


def test_a_pixel_outside_every_monitor_or_without_a_stream_maps_to_nothing():
    streams = [PortalStream(80, 0, 0, 800, 600)]
    monitors = placed(streams, [800])
    assert stream_point(monitors, streams, 800, 0) is None
    assert stream_point(monitors, [PortalStream(81, 800, 0, 800, 600)], 10, 10) is None
