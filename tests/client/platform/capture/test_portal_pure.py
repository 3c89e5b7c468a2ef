"""The portal capture's pure parts: the gst-launch command, its caps lines, the monitor geometry."""

from client.platform.capture.pipewire_frames import caps_size, pipeline
from client.platform.capture.portal_backend import in_layout_order, primary_index, stream_geometry
from client.platform.portal.sessions import PortalStream, parse_streams


def test_the_pipeline_reads_the_inherited_fd_and_writes_packed_bgra_to_our_pipe():
    command = pipeline(7, 42, 9)
    assert command[:2] == ["gst-launch-1.0", "-v"]
    assert "fd=7" in command and "path=42" in command
    assert "video/x-raw,format=BGRA" in command
    assert "fd=9" in command


def test_the_frame_size_is_read_from_our_sinks_caps_line_only():
    sink = (
        "/GstPipeline:pipeline0/GstFdSink:out.GstPad:sink: caps = video/x-raw, format=(string)BGRA, "
        "width=(int)2400, height=(int)1350, framerate=(fraction)0/1"
    )
    other = sink.replace("GstFdSink:out", "GstVideoConvert:videoconvert0")
    assert caps_size(sink) == (2400, 1350)
    assert caps_size(other) is None
    assert caps_size("Setting pipeline to PLAYING ...") is None


def test_a_scaled_monitor_reports_physical_pixels_and_its_scale():
    geometry = stream_geometry(1, PortalStream(9, 1280, 0, 1280, 720), 2560, 1440, 2.0, primary=False)
    assert (geometry.x, geometry.y, geometry.width, geometry.height) == (2560, 0, 2560, 1440)
    assert geometry.scale == 2.0
    assert not geometry.primary


def test_the_start_response_lists_each_stream_with_its_place():
    results = {
        "streams": (
            "a(ua{sv})",
            [
                (37, {"position": ("(ii)", (0, 0)), "size": ("(ii)", (800, 600))}),
                (38, {"position": ("(ii)", (800, -100)), "size": ("(ii)", (1024, 768))}),
            ],
        )
    }
    assert parse_streams(results) == [
        PortalStream(37, 0, 0, 800, 600),
        PortalStream(38, 800, -100, 1024, 768),
    ]


def test_monitors_are_numbered_left_to_right_and_the_one_at_the_origin_is_primary():
    listed = [PortalStream(47, 800, 0, 800, 600), PortalStream(45, 0, 0, 800, 600)]
    ordered = in_layout_order(listed)
    assert [s.node_id for s in ordered] == [45, 47]
    assert primary_index(ordered) == 0
    left_of_primary = in_layout_order([PortalStream(1, 0, 0, 800, 600), PortalStream(2, -800, 0, 800, 600)])
    assert [s.node_id for s in left_of_primary] == [2, 1]
    assert primary_index(left_of_primary) == 1
