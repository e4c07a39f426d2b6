// JSON.parse reads 5.0 as 5, but BFCL's checker runs on Python's json.loads, where 5.0 is a float
// and fails an "integer" parameter. This scanner finds the numbers written as integral floats so the
// bfcl type check can tell them apart. It runs only on text JSON.parse has already accepted.

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WORD = /[a-z]+/y;

/** Paths (keys and array indexes) of the numbers written with a fraction or exponent whose value is an integer. */
export function integralFloatPaths(text: string): string[][] {
  const out: string[][] = [];
  let i = 0;
  const skip = () => {
    while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i++;
  };
  const str = (): string => {
    const start = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: string[]): void => {
    skip();
    const c = text[i];
    if (c === "{" || c === "[") {
      const close = c === "{" ? "}" : "]";
      i++;
      skip();
      if (text[i] === close) return void i++;
      for (let n = 0; ; n++) {
        skip();
        let key = String(n);
        if (c === "{") {
          key = str();
          skip();
          i++; // the colon
        }
        value([...path, key]);
        skip();
        if (text[i++] === close) return;
      }
    }
    if (c === '"') return void str();
    const re = c === "-" || (c >= "0" && c <= "9") ? NUMBER : WORD;
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) throw new Error(`unexpected ${c} at ${i}`);
    i += m[0].length;
    if (re === NUMBER && /[.eE]/.test(m[0]) && Number.isInteger(Number(m[0]))) out.push(path);
  };
  try {
    value([]);
    return out;
  } catch {
    return []; // not JSON after all (or absurdly deep): no float information, which only loosens the check
  }
}

/** The float paths under `prefix`, relative to it and dotted ("values.1"). */
export function floatsUnder(paths: string[][], prefix: string[]): string[] {
  return paths.filter((p) => p.length > prefix.length && prefix.every((k, j) => p[j] === k)).map((p) => p.slice(prefix.length).join("."));
}
