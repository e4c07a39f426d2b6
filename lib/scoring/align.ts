// Which predicted call answers which gold call: first the matching (calls that pass), then leftovers
// with the same name, then the rest in order. Unpaired calls stay alone (null on the other side).

export type Pair = [gold: number | null, call: number | null];

export function alignCalls(matching: readonly (number | null)[], goldNames: readonly string[], callNames: readonly string[]): Pair[] {
  const paired: (number | null)[] = [...matching];
  const free = callNames.map((_, c) => c).filter((c) => !paired.includes(c));
  const take = (pick: (c: number) => boolean): number | null => {
    const at = free.findIndex(pick);
    return at < 0 ? null : free.splice(at, 1)[0];
  };
  goldNames.forEach((name, g) => {
    if (paired[g] === null) paired[g] = take((c) => callNames[c] === name);
  });
  goldNames.forEach((_, g) => {
    if (paired[g] === null) paired[g] = take(() => true);
  });
  return [...paired.map((c, g): Pair => [g, c]), ...free.map((c): Pair => [null, c])];
}

/** Equal as multisets (order ignored, duplicates counted). */
export function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const x = [...a].sort();
  const y = [...b].sort();
  return x.every((n, i) => n === y[i]);
}
