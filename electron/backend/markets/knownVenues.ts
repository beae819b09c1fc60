import type { FundingCsvOptions } from '../../../shared/history/fundingCsv.ts';

/**
 * Every exchange id of the installed ccxt (104 in 4.5.84), written out so that the product need not load
 * ccxt's barrel (which holds them as `ccxt.exchanges`) with every exchange class (docs/architecture.md,
 * "Memory"); test/unit/markets/knownVenues.test.ts fails when a ccxt upgrade changes the list.
 */
export const CCXT_EXCHANGE_IDS: readonly string[] = [
  'alpaca', 'apex', 'aster', 'backpack', 'bequant', 'bigone', 'binance', 'binancecoinm', 'binanceus',
  'binanceusdm', 'bingx', 'bit2c', 'bitbank', 'bitbns', 'bitfinex', 'bitflyer', 'bitget', 'bithumb',
  'bitopro', 'bitrue', 'bitso', 'bitstamp', 'bitteam', 'bittrade', 'bitvavo', 'blockchaincom', 'blofin',
  'btcbox', 'btcmarkets', 'btcturk', 'btse', 'bullish', 'bybit', 'bybiteu', 'bybitid', 'bydfi', 'cex',
  'coinbase', 'coinbaseexchange', 'coinbaseinternational', 'coincheck', 'coinex', 'coinmate', 'coinone',
  'coinsph', 'coinspot', 'cryptocom', 'cryptomus', 'deepcoin', 'delta', 'deribit', 'derive', 'digifinex',
  'dydx', 'extended', 'fmfwio', 'foxbit', 'gate', 'gateeu', 'gemini', 'grvt', 'hashkey', 'hibachi', 'hitbtc',
  'hollaex', 'htx', 'hyperliquid', 'independentreserve', 'indodax', 'kraken', 'krakenfutures', 'kucoin',
  'kucoinfutures', 'latoken', 'lbank', 'lighter', 'luno', 'mercado', 'mexc', 'modetrade', 'mudrex', 'myokx',
  'nado', 'ndax', 'okx', 'okxus', 'onetrading', 'p2b', 'pacifica', 'paradex', 'paymium', 'phemex',
  'poloniex', 'revolutx', 'tokocrypto', 'toobit', 'upbit', 'weex', 'whitebit', 'woo', 'woofipro', 'xt',
  'zaif', 'zebpay',
];

/**
 * The venues a funding-history CSV may name: every ccxt exchange id. History of a venue the
 * terminal does not trade (dydx, htx) still feeds the studies; a misspelt id is a bad line.
 */
export const KNOWN_HISTORY_VENUES: ReadonlySet<string> = new Set(CCXT_EXCHANGE_IDS);

export const FUNDING_CSV_OPTIONS: FundingCsvOptions = { knownVenues: KNOWN_HISTORY_VENUES };
