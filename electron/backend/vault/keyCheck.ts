/**
 * "Test key": one harmless signed call (fetchBalance) with the stored credentials, through the
 * same ccxt construction as market data. A successful signed read proves the `read`
 * permission; trading permission stays unknown because none of the supported venues reports it
 * on that call, and finding out by placing an order would not be harmless. (Hyperliquid is the
 * exception to "signed": see assertHyperliquidKey.)
 */
import { VENUES, WALLET_VENUES, type VenueId } from '../../../shared/domain/venues.ts';
import type { Exchange } from 'ccxt';
import { createExchange } from '../markets/exchanges.ts';
import { ccxtCredentials, optionsFor } from '../markets/accountOptions.ts';
import { VenueError, toVenueError } from '../markets/venueErrors.ts';
import { scrubText } from '../log/redact.ts';
import { hedgeModeMessage, inHedgeMode } from '../markets/positionMode.ts';
import type { VenueCredentials } from './vault.ts';

/**
 * A wallet venue's private key must be a valid secp256k1 key: Hyperliquid's balance is a
 * public read by wallet address and would not prove it, and Aster's signer would fail inside
 * ccxt with a message in no trader's words. Whether it is the wallet's own key or an approved
 * agent's can only be proven by a signed action (Hyperliquid: the first order).
 */
function assertWalletKey(venue: VenueId, exchange: Exchange, credentials: VenueCredentials): void {
  let valid = /^(0x)?[0-9a-fA-F]{64}$/.test(credentials.secret);
  if (valid) {
    try {
      exchange.ethGetAddressFromPrivateKey(credentials.secret);
    } catch (error) {
      // secp256k1 rejects zero and values beyond the curve order.
      if (!(error instanceof Error)) throw error;
      valid = false;
    }
  }
  if (!valid) throw new VenueError('auth', venue, `${VENUES[venue].label} refused the API credentials (the private key is not a valid 32-byte hex key); check the API key in Settings.`);
}

export interface KeyTestResult {
  permissions: string[];
  warnings: string[];
}

/** Bybit sets the position mode per symbol (or settle coin), Bitget answers it per symbol: BTC stands for the account here; each ticket checks its own. */
const MODE_SYMBOL = 'BTC/USDT:USDT';

/**
 * Makes one signed read on `venue` and returns the permissions it proved (`['read']`), with a
 * warning when the account is in hedge position mode (the terminal refuses to trade it; better
 * said now than at the first ticket). Binance, OKX, Bybit and Bitget state the mode on a second
 * signed read; Gate on the balance itself. Failures are `VenueError`s (an `auth` kind for refused
 * credentials) whose message has been scrubbed of every credential value.
 */
export async function testVenueKey(venue: VenueId, credentials: VenueCredentials, baseUrl?: string): Promise<KeyTestResult> {
  const exchange = createExchange(venue, optionsFor(venue, baseUrl !== undefined), { baseUrl });
  Object.assign(exchange, ccxtCredentials(venue, credentials));
  // With credentials ccxt would also fetch the currency list (a second, private call on OKX
  // and Bybit); a balance does not need it, and the test should stay one request.
  exchange.has = { ...exchange.has, fetchCurrencies: false };
  try {
    if (WALLET_VENUES.has(venue)) assertWalletKey(venue, exchange, credentials);
    const balance = await exchange.fetchBalance();
    const hedged = await inHedgeMode(venue, exchange, MODE_SYMBOL, balance);
    return { permissions: ['read'], warnings: hedged ? [hedgeModeMessage(venue)] : [] };
  } catch (error) {
    const mapped = toVenueError(venue, error);
    const secrets = [credentials.apiKey, credentials.secret, credentials.password ?? ''];
    throw new VenueError(mapped.kind, venue, scrubText(mapped.message, secrets), mapped.retryAfterMs);
  } finally {
    await exchange.close();
  }
}
