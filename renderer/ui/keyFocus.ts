/** Where a key press lands decides whether a screen's hotkeys may act on it. */

/** A key typed into a text field is the trader's text, not a hotkey. */
export function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

/** While a modal dialog asks a question, screen keys must not act behind it. */
export function isModalOpen(): boolean {
  return document.querySelector('[aria-modal="true"]') !== null;
}
