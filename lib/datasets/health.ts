// Dataset health report for an OpenAI chat fine-tuning file, built one line at a time so a large
// upload can be streamed through it. Memory grows with three numbers per example (for the
// distributions) and one entry per distinct request (for duplicates). Pure; see tokens.ts for the
// encoding, openai-checks.ts for the error keys and cost.ts for the billing formula.
import { decodeRouterJson } from "../formats/router-json";
import { billingTokens, defaultEpochs, MAX_TOKENS_PER_EXAMPLE } from "./cost";
import { checkLine, type FormatErrorKey } from "./openai-checks";
import {
  distribution,
  numAssistantTokensFromMessages,
  numTokensFromExample,
  type Distribution,
  type EncodingName,
  type TokenEncoding,
} from "./tokens";

export { formatHealthReport, type FormatOptions } from "./health-format";

export const MAX_ERROR_LINES = 1000;
export const MAX_DUPLICATE_GROUPS = 100;
export const MAX_LINES_PER_GROUP = 100;

/**
 * The line checks' keys, "invalid_json", and the verdicts of `tooltune import` on the same line
 * (lib/server/imports/verdict.ts; a file's health only): "schema_violation" (a call's arguments
 * break its tool's JSON Schema; the reason names the argument path) or "not_importable" (any
 * other rejection, with the import's reason), so a file that validates clean also imports clean.
 */
export type HealthErrorKey = FormatErrorKey | "invalid_json" | "schema_violation" | "not_importable";

export interface HealthOptions {
  encoding: TokenEncoding;
  /** Examples above this many tokens are reported as too long (the notebook's 16,385). */
  tokenLimit?: number;
  /** Cap per example when summing billing tokens; defaults to `tokenLimit`. */
  maxTokensPerExample?: number;
}

export interface HealthReport {
  encoding: EncodingName;
  tokenLimit: number;
  maxTokensPerExample: number;
  /** Lines seen: parsed records plus lines that were not JSON (the notebook's len(dataset)). */
  examples: number;
  /** Records with a messages list, which the token statistics cover. */
  analyzedExamples: number;
  /** Lines with each error (a line with two bad messages counts once). */
  formatErrors: Partial<Record<HealthErrorKey, number>>;
  linesWithErrors: number;
  /** The first 1000 lines with errors. */
  errorLines: { line: number; errors: HealthErrorKey[]; reason?: string }[];
  missingSystem: number;
  missingUser: number;
  /** null when no example could be analysed. */
  distributions: {
    messages: Distribution | null;
    totalTokens: Distribution | null;
    assistantTokens: Distribution | null;
  };
  overTokenLimit: number;
  billingTokens: number;
  defaultEpochs: number;
  chargedTokens: number;
  tools: {
    examplesWithToolCalls: number;
    /** Trained (weight ≠ 0) assistant messages that call at least one tool… */
    toolCallDecisions: number;
    /** …and those that reply in plain text. */
    noToolDecisions: number;
    /** noTool / (toolCall + noTool); null when there are no decisions. */
    noToolRatio: number | null;
    /** Calls per function name, tool_calls and function_call alike. */
    callsPerTool: Record<string, number>;
  };
  duplicates: {
    /** Examples whose last user message repeats an earlier one's (after lowercasing, collapsing spaces). */
    duplicateExamples: number;
    /** Distinct requests that occur more than once. */
    groupCount: number;
    /** The first 100 such requests in file order, with up to 100 line numbers each. */
    groups: { count: number; lines: number[] }[];
  };
}

export interface HealthAccumulator {
  /** `rejected`: the import's verdict on the line, when it rejects it (recorded with the line's own errors). */
  add(record: unknown, line: number, rejected?: { key: HealthErrorKey; reason: string }): void;
  addParseError(line: number, reason: string): void;
  report(): HealthReport;
}

type Obj = Record<string, unknown>;

/** Tool names of a router JSON reply; none for plain text or {"tool":"no_tool"}. */
function routerCallNames(content: unknown): string[] {
  if (typeof content !== "string" || !/^\s*[[{]/.test(content)) return [];
  try {
    const d = decodeRouterJson(content, "content");
    return d.kind === "tool_calls" ? d.calls.map((c) => c.name) : [];
  } catch {
    return [];
  }
}
const isObject = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

export function createHealthAccumulator(options: HealthOptions): HealthAccumulator {
  const { encoding } = options;
  const tokenLimit = options.tokenLimit ?? MAX_TOKENS_PER_EXAMPLE;
  const maxTokensPerExample = options.maxTokensPerExample ?? tokenLimit;

  let examples = 0;
  const formatErrors: Partial<Record<HealthErrorKey, number>> = {};
  let linesWithErrors = 0;
  const errorLines: HealthReport["errorLines"] = [];
  let missingSystem = 0;
  let missingUser = 0;
  const messageCounts: number[] = [];
  const totalTokens: number[] = [];
  const assistantTokens: number[] = [];
  let examplesWithToolCalls = 0;
  let toolCallDecisions = 0;
  let noToolDecisions = 0;
  const callsPerTool = new Map<string, number>();
  const firstLineOf = new Map<number, number>();
  const groups = new Map<number, { count: number; lines: number[] }>();
  let duplicateExamples = 0;

  function recordErrors(line: number, errors: HealthErrorKey[], reason?: string) {
    if (errors.length === 0) return;
    linesWithErrors++;
    for (const key of errors) formatErrors[key] = (formatErrors[key] ?? 0) + 1;
    if (errorLines.length < MAX_ERROR_LINES) errorLines.push(reason ? { line, errors, reason } : { line, errors });
  }

  function recordRequest(messages: unknown[], line: number) {
    const text = lastUserText(messages);
    if (!text) return;
    const key = hash53(text);
    const first = firstLineOf.get(key);
    if (first === undefined) {
      firstLineOf.set(key, line);
      return;
    }
    duplicateExamples++;
    const group = groups.get(key);
    if (group) {
      group.count++;
      if (group.lines.length < MAX_LINES_PER_GROUP) group.lines.push(line);
    } else {
      // Line numbers only for the first groups; later ones are just counted.
      groups.set(key, { count: 2, lines: groups.size < MAX_DUPLICATE_GROUPS ? [first, line] : [] });
    }
  }

  function recordToolUse(messages: unknown[]) {
    let anyCall = false;
    for (const m of messages) {
      if (!isObject(m) || m.role !== "assistant") continue;
      const names = calledNames(m);
      // Router-style lines: the decision is JSON in the content ({"tool": ..., "arguments": ...}).
      if (names.length === 0) names.push(...routerCallNames(m.content));
      for (const name of names) callsPerTool.set(name, (callsPerTool.get(name) ?? 0) + 1);
      const calls = names.length > 0 || (Array.isArray(m.tool_calls) && m.tool_calls.length > 0) || isObject(m.function_call);
      if (calls) anyCall = true;
      if (m.weight === 0) continue;
      if (calls) toolCallDecisions++;
      else noToolDecisions++;
    }
    if (anyCall) examplesWithToolCalls++;
  }

  return {
    add(record, line, rejected) {
      examples++;
      const errors: HealthErrorKey[] = checkLine(record);
      // The import's reason is kept; its generic key only when the line's own checks found nothing.
      if (rejected && !errors.includes(rejected.key) && (rejected.key !== "not_importable" || errors.length === 0)) errors.push(rejected.key);
      recordErrors(line, errors, rejected?.reason);
      if (!isObject(record) || !Array.isArray(record.messages) || record.messages.length === 0) return;
      const messages = record.messages;
      const roles = new Set(messages.map((m) => (isObject(m) ? m.role : undefined)));
      if (!roles.has("system")) missingSystem++;
      if (!roles.has("user")) missingUser++;
      messageCounts.push(messages.length);
      const total = numTokensFromExample(record, encoding);
      totalTokens.push(total);
      assistantTokens.push(numAssistantTokensFromMessages(messages, encoding));
      recordToolUse(messages);
      recordRequest(messages, line);
    },
    addParseError(line, reason) {
      examples++;
      recordErrors(line, ["invalid_json"], reason);
    },
    report() {
      const billing = billingTokens(totalTokens, maxTokensPerExample);
      const epochs = defaultEpochs(examples);
      const decisions = toolCallDecisions + noToolDecisions;
      const dist = (values: number[]) => (values.length > 0 ? distribution(values) : null);
      return {
        encoding: encoding.name,
        tokenLimit,
        maxTokensPerExample,
        examples,
        analyzedExamples: totalTokens.length,
        formatErrors: { ...formatErrors },
        linesWithErrors,
        errorLines: errorLines.map((e) => ({ ...e, errors: [...e.errors] })),
        missingSystem,
        missingUser,
        distributions: { messages: dist(messageCounts), totalTokens: dist(totalTokens), assistantTokens: dist(assistantTokens) },
        overTokenLimit: totalTokens.filter((n) => n > tokenLimit).length,
        billingTokens: billing,
        defaultEpochs: epochs,
        chargedTokens: billing * epochs,
        tools: {
          examplesWithToolCalls,
          toolCallDecisions,
          noToolDecisions,
          noToolRatio: decisions > 0 ? noToolDecisions / decisions : null,
          callsPerTool: Object.fromEntries(callsPerTool),
        },
        duplicates: {
          duplicateExamples,
          groupCount: groups.size,
          groups: [...groups.values()].filter((g) => g.lines.length > 0).map((g) => ({ count: g.count, lines: [...g.lines] })),
        },
      };
    },
  };
}

/**
 * Runs a whole JSONL text through an accumulator. Line numbers are 1-based; blank lines (a trailing
 * newline, say) are skipped but still numbered, so reported lines match an editor's.
 */
export function analyzeJsonl(text: string, options: HealthOptions): HealthReport {
  const acc = createHealthAccumulator(options);
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() === "") continue;
    let record: unknown;
    try {
      record = JSON.parse(lines[i]);
    } catch (error) {
      acc.addParseError(i + 1, error instanceof Error ? error.message : String(error));
      continue;
    }
    acc.add(record, i + 1);
  }
  return acc.report();
}

function calledNames(message: Obj): string[] {
  const names: string[] = [];
  if (Array.isArray(message.tool_calls)) {
    for (const call of message.tool_calls) {
      const name = isObject(call) && isObject(call.function) ? call.function.name : undefined;
      if (typeof name === "string" && name) names.push(name);
    }
  }
  const fc = message.function_call;
  if (isObject(fc) && typeof fc.name === "string" && fc.name) names.push(fc.name);
  return names;
}

/** The last user message's text, lowercased with whitespace collapsed; "" when there is none. */
export function lastUserText(messages: readonly unknown[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (!isObject(m) || m.role !== "user") continue;
    const content = m.content;
    const text =
      typeof content === "string"
        ? content
        : Array.isArray(content)
          ? content.map((p) => (isObject(p) && typeof p.text === "string" ? p.text : "")).join("\n")
          : "";
    return text.toLowerCase().replace(/\s+/g, " ").trim();
  }
  return "";
}

/** cyrb53 (public domain): a 53-bit string hash, so the map keeps numbers rather than whole texts. */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
