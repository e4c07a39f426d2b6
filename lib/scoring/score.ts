// One example: parse → validate → match, and the verdict, flags and reason that the summary and the
// per-example table are built from. Definitions: README.md in this folder.
import type { GoldAnswer } from "../formats/types";
import { alignCalls, sameNames } from "./align";
import { greedyMatching } from "./bfcl";
import { checkCall } from "./check";
import { clip } from "./extract";
import { parseOutput } from "./parse";
import { optimalMatching } from "./strict";
import { INVALID_LABEL, NO_TOOL_LABEL, type ArgError, type ExampleScore, type ParsedCall, type ScoreInput } from "./types";
import { describeProblems, validateCall } from "./validate";
import type { Failure } from "./values";

const names = (xs: readonly { name: string }[]) => xs.map((x) => x.name).join(", ");

export function scoreExample(input: ScoreInput): ExampleScore {
  const { gold, tools, mode } = input;
  const parsed = parseOutput(input.output, input.style);
  const goldCalls = gold.kind === "tool_calls" ? gold.calls : [];
  const base = {
    goldKind: gold.kind,
    parse: parsed.status,
    ...(parsed.note !== undefined ? { parseNote: parsed.note } : {}),
    parsed: parsed.decision,
    valid: false,
    toolCorrect: false,
    argsCorrect: null,
    falseToolCall: false,
    missedCall: false,
    silentCorruption: false,
    argErrors: [] as ArgError[],
    validationErrors: [] as string[],
  };
  const decision = parsed.decision;
  if (decision === null) {
    return {
      ...base,
      // BFCL: an output that does not decode is not a call, so it passes an irrelevance entry.
      correct: mode === "bfcl" && gold.kind === "no_tool",
      verdict: "parse_failure",
      reason: `could not parse the output: ${parsed.note ?? "no decodable decision"}`,
      pairs: gold.kind === "no_tool" ? [[NO_TOOL_LABEL, INVALID_LABEL]] : goldCalls.map((g) => [g.name, INVALID_LABEL]),
    };
  }
  if (decision.kind === "no_tool") {
    if (gold.kind === "no_tool")
      return {
        ...base,
        valid: true,
        toolCorrect: true,
        correct: true,
        verdict: "correct",
        reason: "",
        pairs: [[NO_TOOL_LABEL, NO_TOOL_LABEL]],
      };
    const why = decision.reason.trim() !== "" ? ` (${clip(decision.reason.trim())})` : "";
    return {
      ...base,
      valid: true,
      missedCall: true,
      correct: false,
      verdict: "missed_call",
      reason: `said no_tool${why}, expected a call to ${names(goldCalls)}`,
      pairs: goldCalls.map((g) => [g.name, NO_TOOL_LABEL]),
    };
  }

  const calls = decision.calls;
  const problems = calls.map((c) => validateCall(c, tools));
  const validationErrors = calls.flatMap((c, i) => describeProblems(c.name, problems[i]));
  const valid = validationErrors.length === 0;
  const label = (c: number) => (problems[c].unknown || problems[c].errors.length > 0 ? INVALID_LABEL : calls[c].name);
  const schemaErrors: ArgError[] = problems.flatMap((p, i) =>
    p.errors.map((e) => ({ tool: calls[i].name, argument: e.path, kind: "schema" as const, message: e.message })),
  );

  if (gold.kind === "no_tool") {
    return {
      ...base,
      valid,
      falseToolCall: true,
      silentCorruption: valid,
      correct: false,
      verdict: "false_tool_call",
      reason: `called ${names(calls)}, expected no tool call`,
      pairs: calls.map((_, c) => [NO_TOOL_LABEL, label(c)]),
      argErrors: schemaErrors,
      validationErrors,
    };
  }

  const m = matchCalls(calls, goldCalls, input);
  const toolCorrect = sameNames(
    calls.map((c) => c.name),
    goldCalls.map((g) => g.name),
  );
  const argsPass = toolCorrect && m.matching.every((c) => c !== null);
  const argsCorrect = toolCorrect && (mode === "bfcl" || valid) ? argsPass : null;
  const aligned = alignCalls(
    m.matching,
    goldCalls.map((g) => g.name),
    calls.map((c) => c.name),
  );
  const mismatches: ArgError[] = [];
  if (mode === "bfcl" || valid) {
    for (const [g, c] of aligned) {
      if (g === null || c === null || m.matching[g] === c) continue;
      for (const f of m.failures(g, c))
        if (f.kind !== "name") mismatches.push({ tool: calls[c].name, argument: f.argument, kind: f.kind, message: f.message });
    }
  }
  const verdict = !valid ? "invalid" : !toolCorrect ? "wrong_tool" : !argsPass ? "wrong_arguments" : "correct";
  let reason = "";
  if (verdict === "invalid") reason = validationErrors.join("; ");
  else if (verdict === "wrong_tool") reason = `called ${names(calls)}, expected ${names(goldCalls)}`;
  else if (verdict === "wrong_arguments") {
    const first = mismatches[0];
    reason = first
      ? `${goldCalls.length > 1 ? `${first.tool}: ` : ""}${first.message}`
      : "every call matches some gold call, but not one to one in BFCL's in-order matching (strict mode's optimal matching would pass)";
  }
  return {
    ...base,
    valid,
    toolCorrect,
    argsCorrect,
    silentCorruption: valid && verdict !== "correct",
    correct: mode === "bfcl" ? argsPass : verdict === "correct",
    verdict,
    reason,
    pairs: aligned.map(([g, c]) => [g === null ? NO_TOOL_LABEL : goldCalls[g].name, c === null ? NO_TOOL_LABEL : label(c)]),
    argErrors: [...schemaErrors, ...mismatches],
    validationErrors,
  };
}

/** BFCL: counts equal, then greedy in order. Strict: an optimal one-to-one matching. */
function matchCalls(calls: readonly ParsedCall[], goldCalls: readonly GoldAnswer[], input: ScoreInput) {
  const cache = new Map<string, Failure[]>();
  const failures = (g: number, c: number): Failure[] => {
    const key = `${g}:${c}`;
    let f = cache.get(key);
    if (!f) {
      f = checkCall(
        input.tools.find((t) => t.name === goldCalls[g].name),
        calls[c],
        goldCalls[g],
        input.mode,
      );
      cache.set(key, f);
    }
    return f;
  };
  const passes = (g: number, c: number) => failures(g, c).length === 0;
  if (calls.length !== goldCalls.length) return { matching: goldCalls.map(() => null), failures };
  const matching = (input.mode === "bfcl" ? greedyMatching : optimalMatching)(goldCalls.length, calls.length, passes);
  return { matching, failures };
}
