import { h } from '../dom.js';
import { locale, t } from '../i18n.js';

const TIER_NAMES = { 1: t('Viewing the screen'), 2: t('Controlling mouse and keyboard'), 3: t('Administrator actions') };
const CHANGES = { granted: t('allowed'), denied: t('refused'), revoked: t('withdrawn') };
const UNAVAILABLE = {
  no_recording: t('No receipt: this session has no recording (no customer joined, or the recording was deleted after the retention period).'),
  recording_damaged: t('No receipt: the recording of this session was altered or is damaged.'),
};
const RETRIES = 20;

/** An administrator command's outcome as the receipt words it: exit status, failed, stopped. */
function outcomeText(outcome) {
  if (outcome === 'failed') return t('could not start');
  if (outcome === 'stopped') return t('stopped');
  if (outcome === '') return t('end not known');
  return t('exit status {status}', { status: outcome });
}
const RETRY_MS = 500;

/**
 * The receipt of an ended session (`GET /api/sessions/{id}/receipt`): the same record the
 * customer's app shows and saves. Everything is set as text, never as markup.
 */
export class ReceiptPanel {
  constructor() {
    this.element = h('section', { class: 'receipt', id: 'session-receipt', hidden: true, 'aria-labelledby': 'receipt-title' });
    this._loading = false;
  }

  /** Fetch and show the receipt; the server has it a moment after the session ended. */
  async load(api, sessionId) {
    if (this._loading) return;
    this._loading = true;
    for (let attempt = 0; attempt < RETRIES; attempt += 1) {
      try {
        this.render(await api.getReceipt(sessionId));
        return;
      } catch (error) {
        if (error?.status !== 409) {
          this._unavailable(error);
          return;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }

  /** Say why there is no receipt: gone with its recording (410), or the recording is damaged. */
  _unavailable(error) {
    const reason = UNAVAILABLE[error?.detail];
    if (!reason) return;
    this.element.replaceChildren(h('h2', { id: 'receipt-title' }, t('Receipt')), h('p', { class: 'receipt-unavailable muted' }, reason));
    this.element.hidden = false;
  }

  render(receipt) {
    const time = (stamp) => new Date(stamp).toLocaleString(locale);
    const rows = (items, cells) => items.map((item) => h('tr', {}, ...cells(item).map((cell) => h('td', {}, cell))));
    const table = (headers, body) => (body.length
      ? h('table', {}, h('tr', {}, ...headers.map((name) => h('th', {}, name))), ...body)
      : h('p', { class: 'muted' }, t('None.')));
    const takenBack = receipt.control_taken_back ? t('Yes, the customer took control back.') : t('No.');
    const deletion = receipt.deletion_at ? t('The recording is deleted on {date}.', { date: time(receipt.deletion_at) }) : t('Not recorded.');
    this.element.replaceChildren(
      h('h2', { id: 'receipt-title' }, t('Receipt')),
      h('p', {}, `${receipt.organisation} · ${receipt.expert_name} · ${time(receipt.started_at)} – ${time(receipt.ended_at)}`),
      h('p', { class: 'receipt-identity' }, receipt.verified
        ? t('Verified for the customer: {organisation}, staff ID {staff}.', { organisation: receipt.organisation, staff: receipt.staff_id })
        : t('The customer was not shown a verified identity.')),
      h('h3', {}, t('Permissions')),
      table([t('Time'), t('Permission'), t('Change')], rows(receipt.tiers, (entry) => [time(entry.at), TIER_NAMES[entry.tier] ?? String(entry.tier), CHANGES[entry.change] ?? entry.change])),
      h('h3', {}, t('Control taken back')),
      h('p', { class: 'receipt-taken-back' }, takenBack),
      h('h3', {}, t('Chat')),
      table([t('Time'), t('From'), t('Message')], rows(receipt.chat, (c) => [time(c.at), c.by === 'customer' ? t('Customer') : receipt.expert_name, c.text])),
      h('h3', {}, t('Administrator commands')),
      table([t('Time'), t('Command'), t('Result')], rows(receipt.admin_commands, (a) => [time(a.at), a.command, outcomeText(a.outcome)])),
      h('p', { class: 'muted' }, deletion),
    );
    this.element.hidden = false;
  }
}
