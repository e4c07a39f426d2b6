// Checks a tool's `parameters` before it may be saved.
import type { Issue } from "../schemas/common";
import { is2020, pointerToPath, strictAjv, strictAjv2020 } from "./ajv";

/**
 * Returns every problem with a tool parameters schema, each located by a path inside the schema
 * ("properties.order_id.type"). An empty list means it can be saved.
 */
export function checkToolSchema(parameters: unknown): Issue[] {
  if (typeof parameters !== "object" || parameters === null || Array.isArray(parameters)) {
    return [{ path: "", message: "parameters must be a JSON object (a JSON Schema)" }];
  }
  const schema = parameters as Record<string, unknown>;
  const ajv = is2020(schema) ? strictAjv2020 : strictAjv;
  const issues: Issue[] = [];

  let metaValid: boolean;
  try {
    metaValid = ajv.validateSchema(schema) as boolean;
  } catch {
    return [{ path: "$schema", message: `unsupported $schema ${JSON.stringify(schema.$schema)}: use draft-07 or 2020-12, or leave $schema out` }];
  }
  if (!metaValid) {
    for (const e of ajv.errors ?? []) {
      issues.push({ path: pointerToPath(e.instancePath), message: `${e.message ?? e.keyword}` + allowed(e.params) });
    }
    return dedupe(issues);
  }
  if (schema.type !== "object") {
    issues.push({ path: "type", message: 'the top level must be { "type": "object" } (OpenAI function parameters)' });
  }
  const props = schema.properties;
  if (Array.isArray(schema.required)) {
    const known = typeof props === "object" && props !== null ? Object.keys(props) : [];
    for (const name of schema.required as string[]) {
      if (!known.includes(name)) issues.push({ path: "required", message: `"${name}" is required but is not in properties` });
    }
  }
  if (issues.length > 0) return issues;
  const { $id: _drop, ...rest } = schema;
  try {
    ajv.compile(rest);
    ajv.removeSchema(rest); // only checking: do not keep it in Ajv's cache
  } catch (e) {
    // Ajv's strict mode: unknown keywords ("requried"), unknown formats, bad $refs.
    issues.push({ path: "", message: String(e instanceof Error ? e.message : e).replace(/^strict mode: /, "") });
  }
  return issues;
}

function allowed(params: Record<string, unknown>): string {
  return Array.isArray(params.allowedValues) ? ` (${params.allowedValues.join(", ")})` : "";
}

function dedupe(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((i) => (seen.has(i.path + i.message) ? false : (seen.add(i.path + i.message), true)));
}
