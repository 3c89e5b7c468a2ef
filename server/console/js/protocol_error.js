/**
 * A message or frame from the peer that breaks docs/protocol.md.
 *
 * `code` is the `error.code` to answer with (`bad_message` unless said otherwise); the
 * message text is English, for logs, never shown as HTML.
 */
export class ProtocolError extends Error {
  /**
   * @param {string} detail
   * @param {string} [code]
   */
  constructor(detail, code = 'bad_message') {
    super(detail);
    this.name = 'ProtocolError';
    this.code = code;
  }
}
