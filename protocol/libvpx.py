"""The system's libvpx through ctypes (no compiled extension): VP8 for the video stream.

Why ctypes and not PyAV: the one-file client must stay under 50 MB, and libvpx alone adds about
1.2 MB compressed where PyAV's FFmpeg wheels add tens of MB (docs/adr/0008-motion-video-vp8.md).
Only the calls and struct fields used are declared, at the ABI of libvpx 1.x (encoder ABI 25,
decoder ABI 12: libvpx7 of Debian 12), which the init calls check themselves. The client encodes
(client/services/vp8_encoder.py); the server's recorder, the benchmarks and the tests decode with
`Vp8Decoder`. The one-file build bundles libvpx.so.7; where there is none, `load_libvpx` returns
None and the client sends tiles only.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import sys
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

_log = logging.getLogger(__name__)

ENCODER_ABI_VERSION = 25
DECODER_ABI_VERSION = 12
_LIBRARY = "libvpx.so.7"
_ENC_CFG_SIZE = 504
_ENC_CFG_DECLARED = 172
"""Bytes of vpx_codec_enc_cfg_t up to and including `kf_max_dist`; the rest stays as libvpx set it."""


class CodecContext(ctypes.Structure):
    """vpx_codec_ctx_t: libvpx fills it; only `err_detail` is read here."""

    _fields_ = [
        ("name", ctypes.c_char_p),
        ("iface", ctypes.c_void_p),
        ("err", ctypes.c_int),
        ("err_detail", ctypes.c_char_p),
        ("init_flags", ctypes.c_long),
        ("config", ctypes.c_void_p),
        ("priv", ctypes.c_void_p),
    ]


class Image(ctypes.Structure):
    """vpx_image_t."""

    _fields_ = [
        ("fmt", ctypes.c_int),
        ("cs", ctypes.c_int),
        ("range", ctypes.c_int),
        ("w", ctypes.c_uint),
        ("h", ctypes.c_uint),
        ("bit_depth", ctypes.c_uint),
        ("d_w", ctypes.c_uint),
        ("d_h", ctypes.c_uint),
        ("r_w", ctypes.c_uint),
        ("r_h", ctypes.c_uint),
        ("x_chroma_shift", ctypes.c_uint),
        ("y_chroma_shift", ctypes.c_uint),
        ("planes", ctypes.c_void_p * 4),
        ("stride", ctypes.c_int * 4),
        ("bps", ctypes.c_int),
        ("user_priv", ctypes.c_void_p),
        ("img_data", ctypes.c_void_p),
        ("img_data_owner", ctypes.c_int),
        ("self_allocd", ctypes.c_int),
        ("fb_priv", ctypes.c_void_p),
    ]


class EncoderConfig(ctypes.Structure):
    """vpx_codec_enc_cfg_t: its fields up to `kf_max_dist` at their ABI offsets, then the rest."""

    _fields_ = [
        ("g_usage", ctypes.c_uint),
        ("g_threads", ctypes.c_uint),
        ("g_profile", ctypes.c_uint),
        ("g_w", ctypes.c_uint),
        ("g_h", ctypes.c_uint),
        ("g_bit_depth", ctypes.c_int),
        ("g_input_bit_depth", ctypes.c_uint),
        ("g_timebase_num", ctypes.c_int),
        ("g_timebase_den", ctypes.c_int),
        ("g_error_resilient", ctypes.c_uint),
        ("g_pass", ctypes.c_int),
        ("g_lag_in_frames", ctypes.c_uint),
        ("rc_dropframe_thresh", ctypes.c_uint),
        ("rc_resize_allowed", ctypes.c_uint),
        ("rc_resize_fields", ctypes.c_uint * 4),
        ("rc_end_usage", ctypes.c_int),
        ("rc_stats_buffers", ctypes.c_void_p * 4),
        ("rc_target_bitrate", ctypes.c_uint),
        ("rc_min_quantizer", ctypes.c_uint),
        ("rc_max_quantizer", ctypes.c_uint),
        ("rc_undershoot_pct", ctypes.c_uint),
        ("rc_overshoot_pct", ctypes.c_uint),
        ("rc_buf_sz", ctypes.c_uint),
        ("rc_buf_initial_sz", ctypes.c_uint),
        ("rc_buf_optimal_sz", ctypes.c_uint),
        ("rc_two_pass_fields", ctypes.c_uint * 4),
        ("kf_mode", ctypes.c_int),
        ("kf_min_dist", ctypes.c_uint),
        ("kf_max_dist", ctypes.c_uint),
        ("rest", ctypes.c_ubyte * (_ENC_CFG_SIZE - _ENC_CFG_DECLARED)),
    ]


class FramePacket(ctypes.Structure):
    """vpx_codec_cx_pkt_t of kind VPX_CODEC_CX_FRAME_PKT (0): one compressed picture."""

    _fields_ = [
        ("kind", ctypes.c_int),
        ("buf", ctypes.c_void_p),
        ("sz", ctypes.c_size_t),
        ("pts", ctypes.c_int64),
        ("duration", ctypes.c_ulong),
        ("flags", ctypes.c_uint32),
    ]


class VpxError(RuntimeError):
    """libvpx refused a call or gave something unusable; the message says what."""


def load_libvpx() -> ctypes.CDLL | None:
    """The bundled libvpx (one-file build), else the system's; None where there is none."""
    bundle = getattr(sys, "_MEIPASS", None)
    candidates = [str(Path(bundle) / _LIBRARY)] if bundle else []
    candidates += [_LIBRARY, ctypes.util.find_library("vpx") or ""]
    for candidate in filter(None, candidates):
        try:
            library = ctypes.CDLL(candidate)
        except OSError:
            continue
        _declare(library)
        return library
    _log.info("no libvpx here: moving content is sent as tiles")
    return None


def _declare(library: ctypes.CDLL) -> None:
    context = ctypes.POINTER(CodecContext)
    iterator = ctypes.POINTER(ctypes.c_void_p)
    signatures: dict[str, tuple[object, list[object]]] = {
        "vpx_codec_vp8_cx": (ctypes.c_void_p, []),
        "vpx_codec_vp8_dx": (ctypes.c_void_p, []),
        "vpx_codec_err_to_string": (ctypes.c_char_p, [ctypes.c_int]),
        "vpx_codec_enc_config_default": (
            ctypes.c_int,
            [ctypes.c_void_p, ctypes.POINTER(EncoderConfig), ctypes.c_uint],
        ),
        "vpx_codec_enc_init_ver": (
            ctypes.c_int,
            [context, ctypes.c_void_p, ctypes.POINTER(EncoderConfig), ctypes.c_long, ctypes.c_int],
        ),
        "vpx_codec_dec_init_ver": (
            ctypes.c_int,
            [context, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_long, ctypes.c_int],
        ),
        "vpx_codec_control_": (ctypes.c_int, [context, ctypes.c_int, ctypes.c_int]),
        "vpx_codec_encode": (
            ctypes.c_int,
            [context, ctypes.POINTER(Image), ctypes.c_int64, ctypes.c_ulong, ctypes.c_long, ctypes.c_ulong],
        ),
        "vpx_codec_get_cx_data": (ctypes.POINTER(FramePacket), [context, iterator]),
        "vpx_codec_decode": (
            ctypes.c_int,
            [context, ctypes.c_char_p, ctypes.c_uint, ctypes.c_void_p, ctypes.c_long],
        ),
        "vpx_codec_get_frame": (ctypes.POINTER(Image), [context, iterator]),
        "vpx_codec_destroy": (ctypes.c_int, [context]),
    }
    for name, (result, arguments) in signatures.items():
        function = getattr(library, name)
        function.restype = result
        function.argtypes = arguments


def check(library: ctypes.CDLL, context: CodecContext, status: int, what: str) -> None:
    """Raise `VpxError` naming `what` when a libvpx call returned an error status."""
    if status != 0:
        reason = library.vpx_codec_err_to_string(status).decode(errors="replace")
        detail = context.err_detail.decode(errors="replace") if context.err_detail else ""
        raise VpxError(f"{what}: {reason} {detail}".strip())


class Vp8Decoder:
    """Decodes one video stream, chunk after chunk, to I420 pictures."""

    def __init__(self, library: ctypes.CDLL) -> None:
        self._library = library
        self._context = CodecContext()
        status = library.vpx_codec_dec_init_ver(
            ctypes.byref(self._context), library.vpx_codec_vp8_dx(), None, 0, DECODER_ABI_VERSION
        )
        check(library, self._context, status, "decoder init")
        self._open = True

    def decode(self, frame: bytes) -> tuple[NDArray[np.uint8], NDArray[np.uint8], NDArray[np.uint8]]:
        """The Y, U and V planes of one VP8 frame (copies: they outlive the next frame); raises
        `VpxError` if it does not decode. `i420_to_rgb` converts them, for a receiver that
        converts only the pictures it shows."""
        if not self._open:
            raise VpxError("the decoder is closed")
        status = self._library.vpx_codec_decode(ctypes.byref(self._context), frame, len(frame), None, 0)
        check(self._library, self._context, status, "decode")
        iterator = ctypes.c_void_p()
        image = self._library.vpx_codec_get_frame(ctypes.byref(self._context), ctypes.byref(iterator))
        if not image:
            raise VpxError("the VP8 frame holds no picture")
        return _planes(image.contents)

    def close(self) -> None:
        if self._open:
            self._open = False
            self._library.vpx_codec_destroy(ctypes.byref(self._context))


def _planes(image: Image) -> tuple[NDArray[np.uint8], NDArray[np.uint8], NDArray[np.uint8]]:
    width, height = image.d_w, image.d_h
    sizes = ((width, height), ((width + 1) // 2, (height + 1) // 2), ((width + 1) // 2, (height + 1) // 2))
    planes = []
    for index, (w, h) in enumerate(sizes):
        stride = image.stride[index]
        raw = ctypes.string_at(image.planes[index], stride * (h - 1) + w)
        plane = np.frombuffer(raw + bytes(stride - w), np.uint8).reshape(h, stride)[:, :w]
        planes.append(plane)
    return planes[0], planes[1], planes[2]


_STEPS = np.arange(256, dtype=np.int32)
_LUMA = (_STEPS - 16) * 298 + 128
_CHROMA = _STEPS - 128
_RED_FROM_V, _GREEN_FROM_U, _GREEN_FROM_V, _BLUE_FROM_U = (
    _CHROMA * 409, _CHROMA * -100, _CHROMA * -208, _CHROMA * 516,
)  # fmt: skip


def i420_to_rgb(y: NDArray[np.uint8], u: NDArray[np.uint8], v: NDArray[np.uint8]) -> NDArray[np.uint8]:
    """BT.601 limited range to RGB, chroma upsampled by repetition (what a VP8 stream carries).

    Table lookups, and each chroma sample added to its 2 x 2 luma block by broadcasting rather than
    repeated to full size: twice as fast, and the expert's and the recorder's decoders convert every
    picture of the motion path.
    """
    height, width = y.shape
    rows, columns = u.shape
    luma = np.zeros((2 * rows, 2 * columns), np.int32)
    luma[:height, :width] = np.take(_LUMA, y)
    blocks = luma.reshape(rows, 2, columns, 2)
    rgb = np.empty((2 * rows, 2 * columns, 3), np.uint8)
    channels = rgb.reshape(rows, 2, columns, 2, 3)
    chromas = (
        np.take(_RED_FROM_V, v),
        np.take(_GREEN_FROM_U, u) + np.take(_GREEN_FROM_V, v),
        np.take(_BLUE_FROM_U, u),
    )
    total = np.empty((rows, 2, columns, 2), np.int32)
    for channel, chroma in enumerate(chromas):
        np.add(blocks, chroma[:, None, :, None], out=total)
        total >>= 8
        np.clip(total, 0, 255, out=total)
        channels[..., channel] = total
    return rgb[:height, :width]
