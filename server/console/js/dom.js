/**
 * Builds DOM nodes without HTML parsing: text always goes in as text nodes (textContent),
 * so data from the server or the customer can never become markup.
 *
 *   h('button', { type: 'button', class: 'primary', onClick: fn }, 'New session')
 *
 * Attribute values are set with setAttribute; `true` sets an empty attribute, `false`,
 * null and undefined leave it out; keys starting with "on" add event listeners.
 */
export function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (value === true) node.setAttribute(key, '');
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}
