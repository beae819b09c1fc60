import { hip3DexOfSymbol, VENUES, type VenueId } from '../../shared/domain/venues.ts';

/**
 * Short names for the compact places (docs/screens.md): the status bar's chips and a monitor
 * row's legs on venues whose column is hidden. At most four letters, so a dozen venues fit
 * 1280 px beside the kill switch. A venue not listed here shows the first four letters of its
 * label; the full name is in the accessible name and tooltip either way.
 */
const VENUE_CODES: Partial<Record<VenueId, string>> = {
  binanceusdm: 'BIN', bybit: 'BYB', okx: 'OKX', bitget: 'BGT', gate: 'GATE', hyperliquid: 'HL', aster: 'AST', kucoinfutures: 'KUC', bingx: 'BGX', paradex: 'PDX', lighter: 'LTR',
};

export function venueCode(venue: VenueId): string {
  return VENUE_CODES[venue] ?? VENUES[venue].label.replace(/[^A-Za-z0-9]/g, '').slice(0, 4).toUpperCase();
}

/** A leg's venue code, with its HIP-3 dex when it trades on one ("HL xyz"). */
export function legVenueCode(venue: VenueId, symbol: string | null | undefined): string {
  const dex = symbol ? hip3DexOfSymbol(venue, symbol) : null;
  return dex === null ? venueCode(venue) : `${venueCode(venue)} ${dex}`;
}
