"""Size and count limits both sides enforce; docs/protocol.md lists the same numbers."""

MAX_TEXT_MESSAGE_BYTES = 64 * 1024
MAX_BINARY_MESSAGE_BYTES = 16 * 1024 * 1024
MAX_TILES_PER_FRAME = 8192
MAX_MONITORS = 16
MAX_MONITOR_SIDE = 16384
MAX_NAME_CHARS = 200
MAX_REASON_CHARS = 200
MAX_ERROR_TEXT_CHARS = 500
MAX_TOKEN_CHARS = 200
MAX_ID_CHARS = 64
MAX_CLIENT_CHARS = 100
MAX_FRAME_WINDOW = 8
"""Frames a customer may have sent but not yet seen acknowledged (it sizes its window up to this)."""
SESSION_NUMBER_MIN_DIGITS = 7
SESSION_NUMBER_MAX_DIGITS = 12
MAX_WHEEL_STEPS = 100
MAX_KEY_CODE_CHARS = 32
MAX_TEXT_INPUT_CHARS = 256
MAX_CHAT_CHARS = 2000
MAX_RESUME_TOKEN_CHARS = 64
HEARTBEAT_INTERVAL_S = 3.0
"""Each side sends `heartbeat` this often while a session is joined."""
PEER_SILENT_S = 10.0
"""A peer from which nothing arrived for this long is treated as gone."""
RESUME_WINDOW_S = 60.0
"""How long after its connection dropped a customer may still resume the session."""
MAX_ADMIN_COMMAND_CHARS = 4096
MAX_ADMIN_OUTPUT_CHARS = 8192
MAX_ADMIN_COMMAND_ID = 2**31 - 1
MAX_ADMIN_OUTPUT_PER_COMMAND = 1024 * 1024
"""Characters of one command's output the customer sends; the rest is cut off (and said so)."""
MAX_CURSOR_SIDE = 128
"""A cursor shape is at most 128 x 128 pixels (larger ones are scaled down by the sender)."""
MAX_CURSOR_PIXELS_CHARS = 60000
"""The base64 of a cursor shape's compressed pixels: it keeps `cursor_shape` under 64 KiB."""
