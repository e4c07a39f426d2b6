// The endpoint form: text fields to a create or patch body, checked with the API's own schema.
// The API key is write-only: editing keeps it, replaces it, or removes it, never shows it. Pure.
import { endpointInputSchema, endpointOrigin, type EndpointDto, type EndpointInput } from "@/lib/schemas/evals";

export type KeyMode = "keep" | "replace" | "remove";

export interface EndpointForm {
  name: string;
  baseUrl: string;
  /** The new key (create, or replace when editing). */
  apiKey: string;
  keyMode: KeyMode;
  defaultModel: string;
  inputPrice: string;
  outputPrice: string;
}

export const EMPTY_ENDPOINT_FORM: EndpointForm = {
  name: "",
  baseUrl: "",
  apiKey: "",
  keyMode: "replace",
  defaultModel: "",
  inputPrice: "",
  outputPrice: "",
};

const priceText = (v: number | null) => (v === null ? "" : String(v));

export function formFromEndpoint(ep: EndpointDto): EndpointForm {
  return {
    name: ep.name,
    baseUrl: ep.baseUrl,
    apiKey: "",
    keyMode: ep.hasKey ? "keep" : "replace",
    defaultModel: ep.defaultModel,
    inputPrice: priceText(ep.inputPerMillionUsd),
    outputPrice: priceText(ep.outputPerMillionUsd),
  };
}

function price(text: string): number | null {
  const t = text.trim();
  return t === "" ? null : Number(t);
}

export interface BuiltEndpoint {
  body: EndpointInput | null;
  errors: Record<string, string>;
}

/** For a new endpoint, an empty key means none; when editing, the key mode decides (keep = leave it out). */
export function buildEndpointBody(form: EndpointForm, editing: boolean): BuiltEndpoint {
  const errors: Record<string, string> = {};
  const body: EndpointInput = {
    name: form.name,
    baseUrl: form.baseUrl,
    defaultModel: form.defaultModel,
    inputPerMillionUsd: price(form.inputPrice),
    outputPerMillionUsd: price(form.outputPrice),
  };
  if (!editing) {
    if (form.apiKey.trim()) body.apiKey = form.apiKey.trim();
  } else if (form.keyMode === "remove") body.apiKey = "";
  else if (form.keyMode === "replace") {
    if (form.apiKey.trim()) body.apiKey = form.apiKey.trim();
    else errors.apiKey = "paste the new key, or keep the current one";
  }
  for (const [field, text] of [
    ["inputPerMillionUsd", form.inputPrice],
    ["outputPerMillionUsd", form.outputPrice],
  ] as const) {
    const v = price(text);
    if (v !== null && !Number.isFinite(v)) errors[field] = "enter a number of dollars, e.g. 0.15";
  }
  const parsed = endpointInputSchema.safeParse(body);
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const path = i.path.map(String).join(".");
      if (!errors[path]) errors[path] = i.message;
    }
  }
  return { body: Object.keys(errors).length === 0 ? body : null, errors };
}

/** Example base URLs for the servers people run, shown as hints. */
export const URL_EXAMPLES: { server: string; url: string }[] = [
  { server: "vLLM", url: "http://gpu-box:8000/v1" },
  { server: "Ollama", url: "http://localhost:11434/v1" },
  { server: "llama.cpp server", url: "http://localhost:8080/v1" },
];

/** True when saving the form would move a saved key to another origin (the server then removes it). */
export function keyWouldMove(savedUrl: string, formUrl: string): boolean {
  const next = endpointOrigin(formUrl.trim());
  return next !== null && next !== endpointOrigin(savedUrl);
}
