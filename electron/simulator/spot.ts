/**
 * Spot markets and spot wallets on the venues whose spot the simulator serves (Binance, Bybit,
 * OKX, Bitget, Gate, Hyperliquid). Each spot pair (`BTCUSDT`, OKX's `BTC-USDT`, Gate's `BTC_USDT`,
 * Hyperliquid's `@142` of UBTC and USDC) trades the asset of a listed perp of the venue's quote,
 * in coins at prices per coin, around the perp's index (the spot
 * price the perp's index follows). A market order walks a spot book built as the perp's is. Fees
 * follow the venues: a buy pays its fee in the coin it receives, a sell in USDT. Binance's,
 * Bitget's and Gate's spot wallets are their own (apart from the futures wallet); Bybit's and
 * OKX's unified accounts keep USDT in one wallet for spot and derivatives, so a spot trade there
 * moves the account's wallet in `Accounts`. A limit order takes what the book holds at its price;
 * the rest is cancelled when it is immediate-or-cancel, else held (cancellable, it never fills
 * later: the terminal sends market and IOC orders only).
 */
import type { Accounts } from './accounts.ts';
import type { Market } from './market.ts';
import { buildBook } from './book.ts';
import { venueTakesClientId } from './clientIds.ts';
import { stringId } from './random.ts';
import { SimRejection, type OrderSide, type SimBook, type SimInstrument, type SimOrder, type VenueId } from './types.ts';
import { VENUES } from '../../shared/domain/venues.ts';
import { MIN_MARGIN_LEVEL, MarginDebts } from './marginDebts.ts';
import { HYPERLIQUID_SPOT_QUOTE, hyperliquidSpotPair, hyperliquidSpotPriceOk, hyperliquidSpotTick, recordedSzDecimals } from './hyperliquidSpotNames.ts';

const BOOK_DEPTH = 200;

export interface SpotInstrument {
  venue: VenueId;
  /** `BTCUSDT` on Binance and Bybit, `BTC-USDT` on OKX, `@142` on Hyperliquid. */
  id: string;
  /** The coin as the venue's wallet names it, without any multiplier (`PEPE`; Hyperliquid's wrapped `UBTC`). */
  base: string;
  /** The asset of the simulator's universe the pair trades (`BTC` for Hyperliquid's `UBTC`). */
  asset: string;
  quote: string;
  /** Hyperliquid numbers its pairs and tokens: the pair's index in `spotMeta.universe`, its base token's in `tokens`. */
  index?: { pair: number; token: number };
  /** The perp whose index prices the pair, and its price scale (1000 for `1000PEPEUSDT`). */
  perpId: string;
  priceScale: number;
  tickSize: number;
  stepSize: number;
  minQty: number;
  /** Minimum order value in USDT. */
  minNotional: number;
  pricePrecision: number;
  qtyPrecision: number;
}

/** A perp order's fields without its margin (quantity and filled in coins), and what a spot fill adds. */
export interface SpotOrder extends Omit<SimOrder, 'reduceOnly' | 'marginMode'> {
  /** USDT paid or received for `filled`, before fees. */
  cost: number;
  /** The coin of a buy, USDT for a sell. */
  feeCurrency: string;
  /** Each level taken: price, coins, fee. */
  fills: Array<{ price: number; quantity: number; fee: number; tradeId: number }>;
  /** USDT a market buy was asked to spend, where the venue counted it so (OKX `tgtCcy: quote_ccy`). */
  quoteAmount?: number;
  /** A limit order sent immediate-or-cancel. */
  timeInForce?: 'ioc';
  /** What a margin order borrowed before it filled (Binance `marginBuyBorrowAmount`/`Asset`). */
  borrowed?: { coin: string; amount: number };
  /** A margin order's side effect, on the account that borrows (Bitget states it back as the order's `loanType`); absent on a spot order. */
  sideEffect?: SideEffect;
}

/**
 * Which wallet an order trades from: the spot wallet, or the cross-margin account (Binance).
 * A unified account (OKX's multi-currency margin, Bybit's Unified Trading Account) borrows in
 * the spot wallet itself.
 */
export type SpotAccount = 'spot' | 'margin';

/**
 * Binance's `sideEffectType` of a margin order: MARGIN_BUY borrows what the order lacks,
 * AUTO_REPAY repays debt with what the order receives, AUTO_BORROW_REPAY does both.
 */
export type SideEffect = 'NO_SIDE_EFFECT' | 'MARGIN_BUY' | 'AUTO_REPAY' | 'AUTO_BORROW_REPAY';

/** A coin of the cross-margin account as Binance states it (`GET /sapi/v1/margin/account`). */
export interface MarginCoin {
  coin: string;
  free: number;
  locked: number;
  borrowed: number;
  interest: number;
}

export interface SpotOrderRequest {
  instrumentId: string;
  side: OrderSide;
  type: 'market' | 'limit';
  quantity: number;
  price?: number;
  clientOrderId?: string;
  /** USDT a market buy was asked to spend (`quantity` is then the coins it buys at the best ask). */
  quoteAmount?: number;
  /** A limit order whose unfilled rest is cancelled at once (Bitget `force: ioc`). */
  immediateOrCancel?: boolean;
}

export interface SpotBalance {
  coin: string;
  free: number;
  locked: number;
}

interface Wallet {
  apiKey: string;
  coins: Map<string, number>;
  orders: Map<string, SpotOrder>;
  clientIds: Map<string, string>;
  /** What the account owes: a cross-margin account's, or a unified account's spot wallet's; none on another spot wallet. */
  debts?: MarginDebts;
  /** The wallet holds its own USDT; false where the unified account's derivatives wallet pays for spot. */
  ownQuote: boolean;
}

const decimalsOf = (step: number) => Math.max(0, Math.round(-Math.log10(step)));
const almostInteger = (value: number) => Math.abs(value - Math.round(value)) < 1e-7;
const clean = (value: number) => Number(value.toPrecision(12));

type Terms = { tickSize: number; stepSize: number; minQty: number };

/**
 * How each venue names and bounds its spot pairs, and the terms of the pairs ccxt's recorded
 * markets state (ccxt/ccxt ts/src/test/static/markets/<id>.json; docs/venues.md, "Spot"):
 * Binance's BTC/USDT tick 0.01 step 0.00001, OKX's BTC-USDT tick 0.1 lot 0.00000001 minimum
 * 0.00001, Bitget's BTCUSDT tick 0.01 step 0.000001 and no minimum quantity but 1 USDT an
 * order, Gate's BTC_USDT tick 0.1 step and minimum 0.000001 and 3 USDT an order, ….
 * `unified`: the venue pays spot from the derivatives wallet. `borrowsInWallet`: a spot short
 * borrows in the spot wallet itself (Gate's unified account, whose spot side the simulator's
 * spot wallet is) rather than on a margin account apart.
 */
interface SpotVenue {
  /** The pair's id, the coin's name in the wallet and the venue's numbering (Hyperliquid), by the asset and its place in the listing. */
  pairOf: (asset: string, ordinal: number) => { id: string; coin: string; index?: SpotInstrument['index'] };
  quote: string;
  unified: boolean;
  borrowsInWallet?: true;
  /** Minimum order value in USDT; OKX states none (its minimum is `minSz`). */
  minNotional: number;
  recorded: Readonly<Record<string, Terms>>;
  /** Terms of a pair the recording lacks, by its price; six significant figures of tick unless the venue says otherwise. */
  generated?: (pricePerCoin: number, asset: string) => Terms;
  /** Whether a limit price is one the venue takes; a multiple of the tick unless the venue says otherwise. */
  priceOk?: (price: number, instrument: SpotInstrument) => boolean;
}

const terms = (tickSize: number, stepSize: number, minQty = stepSize): Terms => ({ tickSize, stepSize, minQty });
const named = (id: (asset: string) => string) => (asset: string) => ({ id: id(asset), coin: asset });

const SPOT_VENUE_RULES: Partial<Record<VenueId, SpotVenue>> = {
  binanceusdm: {
    pairOf: named((base) => `${base}USDT`), quote: 'USDT', unified: false, minNotional: 5,
    recorded: { BTC: terms(0.01, 0.00001), ETH: terms(0.01, 0.0001), ADA: terms(0.0001, 0.1), LTC: terms(0.01, 0.001) },
  },
  bybit: { pairOf: named((base) => `${base}USDT`), quote: 'USDT', unified: true, minNotional: 5, recorded: {} },
  okx: {
    pairOf: named((base) => `${base}-USDT`), quote: 'USDT', unified: true, minNotional: 0,
    recorded: {
      BTC: terms(0.1, 1e-8, 0.00001), ETH: terms(0.01, 1e-6, 0.0001), ADA: terms(0.0001, 0.0001, 10), LTC: terms(0.01, 1e-6, 0.01),
      XRP: terms(0.0001, 1e-6, 1), DOGE: terms(0.00001, 1e-6, 10), TRX: terms(0.00001, 1e-6, 1),
    },
  },
  gate: {
    pairOf: named((base) => `${base}_USDT`), quote: 'USDT', unified: false, borrowsInWallet: true, minNotional: 3,
    recorded: { BTC: terms(0.1, 1e-6, 1e-6), ETH: terms(0.01, 0.0001, 0.001), ADA: terms(0.0001, 0.01, 0.01) },
  },
  bitget: {
    pairOf: named((base) => `${base}USDT`), quote: 'USDT', unified: false, minNotional: 1,
    recorded: {
      BTC: terms(0.01, 1e-6, 0), ETH: terms(0.01, 0.0001, 0), ADA: terms(0.0001, 0.001, 0), LTC: terms(0.01, 0.0001, 0),
      XRP: terms(0.0001, 0.0001, 0), DOGE: terms(0.00001, 0.0001, 0), TRX: terms(0.00001, 0.0001, 0),
    },
  },
  // Hyperliquid prices spot by five significant figures (hyperliquidSpotNames.ts) and takes 10 USDC an order at least.
  hyperliquid: {
    pairOf: hyperliquidSpotPair, quote: HYPERLIQUID_SPOT_QUOTE, unified: false, minNotional: 10, recorded: {},
    generated: (price, asset) => {
      const szDecimals = recordedSzDecimals(asset) ?? decimalsOf(termsOf(price).stepSize);
      return terms(clean(hyperliquidSpotTick(price, szDecimals)), clean(10 ** -szDecimals));
    },
    priceOk: (price, instrument) => hyperliquidSpotPriceOk(price, instrument.qtyPrecision),
  },
};

export const SPOT_VENUES = Object.keys(SPOT_VENUE_RULES) as VenueId[];

/** Six significant digits of price; a coin step worth about one dollar or less, never above one coin. */
function termsOf(pricePerCoin: number): Terms {
  const tickSize = 10 ** (Math.floor(Math.log10(pricePerCoin)) - 5);
  const stepSize = Math.min(1, 10 ** Math.floor(Math.log10(1 / pricePerCoin)));
  return terms(clean(tickSize), clean(stepSize));
}

/** A market order's rest is cancelled (rejected when nothing filled), an IOC limit's cancelled, a GTC limit's rests. */
function statusAfterMatching(order: SpotOrder, immediateOrCancel: boolean): SpotOrder['status'] {
  if (order.filled >= order.quantity - 1e-12) return 'filled';
  if (order.type === 'market') return order.filled > 0 ? 'cancelled' : 'rejected';
  if (immediateOrCancel) return 'cancelled';
  return order.filled > 0 ? 'partially-filled' : 'new';
}

export class SpotMarkets {
  private readonly market: Market;
  private readonly accounts: Accounts;
  private readonly initialBalance: number;
  private readonly listed = new Map<VenueId, Map<string, SpotInstrument>>();
  private readonly wallets = new Map<string, Wallet>();
  /** Keys whose account does not lend (setLending). */
  private readonly noLending = new Set<string>();
  private nextOrderId = 1;
  private nextTradeId = 1;

  constructor(opts: { market: Market; accounts: Accounts; venues: readonly VenueId[]; initialBalance?: number }) {
    this.market = opts.market;
    this.accounts = opts.accounts;
    this.initialBalance = opts.initialBalance ?? 100_000;
    for (const venue of SPOT_VENUES.filter((v) => opts.venues.includes(v))) this.listed.set(venue, this.listFor(venue, SPOT_VENUE_RULES[venue]!));
  }

  private listFor(venue: VenueId, rules: SpotVenue): Map<string, SpotInstrument> {
    const out = new Map<string, SpotInstrument>();
    const assets = new Set<string>();
    for (const listing of this.market.universe.listings(venue)) {
      const asset = listing.asset.base;
      if (listing.instrument.settle !== rules.quote || assets.has(asset)) continue;
      const { id, coin, index } = rules.pairOf(asset, assets.size);
      assets.add(asset);
      const { tickSize, stepSize, minQty } = rules.recorded[asset] ?? rules.generated?.(listing.asset.price, asset) ?? termsOf(listing.asset.price);
      out.set(id, {
        venue, id, base: coin, asset, quote: rules.quote, perpId: listing.instrument.id, priceScale: listing.priceScale,
        tickSize, stepSize, minQty, minNotional: rules.minNotional, pricePrecision: decimalsOf(tickSize), qtyPrecision: decimalsOf(stepSize),
        ...(index ? { index } : {}),
      });
    }
    return out;
  }

  /** The pair of `asset` on the venue (`BTC` → `BTCUSDT`, `BTC-USDT` on OKX, `@142` on Hyperliquid). */
  pairOf(venue: VenueId, asset: string): SpotInstrument | undefined {
    return this.instruments(venue).find((pair) => pair.asset === asset);
  }

  /** The pair whose base is the wallet's `coin` (Hyperliquid's `UBTC`). */
  pairOfCoin(venue: VenueId, coin: string): SpotInstrument | undefined {
    return this.instruments(venue).find((pair) => pair.base === coin);
  }

  /** The stablecoin the venue's spot pairs are quoted in (USDT; USDC on Hyperliquid). */
  quoteOf(venue: VenueId): string {
    return SPOT_VENUE_RULES[venue]?.quote ?? 'USDT';
  }

  serves(venue: VenueId): boolean {
    return this.listed.has(venue);
  }

  instruments(venue: VenueId): SpotInstrument[] {
    return [...(this.listed.get(venue)?.values() ?? [])];
  }

  instrument(venue: VenueId, id: string): SpotInstrument | undefined {
    return this.listed.get(venue)?.get(id);
  }

  /** The spot price of one coin: the perp's index in coins. */
  price(instrument: SpotInstrument): number {
    return this.market.indexPrice(instrument.venue, instrument.perpId) / instrument.priceScale;
  }

  /** The whole steps of coins `usdt` buys at the best ask: a market buy counted in USDT (OKX `quote_ccy`, Bitget). */
  coinsFor(instrument: SpotInstrument, usdt: number): number {
    const ask = this.book(instrument, 1).asks[0][0];
    return clean(Math.floor(usdt / ask / instrument.stepSize + 1e-9) * instrument.stepSize);
  }

  book(instrument: SpotInstrument, depth: number): SimBook {
    const listing = this.market.listing(instrument.venue, instrument.perpId);
    // The book model reads only tick, step and contract size of the instrument it is given.
    const shape = { ...listing.instrument, tickSize: instrument.tickSize, stepSize: instrument.stepSize, contractSize: 1 } satisfies SimInstrument;
    return buildBook(shape, this.price(instrument), this.market.now(), depth, {
      volumeUsd: listing.asset.volumeUsd * 0.5, seed: this.market.seed, stream: stringId(`spot:${instrument.venue}:${instrument.id}`),
    });
  }

  balances(venue: VenueId, apiKey: string): SpotBalance[] {
    const wallet = this.wallet(venue, apiKey);
    const quote = this.quoteOf(venue);
    const rows = [...wallet.coins].filter(([coin, amount]) => amount > 0 || coin === quote).map(([coin, amount]) => ({ coin, free: amount, locked: 0 }));
    // A unified account's USDT is its derivatives wallet, which lists it already.
    return rows.filter((row) => !(this.unified(venue) && row.coin === quote));
  }

  /**
   * A spot order, or with `sideEffect` a margin order on the account that borrows
   * (`borrowAccount`: Binance's `POST /sapi/v1/margin/order`, OKX's `tdMode: cross` on a spot pair,
   * Bybit's `isLeverage: 1`).
   */
  placeOrder(venue: VenueId, apiKey: string, request: SpotOrderRequest, sideEffect?: SideEffect): SpotOrder {
    const instrument = this.instrument(venue, request.instrumentId);
    if (!instrument) throw new SimRejection('unknown-instrument', `${venue} lists no spot pair "${request.instrumentId}"`);
    const wallet = this.wallet(venue, apiKey, sideEffect === undefined ? 'spot' : this.borrowAccount(venue));
    const borrow = sideEffect === 'MARGIN_BUY' || sideEffect === 'AUTO_BORROW_REPAY' ? this.shortfall(wallet, instrument, request) : undefined;
    this.validate(wallet, instrument, request, borrow?.amount ?? 0);
    if (borrow) this.borrow(wallet, instrument, borrow);
    const now = this.market.now();
    const orderId = String(this.nextOrderId++);
    const order: SpotOrder = {
      venue, orderId, clientOrderId: request.clientOrderId ?? `sim-${orderId}`, instrumentId: instrument.id, side: request.side, type: request.type,
      price: request.type === 'limit' ? request.price ?? null : null, quantity: request.quantity, filled: 0, cost: 0, averagePrice: null,
      status: 'new', fee: 0, feeCurrency: request.side === 'buy' ? instrument.base : instrument.quote, fills: [], createdAt: now, updatedAt: now,
      ...(request.quoteAmount !== undefined ? { quoteAmount: request.quoteAmount } : {}),
      ...(request.immediateOrCancel ? { timeInForce: 'ioc' as const } : {}),
      ...(borrow ? { borrowed: borrow } : {}),
      ...(sideEffect === undefined ? {} : { sideEffect }),
    };
    const book = this.book(instrument, BOOK_DEPTH);
    for (const [price, available] of request.side === 'buy' ? book.asks : book.bids) {
      const left = clean(order.quantity - order.filled);
      if (left <= 0) break;
      if (order.type === 'limit' && (order.side === 'buy' ? price > order.price! : price < order.price!)) break;
      this.fill(venue, apiKey, wallet, instrument, order, price, Math.min(left, available));
    }
    order.status = statusAfterMatching(order, request.immediateOrCancel === true);
    // A unified account's coin is one balance: whatever a buy receives pays that coin's debt.
    const repays = sideEffect === 'AUTO_REPAY' || sideEffect === 'AUTO_BORROW_REPAY' || (!wallet.ownQuote && wallet.debts !== undefined && order.side === 'buy');
    if (repays) this.repayFromFill(wallet, instrument, order);
    wallet.orders.set(orderId, order);
    wallet.clientIds.set(order.clientOrderId, orderId);
    return structuredClone(order);
  }

  /**
   * The account that borrows for a spot short: Binance's cross-margin account apart from the
   * spot wallet, the spot wallet itself on a unified account (OKX; Gate's, with its own USDT).
   */
  borrowAccount(venue: VenueId): SpotAccount {
    return this.unified(venue) || SPOT_VENUE_RULES[venue]?.borrowsInWallet === true ? 'spot' : 'margin';
  }

  /** Whether the key's account may borrow for a spot short (OKX: multi-currency margin with auto-borrow; Gate: a unified account in multi-currency margin; Bybit: spot margin trading on); on unless switched off. */
  lends(venue: VenueId, apiKey: string): boolean {
    return !this.noLending.has(`${venue}:${apiKey}`);
  }

  setLending(venue: VenueId, apiKey: string, on: boolean): void {
    if (on) this.noLending.delete(`${venue}:${apiKey}`);
    else this.noLending.add(`${venue}:${apiKey}`);
  }

  /** The borrowing account's coins with what each owes, and the account's assets and liabilities in USDT. */
  marginAccount(venue: VenueId, apiKey: string): { coins: MarginCoin[]; assetsUsdt: number; liabilitiesUsdt: number } {
    const wallet = this.wallet(venue, apiKey, this.borrowAccount(venue));
    const debts = wallet.debts!;
    const names = [...new Set([...wallet.coins.keys(), ...debts.coins()])];
    const coins = names.map((coin) => ({ coin, free: wallet.coins.get(coin) ?? 0, locked: 0, borrowed: debts.of(coin).principal, interest: debts.of(coin).interest }));
    return { coins, assetsUsdt: this.assetsValue(venue, wallet), liabilitiesUsdt: debts.value((coin) => this.coinPrice(venue, coin)) };
  }

  order(venue: VenueId, apiKey: string, ref: { orderId?: string; clientOrderId?: string }, account: SpotAccount = 'spot'): SpotOrder | undefined {
    const found = this.find(this.wallet(venue, apiKey, account), ref);
    return found ? structuredClone(found) : undefined;
  }

  /** Every order the account placed on the pair, open or final, oldest first (Bitget's margin history lists). */
  ordersOf(venue: VenueId, apiKey: string, instrumentId: string, account: SpotAccount = 'spot'): SpotOrder[] {
    return this.orders(venue, apiKey, account).filter((o) => o.instrumentId === instrumentId);
  }

  /**
   * Coins of `coin` the borrowing account may borrow now: what keeps its margin level at Cross
   * Margin Classic's least after the loan (none where the account does not lend).
   */
  maxBorrowable(venue: VenueId, apiKey: string, coin: string): number {
    const price = this.coinPrice(venue, coin);
    if (!this.lends(venue, apiKey) || !(price > 0)) return 0;
    const wallet = this.wallet(venue, apiKey, this.borrowAccount(venue));
    const assets = this.assetsValue(venue, wallet);
    const liabilities = wallet.debts!.value((c) => this.coinPrice(venue, c));
    return clean(Math.max(0, (assets - MIN_MARGIN_LEVEL * liabilities) / (MIN_MARGIN_LEVEL - 1) / price));
  }

  /** Every order of the wallet, oldest first. */
  orders(venue: VenueId, apiKey: string, account: SpotAccount = 'spot'): SpotOrder[] {
    return [...this.wallet(venue, apiKey, account).orders.values()].map((o) => structuredClone(o));
  }

  /**
   * What the coins of `pair` held cost, in the quote, at the average cost of the buys (a sell
   * takes its share of the cost away): Hyperliquid's `entryNtl`.
   */
  entryCost(venue: VenueId, apiKey: string, pair: SpotInstrument): number {
    let held = 0;
    let cost = 0;
    for (const order of this.wallet(venue, apiKey).orders.values()) {
      if (order.instrumentId !== pair.id || order.filled === 0) continue;
      if (order.side === 'buy') {
        held += order.filled - order.fee;
        cost += order.cost;
      } else {
        cost -= held > 0 ? cost * Math.min(1, order.filled / held) : 0;
        held = Math.max(0, held - order.filled);
      }
    }
    return clean(cost);
  }

  openOrders(venue: VenueId, apiKey: string, instrumentId?: string, account: SpotAccount = 'spot'): SpotOrder[] {
    return [...this.wallet(venue, apiKey, account).orders.values()]
      .filter((o) => (o.status === 'new' || o.status === 'partially-filled') && (!instrumentId || o.instrumentId === instrumentId))
      .map((o) => structuredClone(o));
  }

  cancelOrder(venue: VenueId, apiKey: string, ref: { orderId?: string; clientOrderId?: string }, account: SpotAccount = 'spot'): SpotOrder {
    const order = this.find(this.wallet(venue, apiKey, account), ref);
    if (!order || (order.status !== 'new' && order.status !== 'partially-filled')) throw new SimRejection('unknown-order', `${venue}: no open spot order ${ref.orderId ?? ref.clientOrderId}`);
    order.status = 'cancelled';
    order.updatedAt = this.market.now();
    return structuredClone(order);
  }

  private unified(venue: VenueId): boolean {
    return SPOT_VENUE_RULES[venue]?.unified === true;
  }

  /** USDT the account may spend on spot: a unified account's wallet (Bybit, OKX), Binance's, Bitget's or Gate's spot wallet. */
  private quoteFree(venue: VenueId, apiKey: string, wallet: Wallet): number {
    return wallet.ownQuote ? wallet.coins.get(this.quoteOf(venue)) ?? 0 : this.accounts.balances(venue, apiKey)[0].free;
  }

  private moveQuote(venue: VenueId, apiKey: string, wallet: Wallet, amount: number): void {
    const quote = this.quoteOf(venue);
    if (!wallet.ownQuote) this.accounts.creditWallet(venue, apiKey, amount);
    else wallet.coins.set(quote, clean((wallet.coins.get(quote) ?? 0) + amount));
  }

  /** `borrowing`: what a margin order borrows before it fills, of the coin its side pays with. */
  private validate(wallet: Wallet, instrument: SpotInstrument, request: SpotOrderRequest, borrowing: number): void {
    const where = `${instrument.venue} spot ${instrument.id}`;
    if (request.clientOrderId !== undefined && !venueTakesClientId(instrument.venue, request.clientOrderId)) {
      throw new SimRejection('invalid-client-id', `${where}: client order id "${request.clientOrderId}" does not fit the venue's rule`);
    }
    if (request.clientOrderId && wallet.clientIds.has(request.clientOrderId)) throw new SimRejection('duplicate-client-id', `${where}: client order id "${request.clientOrderId}" already used`);
    if (!(request.quantity > 0) || !(request.quantity >= instrument.minQty - 1e-12) || !almostInteger(request.quantity / instrument.stepSize)) {
      throw new SimRejection('invalid-quantity', `${where}: quantity ${request.quantity} is not a positive multiple of ${instrument.stepSize}`);
    }
    const price = request.type === 'limit' ? Number(request.price) : this.price(instrument);
    const priceOk = SPOT_VENUE_RULES[instrument.venue]?.priceOk ?? ((p: number) => p > 0 && almostInteger(p / instrument.tickSize));
    if (request.type === 'limit' && !priceOk(price, instrument)) throw new SimRejection('invalid-price', `${where}: price ${request.price} is not a multiple of ${instrument.tickSize}`);
    if (request.quantity * price < instrument.minNotional) throw new SimRejection('min-notional', `${where}: order value ${(request.quantity * price).toFixed(2)} is below ${instrument.minNotional}`);
    const enough = request.side === 'buy'
      ? request.quantity * price * 1.01 <= this.quoteFree(instrument.venue, wallet.apiKey, wallet) + borrowing
      : request.quantity <= (wallet.coins.get(instrument.base) ?? 0) + borrowing + 1e-12;
    if (!enough) throw new SimRejection('insufficient-margin', `${where}: insufficient ${request.side === 'buy' ? instrument.quote : instrument.base} balance for ${request.side} ${request.quantity}`);
  }

  private fill(venue: VenueId, apiKey: string, wallet: Wallet, instrument: SpotInstrument, order: SpotOrder, price: number, quantity: number): void {
    const rate = VENUES[venue].spotTakerFee;
    const value = price * quantity;
    const base = wallet.coins.get(instrument.base) ?? 0;
    const fee = order.side === 'buy' ? quantity * rate : value * rate;
    if (order.side === 'buy') {
      this.moveQuote(venue, apiKey, wallet, -value);
      wallet.coins.set(instrument.base, clean(base + quantity - fee));
    } else {
      wallet.coins.set(instrument.base, clean(base - quantity));
      this.moveQuote(venue, apiKey, wallet, value - fee);
    }
    order.cost = clean(order.cost + value);
    order.filled = clean(order.filled + quantity);
    order.averagePrice = order.cost / order.filled;
    order.fee = clean(order.fee + fee);
    order.fills.push({ price, quantity, fee, tradeId: this.nextTradeId++ });
    order.updatedAt = this.market.now();
  }

  private find(wallet: Wallet, ref: { orderId?: string; clientOrderId?: string }): SpotOrder | undefined {
    const orderId = ref.orderId ?? (ref.clientOrderId !== undefined ? wallet.clientIds.get(ref.clientOrderId) : undefined);
    return orderId === undefined ? undefined : wallet.orders.get(orderId);
  }

  /**
   * A margin wallet starts with the same USDT as a spot one (collateral moved in), and charges its
   * interest on every look; a unified account's spot wallet borrows too, its USDT the account's.
   */
  private wallet(venue: VenueId, apiKey: string, account: SpotAccount = 'spot'): Wallet {
    const key = `${venue}:${apiKey}:${account}`;
    let wallet = this.wallets.get(key);
    if (!wallet) {
      const ownQuote = account === 'margin' || !this.unified(venue);
      wallet = { apiKey, coins: new Map(ownQuote ? [[this.quoteOf(venue), this.initialBalance]] : []), orders: new Map(), clientIds: new Map(), ownQuote };
      if (account === this.borrowAccount(venue)) wallet.debts = new MarginDebts(this.market.now());
      this.wallets.set(key, wallet);
    }
    wallet.debts?.accrue(this.market.now());
    return wallet;
  }

  /** USDT per coin on the venue's spot market (1 for USDT, 0 for a coin without a pair). */
  private coinPrice(venue: VenueId, coin: string): number {
    if (coin === this.quoteOf(venue)) return 1;
    const pair = this.pairOfCoin(venue, coin);
    return pair ? this.price(pair) : 0;
  }

  private assetsValue(venue: VenueId, wallet: Wallet): number {
    const coins = [...wallet.coins].reduce((sum, [coin, amount]) => sum + amount * this.coinPrice(venue, coin), 0);
    return wallet.ownQuote ? coins : coins + this.accounts.balances(venue, wallet.apiKey)[0].total;
  }

  /**
   * What a MARGIN_BUY order lacks of the coin it pays with: coins to sell, or USDT to buy with
   * (not on a unified account, whose USDT is its derivatives wallet's: the simulator lends it none).
   */
  private shortfall(wallet: Wallet, instrument: SpotInstrument, request: SpotOrderRequest): { coin: string; amount: number } | undefined {
    if (request.side === 'buy' && !wallet.ownQuote) return undefined;
    const price = request.type === 'limit' ? Number(request.price) : this.price(instrument);
    const [coin, needed] = request.side === 'sell' ? [instrument.base, request.quantity] : [instrument.quote, request.quantity * price * 1.01];
    const amount = clean(needed - (wallet.coins.get(coin) ?? 0));
    return amount > 0 ? { coin, amount } : undefined;
  }

  /** Borrows into the wallet, refused when the margin level after it would be under Cross Margin Classic's. */
  private borrow(wallet: Wallet, instrument: SpotInstrument, loan: { coin: string; amount: number }): void {
    const value = loan.amount * this.coinPrice(instrument.venue, loan.coin);
    const liabilities = wallet.debts!.value((coin) => this.coinPrice(instrument.venue, coin)) + value;
    if ((this.assetsValue(instrument.venue, wallet) + value) / liabilities < MIN_MARGIN_LEVEL) {
      throw new SimRejection('insufficient-margin', `${instrument.venue} margin ${instrument.id}: borrowing ${loan.amount} ${loan.coin} would take the margin level under ${MIN_MARGIN_LEVEL}`);
    }
    wallet.debts!.borrow(loan.coin, loan.amount);
    wallet.coins.set(loan.coin, clean((wallet.coins.get(loan.coin) ?? 0) + loan.amount));
  }

  /** AUTO_REPAY: what the order received (after its fee) repays the debt in that coin. */
  private repayFromFill(wallet: Wallet, instrument: SpotInstrument, order: SpotOrder): void {
    const coin = order.side === 'buy' ? instrument.base : instrument.quote;
    const received = order.side === 'buy' ? order.filled - order.fee : order.cost - order.fee;
    const paid = wallet.debts!.repay(coin, Math.min(received, wallet.coins.get(coin) ?? 0));
    wallet.coins.set(coin, clean((wallet.coins.get(coin) ?? 0) - paid));
  }
}
