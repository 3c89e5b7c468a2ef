"""VP8 encoding of the motion path's region, through libvpx (protocol/libvpx.py binds it).

One `Vp8Encoder` per video stream, used by one thread at a time: real-time, one pass, no lag
(each picture comes back at once as one frame), no dropped pictures, constant bit rate, key frames
only when asked for (a new stream, a console attaching).
"""

from __future__ import annotations

import ctypes

from client.core.yuv import I420
from protocol.libvpx import ENCODER_ABI_VERSION, CodecContext, EncoderConfig, Image, VpxError, check

IMG_FMT_I420 = 0x102
FRAME_PACKET = 0
DEADLINE_REALTIME = 1
FORCE_KEY_FRAME = 1
FRAME_IS_KEY = 1
RC_CBR = 1
KF_DISABLED = 0
VP8E_SET_CPUUSED = 13
VP8E_SET_STATIC_THRESHOLD = 17
CPU_USED = 12
"""Real-time speed step (VP8 allows up to 16): 960x540 encodes in a few milliseconds on one core."""
STATIC_THRESHOLD = 100
"""Macroblocks that barely changed are skipped: cheap on the still parts of a moving region."""


class Vp8Encoder:
    """Encodes pictures of one fixed size into VP8 frames at a target bit rate."""

    def __init__(self, library: ctypes.CDLL, width: int, height: int, *, kbit_per_s: int) -> None:
        self._library = library
        self.width, self.height = width, height
        config = EncoderConfig()
        interface = library.vpx_codec_vp8_cx()
        check(library, CodecContext(), library.vpx_codec_enc_config_default(interface, config, 0), "config")
        config.g_w, config.g_h, config.g_threads = width, height, 1
        config.g_timebase_num, config.g_timebase_den = 1, 1000
        config.g_lag_in_frames = 0
        config.g_error_resilient = 0
        config.rc_dropframe_thresh = 0
        config.rc_resize_allowed = 0
        config.rc_end_usage = RC_CBR
        config.rc_target_bitrate = kbit_per_s
        config.rc_min_quantizer, config.rc_max_quantizer = 4, 56
        config.rc_undershoot_pct, config.rc_overshoot_pct = 95, 15
        config.rc_buf_sz, config.rc_buf_initial_sz, config.rc_buf_optimal_sz = 1000, 500, 600
        config.kf_mode = KF_DISABLED
        self._config = config
        self._context = CodecContext()
        status = library.vpx_codec_enc_init_ver(self._context, interface, config, 0, ENCODER_ABI_VERSION)
        check(library, self._context, status, "encoder init")
        self._open = True
        for control, value in ((VP8E_SET_CPUUSED, CPU_USED), (VP8E_SET_STATIC_THRESHOLD, STATIC_THRESHOLD)):
            check(
                library, self._context, library.vpx_codec_control_(self._context, control, value), "control"
            )
        self._image = Image(
            fmt=IMG_FMT_I420, w=width, h=height, d_w=width, d_h=height, bit_depth=8,
            x_chroma_shift=1, y_chroma_shift=1, bps=12,
        )  # fmt: skip

    def encode(self, picture: I420, pts_ms: int, duration_ms: int, *, key: bool) -> tuple[bytes, bool]:
        """One VP8 frame of `picture`, and whether it is a key frame (the first one always is)."""
        if (picture.width, picture.height) != (self.width, self.height):
            raise ValueError(
                f"a {picture.width}x{picture.height} picture for a {self.width}x{self.height} encoder"
            )
        if not self._open:
            raise VpxError("the encoder is closed")
        for index, plane in enumerate((picture.y, picture.u, picture.v)):
            self._image.planes[index] = plane.ctypes.data
            self._image.stride[index] = plane.strides[0]
        flags = FORCE_KEY_FRAME if key else 0
        status = self._library.vpx_codec_encode(
            self._context, self._image, pts_ms, max(1, duration_ms), flags, DEADLINE_REALTIME
        )
        check(self._library, self._context, status, "encode")
        frames: list[bytes] = []
        is_key = False
        iterator = ctypes.c_void_p()
        while packet := self._library.vpx_codec_get_cx_data(self._context, ctypes.byref(iterator)):
            if packet.contents.kind == FRAME_PACKET:
                frames.append(ctypes.string_at(packet.contents.buf, packet.contents.sz))
                is_key = is_key or bool(packet.contents.flags & FRAME_IS_KEY)
        if len(frames) != 1:
            raise VpxError(f"the encoder gave {len(frames)} frames for one picture")
        return frames[0], is_key

    def close(self) -> None:
        """Free the encoder; idempotent."""
        if self._open:
            self._open = False
            self._library.vpx_codec_destroy(self._context)
