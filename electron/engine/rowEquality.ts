import type { Leg, Opportunity, VenuePair } from '../../shared/domain/signals.ts';

/**
 * Venues are polled every few seconds and most rates do not move between polls. A row whose
 * only difference is that its legs were observed again is not news for the renderer: it keeps
 * the row it has, and the engine keeps the row the renderer has, so incremental batches and a
 * full snapshot stay equal. Staleness still flips rows, because `stale` is compared.
 */
export function sameShownRow(a: Opportunity, b: Opportunity): boolean {
  if (a.legs.length !== b.legs.length) return false;
  // A leg is rebuilt only when its quote or its staleness changed: most legs of a recomputed row are the very objects it had.
  for (let i = 0; i < a.legs.length; i++) if (a.legs[i] !== b.legs[i] && !sameLeg(a.legs[i], b.legs[i])) return false;
  return (
    a.longVenue === b.longVenue && a.shortVenue === b.shortVenue && a.spreadPer8h === b.spreadPer8h &&
    a.spreadApr === b.spreadApr && a.roundTripFees === b.roundTripFees && a.netCarryPerDay === b.netCarryPerDay &&
    a.breakEvenHours === b.breakEvenHours && a.meanPer8h === b.meanPer8h && a.regime === b.regime &&
    a.velocity.h1 === b.velocity.h1 && a.velocity.h4 === b.velocity.h4 && a.velocity.h24 === b.velocity.h24 &&
    a.persistenceHours === b.persistenceHours && a.triggered === b.triggered && a.nextFundingTime === b.nextFundingTime &&
    a.expectedNetPerDay === b.expectedNetPerDay && sameDecay(a.carry ?? null, b.carry ?? null) && sameAlignment(a.alignment, b.alignment) &&
    a.longNextFundingTime === b.longNextFundingTime && a.shortNextFundingTime === b.shortNextFundingTime &&
    a.openInterestUsd === b.openInterestUsd && a.volume24hUsd === b.volume24hUsd && a.basis === b.basis && a.basisZ === b.basisZ &&
    samePairs(a.otherPairs ?? [], b.otherPairs ?? [])
  );
}

/** Their numbers follow from the legs compared above; the venues say which pairs they are. */
function samePairs(a: readonly VenuePair[], b: readonly VenuePair[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && a[i].longVenue !== b[i].longVenue || a[i].shortVenue !== b[i].shortVenue || a[i].spreadPer8h !== b[i].spreadPer8h) return false;
  return true;
}

/** The estimate follows from the row's other fields (the legs' touch included) and the decay; the decay is what can change alone. */
function sameDecay(a: Opportunity['carry'], b: Opportunity['carry']): boolean {
  if (!a || !b || a === b) return a === b;
  return a.net === b.net && a.crossing === b.crossing && a.decay.source === b.decay.source && a.decay.n === b.decay.n && a.decay.phi === b.decay.phi && a.decay.levelPer8h === b.decay.levelPer8h;
}

function sameAlignment(a: Opportunity['alignment'], b: Opportunity['alignment']): boolean {
  if (a === null || b === null) return a === b;
  return a.tag === b.tag && a.sector === b.sector && a.reason === b.reason;
}

function sameLeg(a: Leg, b: Leg): boolean {
  return (
    a.venue === b.venue && a.symbol === b.symbol && a.rate === b.rate && a.rateKind === b.rateKind &&
    a.intervalHours === b.intervalHours && a.ratePer8h === b.ratePer8h && a.apr === b.apr &&
    a.nextFundingTime === b.nextFundingTime && a.markPrice === b.markPrice && a.stale === b.stale &&
    (a.bid ?? null) === (b.bid ?? null) && (a.ask ?? null) === (b.ask ?? null)
  );
}
