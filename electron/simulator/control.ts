/**
 * The control API under `/__sim/…`: scenario control over HTTP for tools and other processes
 * (tests in the same process use the `Simulator` object directly). Loopback callers only.
 */
import type { SimResponse } from './types.ts';
import type { Simulator } from './server.ts';
import { isVenueId, type VenueId } from '../../shared/domain/venues.ts';
import type { FaultSpec } from './faults.ts';
import type { ScheduledAction } from './scheduler.ts';

type Body = Record<string, unknown>;

function venueOf(body: Body): VenueId {
  const venue = String(body.venue ?? '');
  if (!isVenueId(venue)) throw new ControlError(`unknown venue "${venue}"`);
  return venue;
}

/** The control API answers only callers on this machine. */
export function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

export class ControlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ControlError';
  }
}

/** Answers one control request; throws ControlError for a bad one. */
export function handleControl(sim: Simulator, method: string, path: string, query: URLSearchParams, body: Body): SimResponse {
  const route = `${method} ${path.replace(/^\/__sim/, '')}`;
  const ok = (payload: unknown = { ok: true }): SimResponse => ({ status: 200, body: payload });
  switch (route) {
    case 'GET /state':
      return ok(sim.state());
    case 'GET /log':
      return ok(sim.log.list({ venue: query.get('venue') ?? undefined, path: query.get('path') ?? undefined, limit: Number(query.get('limit') ?? 0) || undefined }));
    case 'DELETE /log':
      sim.log.clear();
      return ok();
    case 'POST /clock': {
      if (body.speed !== undefined) sim.clock.setSpeed(Number(body.speed));
      if (body.action === 'pause') sim.clock.pause();
      if (body.action === 'resume') sim.clock.resume();
      if (body.action === 'step') sim.clock.step(Number(body.ms ?? 0));
      return ok({ now: sim.clock.now(), speed: sim.clock.speed, paused: sim.clock.paused });
    }
    case 'POST /rate':
      sim.market.setRate(venueOf(body), String(body.id), body.rate === null ? null : Number(body.rate));
      return ok(sim.market.funding(venueOf(body), String(body.id)));
    case 'POST /price':
      sim.market.setPrice(venueOf(body), String(body.id), Number(body.price));
      return ok(sim.market.ticker(venueOf(body), String(body.id)));
    case 'POST /premium':
      sim.market.setPremium(venueOf(body), String(body.id), Number(body.premium));
      return ok(sim.market.ticker(venueOf(body), String(body.id)));
    case 'POST /interval':
      sim.market.setInterval(venueOf(body), String(body.id), Number(body.hours));
      return ok(sim.market.funding(venueOf(body), String(body.id)));
    case 'GET /funding':
      return ok(sim.market.funding(venueOf({ venue: query.get('venue') }), String(query.get('id'))));
    case 'GET /schedule':
      return ok(sim.scheduled());
    case 'POST /schedule':
      return ok(sim.schedule(Number(body.at), body.action as ScheduledAction));
    case 'GET /faults':
      return ok(sim.faults.list());
    case 'POST /faults':
      return ok(sim.faults.inject(body as unknown as FaultSpec));
    case 'DELETE /faults':
      sim.faults.clear(query.get('id') ?? undefined);
      return ok();
    case 'POST /venue':
      sim.faults.setDown(venueOf(body), body.down === true);
      return ok();
    case 'POST /streams/disconnect':
      return ok({ closed: sim.streams.disconnect(venueOf(body)) });
    case 'POST /balance':
      sim.accounts.setBalance(venueOf(body), String(body.apiKey), Number(body.amount));
      return ok(sim.accounts.balances(venueOf(body), String(body.apiKey)));
    case 'POST /fees':
      sim.accounts.setFeeRates(venueOf(body), String(body.apiKey), { taker: Number(body.taker), maker: Number(body.maker) });
      return ok(sim.accounts.feeRates(venueOf(body), String(body.apiKey)));
    case 'POST /credentials':
      sim.credentials.add({ venue: venueOf(body), apiKey: String(body.apiKey), secret: String(body.secret), password: body.password === undefined ? undefined : String(body.password) });
      return ok();
    case 'DELETE /credentials':
      sim.credentials.remove(venueOf({ venue: query.get('venue') }), String(query.get('apiKey')));
      return ok();
    default:
      return { status: 404, body: { error: `no control route ${route}` } };
  }
}
