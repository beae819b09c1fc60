import type { Locator } from 'playwright-core';

/**
 * Elements inside `region` whose text is cut off: wider than their box while they hide the
 * overflow (an ellipsis, a cut label). Form controls are left out: a long option in a
 * drop-down is the browser's to show. Returns a description of each, empty when none is cut.
 */
export function clippedCells(region: Locator): Promise<string[]> {
  return region.evaluate((root) => {
    const out: string[] = [];
    for (const el of root.querySelectorAll<HTMLElement>('*')) {
      if (/^(INPUT|SELECT|TEXTAREA|OPTION|BUTTON|svg|path|canvas)$/i.test(el.tagName) || el.closest('select, button')) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden' || el.clientWidth === 0) continue;
      const hides = style.overflowX === 'hidden' || style.overflowX === 'clip' || style.textOverflow === 'ellipsis';
      if (hides && el.scrollWidth > el.clientWidth + 1) out.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40)}" ${el.scrollWidth}>${el.clientWidth}`);
    }
    return out;
  });
}

/** Whether the whole box of `target` lies inside the window, so it is seen without scrolling. */
export async function inViewport(target: Locator): Promise<boolean> {
  const box = await target.boundingBox();
  const size = target.page().viewportSize();
  if (!box || !size) return false;
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width && box.y + box.height <= size.height;
}

/** Scroll containers inside `region` that scroll sideways: content wider than the column that holds it. */
export function sidewaysScrollers(region: Locator): Promise<string[]> {
  return region.evaluate((root) => {
    const out: string[] = [];
    for (const el of [root as HTMLElement, ...root.querySelectorAll<HTMLElement>('*')]) {
      const style = getComputedStyle(el);
      if ((style.overflowX === 'auto' || style.overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1) {
        out.push(`${el.tagName.toLowerCase()}[${el.getAttribute('aria-label') ?? el.className}] ${el.scrollWidth}>${el.clientWidth}`);
      }
    }
    return out;
  });
}
