import { LIMITS } from './limits.js';
import { ProtocolError } from './protocol_error.js';

// Field rules, mirroring protocol/messages.py. Each rule checks one JSON value.
const int = (low, high) => ({ kind: 'int', low, high });
const float = (low, high) => ({ kind: 'float', low, high });
const str = (maxLen, pattern = null) => ({ kind: 'str', maxLen, pattern });
const bool = () => ({ kind: 'bool' });
const oneOf = (...values) => ({ kind: 'literal', values });
const object = (fields) => ({ kind: 'object', fields });
const list = (maxItems, item) => ({ kind: 'list', maxItems, item });
const optional = (rule, fallback) => ({ ...rule, optional: true, fallback });

const NUMBER = new RegExp(
  `^[0-9]{${LIMITS.SESSION_NUMBER_MIN_DIGITS},${LIMITS.SESSION_NUMBER_MAX_DIGITS}}$`,
);
const TIER = int(1, 3);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const SIDE = LIMITS.MAX_MONITOR_SIDE;
const MONITOR_ID = int(0, LIMITS.MAX_MONITORS - 1);
const COORDINATE = int(0, SIDE - 1);
const WHEEL_STEPS = int(-LIMITS.MAX_WHEEL_STEPS, LIMITS.MAX_WHEEL_STEPS);
const KEY_CODE = /^[A-Za-z][A-Za-z0-9]*$/;
// `text`: no control characters except tab and newline (protocol/messages.py, Text).
const TEXT_INPUT = /^[^\x00-\x08\x0b-\x1f\x7f]+$/;
// `chat`: at least one character that Python's `\S` accepts. Python's `\s` (str patterns) is
// exactly this set; JavaScript's `\s` differs (it includes U+FEFF, lacks U+001C..U+001F and U+0085).
// `admin_command`: one line, no control characters except tab (protocol/messages.py, AdminCommand).
const ADMIN_COMMAND = /^[^\x00-\x08\x0a-\x1f\x7f]+$/;
const ADMIN_OUTPUT = /^[\s\S]+$/;
const COMMAND_ID = int(1, LIMITS.MAX_ADMIN_COMMAND_ID);
const CHAT_TEXT = /[^\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

const EXPERT = object({
  name: str(LIMITS.MAX_NAME_CHARS),
  organisation: str(LIMITS.MAX_NAME_CHARS),
});

const MONITOR = object({
  id: int(0, LIMITS.MAX_MONITORS - 1),
  x: int(-SIDE * 4, SIDE * 4),
  y: int(-SIDE * 4, SIDE * 4),
  width: int(1, SIDE),
  height: int(1, SIDE),
  scale: float(0.5, 8),
  primary: bool(),
});

const SCHEMAS = Object.freeze({
  hello: { protocol: int(1, 1000), number: str(LIMITS.SESSION_NUMBER_MAX_DIGITS, NUMBER), client: str(LIMITS.MAX_CLIENT_CHARS) },
  welcome: {
    protocol: int(1, 1000),
    session_id: str(LIMITS.MAX_ID_CHARS),
    expert: EXPERT,
    recorded: bool(),
    retention_days: int(0, 36500),
    resume_token: optional(str(LIMITS.MAX_RESUME_TOKEN_CHARS), ''),
  },
  auth: { protocol: int(1, 1000), token: str(LIMITS.MAX_TOKEN_CHARS), session_id: str(LIMITS.MAX_ID_CHARS) },
  session: {
    session_id: str(LIMITS.MAX_ID_CHARS),
    number: str(LIMITS.SESSION_NUMBER_MAX_DIGITS, NUMBER),
    state: oneOf('waiting', 'joined', 'active', 'ended'),
    expires_at: str(40),
  },
  customer_joined: { client: str(LIMITS.MAX_CLIENT_CHARS) },
  tier_request: { tier: TIER },
  consent: { tier: TIER, granted: bool() },
  tier_revoke: { tier: TIER },
  tier_state: { tier: TIER, state: oneOf('requested', 'granted', 'denied', 'revoked') },
  screen_info: { monitors: list(LIMITS.MAX_MONITORS, MONITOR) },
  frame_ack: { seq: int(0, 2 ** 32 - 1) },
  refresh: {},
  end: { reason: str(LIMITS.MAX_REASON_CHARS), by: optional(oneOf('customer', 'expert', 'server'), 'customer') },
  error: {
    code: str(40),
    message: str(LIMITS.MAX_ERROR_TEXT_CHARS),
    retry_after: optional(int(0, 86400), 0),
  },
  tier_release: { tier: TIER },
  select_monitor: { monitor: MONITOR_ID },
  pointer_move: { monitor: MONITOR_ID, x: COORDINATE, y: COORDINATE },
  pointer_button: {
    monitor: MONITOR_ID,
    x: COORDINATE,
    y: COORDINATE,
    button: oneOf('left', 'middle', 'right', 'back', 'forward'),
    down: bool(),
  },
  wheel: { monitor: MONITOR_ID, x: COORDINATE, y: COORDINATE, dx: WHEEL_STEPS, dy: WHEEL_STEPS },
  key: {
    code: str(LIMITS.MAX_KEY_CODE_CHARS, KEY_CODE),
    down: bool(),
    modifiers: optional(list(LIMITS.MAX_MODIFIERS, oneOf('shift', 'control', 'alt', 'altgr', 'meta')), []),
  },
  text: { text: str(LIMITS.MAX_TEXT_INPUT_CHARS, TEXT_INPUT) },
  control: { holder: oneOf('expert', 'customer') },
  chat: {
    text: str(LIMITS.MAX_CHAT_CHARS, CHAT_TEXT),
    by: optional(oneOf('customer', 'expert'), 'customer'),
    at: optional(str(40), ''),
  },
  heartbeat: {},
  resume: { protocol: int(1, 1000), session_id: str(LIMITS.MAX_ID_CHARS), token: str(LIMITS.MAX_RESUME_TOKEN_CHARS) },
  resumed: { resume_token: str(LIMITS.MAX_RESUME_TOKEN_CHARS) },
  customer_link: { state: oneOf('reconnecting', 'connected') },
  session_descriptor: { descriptor: str(2732, BASE64), signature: str(88, BASE64) },
  identity_code: { code: str(4, /^[0-9]{4}$/) },
  admin_command: { id: COMMAND_ID, command: str(LIMITS.MAX_ADMIN_COMMAND_CHARS, ADMIN_COMMAND) },
  admin_output: {
    id: COMMAND_ID,
    stream: oneOf('stdout', 'stderr'),
    data: str(LIMITS.MAX_ADMIN_OUTPUT_CHARS, ADMIN_OUTPUT),
  },
  admin_exit: { id: COMMAND_ID, status: int(-(2 ** 31), 2 ** 32 - 1) },
  admin_refused: { id: COMMAND_ID, reason: oneOf('not_granted', 'busy', 'customer_holds_control', 'failed') },
  admin_unavailable: { reason: oneOf('dismissed', 'failed') },
  cursor: { monitor: MONITOR_ID, x: COORDINATE, y: COORDINATE, visible: bool(), shape: int(0, 2 ** 32 - 1) },
  cursor_shape: {
    shape: int(0, 2 ** 32 - 1),
    width: int(1, LIMITS.MAX_CURSOR_SIDE),
    height: int(1, LIMITS.MAX_CURSOR_SIDE),
    hot_x: int(0, LIMITS.MAX_CURSOR_SIDE - 1),
    hot_y: int(0, LIMITS.MAX_CURSOR_SIDE - 1),
    pixels: str(LIMITS.MAX_CURSOR_PIXELS_CHARS, BASE64),
  },
});

// A number written with a fraction or an exponent ("1.0", "1e2") is a float in Python's json
// module and so never an int there. JSON.parse cannot tell 1.0 from 1, but its reviver sees the
// source text: such numbers are wrapped, int rules refuse them and float rules unwrap them.
const FLOAT_LITERAL = Symbol('float literal');

function markFloatLiterals(_key, value, context) {
  if (typeof value === 'number' && typeof context?.source === 'string' && /[.eE]/.test(context.source)) {
    return Object.freeze({ [FLOAT_LITERAL]: value });
  }
  return value;
}

function isFloatLiteral(value) {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, FLOAT_LITERAL);
}

const encoder = new TextEncoder();

function codePoints(text) {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

function isPlainObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isFloatLiteral(value);
}

function checkValue(rule, value, where) {
  switch (rule.kind) {
    case 'literal':
      if (!rule.values.includes(value)) throw new ProtocolError(`${where}: not one of ${rule.values.join(', ')}`);
      return value;
    case 'bool':
      if (typeof value !== 'boolean') throw new ProtocolError(`${where}: expected true or false`);
      return value;
    case 'int':
    case 'float':
      if (isFloatLiteral(value)) {
        if (rule.kind === 'int') throw new ProtocolError(`${where}: expected an integer, got a fraction or exponent`);
        value = value[FLOAT_LITERAL];
      }
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new ProtocolError(`${where}: expected a number`);
      }
      // Outgoing values come from JavaScript, where 1.0 is 1: an integral number is an int.
      if (rule.kind === 'int' && !Number.isInteger(value)) throw new ProtocolError(`${where}: expected an integer`);
      if (value < rule.low || value > rule.high) throw new ProtocolError(`${where}: ${value} is outside ${rule.low}..${rule.high}`);
      return value;
    case 'str':
      if (typeof value !== 'string') throw new ProtocolError(`${where}: expected a string`);
      if (codePoints(value) > rule.maxLen) throw new ProtocolError(`${where}: longer than ${rule.maxLen} characters`);
      if (rule.pattern && !rule.pattern.test(value)) throw new ProtocolError(`${where}: bad format`);
      return value;
    case 'list':
      if (!Array.isArray(value)) throw new ProtocolError(`${where}: expected a list`);
      if (value.length > rule.maxItems) throw new ProtocolError(`${where}: more than ${rule.maxItems} items`);
      return value.map((item, i) => checkValue(rule.item, item, `${where}[${i}]`));
    case 'object':
      if (!isPlainObject(value)) throw new ProtocolError(`${where}: expected an object`);
      return checkFields(rule.fields, value, where);
    default:
      throw new Error(`no rule for ${rule.kind}`);
  }
}

function checkFields(fields, body, where) {
  for (const name of Object.keys(body)) {
    if (!Object.hasOwn(fields, name)) throw new ProtocolError(`${where}: unknown field ${JSON.stringify(name)}`);
  }
  const result = {};
  for (const [name, rule] of Object.entries(fields)) {
    if (!Object.hasOwn(body, name)) {
      if (!rule.optional) throw new ProtocolError(`${where}: missing field ${name}`);
      result[name] = rule.fallback;
    } else {
      result[name] = checkValue(rule, body[name], `${where}.${name}`);
    }
  }
  return result;
}

/**
 * Strict JSON codec for control messages (docs/protocol.md, "Messages"); the JavaScript twin
 * of protocol/codec.py. Decoding never trusts the peer: unknown types, unknown or missing
 * fields, wrong JSON types and values out of range throw `ProtocolError`.
 *
 * A decoded message is a plain object `{type, ...fields}` with defaults filled in.
 */
export class MessageCodec {
  /** @returns {string[]} every message type of protocol version 1 */
  static get types() {
    return Object.keys(SCHEMAS);
  }

  /**
   * @param {string} text one WebSocket text message
   * @returns {object}
   */
  static decode(text) {
    if (typeof text !== 'string') throw new ProtocolError('a control message is text');
    if (encoder.encode(text).byteLength > LIMITS.MAX_TEXT_MESSAGE_BYTES) {
      throw new ProtocolError('message exceeds the size limit');
    }
    let body;
    try {
      body = JSON.parse(text, markFloatLiterals); // rejects NaN and Infinity: they are not JSON
    } catch (error) {
      throw new ProtocolError(`not JSON: ${error.message}`);
    }
    if (!isPlainObject(body)) throw new ProtocolError('a message is a JSON object');
    const type = body.type;
    if (typeof type !== 'string' || !Object.hasOwn(SCHEMAS, type)) {
      throw new ProtocolError(`unknown message type ${JSON.stringify(type)}`);
    }
    const rest = { ...body };
    delete rest.type;
    return { type, ...checkFields(SCHEMAS[type], rest, type) };
  }

  /**
   * Why `fields` would not make a valid message of `type`, or null when they would.
   * @returns {string|null}
   */
  static problem(type, fields = {}) {
    if (!Object.hasOwn(SCHEMAS, type)) return `unknown message type ${type}`;
    try {
      checkFields(SCHEMAS[type], fields, type);
      return null;
    } catch (error) {
      if (error instanceof ProtocolError) return error.message;
      throw error;
    }
  }

  /**
   * Validates and serialises an outgoing message, `type` first.
   * @param {string} type
   * @param {object} [fields]
   * @returns {string}
   */
  static encode(type, fields = {}) {
    if (!Object.hasOwn(SCHEMAS, type)) throw new Error(`unknown message type ${type}`);
    const checked = checkFields(SCHEMAS[type], fields, type);
    const text = JSON.stringify({ type, ...checked });
    if (encoder.encode(text).byteLength > LIMITS.MAX_TEXT_MESSAGE_BYTES) {
      throw new Error('message exceeds the size limit');
    }
    return text;
  }
}
