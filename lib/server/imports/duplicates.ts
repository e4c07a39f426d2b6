// Duplicate detection for imports: inside a file, and against what the project already has. Each
// request is kept as a 64-bit digest (the first 16 hex digits of its SHA-256) in typed arrays, not
// as a string in a Map: about 24 bytes per distinct request at a half-full table, so 100,000 lines
// cost a few MB, not tens. Two different requests share 64 bits with odds of about n²/2^65
// (3·10^-10 at 100,000): such a pair would be counted as a duplicate.

/** An open-addressing set of 64-bit digests, each with a 32-bit value. */
export class DigestTable {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private val: Int32Array;
  private used: Uint8Array;
  size = 0;

  constructor(capacity = 1024) {
    let cap = 1024;
    while (cap < capacity * 2) cap *= 2;
    this.hi = new Uint32Array(cap);
    this.lo = new Uint32Array(cap);
    this.val = new Int32Array(cap);
    this.used = new Uint8Array(cap);
  }

  /** The value stored for the digest, or undefined. */
  get(hi: number, lo: number): number | undefined {
    const i = this.slot(hi, lo);
    return this.used[i] ? this.val[i] : undefined;
  }

  /** Stores the value unless the digest is there already; returns the value stored before, or undefined. */
  setIfAbsent(hi: number, lo: number, value: number): number | undefined {
    const i = this.slot(hi, lo);
    if (this.used[i]) return this.val[i];
    this.used[i] = 1;
    this.hi[i] = hi;
    this.lo[i] = lo;
    this.val[i] = value;
    if (++this.size * 2 > this.used.length) this.grow();
    return undefined;
  }

  private slot(hi: number, lo: number): number {
    const mask = this.used.length - 1;
    // The digests are uniform already: their low bits spread the slots.
    for (let i = lo & mask; ; i = (i + 1) & mask) {
      if (!this.used[i] || (this.hi[i] === hi && this.lo[i] === lo)) return i;
    }
  }

  private grow() {
    const { hi, lo, val, used } = this;
    const cap = used.length * 2;
    this.hi = new Uint32Array(cap);
    this.lo = new Uint32Array(cap);
    this.val = new Int32Array(cap);
    this.used = new Uint8Array(cap);
    for (let i = 0; i < used.length; i++) {
      if (!used[i]) continue;
      const j = this.slot(hi[i], lo[i]);
      this.used[j] = 1;
      this.hi[j] = hi[i];
      this.lo[j] = lo[i];
      this.val[j] = val[i];
    }
  }
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** The first 64 bits of a hex digest as two 32-bit halves, or null when it does not start with 16 hex digits. */
export function digest64(hex: string): [number, number] | null {
  if (hex.length < 16) return null;
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < 16; i++) {
    const d = hexDigit(hex.charCodeAt(i));
    if (d < 0) return null;
    if (i < 8) hi = hi * 16 + d;
    else lo = lo * 16 + d;
  }
  return [hi >>> 0, lo >>> 0];
}

export interface DuplicateSample {
  line: number;
  duplicateOf: number | "existing";
  exact: boolean;
}

/** Finds duplicates inside a file and against what the project already has (same request after normalising whitespace and case). */
export class DuplicateFinder {
  private readonly near = new DigestTable(); // normalised-request digest -> first line (0 = already in the project)
  private readonly exact = new DigestTable();
  readonly sample: DuplicateSample[] = [];
  count = 0;

  /** `existingHashes`: the contentHash of each example the project has (a value that is not a hex digest matches nothing). */
  constructor(existingHashes: Iterable<string>) {
    for (const h of existingHashes) {
      const d = digest64(h);
      if (d) this.near.setIfAbsent(d[0], d[1], 0);
    }
  }

  /** True when the record repeats an earlier one. `nearHash` and `exactHash` are hex digests (contentHash, the exact hash). */
  check(line: number, nearHash: string, exactHash: string): boolean {
    const e = digest64(exactHash);
    const isExact = e ? this.exact.setIfAbsent(e[0], e[1], 1) !== undefined : false;
    const n = digest64(nearHash);
    if (!n) throw new Error(`line ${line}: the request hash ${JSON.stringify(nearHash)} is not a hex digest`);
    const first = this.near.setIfAbsent(n[0], n[1], line);
    if (first === undefined) return false;
    this.count += 1;
    if (this.sample.length < 200) this.sample.push({ line, duplicateOf: first === 0 ? "existing" : first, exact: isExact });
    return true;
  }
}
