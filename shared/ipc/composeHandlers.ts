import type { Handlers } from './contract.ts';

type Group = Partial<Handlers>;

/** `unknown` when no request is in two groups; otherwise a shape no argument list has, naming the request. */
type NoRequestTwice<G extends readonly Group[], Seen extends PropertyKey = never> =
  G extends readonly [infer Head extends Group, ...infer Rest extends readonly Group[]]
    ? [Extract<keyof Head, Seen>] extends [never] ? NoRequestTwice<Rest, Seen | keyof Head> : { answeredTwice: Extract<keyof Head, Seen> }
    : unknown;

type Joined<G extends readonly Group[]> = G extends readonly [infer Head, ...infer Rest extends readonly Group[]] ? Head & Joined<Rest> : unknown;

/**
 * Joins the services' handler groups into the handler map. A request answered by two groups
 * fails to compile (object spread would let the later one win without a word), and throws for
 * groups whose keys the compiler cannot see.
 */
export function composeHandlers<const G extends readonly Group[]>(...groups: G & NoRequestTwice<G>): Joined<G> {
  const joined: Record<string, unknown> = {};
  for (const group of groups as readonly Group[]) {
    for (const [name, handler] of Object.entries(group)) {
      if (Object.hasOwn(joined, name)) throw new Error(`request ${name} is answered by two handler groups`);
      joined[name] = handler;
    }
  }
  return joined as Joined<G>;
}
