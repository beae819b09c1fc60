/** The venue → adapter factory table: the only place that lists which venues we can poll. */
import type { VenueId } from '../../../shared/domain/venues.ts';
import type { AdapterContext, VenueAdapter } from './adapter.ts';
import { createBinanceAdapter } from './binanceusdm.ts';
import { createBitgetAdapter } from './bitget.ts';
import { createAsterAdapter } from './aster.ts';
import { createBingxAdapter } from './bingx.ts';
import { createBybitAdapter } from './bybit.ts';
import { createGateAdapter } from './gate.ts';
import { createHyperliquidAdapter } from './hyperliquid.ts';
import { createKucoinfuturesAdapter } from './kucoinfutures.ts';
import { createLighterAdapter } from './lighter.ts';
import { createOkxAdapter } from './okx.ts';
import { createParadexAdapter } from './paradex.ts';

export const ADAPTERS: Record<VenueId, (context: AdapterContext) => VenueAdapter> = {
  binanceusdm: createBinanceAdapter,
  bybit: createBybitAdapter,
  okx: createOkxAdapter,
  bitget: createBitgetAdapter,
  gate: createGateAdapter,
  hyperliquid: createHyperliquidAdapter,
  aster: createAsterAdapter,
  kucoinfutures: createKucoinfuturesAdapter,
  bingx: createBingxAdapter,
  paradex: createParadexAdapter,
  lighter: createLighterAdapter,
};
