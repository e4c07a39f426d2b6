// Differential corpora: every `format` ajv-formats checks and a set of regex patterns, each crossed
// with strings chosen to split JavaScript from Python semantics (Unicode digits and spaces, a final
// newline before `$`, U+2028, astral code points, leap seconds, case). The oracle (Ajv) decides; the
// generated zod and Pydantic modules must agree on every one.
import type { Catalogue, Sample } from "./fixtures";

const STRING_FORMATS = [
  "date", "time", "date-time", "iso-time", "iso-date-time", "uri", "uri-reference", "uri-template", "url", "email", "hostname",
  "ipv4", "ipv6", "uuid", "duration", "json-pointer", "json-pointer-uri-fragment", "relative-json-pointer", "regex", "byte", "password", "color",
];
const NUMBER_FORMATS = ["int32", "int64", "float", "double"];
/** No exact Python equivalent: the Python module accepts any string there (and says so). */
const PY_UNTRANSLATED_FORMATS = ["regex", "byte"];

const STRINGS = [
  "", "2024-02-29", "2023-02-29", "2024-13-01", "0000-02-29", "1900-02-29", "2000-02-29", "2024-1-01", "٢٠٢٤-01-01", "2024-02-29\n",
  "10:00:00Z", "23:59:60Z", "23:59:60+01:00", "22:59:60-01:00", "10:00:00", "10:00:00.123+05:30", "10:00:00+0530", "10:00:00+05",
  "24:00:00Z", "10:00:00z", "10:60:00Z", "2024-03-01T10:00:00Z", "2024-03-01 10:00:00+01:00", "2024-03-01t10:00:00z",
  "2024-03-01T10:00:00", "2024-03-01\u00a010:00:00Z", "2024-03-01\u202810:00:00Z", "2024-03-01\u001c10:00:00Z", "2024-03-01T10:00:00Z\n",
  "https://example.com/a?b=c#d", "mailto:ann@example.com", "urn:isbn:0451450523", "example.com", "http://[::1]:8080/", "http://exa mple.com",
  "https://例え.jp/", "http://localhost:3000", "http://192.168.0.1/", "ftp://a.b/c", "/relative/path", "#frag", "a:b\n",
  "ann@example.com", "a.b+c@sub.example.co", "ann@localhost", "Ann@Example.COM", "ann@@x.com", "ann@-x.com", '"ann"@x.com', "ann@example.com\n",
  "a-b.c", "-ab.com", "xn--bcher-kva.example", "a".repeat(64) + ".com",
  "192.168.0.1", "256.1.1.1", "01.1.1.1", "::1", "2001:db8::ff00:42:8329", "::ffff:192.0.2.1", "1::2::3", "١٩٢.1.1.1",
  "123e4567-e89b-12d3-a456-426614174000", "urn:uuid:123e4567-e89b-12d3-a456-426614174000", "123E4567-E89B-12D3-A456-42661417400G",
  "P1D", "PT1H30M", "P", "P1W", "P1Y2W", "PT", "/a/b~0c", "/a~2", "0/a", "1#", "#/a%20b",
  "^a+$", "a\\Z", "(unclosed", "[a-z]{2,}", "QUJD", "QUJ=", "!!!\nQUJD", "http://example.com/{id}", "{+path}/x", "{bad",
];
const NUMBERS = [0, 1, -1, 2147483647, 2147483648, -2147483648, -2147483649, 1.5, 2 ** 53, 1e20];

const PATTERNS: Record<string, string> = {
  digits: "^\\d+$", word: "^\\w+$", space: "\\s", nonspace: "^\\S+$", boundary: "\\bcat\\b", nonboundary: "\\Bcat", dot: "^a.c$",
  dollar: "^end$", classy: "^[\\w.-]+$", negclass: "^[^\\d\\s]+$", named: "^(?<y>\\d{4})-\\k<y>$", backref: "^(a|b)\\1$",
  astral: "^\\u{1F600}+$", bmp: "^\\u00e9$", lower: "^[a-z]+$", setops: "^[a&&b|~]+$", alternation: "^(?:foo|bar)?$",
  emptyclass: "^a[]?b$", anychar: "^[^]$", lookahead: "^(?=.*\\d).{3,}$", ctrl: "\\cJ", hex: "^\\x41$", quant: "^a{2,3}$",
  lazy: "^a+?$", brackets: "^[\\[\\]]+$", slash: "^a\\/b$", caret: "^\\^$", unanchored: "b",
  lookbehind: "(?<=a)b", property: "^\\p{L}+$",
};
const PY_UNTRANSLATED_PATTERNS = ["lookbehind", "property"];
const PATTERN_STRINGS = [
  "", "123", "١٢٣", "abc", "ab_c", "é", "e\u0301", "a b", "a\u00a0b", "a\u2028b", "a\u0085b", "a\u001cb", "a\ufeffb", "cat", "concat",
  "a cat.", "a\nc", "a\rc", "a\u2028c", "a😀c", "end", "end\n", "x.y-z", "2024-2024", "2024-2025", "aa", "ab", "ba", "😀😀", "😀",
  "ABC", "ſ", "\u212a", "a&b|~", "a", "abc1", "\n", "A", "aaa", "aaaa", "[]", "a/b", "^", "foo", "foobar", "line\nJ",
];

const call = (tool: string, args: unknown) => JSON.stringify({ tool, arguments: args });

export const corpus: Catalogue = {
  id: "corpus",
  input: {
    projectName: "Formats and patterns",
    outputStyle: "native_tools",
    systemPrompt: "You are the assistant for Formats and patterns.",
    tools: [
      {
        name: "formats",
        description: "One argument per format.",
        parameters: {
          type: "object",
          properties: Object.fromEntries([
            ...STRING_FORMATS.map((f) => [f, { type: "string", format: f }]),
            ...NUMBER_FORMATS.map((f) => [f, { type: "number", format: f }]),
          ]),
          additionalProperties: false,
        },
      },
      {
        name: "patterns",
        description: "One argument per pattern.",
        parameters: { type: "object", properties: Object.fromEntries(Object.entries(PATTERNS).map(([k, p]) => [k, { type: "string", pattern: p }])) },
      },
      {
        name: "typeless",
        description: "Keywords without a type, nullable, type lists, allOf.",
        parameters: {
          type: "object",
          properties: {
            loose: { minLength: 2 },
            maybe: { type: "string", nullable: true },
            mixed: { type: ["integer", "string"], minimum: 3, maxLength: 2 },
            both: { allOf: [{ type: "string" }, { maxLength: 3 }] },
            deps: { type: "object", dependencies: { a: ["b"] }, maxProperties: 2 },
          },
        },
      },
    ],
  },
  samples: [
    ...STRING_FORMATS.flatMap((f) =>
      STRINGS.map((v): Sample => ({ label: `format ${f}: ${JSON.stringify(v)}`, text: call("formats", { [f]: v }), lenient: PY_UNTRANSLATED_FORMATS.includes(f) ? ["py"] : undefined })),
    ),
    ...NUMBER_FORMATS.flatMap((f) => NUMBERS.map((v): Sample => ({ label: `format ${f}: ${v}`, text: call("formats", { [f]: v }) }))),
    ...Object.keys(PATTERNS).flatMap((k) =>
      PATTERN_STRINGS.map((v): Sample => ({ label: `pattern ${k} ${PATTERNS[k]}: ${JSON.stringify(v)}`, text: call("patterns", { [k]: v }), lenient: PY_UNTRANSLATED_PATTERNS.includes(k) ? ["py"] : undefined })),
    ),
    ...[5, "a", "ab", null, [1], {}].map((v): Sample => ({ label: `typeless minLength: ${JSON.stringify(v)}`, text: call("typeless", { loose: v }) })),
    ...[null, "s", 1].map((v): Sample => ({ label: `nullable: ${JSON.stringify(v)}`, text: call("typeless", { maybe: v }) })),
    ...[2, 4, 4.5, "ab", "abc", true].map((v): Sample => ({ label: `type list: ${JSON.stringify(v)}`, text: call("typeless", { mixed: v }) })),
    ...[{ a: 1 }, { a: 1, b: 2 }, { b: 1 }, { b: 1, c: 2, d: 3 }].map((v): Sample => ({ label: `dependencies: ${JSON.stringify(v)}`, text: call("typeless", { deps: v }) })),
    ...["abc", "abcd", 1].map((v): Sample => ({ label: `allOf: ${JSON.stringify(v)}`, text: call("typeless", { both: v }), lenient: ["py"] })),
  ],
};
