/**
 * A Paradex leg checked against the venue at run time (docs/units.md, "Checked at run time"):
 * Paradex counts coins (no contract multiplier) and its step is `order_size_increment`, so a step
 * read ten times too large is the conversion that can go wrong. Paradex's own value is its row's
 * cost plus the price part of its unrealised P&L (it states no mark), its free collateral the
 * account summary's. The ticket is in cross margin, the only mode the terminal trades Paradex in;
 * the brokers are built directly (the desk offers Paradex as monitoring only).
 */
import { describeHoldingsAgainstJournal } from './venueHoldings.ts';

describeHoldingsAgainstJournal({ label: 'Paradex', leg: { venue: 'paradex', symbol: 'BTC/USD:USDC', id: 'BTC-USD-PERP' }, factor: 10, lot: 0.001, seed: 31, marginMode: 'cross' });
