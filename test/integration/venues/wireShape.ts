/**
 * Structural comparison of two JSON answers: the recorded real one and the simulator's. Keys
 * and JSON types are compared recursively; values are not. An array is compared through its
 * first element on each side (a venue's list rows share one shape). `null` matches any type:
 * real answers carry null where a value is simply absent at that moment. ccxt's recordings
 * store every JSON number as a string (Bybit's `"retCode": "0"`, which the venue sends as 0),
 * so a recorded numeric string matches a simulated number; a recorded number or a
 * non-numeric string does not.
 */
export type JsonType = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object';

export interface ShapeDifference {
  /** `$.result.list[].cumFeeDetail`: `[]` stands for "an element of this array". */
  path: string;
  kind: 'missing' | 'extra' | 'type' | 'empty';
  real?: JsonType;
  simulated?: JsonType;
}

export interface ShapeOptions {
  /** Paths of objects keyed by data (a coin, a symbol): their keys are not fields, only the value types count. */
  maps?: readonly string[];
  /** Differences accepted, each path with the reason (`missing $.result.list[].nextPageCursor` → why). */
  allowed?: Readonly<Record<string, string>>;
}

export function jsonType(value: unknown): JsonType {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  if (type === 'boolean' || type === 'number' || type === 'string') return type;
  return 'object';
}

/** The differences not accepted by `options.allowed` (keyed `<kind> <path>`). */
export function unexplainedDifferences(real: unknown, simulated: unknown, options: ShapeOptions = {}): string[] {
  const allowed = options.allowed ?? {};
  return describeDifferences(shapeDifferences(real, simulated, options).filter((d) => !(`${d.kind} ${d.path}` in allowed)));
}

export function shapeDifferences(real: unknown, simulated: unknown, options: ShapeOptions = {}, path = '$'): ShapeDifference[] {
  const realType = jsonType(real);
  const simType = jsonType(simulated);
  if (realType === 'null' || simType === 'null') return [];
  if (realType === 'string' && simType === 'number' && isNumeric(real as string)) return [];
  if (realType !== simType) return [{ path, kind: 'type', real: realType, simulated: simType }];
  if (realType === 'array') return arrayDifferences(real as unknown[], simulated as unknown[], options, path);
  if (realType !== 'object') return [];
  const realObject = real as Record<string, unknown>;
  const simObject = simulated as Record<string, unknown>;
  if (options.maps?.includes(path)) return mapDifferences(realObject, simObject, options, path);
  const out: ShapeDifference[] = [];
  for (const key of Object.keys(realObject)) {
    if (!(key in simObject)) out.push({ path: `${path}.${key}`, kind: 'missing', real: jsonType(realObject[key]) });
    else out.push(...shapeDifferences(realObject[key], simObject[key], options, `${path}.${key}`));
  }
  for (const key of Object.keys(simObject)) {
    if (!(key in realObject)) out.push({ path: `${path}.${key}`, kind: 'extra', simulated: jsonType(simObject[key]) });
  }
  return out;
}

function isNumeric(text: string): boolean {
  return text.trim() !== '' && Number.isFinite(Number(text));
}

function arrayDifferences(real: unknown[], simulated: unknown[], options: ShapeOptions, path: string): ShapeDifference[] {
  if (real.length === 0) return [];
  // A simulated empty list proves nothing about its rows: the test must make the simulator list one.
  if (simulated.length === 0) return [{ path, kind: 'empty', real: 'array', simulated: 'array' }];
  return shapeDifferences(real[0], simulated[0], options, `${path}[]`);
}

function mapDifferences(real: Record<string, unknown>, simulated: Record<string, unknown>, options: ShapeOptions, path: string): ShapeDifference[] {
  const realValue = Object.values(real)[0];
  const simValue = Object.values(simulated)[0];
  if (realValue === undefined) return [];
  if (simValue === undefined) return [{ path, kind: 'empty', real: 'object', simulated: 'object' }];
  return shapeDifferences(realValue, simValue, options, `${path}{}`);
}

/** One line per difference, for an assertion message a reader can act on. */
export function describeDifferences(differences: readonly ShapeDifference[]): string[] {
  return differences.map((d) => {
    switch (d.kind) {
      case 'missing': return `${d.path}: missing in the simulator (real: ${d.real})`;
      case 'extra': return `${d.path}: only in the simulator (${d.simulated})`;
      case 'empty': return `${d.path}: the simulator answered an empty ${d.real}, the real answer has rows`;
      default: return `${d.path}: real ${d.real}, simulator ${d.simulated}`;
    }
  });
}
