// Catalogue `pattern`s and `patternProperties` keys are user input, and validation runs
// synchronously in requests, the worker and the browser editor: on a backtracking engine a pattern
// such as ^(a+)+$ takes hours on 40 characters. So a pattern runs on RE2 (re2js, linear time)
// whenever RE2 can express it with JavaScript's exact meaning; toRe2 rewrites the few places where
// the two dialects differ (\s, ".", \u escapes, [^] and []). What RE2 cannot express (lookaround,
// backreferences) runs on JavaScript's own engine only when a ReDoS check passes; otherwise the
// pattern is refused, and the tool cannot be saved. Pure; shared by server and browser.
import { RE2JS } from "re2js";
import { isSafePattern } from "redos-detector";

/** JavaScript's \s, as RE2 class items (RE2's own \s is ASCII only). */
const JS_SPACE = "\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}";
/** What "." matches in JavaScript without the s flag: anything but a line terminator. */
const JS_DOT = "[^\\n\\r\\x{2028}\\x{2029}]";

const hex = (n: number) => `\\x{${n.toString(16).toUpperCase()}}`;

/**
 * The same pattern in RE2 syntax with JavaScript's meaning (with the u flag, as Ajv compiles it),
 * or null where RE2 has no equivalent (lookaround, backreferences, \S inside a class).
 */
export function toRe2(pattern: string): string | null {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      const n = pattern[i + 1];
      if (n === undefined) return null;
      if (n === "u") {
        const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(pattern.slice(i + 2));
        const plain = /^[0-9a-fA-F]{4}/.exec(pattern.slice(i + 2));
        if (braced) {
          out += hex(parseInt(braced[1], 16));
          i += 1 + braced[0].length;
        } else if (plain) {
          out += hex(parseInt(plain[0], 16));
          i += 5;
        } else return null;
        continue;
      }
      if (n === "c") {
        const letter = pattern[i + 2];
        if (!letter || !/[a-zA-Z]/.test(letter)) return null;
        out += hex(letter.charCodeAt(0) % 32);
        i += 2;
        continue;
      }
      if (n === "s") out += inClass ? JS_SPACE : `[${JS_SPACE}]`;
      else if (n === "S") {
        if (inClass) return null;
        out += `[^${JS_SPACE}]`;
      } else if (n === "k" || /[1-9]/.test(n)) return null; // backreferences
      else if (n === "0") out += hex(0);
      else if (n === "/") out += "/";
      else out += c + n;
      i += 1;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      out += c;
      continue;
    }
    if (c === "[") {
      if (pattern.startsWith("[^]", i)) {
        out += "[\\x{0}-\\x{10FFFF}]";
        i += 2;
      } else if (pattern.startsWith("[]", i)) {
        out += "[^\\x{0}-\\x{10FFFF}]";
        i += 1;
      } else {
        inClass = true;
        out += c;
        if (pattern[i + 1] === "^") {
          out += "^";
          i += 1;
        }
      }
      continue;
    }
    if (c === ".") {
      out += JS_DOT;
      continue;
    }
    if (c === "(" && pattern[i + 1] === "?") {
      if (pattern.startsWith("(?=", i) || pattern.startsWith("(?!", i) || pattern.startsWith("(?<=", i) || pattern.startsWith("(?<!", i)) return null;
      if (pattern[i + 2] === "<") {
        out += "(?P<";
        i += 2;
        continue;
      }
    }
    out += c;
  }
  return out;
}

export interface PatternMatcher {
  test(s: string): boolean;
}

const cache = new Map<string, PatternMatcher | Error>();

/** A matcher for a catalogue pattern that cannot run for long, or an Error that says why the pattern is refused. */
export function compilePattern(pattern: string): PatternMatcher | Error {
  const hit = cache.get(pattern);
  if (hit) return hit;
  let result: PatternMatcher | Error;
  const re2 = toRe2(pattern);
  try {
    if (re2 === null) throw new Error("not expressible in RE2");
    result = RE2JS.compile(re2);
  } catch {
    result = backtrackingIfSafe(pattern);
  }
  if (cache.size > 2000) cache.clear();
  cache.set(pattern, result);
  return result;
}

function backtrackingIfSafe(pattern: string): PatternMatcher | Error {
  let native: RegExp;
  try {
    native = new RegExp(pattern, "u");
  } catch (e) {
    return new Error(`pattern ${JSON.stringify(pattern)} is not a valid regular expression: ${(e as Error).message}`);
  }
  let safe = false;
  try {
    safe = isSafePattern(numberedGroups(pattern), { unicode: true, timeout: 250 }).safe;
  } catch {
    safe = false; // a pattern the checker cannot read is not known to be safe
  }
  if (safe) return native;
  return new Error(
    `pattern ${JSON.stringify(pattern)} is refused: it needs lookaround or backreferences, which only a backtracking engine runs, and it may take exponential time on some inputs (ReDoS). Rewrite it without them, or without nested repetition`,
  );
}

/** Named groups and \k<name> as numbered ones (the ReDoS checker's parser reads only those); same matches. */
function numberedGroups(pattern: string): string {
  const names = new Map<string, number>();
  let groups = 0;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(") {
      const named = /^\(\?<([A-Za-z_$][\w$]*)>/.exec(pattern.slice(i));
      if (named) names.set(named[1], ++groups);
      else if (pattern[i + 1] !== "?") groups++;
    }
  }
  if (names.size === 0) return pattern;
  return pattern.replace(/\(\?<([A-Za-z_$][\w$]*)>/g, "(").replace(/\\k<([A-Za-z_$][\w$]*)>/g, (m, name: string) => (names.has(name) ? `\\${names.get(name)}` : m));
}
