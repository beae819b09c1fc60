/** Where a key press lands decides whether a screen's hotkeys may act on it. */

/** Inputs that take no typed text: a key pressed on them is a hotkey (a ticked box keeps focus). */
const NOT_TEXT = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

/** A key typed into a text field, a text area or a drop-down is the trader's input, not a hotkey. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  return target instanceof HTMLInputElement && !NOT_TEXT.has(target.type);
}

/** While a modal dialog asks a question, screen keys must not act behind it. */
export function isModalOpen(): boolean {
  return document.querySelector('[aria-modal="true"]') !== null;
}
