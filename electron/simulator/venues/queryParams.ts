/** Reading the venues' query strings: a number the caller may leave out, empty or unreadable meaning absent. */
export function optionalInt(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}
