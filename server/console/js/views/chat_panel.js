import { h } from '../dom.js';
import { formatTime } from '../format.js';
import { LIMITS } from '../limits.js';
import { MessageCodec } from '../message_codec.js';
import { locale, t } from '../i18n.js';

const AUTHORS = { expert: t('You'), customer: t('Customer') };

function countChars(text) {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/**
 * Chat with the customer: the conversation (plain text only, never markup), a message field
 * with its length limit (2000 characters) and, when collapsed, the number of unread messages on
 * its toggle button. Enter sends, Shift+Enter starts a new line.
 */
export class ChatPanel {
  /** @param {{onSend: (text: string) => boolean}} options onSend: false when nothing was sent */
  constructor({ onSend }) {
    this._onSend = onSend;
    this._unread = 0;
    this._enabled = false;

    this._unreadBadge = h('span', { class: 'unread-badge', 'aria-hidden': 'true', hidden: true });
    this.toggle = h('button', {
      type: 'button', class: 'button chat-toggle', 'aria-expanded': 'true', 'aria-controls': 'chat-panel',
      onClick: () => this.setOpen(!this.open),
    }, t('Chat'), this._unreadBadge);

    this._log = h('ol', { class: 'chat-log', role: 'log', 'aria-live': 'polite', 'aria-label': t('Chat messages'), tabindex: '0' });
    this._empty = h('p', { class: 'chat-empty muted' }, t('No messages yet. What you write here appears in the customer’s Fernhilfe app.'));
    this._input = h('textarea', {
      id: 'chat-input', class: 'chat-input', rows: '3', 'aria-describedby': 'chat-count chat-note',
      placeholder: t('Write to the customer…'), disabled: true,
      onInput: () => this._update(), onKeydown: (e) => this._onKey(e),
    });
    this._count = h('span', { id: 'chat-count', class: 'chat-count' });
    this._note = h('span', { id: 'chat-note', class: 'chat-note', role: 'status' });
    this._send = h('button', { type: 'submit', class: 'button small primary', disabled: true }, t('Send'));
    this._form = h('form', { class: 'chat-form', onSubmit: (e) => { e.preventDefault(); this._submit(); } },
      h('label', { for: 'chat-input', class: 'visually-hidden' }, t('Message to the customer')),
      this._input,
      h('div', { class: 'chat-form-row' }, this._count, this._note, this._send),
    );
    this.element = h('aside', { id: 'chat-panel', class: 'chat-panel card', 'aria-labelledby': 'chat-title' },
      h('div', { class: 'chat-head' }, h('h2', { id: 'chat-title', class: 'chat-title' }, t('Chat'))),
      this._empty, this._log, this._form);
    this._update();
  }

  get open() {
    return !this.element.hidden;
  }

  get unread() {
    return this._unread;
  }

  setOpen(open) {
    this.element.hidden = !open;
    this.toggle.setAttribute('aria-expanded', String(open));
    if (open) {
      this._unread = 0;
      this._renderUnread();
      this._scrollToEnd();
    }
  }

  /**
   * @param {boolean} enabled whether a message can be sent now
   * @param {string} [note] why not, shown under the field
   */
  setEnabled(enabled, note = '') {
    this._enabled = enabled;
    this._input.disabled = !enabled;
    this._idleNote = enabled ? '' : note;
    this._update();
  }

  /** Shows a message; `at` is ISO-8601 from the server (or now for the expert's own). */
  addMessage({ by, at, text }) {
    const date = at ? new Date(at) : new Date();
    const valid = !Number.isNaN(date.getTime());
    const nearEnd = this._log.scrollHeight - this._log.scrollTop - this._log.clientHeight < 40;
    const item = h('li', { class: `chat-message from-${by}` },
      h('div', { class: 'chat-meta' },
        h('span', { class: 'chat-author' }, AUTHORS[by] ?? by),
        valid ? h('time', { class: 'chat-time', datetime: date.toISOString(), title: date.toLocaleString(locale) }, formatTime(date)) : null),
      h('p', { class: 'chat-text' }, text)); // h() adds text as a text node: markup stays text
    this._log.append(item);
    this._empty.hidden = true;
    if (by !== 'expert' && !this.open) {
      this._unread += 1;
      this._renderUnread();
    }
    if (nearEnd || by === 'expert') this._scrollToEnd();
  }

  focusInput() {
    this._input.focus();
  }

  _renderUnread() {
    this._unreadBadge.hidden = this._unread === 0;
    this._unreadBadge.textContent = String(this._unread);
    if (this._unread === 0) this.toggle.removeAttribute('aria-label');
    else this.toggle.setAttribute('aria-label', t('Chat, {count} unread', { count: this._unread }));
  }

  _scrollToEnd() {
    this._log.scrollTop = this._log.scrollHeight;
  }

  _onKey(event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this._submit();
    }
  }

  _problem() {
    const text = this._input.value;
    const length = countChars(text);
    if (length > LIMITS.MAX_CHAT_CHARS) return t('Too long by {count} characters', { count: length - LIMITS.MAX_CHAT_CHARS });
    if (MessageCodec.problem('chat', { text, by: 'expert' }) !== null) return 'empty';
    return null;
  }

  _update() {
    const length = countChars(this._input.value);
    this._count.textContent = `${length} / ${LIMITS.MAX_CHAT_CHARS}`;
    const problem = this._problem();
    const over = length > LIMITS.MAX_CHAT_CHARS;
    this._count.classList.toggle('over', over);
    this._note.textContent = over ? problem : (this._idleNote ?? '');
    this._send.disabled = !this._enabled || problem !== null;
  }

  _submit() {
    if (!this._enabled || this._problem() !== null) return;
    const text = this._input.value;
    if (!this._onSend(text)) {
      this._note.textContent = t('Not sent: no connection to the session.');
      return;
    }
    this.addMessage({ by: 'expert', at: '', text });
    this._input.value = '';
    this._update();
  }
}
