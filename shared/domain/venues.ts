/** The venues the terminal knows, with the defaults it uses until the user says otherwise. */
export const VENUE_IDS = ['binanceusdm', 'bybit', 'okx', 'bitget', 'gate', 'hyperliquid', 'aster', 'kucoinfutures', 'bingx', 'paradex', 'lighter'] as const;
export type VenueId = (typeof VENUE_IDS)[number];

/** The venues whose spot market a perp/spot carry's spot leg can trade (docs/orders.md, "Spot legs"). */
export const SPOT_TRADED_VENUES: readonly VenueId[] = ['binanceusdm', 'bybit', 'okx', 'bitget', 'gate', 'hyperliquid'];
/**
 * Venues where a spot leg may sell short: the coin is borrowed on the venue's cross margin
 * (Binance's and Bitget's cross-margin accounts, OKX's multi-currency trading account, Gate's
 * unified account, Bybit's Unified Trading Account with spot margin on), and bought back to
 * repay it (docs/orders.md, "Spot shorts"). Elsewhere a spot sell that is not closing held coins
 * is refused in words before anything is sent.
 */
export const SPOT_BORROW_VENUES: readonly VenueId[] = ['binanceusdm', 'okx', 'gate', 'bitget', 'bybit'];
/**
 * Collateral a borrowed coin's value needs on Binance's Cross Margin Classic (3×: the debt at
 * most twice the equity, so half its value stays committed), the share a paper short holds back.
 * OKX's cross margin asks less of a BTC short (its margin leverage is higher); the preview holds
 * Binance's share there too, the stricter of the two.
 */
export const SPOT_BORROW_COLLATERAL = 0.5;

export interface VenueProfile {
  id: VenueId;
  label: string;
  /** Default (lowest-tier) fees as decimals per fill, until the user sets a tier. */
  takerFee: number;
  makerFee: number;
  /** Spot taker fee at the lowest tier: the spot leg of a perp/spot carry pays it on open and close. */
  spotTakerFee: number;
  /** Interval a symbol settles on when the venue does not say otherwise. */
  defaultIntervalHours: number;
  /** A quote older than this is stale: greyed, and no signal is built on it. */
  staleAfterMs: number;
  /** Polling period of the funding snapshot, within the venue's public rate limits. */
  pollMs: number;
}

export const VENUES: Record<VenueId, VenueProfile> = {
  binanceusdm: { id: 'binanceusdm', label: 'Binance', takerFee: 0.0005, makerFee: 0.0002, spotTakerFee: 0.001, defaultIntervalHours: 8, staleAfterMs: 30_000, pollMs: 5_000 },
  bybit: { id: 'bybit', label: 'Bybit', takerFee: 0.00055, makerFee: 0.0002, spotTakerFee: 0.001, defaultIntervalHours: 8, staleAfterMs: 30_000, pollMs: 5_000 },
  okx: { id: 'okx', label: 'OKX', takerFee: 0.0005, makerFee: 0.0002, spotTakerFee: 0.001, defaultIntervalHours: 8, staleAfterMs: 45_000, pollMs: 10_000 },
  bitget: { id: 'bitget', label: 'Bitget', takerFee: 0.0006, makerFee: 0.0002, spotTakerFee: 0.001, defaultIntervalHours: 8, staleAfterMs: 45_000, pollMs: 10_000 },
  gate: { id: 'gate', label: 'Gate', takerFee: 0.0005, makerFee: 0.0002, spotTakerFee: 0.002, defaultIntervalHours: 8, staleAfterMs: 45_000, pollMs: 10_000 },
  hyperliquid: { id: 'hyperliquid', label: 'Hyperliquid', takerFee: 0.00045, makerFee: 0.00015, spotTakerFee: 0.0007, defaultIntervalHours: 1, staleAfterMs: 30_000, pollMs: 5_000 },
  // Aster's own fee table and ccxt's (maker 0.01 %, taker 0.035 %); its free public API allows ~3 requests a second.
  aster: { id: 'aster', label: 'Aster', takerFee: 0.00035, makerFee: 0.0001, spotTakerFee: 0.001, defaultIntervalHours: 8, staleAfterMs: 45_000, pollMs: 10_000 },
  // KuCoin's lowest futures tier (taker 0.06 %, maker 0.02 %: every contract row's takerFeeRate/makerFeeRate);
  // its public futures API allows 2,000 weight per 30 s, the contract list costs 3.
  kucoinfutures: { id: 'kucoinfutures', label: 'KuCoin Futures', takerFee: 0.0006, makerFee: 0.0002, spotTakerFee: 0.001, defaultIntervalHours: 8, staleAfterMs: 45_000, pollMs: 10_000 },
  // BingX's lowest perpetual tier (taker 0.05 %, maker 0.02 %: every contract row's takerFeeRate/makerFeeRate,
  // and ccxt's); spot 0.1 %. ccxt paces it at one weight per 100 ms; the premium index costs 1, the tickers 1.
  bingx: { id: 'bingx', label: 'BingX', takerFee: 0.0005, makerFee: 0.0002, spotTakerFee: 0.001, defaultIntervalHours: 8, staleAfterMs: 45_000, pollMs: 10_000 },
  // Paradex's API-Standard perp fees (taker 0.02 %, maker 0.003 %: its trading-fee page; UI orders
  // trade free, API orders do not); it lists no spot, so the spot fee is never charged. Public API:
  // 200 requests a second or 1,500 a minute per IP; a poll is one markets-summary call. Funding is
  // continuous, quoted per 8-h period (docs/venues.md, "Paradex").
  paradex: { id: 'paradex', label: 'Paradex', takerFee: 0.0002, makerFee: 0.00003, spotTakerFee: 0.0002, defaultIntervalHours: 8, staleAfterMs: 45_000, pollMs: 10_000 },
  // Lighter's Standard accounts trade perps and spot free (taker and maker 0: every recorded market row's
  // taker_fee/maker_fee, and ccxt's); funding settles every hour. ccxt paces lighter at one request a
  // second (60 a minute for a Standard account): a poll sends two, every 15 s, 8 a minute.
  lighter: { id: 'lighter', label: 'Lighter', takerFee: 0, makerFee: 0, spotTakerFee: 0, defaultIntervalHours: 1, staleAfterMs: 60_000, pollMs: 15_000 },
};

/**
 * The HIP-3 dex a Hyperliquid perp trades on, from its symbol: ccxt names a builder-deployed
 * dex's coin `DEX-COIN` (`XYZ-BTC/USDC:USDC` → `xyz`), where main-dex coins carry no dash; null
 * for the main dex and every other venue (docs/venues.md, "Hyperliquid HIP-3").
 */
export function hip3DexOfSymbol(venue: VenueId, symbol: string): string | null {
  if (venue !== 'hyperliquid') return null;
  const match = /^([A-Za-z0-9]+)-[^/]+\//.exec(symbol);
  return match ? match[1].toLowerCase() : null;
}

/**
 * A leg's venue as a pair names it: a HIP-3 perp's dex beside Hyperliquid (`Hyperliquid xyz`), or
 * in the monitor's narrow Long and Short cells `HL xyz` (the longest venue name already fills them).
 */
export function legVenueLabel(venue: VenueId, symbol: string | null | undefined, form: 'full' | 'short' = 'full'): string {
  const dex = symbol ? hip3DexOfSymbol(venue, symbol) : null;
  if (dex === null) return VENUES[venue].label;
  return form === 'short' ? `HL ${dex}` : `${VENUES[venue].label} ${dex}`;
}

/**
 * Why the terminal does not trade a symbol of a traded venue, or null: a Hyperliquid HIP-3 dex
 * that settles in another token than USDC (USDH, USDe, USDT0) is monitored only, since its margin
 * is that token, which the terminal neither holds nor moves (docs/venues.md, "Hyperliquid HIP-3").
 */
export function notTradableSymbolReason(venue: VenueId, symbol: string): string | null {
  const dex = hip3DexOfSymbol(venue, symbol);
  const settle = symbol.slice(symbol.lastIndexOf(':') + 1);
  if (dex === null || settle === 'USDC') return null;
  return `${symbol}: ${VENUES[venue].label} ${dex} settles in ${settle}; the terminal trades HIP-3 dexes that settle in USDC only and monitors this one`;
}

/**
 * Venues whose key is a wallet: the key field holds the wallet address and the secret the
 * wallet's private key (Hyperliquid and Aster sign with it, docs/ccxt.md "Private calls").
 */
export const WALLET_VENUES: ReadonlySet<VenueId> = new Set<VenueId>(['hyperliquid', 'aster']);

/**
 * Venues the terminal monitors but cannot trade in this build: no broker is opened for them in
 * any mode, so the ticket, reconcile and the kill switch say so in these words instead of
 * sending anything (docs/venues.md, "Monitoring-only venues").
 */
export const MONITORING_ONLY = ['paradex', 'lighter'] as const satisfies readonly VenueId[];
export const MONITORING_ONLY_VENUES: ReadonlySet<VenueId> = new Set<VenueId>(MONITORING_ONLY);

/**
 * Venues that fund continuously (Paradex: the rate accrues every second, no funding events):
 * their quotes publish no next settlement, and no settlement calendar lists them
 * (docs/venues.md, "Paradex").
 */
export const CONTINUOUS_FUNDING_VENUES: ReadonlySet<VenueId> = new Set<VenueId>(['paradex']);

/**
 * Venues the terminal trades in cross margin only, with why: Paradex's isolated margin is an
 * isolated-market sub-account each order must name, which ccxt does not address
 * (docs/venues.md, "Paradex"). The checklist refuses an isolated ticket on them in these words.
 */
export const CROSS_MARGIN_ONLY: Readonly<Partial<Record<VenueId, string>>> = {
  paradex: 'Paradex trades isolated margin through an isolated-market sub-account that ccxt does not address',
};

export function notTradableReason(venue: VenueId): string {
  return `${VENUES[venue].label} is not tradable in this build: the terminal monitors it only (no orders, positions or kill switch there)`;
}

export function isVenueId(value: string): value is VenueId {
  return (VENUE_IDS as readonly string[]).includes(value);
}

/**
 * Where a venue's paths live on the one loopback server (simulator, Demo). Aster's futures API
 * uses Binance's paths (`/fapi/…`), so its endpoints are served under their own prefix; Paradex's
 * are bare `/v1/…` paths (`/v1/markets`, `/v1/system/time`) that any other venue's version root
 * could shadow, and Lighter's (`/api/v1/…`, its status at the root) would meet KuCoin's, so they
 * live under theirs too; every other venue's paths are distinct and stay at the root
 * (docs/ccxt.md, "Pointing ccxt at a local server").
 */
export const LOOPBACK_PATH_PREFIX: Readonly<Partial<Record<VenueId, string>>> = { aster: '/aster', paradex: '/paradex', lighter: '/lighter' };
