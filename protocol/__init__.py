"""Fernhilfe wire protocol: the one definition of what client, server and console exchange."""

from protocol.codec import decode_message, encode_message
from protocol.errors import CloseCode, ErrorCode, ProtocolError
from protocol.frames import Encoding, Frame, Tile, decode_frame, encode_frame
from protocol.version import PROTOCOL_VERSION

__all__ = [
    "PROTOCOL_VERSION",
    "CloseCode",
    "Encoding",
    "ErrorCode",
    "Frame",
    "ProtocolError",
    "Tile",
    "decode_frame",
    "decode_message",
    "encode_frame",
    "encode_message",
]
