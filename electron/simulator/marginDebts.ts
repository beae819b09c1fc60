/**
 * Coins borrowed in a cross-margin account, as Binance's Cross Margin Classic keeps them
 * (docs/venues.md, "Binance cross margin"): each borrow is charged one hour of interest at once
 * and one more hour at every full hour after, at the coin's daily rate / 24; a repayment pays
 * the interest first, then the principal. A borrow is refused when the account's margin level
 * (assets / liabilities, both in USDT) would fall below 1.5, which is the 3× of Cross Margin
 * Classic (debt at most twice the equity).
 */
const HOUR = 3_600_000;
const clean = (value: number) => Number(value.toPrecision(12));

/** The daily interest rate the simulator charges on every coin (0.01 % a day, 3.65 % a year). */
export const DAILY_INTEREST_RATE = 0.0001;
export const MIN_MARGIN_LEVEL = 1.5;

export interface Debt {
  principal: number;
  interest: number;
}

export class MarginDebts {
  private readonly debts = new Map<string, Debt>();
  /** The last full hour interest was charged for. */
  private chargedHour: number;

  constructor(now: number) {
    this.chargedHour = Math.floor(now / HOUR);
  }

  of(coin: string): Debt {
    return { ...(this.debts.get(coin) ?? { principal: 0, interest: 0 }) };
  }

  coins(): string[] {
    return [...this.debts.keys()];
  }

  /** Charges one hour's interest on every debt for each full hour passed since the last charge. */
  accrue(now: number): void {
    const hour = Math.floor(now / HOUR);
    const hours = hour - this.chargedHour;
    if (hours <= 0) return;
    for (const debt of this.debts.values()) debt.interest = clean(debt.interest + debt.principal * (DAILY_INTEREST_RATE / 24) * hours);
    this.chargedHour = hour;
  }

  borrow(coin: string, amount: number): void {
    const debt = this.debts.get(coin) ?? { principal: 0, interest: 0 };
    debt.principal = clean(debt.principal + amount);
    debt.interest = clean(debt.interest + amount * (DAILY_INTEREST_RATE / 24));
    this.debts.set(coin, debt);
  }

  /** Pays up to `available` of the coin's debt, interest first; returns what was paid. */
  repay(coin: string, available: number): number {
    const debt = this.debts.get(coin);
    if (!debt || available <= 0) return 0;
    const toInterest = Math.min(available, debt.interest);
    const toPrincipal = Math.min(available - toInterest, debt.principal);
    debt.interest = clean(debt.interest - toInterest);
    debt.principal = clean(debt.principal - toPrincipal);
    if (debt.interest <= 0 && debt.principal <= 0) this.debts.delete(coin);
    return clean(toInterest + toPrincipal);
  }

  /** What the debts are worth in USDT at `priceOf` (USDT per coin). */
  value(priceOf: (coin: string) => number): number {
    return [...this.debts].reduce((sum, [coin, debt]) => sum + (debt.principal + debt.interest) * priceOf(coin), 0);
  }
}
