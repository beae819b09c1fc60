/** Settings are stored as decimals; the trader reads and types percent. */
export const toPct = (decimal: number): string => String(+(decimal * 100).toFixed(6));
export const fromPct = (text: string): number => Number(text) / 100;
