// The scoring contract shared by the worker, the API, the browser and the CLI: parse -> validate -> match.
// Everything here is pure (no IO); see README.md in this folder for the definitions of each number.
import type { GoldAnswer } from "../formats/types";

export type MatchMode = "strict" | "bfcl";
export const MATCH_MODES: readonly MatchMode[] = ["strict", "bfcl"];
export type OutputStyle = "router_json" | "native_tools";

/** An assistant message as chat completions return it (content and/or tool_calls), or a raw string. */
export interface ModelMessage {
  content?: string | null;
  tool_calls?: { id?: string; type?: string; function: { name: string; arguments: string } }[] | null;
}
export type RawOutput = ModelMessage | string;

export type ParseStatus = "clean" | "repaired" | "failed";
export interface ParsedCall {
  name: string;
  arguments: Record<string, unknown>;
  /**
   * Dotted paths ("count", "values.1") of numbers the model wrote as integral floats (5.0, 1e2).
   * JSON.parse cannot tell 5.0 from 5, but BFCL's Python type check can ("5.0 is not an integer").
   */
  floatLiterals?: string[];
}
export type ParsedDecision = { kind: "tool_calls"; calls: ParsedCall[] } | { kind: "no_tool"; reason: string };
export interface ParsedOutput {
  status: ParseStatus;
  /** null when status is "failed". */
  decision: ParsedDecision | null;
  /** Why parsing failed, or what the repair did ("JSON inside a code fence"). */
  note?: string;
}

/** A catalogue tool as the scorer sees it: its name and JSON-Schema parameters. */
export interface ScoringTool {
  name: string;
  parameters: Record<string, unknown>;
}

/** The expected decision. Each call lists acceptable values per argument (BFCL possible_answer; "" = may be omitted). */
export type GoldTarget = { kind: "no_tool"; reason?: string } | { kind: "tool_calls"; calls: GoldAnswer[] };

export type Verdict =
  | "correct"
  | "wrong_arguments" // valid call, right tool(s), an argument differs
  | "wrong_tool" // valid call to a tool other than the gold one: the dangerous failure
  | "false_tool_call" // gold no_tool, the model called a tool
  | "missed_call" // gold call, the model said no_tool
  | "invalid" // parsed, but names an unknown tool or its arguments fail the schema
  | "parse_failure"; // nothing decodable: the safe failure

export const VERDICTS: readonly Verdict[] = ["correct", "wrong_arguments", "wrong_tool", "false_tool_call", "missed_call", "invalid", "parse_failure"];

export type ArgErrorKind = "missing" | "unexpected" | "type" | "value" | "schema";
export interface ArgError {
  tool: string;
  /** Dotted path for nested values in strict mode ("address.city"). */
  argument: string;
  kind: ArgErrorKind;
  message: string;
}

/** Labels used by the confusion matrix and per-tool table: a tool name, "no_tool" or "invalid". */
export const NO_TOOL_LABEL = "no_tool";
export const INVALID_LABEL = "invalid";

export interface ExampleScore {
  /** The gold's kind: the denominators of the false-tool-call and missed-call rates. */
  goldKind?: GoldTarget["kind"];
  parse: ParseStatus;
  /** What the parse repair did, or why parsing failed (ParsedOutput.note). */
  parseNote?: string;
  parsed: ParsedDecision | null;
  /** Parsed, names catalogue tools (or no_tool), and every call's arguments pass its JSON Schema. */
  valid: boolean;
  /** The predicted tool names (a multiset; or no_tool) equal the gold ones. */
  toolCorrect: boolean;
  /**
   * Arguments match the gold; null when not applicable (gold no_tool, wrong tools, or, in strict
   * mode, not valid; bfcl mode judges the arguments of a schema-invalid call as BFCL would).
   */
  argsCorrect: boolean | null;
  /** Gold no_tool and the model made a decodable tool call (any name). */
  falseToolCall: boolean;
  /** Gold tool call and the model said no_tool. */
  missedCall: boolean;
  /** A valid tool call (not no_tool) with the wrong tool or wrong arguments. */
  silentCorruption: boolean;
  /** The whole decision is right (in bfcl mode: BFCL's own pass/fail for the entry). */
  correct: boolean;
  verdict: Verdict;
  /** One line a person can read: what differed. "" when correct. */
  reason: string;
  /** Gold label -> predicted label, one pair per aligned call (parallel calls aligned by the matching). */
  pairs: [gold: string, predicted: string][];
  argErrors: ArgError[];
  /** Schema / catalogue problems that made the output invalid ("unknown tool foo", "order_id: is required"). */
  validationErrors: string[];
}

export interface ScoreInput {
  output: RawOutput;
  gold: GoldTarget;
  tools: readonly ScoringTool[];
  style: OutputStyle;
  mode: MatchMode;
}

export interface Rate {
  /** n / d, or null when d is 0. */
  value: number | null;
  n: number;
  d: number;
}

export interface ScoredRow {
  score: ExampleScore;
  latencyMs?: number | null;
  promptTokens?: number | null;
  completionTokens?: number | null;
}

/** USD per 1M tokens. */
export interface TokenPricing {
  inputPerMillion: number;
  outputPerMillion: number;
}

export interface PerToolRow {
  tool: string;
  /** Gold calls to this tool. */
  support: number;
  /** Calls the model made to it (aligned pairs). */
  predicted: number;
  truePositive: number;
  precision: number | null;
  recall: number | null;
  /** Of the examples where this tool was called correctly by name, how many had the right arguments. */
  argAccuracy: Rate;
}

export interface EvalSummary {
  total: number;
  validRate: Rate;
  toolNameAccuracy: Rate;
  /** Denominator: valid outputs whose gold is a tool call and whose tool names are right. */
  argAccuracy: Rate;
  /** Denominator: gold no_tool examples. */
  falseToolCallRate: Rate;
  /** Denominator: gold tool-call examples. */
  missedCallRate: Rate;
  /** Denominator: all examples. */
  silentCorruptionRate: Rate;
  exactMatch: Rate;
  parse: Record<ParseStatus, number>;
  verdicts: Record<Verdict, number>;
  perTool: PerToolRow[];
  /** Rows are gold labels, columns predicted labels; labels are the tools, then no_tool, then invalid. */
  confusion: { labels: string[]; counts: number[][] };
  argErrors: { tool: string; argument: string; kind: ArgErrorKind; count: number }[];
  latency: { p50: number; p95: number; mean: number } | null;
  tokens: { prompt: number; completion: number } | null;
  /** USD, when pricing is known. */
  cost: { total: number; per1000Calls: number } | null;
}
