/**
 * A BingX leg checked against the venue at run time (docs/units.md, "Checked at run time"):
 * BingX counts coins and states its step as decimal places (`quantityPrecision`), so a step
 * read one place off (ten times the coins per step) is the conversion that can go wrong.
 */
import { describeHoldingsAgainstJournal } from './venueHoldings.ts';

describeHoldingsAgainstJournal({ label: 'BingX', leg: { venue: 'bingx', symbol: 'BTC/USDT:USDT', id: 'BTC-USDT' }, factor: 10, lot: 0.0001, seed: 29 });
