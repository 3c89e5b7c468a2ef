/** Small formatting helpers shared by the views (plain functions, no state). */
import { locale, t } from './i18n.js';

/** "482190337" -> "482 190 337": threes from the left, as the server's `number_display` and the
 * client's number field group them ("482 190 337 1" for a longer number). */
export function groupDigits(number) {
  return (String(number).match(/\d{1,3}/g) || []).join(' ');
}

/** Milliseconds -> "9:05"; never negative. */
export function formatClock(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

/** Hours and minutes as the console's locale writes them (24-hour where it uses that). */
export function formatTime(date) {
  return date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
}

/** ISO-8601 -> local date and time, short; '' for missing or unreadable values. */
export function formatDateTime(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const today = new Date();
  const sameDay = date.toDateString() === today.toDateString();
  const time = formatTime(date);
  return sameDay ? time : `${date.toLocaleDateString(locale)} ${time}`;
}

/** ISO-8601 -> the date alone ("02.12.2026", "12/2/2026"); '' for missing or unreadable values. */
export function formatDate(iso) {
  const date = new Date(iso ?? '');
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleDateString(locale);
}

/** From one ISO-8601 moment to another: "45 s", "12 min", "1 h 05 min"; '' when either is missing. */
export function formatDuration(fromIso, toIso) {
  const ms = Date.parse(toIso ?? '') - Date.parse(fromIso ?? '');
  if (Number.isNaN(ms)) return '';
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return t('{seconds} s', { seconds });
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return t('{minutes} min', { minutes });
  return t('{hours} h {minutes} min', { hours: Math.floor(minutes / 60), minutes: String(minutes % 60).padStart(2, '0') });
}

const STATE_LABELS = {
  waiting: t('Waiting for customer'),
  joined: t('Customer joined'),
  active: t('Active'),
  ended: t('Ended'),
  expired: t('Expired'),
};

// Session.outcome (docs/protocol.md, "Session label and outcome") -> what the list says.
const OUTCOME_LABELS = {
  declined: t('Declined by the customer'),
  expired: t('Number expired'),
  lost: t('Connection lost'),
  interrupted: t('Server interrupted'),
  failed: t('Sharing failed'),
  ended_by_customer: t('Ended by the customer'),
  ended_by_expert: t('Ended by you'),
};

/** The state a session is really in: a waiting session past its expiry is "expired". */
export function effectiveState(session, now = Date.now()) {
  if (session.state === 'waiting' && Date.parse(session.expires_at) <= now) return 'expired';
  return session.state;
}

export function stateLabel(state) {
  return STATE_LABELS[state] ?? state;
}

/** [css suffix, label] for the list's outcome column: how it ended, or the live state. */
export function outcomeOf(session, now = Date.now()) {
  if (session.outcome && session.outcome in OUTCOME_LABELS) return [session.outcome, OUTCOME_LABELS[session.outcome]];
  const state = effectiveState(session, now);
  return [state, stateLabel(state)];
}
