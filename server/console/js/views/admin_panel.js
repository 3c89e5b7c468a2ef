import { h } from '../dom.js';
import { LIMITS } from '../limits.js';
import { t } from '../i18n.js';

const REFUSALS = {
  not_granted: t('The customer’s app refused it: administrator rights are not granted there.'),
  busy: t('The customer’s app refused it: another command is still running.'),
  customer_holds_control: t('Not run: the customer is using mouse and keyboard. Try again when you have control back.'),
  failed: t('The command could not be started on the customer’s computer.'),
};

const UNAVAILABLE = {
  dismissed: t('The customer closed their computer’s password prompt: no administrator rights. You keep control.'),
  failed: t('Administrator rights could not be started on the customer’s computer. You keep control.'),
};

/**
 * Administrator rights (docs/protocol.md, "Administrator rights (tier 3)"): ask for them while
 * control is granted, give them back, run one command at a time and follow its output. Output
 * is shown as plain text, never markup. The panel decides nothing the protocol does not allow:
 * "Run" is enabled only while tier 3 is granted and no command runs.
 */
export class AdminPanel {
  /**
   * @param {object} options
   * @param {() => void} options.onAsk
   * @param {() => void} options.onRelease
   * @param {(id: number, command: string) => boolean} options.onRun false when nothing was sent
   */
  constructor({ onAsk, onRelease, onRun }) {
    this._onRun = onRun;
    this._nextId = 1;
    this._running = null;
    this._granted = false;
    this._unavailable = undefined;

    this._askButton = h('button', { type: 'button', class: 'button', onClick: () => onAsk() }, t('Ask for admin rights'));
    this._releaseButton = h('button', { type: 'button', class: 'button', hidden: true, onClick: () => onRelease() }, t('Give admin rights back'));
    this._state = h('p', { class: 'admin-state', role: 'status' });
    this._input = h('input', {
      id: 'admin-command', class: 'admin-command', type: 'text', maxlength: String(LIMITS.MAX_ADMIN_COMMAND_CHARS),
      autocomplete: 'off', spellcheck: 'false', disabled: true, placeholder: t('e.g. apt-get install -y gimp'),
    });
    this._run = h('button', { type: 'submit', class: 'button small primary', disabled: true }, t('Run as administrator'));
    this._form = h('form', { class: 'admin-form', hidden: true, onSubmit: (e) => { e.preventDefault(); this._submit(); } },
      h('label', { for: 'admin-command' }, t('Command line')), this._input, this._run);
    this._output = h('pre', { class: 'admin-output', role: 'log', 'aria-label': t('Administrator command output'), tabindex: '0', hidden: true });
    this.element = h('section', { class: 'admin-panel card', 'aria-label': t('Administrator rights'), hidden: true },
      h('div', { class: 'admin-head' }, this._askButton, this._releaseButton, this._state),
      this._form, this._output);
  }

  /**
   * @param {{control: string|null, admin: string|null, asking: boolean, attached: boolean}} state
   *   the states of tiers 2 and 3, whether tier 3 was just asked for, whether the socket is attached
   */
  render({ control, admin, asking, attached }) {
    this.element.hidden = control !== 'granted' && admin === null;
    this._granted = admin === 'granted';
    if (!this._granted && this._running !== null) this._stopped();
    const canAsk = attached && control === 'granted' && !asking && !['requested', 'granted'].includes(admin);
    this._askButton.hidden = this._granted;
    this._askButton.disabled = !canAsk;
    this._releaseButton.hidden = !this._granted;
    this._releaseButton.disabled = !attached;
    this._form.hidden = !this._granted;
    const ready = attached && this._granted && this._running === null;
    this._input.disabled = !ready;
    this._run.disabled = !ready;
    let text = '';
    if (asking || admin === 'requested') text = t('Asking the customer for administrator rights…');
    else if (this._granted) text = this._running === null ? t('You have administrator rights.') : t('A command is running…');
    else if (admin === 'denied') text = this._unavailable ?? t('The customer refused administrator rights.');
    else if (admin === 'revoked') text = t('Administrator rights ended.');
    this._state.textContent = text;
  }

  /** A message about tier 3 from the customer: `admin_output`, `admin_exit`, `admin_refused` or `admin_unavailable`. */
  apply(message) {
    switch (message.type) {
      case 'admin_output':
        if (message.id === this._running) this._append(message.data, message.stream);
        break;
      case 'admin_exit':
        if (message.id === this._running) this._finish(`[${t('exit status {status}', { status: message.status })}]`);
        break;
      case 'admin_refused':
        if (message.id === this._running) this._finish(`[${REFUSALS[message.reason] ?? t('Refused.')}]`);
        break;
      case 'admin_unavailable':
        this._unavailable = UNAVAILABLE[message.reason];
        this._state.textContent = this._unavailable;
        break;
      default:
        break;
    }
  }

  _submit() {
    const command = this._input.value.trim();
    if (!command || this._running !== null || !this._granted) return;
    const id = this._nextId;
    if (!this._onRun(id, command)) return;
    this._nextId += 1;
    this._running = id;
    this._unavailable = undefined;
    this._append(`$ ${command}\n`, 'command');
    this._input.value = '';
    this._input.disabled = true;
    this._run.disabled = true;
    this._state.textContent = t('A command is running…');
  }

  _finish(line) {
    this._append(`${line}\n`, 'status');
    this._running = null;
    const ready = this._granted;
    this._input.disabled = !ready;
    this._run.disabled = !ready;
    if (ready) this._state.textContent = t('You have administrator rights.');
  }

  _stopped() {
    this._append('[stopped: administrator rights ended]\n', 'status');
    this._running = null;
  }

  _append(text, kind) {
    this._output.hidden = false;
    this._output.append(h('span', { class: `admin-line admin-line-${kind}` }, text));
    this._output.scrollTop = this._output.scrollHeight;
  }
}
