/**
 * Size and count limits of protocol version 1 (protocol/limits.py holds the same numbers).
 * A frozen plain object, not a class: it is data the parser and codec share.
 */
export const LIMITS = Object.freeze({
  PROTOCOL_VERSION: 1,
  MAX_TEXT_MESSAGE_BYTES: 64 * 1024,
  MAX_BINARY_MESSAGE_BYTES: 16 * 1024 * 1024,
  MAX_TILES_PER_FRAME: 8192,
  MAX_MONITORS: 16,
  MAX_MONITOR_SIDE: 16384,
  MAX_NAME_CHARS: 200,
  MAX_REASON_CHARS: 200,
  MAX_ERROR_TEXT_CHARS: 500,
  MAX_TOKEN_CHARS: 200,
  MAX_ID_CHARS: 64,
  MAX_CLIENT_CHARS: 100,
  SESSION_NUMBER_MIN_DIGITS: 7,
  SESSION_NUMBER_MAX_DIGITS: 12,
  MAX_WHEEL_STEPS: 100,
  MAX_KEY_CODE_CHARS: 32,
  MAX_TEXT_INPUT_CHARS: 256,
  MAX_CHAT_CHARS: 2000,
  MAX_MODIFIERS: 5,
  MAX_RESUME_TOKEN_CHARS: 64,
  HEARTBEAT_INTERVAL_MS: 3000,
  MAX_ADMIN_COMMAND_CHARS: 4096,
  MAX_ADMIN_OUTPUT_CHARS: 8192,
  MAX_ADMIN_COMMAND_ID: 2 ** 31 - 1,
});

/** Tile encodings (docs/protocol.md, "Binary frames"). */
export const ENCODING = Object.freeze({ JPEG: 1, ZLIB_RGB: 2, SOLID: 3, PALETTE: 4, VP8: 5 });

/** WebSocket close codes the console uses or interprets. */
export const CLOSE = Object.freeze({
  NORMAL: 1000,
  GOING_AWAY: 1001,
  ABNORMAL: 1006,
  TOO_BIG: 1009,
  INTERNAL: 1011,
  BAD_MESSAGE: 4000,
  UNSUPPORTED_VERSION: 4001,
  UNAUTHORIZED: 4003,
  INVALID_NUMBER: 4004,
  SESSION_BUSY: 4009,
  SESSION_ENDED: 4010,
  RESUME_REFUSED: 4012,
  RATE_LIMITED: 4029,
});
