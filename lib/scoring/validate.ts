// Step 2 of scoring: is the decision something the application could execute? Each call must name a
// catalogue tool (exactly, case included) and its arguments must pass that tool's JSON Schema.
import { argumentValidator, describeArgumentErrors } from "../validation/ajv";
import type { ParsedCall, ParsedDecision, ScoringTool } from "./types";

export interface CallProblems {
  /** The name is not in the catalogue. */
  unknown: boolean;
  /** Schema errors by argument path ("" for the arguments object itself). */
  errors: { path: string; message: string }[];
}

export function validateCall(call: ParsedCall, tools: readonly ScoringTool[]): CallProblems {
  const tool = tools.find((t) => t.name === call.name);
  if (!tool) return { unknown: true, errors: [] };
  const validate = argumentValidator(tool.parameters);
  if (validate instanceof Error)
    return { unknown: false, errors: [{ path: "", message: `its schema does not compile (${validate.message})` }] };
  if (validate(call.arguments)) return { unknown: false, errors: [] };
  return { unknown: false, errors: describeArgumentErrors(validate.errors, tool.name) };
}

/** Readable problems: "unknown tool foo", "track_order.order_id: is required". Empty means valid; no_tool is valid. */
export function validateDecision(decision: ParsedDecision, tools: readonly ScoringTool[]): string[] {
  if (decision.kind === "no_tool") return [];
  return decision.calls.flatMap((call) => describeProblems(call.name, validateCall(call, tools)));
}

export function describeProblems(name: string, p: CallProblems): string[] {
  if (p.unknown) return [`unknown tool ${name}`];
  return p.errors.map((e) => (e.path === "" ? `${name}: ${e.message}` : `${name}.${e.path}: ${e.message}`));
}
