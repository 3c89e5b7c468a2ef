import { t } from './i18n.js';

/**
 * Key combinations the expert's own browser or operating system keeps for itself, so pressing
 * them on the expert's keyboard never reaches the page. The console sends them on request:
 * each is one `key` down and up with its modifiers (docs/protocol.md, `key`).
 * A frozen list, not a class: data the menu and the input capture share.
 */
export const KEY_COMBOS = Object.freeze([
  { id: 'ctrl-alt-del', label: 'Ctrl+Alt+Del', hint: t('Security screen, Task Manager'), code: 'Delete', modifiers: ['control', 'alt'] },
  { id: 'alt-tab', label: 'Alt+Tab', hint: t('Switch to the previous window'), code: 'Tab', modifiers: ['alt'] },
  { id: 'alt-f4', label: 'Alt+F4', hint: t('Close the active window'), code: 'F4', modifiers: ['alt'] },
  { id: 'meta', label: t('Windows key'), hint: t('Open the Start menu'), code: 'MetaLeft', modifiers: [] },
  { id: 'ctrl-esc', label: 'Ctrl+Esc', hint: t('Open the Start menu'), code: 'Escape', modifiers: ['control'] },
  { id: 'print-screen', label: t('Print Screen'), hint: t('Screenshot on the customer’s computer'), code: 'PrintScreen', modifiers: [] },
].map((combo) => Object.freeze({ ...combo, modifiers: Object.freeze(combo.modifiers) })));
