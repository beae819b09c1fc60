/**
 * A KuCoin Futures leg checked against the venue at run time (docs/units.md, "Checked at run
 * time"): KuCoin counts lots of `multiplier` coins (0.001 BTC per XBTUSDTM lot), so a lot size
 * taken for another contract's (ETH's 0.01, ten times BTC's) is the conversion that can go wrong.
 */
import { describeHoldingsAgainstJournal } from './venueHoldings.ts';

describeHoldingsAgainstJournal({ label: 'KuCoin Futures', leg: { venue: 'kucoinfutures', symbol: 'BTC/USDT:USDT', id: 'XBTUSDTM' }, factor: 10, lot: 0.001, seed: 23 });
