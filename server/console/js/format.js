/** Small formatting helpers shared by the views (plain functions, no state). */

/** "482190337" -> "482 190 337" (groups of three for reading aloud). */
export function groupDigits(number) {
  return String(number).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/** Milliseconds -> "9:05"; never negative. */
export function formatClock(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

/** ISO-8601 -> local date and time, short; '' for missing or unreadable values. */
export function formatDateTime(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const today = new Date();
  const sameDay = date.toDateString() === today.toDateString();
  const time = date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return sameDay ? time : `${date.toLocaleDateString()} ${time}`;
}

const STATE_LABELS = {
  waiting: 'Waiting for customer',
  joined: 'Customer joined',
  active: 'Active',
  ended: 'Ended',
  expired: 'Expired',
};

/** The state a session is really in: a waiting session past its expiry is "expired". */
export function effectiveState(session, now = Date.now()) {
  if (session.state === 'waiting' && Date.parse(session.expires_at) <= now) return 'expired';
  return session.state;
}

export function stateLabel(state) {
  return STATE_LABELS[state] ?? state;
}
