// The scoring library: parse a model's output, validate it against the catalogue, match it against the
// gold (strict or BFCL rules), and summarise a set of scored examples. Pure: no IO, browser-safe.
export * from "./types";
export { parseOutput } from "./parse";
export { validateDecision, validateCall, type CallProblems } from "./validate";
export { scoreExample } from "./score";
export { summarise, rate, nearestRank } from "./summary";
export { goldFromDecision } from "./gold";
export { goldLabel, decisionLabel } from "./labels";
export { checkCall } from "./check";
export { normalize, type Failure } from "./values";
