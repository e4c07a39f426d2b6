// Rewrites an ECMAScript regular expression (as Ajv runs `pattern`: new RegExp(p, "u"), searched, not
// anchored) into Python `re` syntax with the same matches, for use with re.search. Python differs in
// ways that silently change results: \d \w \b are Unicode-aware, \s is a different set, `$` also
// matches before a final newline, `.` matches \r and U+2028/9, named groups are spelt (?P<..>), and
// `[` `&` `~` `|` inside a class start set operations. Constructs without a safe equivalent (\p{..},
// lookbehind, which Python allows only with a fixed width, the m flag) return an error instead.

/** ECMAScript's \s: WhiteSpace and LineTerminator code points. */
const WS = "\\t\\n\\x0b\\x0c\\r \\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff";
const WORD = "A-Za-z0-9_";
const BOUNDARY = `(?:(?<=[${WORD}])(?![${WORD}])|(?<![${WORD}])(?=[${WORD}]))`;
const NOT_BOUNDARY = `(?:(?<=[${WORD}])(?=[${WORD}])|(?<![${WORD}])(?![${WORD}]))`;

export type PyRegex = { ok: true; pattern: string; flags: string[] } | { ok: false; error: string };

const hex = (cp: number) => (cp <= 0xffff ? `\\u${cp.toString(16).padStart(4, "0")}` : `\\U${cp.toString(16).padStart(8, "0")}`);

export function toPythonRegex(source: string, flags = "u"): PyRegex {
  const pyFlags: string[] = [];
  for (const f of flags) {
    if (f === "i") pyFlags.push("re.IGNORECASE");
    else if (f === "m" || f === "y" || f === "v") return { ok: false, error: `the ${f} flag` };
    // u: Python strings are code points already; g: irrelevant to a single search; s: handled at "."
  }
  const dotAll = flags.includes("s");
  let out = "";
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") {
      const e = source[i + 1];
      if (e === undefined) return { ok: false, error: "a trailing backslash" };
      i++;
      switch (e) {
        case "d": out += inClass ? "0-9" : "[0-9]"; break;
        case "w": out += inClass ? WORD : `[${WORD}]`; break;
        case "s": out += inClass ? WS : `[${WS}]`; break;
        case "D": case "W": case "S":
          if (inClass) return { ok: false, error: `\\${e} inside a character class` };
          out += `[^${e === "D" ? "0-9" : e === "W" ? WORD : WS}]`;
          break;
        case "b": out += inClass ? "\\x08" : BOUNDARY; break;
        case "B":
          if (inClass) return { ok: false, error: "\\B inside a character class" };
          out += NOT_BOUNDARY;
          break;
        case "u": {
          if (source[i + 1] === "{") {
            const end = source.indexOf("}", i);
            if (end < 0) return { ok: false, error: "an unterminated \\u{...}" };
            out += hex(parseInt(source.slice(i + 2, end), 16));
            i = end;
          } else {
            out += `\\u${source.slice(i + 1, i + 5)}`;
            i += 4;
          }
          break;
        }
        case "c": {
          const letter = source[i + 1];
          if (!letter || !/[A-Za-z]/.test(letter)) return { ok: false, error: "a malformed \\c escape" };
          out += `\\x${(letter.charCodeAt(0) % 32).toString(16).padStart(2, "0")}`;
          i++;
          break;
        }
        case "k": {
          const m = /^<([A-Za-z_$][\w$]*)>/.exec(source.slice(i + 1));
          if (!m) return { ok: false, error: "a malformed \\k<name>" };
          out += `(?P=${m[1]})`;
          i += m[0].length;
          break;
        }
        case "p": case "P":
          return { ok: false, error: "a Unicode property escape (\\p{...})" };
        default:
          // \t \n \r \f \v \0 \xHH, back-references \1-\9, and escaped punctuation mean the same in Python.
          out += `\\${e}`;
      }
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      out += "[&~|".includes(c) ? `\\${c}` : c;
      continue;
    }
    if (c === "[") {
      if (source.startsWith("[]", i)) { out += "(?!)"; i += 1; continue; }
      if (source.startsWith("[^]", i)) { out += "(?s:.)"; i += 2; continue; }
      inClass = true;
      out += "[";
      if (source[i + 1] === "^") { out += "^"; i++; }
      continue;
    }
    if (c === ".") out += dotAll ? "(?s:.)" : "[^\\n\\r\\u2028\\u2029]";
    else if (c === "$") out += "\\Z";
    else if (c === "(" && (source.startsWith("(?<=", i) || source.startsWith("(?<!", i))) return { ok: false, error: "a lookbehind" };
    else if (c === "(" && source.startsWith("(?<", i)) { out += "(?P<"; i += 2; }
    else out += c;
  }
  return { ok: true, pattern: out, flags: pyFlags };
}
