/** Venues whose market data also arrives by websocket (docs/ccxt.md, "Streams"); the rest are only polled. */
import type { VenueId } from '../../../shared/domain/venues.ts';
import { asterStream } from './aster.ts';
import { binanceStream } from './binanceusdm.ts';
import { bitgetStream } from './bitget.ts';
import { bybitStream } from './bybit.ts';
import { gateStream } from './gate.ts';
import { hyperliquidStream } from './hyperliquid.ts';
import { okxStream } from './okx.ts';
import type { StreamSpec } from './streams.ts';

export const STREAM_SPECS: Partial<Record<VenueId, StreamSpec>> = {
  binanceusdm: binanceStream,
  bybit: bybitStream,
  okx: okxStream,
  aster: asterStream,
  hyperliquid: hyperliquidStream,
  bitget: bitgetStream,
  gate: gateStream,
};
