/**
 * The venue wires the simulator serves: the one place that lists them. The server routes each
 * request to the wire owning its path prefix (the venues' paths do not collide).
 */
import type { VenueWire } from '../types.ts';
import { binanceWire } from './binance.ts';
import { binanceSpotWire } from './binanceSpot.ts';
import { binanceMarginWire } from './binanceMargin.ts';
import { bybitWire } from './bybit.ts';
import { okxWire } from './okx.ts';
import { hyperliquidWire } from './hyperliquid.ts';
import { bitgetWire } from './bitget.ts';
import { gateWire } from './gate.ts';
import { asterWire } from './aster.ts';
import { kucoinfuturesWire } from './kucoinfutures.ts';
import { bingxWire } from './bingx.ts';
import { paradexWire } from './paradex.ts';
import { lighterWire } from './lighter.ts';

export const VENUE_WIRES: readonly VenueWire[] = [binanceWire, binanceSpotWire, binanceMarginWire, bybitWire, okxWire, hyperliquidWire, bitgetWire, gateWire, asterWire, kucoinfuturesWire, bingxWire, paradexWire, lighterWire];
