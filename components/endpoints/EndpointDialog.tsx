"use client";

import { useState, type FormEvent } from "react";
import { ApiError } from "@/lib/client/api";
import { useCreateEndpoint, useUpdateEndpoint } from "@/lib/queries/endpoints";
import { endpointOrigin, type EndpointDto } from "@/lib/schemas/evals";
import { Dialog } from "@/components/ui/Dialog";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { EMPTY_ENDPOINT_FORM, URL_EXAMPLES, buildEndpointBody, formFromEndpoint, keyWouldMove, type EndpointForm } from "./endpoint-form";

/** Add an endpoint, or edit one (`endpoint` given). The key is never shown: keep, replace or remove it. */
export function EndpointDialog({ endpoint, onClose }: { endpoint?: EndpointDto; onClose: () => void }) {
  const editing = !!endpoint;
  const create = useCreateEndpoint();
  const update = useUpdateEndpoint();
  const save = editing ? update : create;
  const [form, setForm] = useState<EndpointForm>(() => (endpoint ? formFromEndpoint(endpoint) : EMPTY_ENDPOINT_FORM));
  const [tried, setTried] = useState(false);
  const { body, errors } = buildEndpointBody(form, editing);
  const server: Record<string, string> = {};
  if (save.error instanceof ApiError) for (const i of save.error.issues) server[i.path] ??= i.message;
  const err = (f: string) => server[f] ?? (tried ? errors[f] : undefined);
  const set = (patch: Partial<EndpointForm>) => {
    if (save.isError) save.reset();
    setForm({ ...form, ...patch });
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (!body || save.isPending) return;
    if (endpoint) update.mutate({ id: endpoint.id, patch: body }, { onSuccess: onClose });
    else create.mutate(body, { onSuccess: onClose });
  }

  return (
    <Dialog title={editing ? `Edit ${endpoint.name}` : "Add an endpoint"} onClose={save.isPending ? undefined : onClose}>
      <form className="stack endpoint-form" onSubmit={submit} noValidate data-testid="endpoint-form">
        <Text
          id="ep-name"
          label="Name"
          value={form.name}
          onChange={(v) => set({ name: v })}
          error={err("name")}
          placeholder="e.g. vLLM on gpu-box"
        />
        <Text
          id="ep-url"
          label="Base URL"
          value={form.baseUrl}
          onChange={(v) => set({ baseUrl: v })}
          error={err("baseUrl")}
          placeholder="http://host:8000/v1"
          mono
          hint={`Up to /v1, as the OpenAI SDK's baseURL: ${URL_EXAMPLES.map((x) => `${x.server} ${x.url}`).join(" · ")}`}
        />
        <div className="field">
          <label htmlFor="ep-key">API key</label>
          {editing && endpoint.hasKey ? (
            <div className="segmented" role="radiogroup" aria-label="API key">
              {(["keep", "replace", "remove"] as const).map((m) => (
                <label key={m} className={`seg${form.keyMode === m ? " is-on" : ""}`}>
                  <input type="radio" name="key-mode" checked={form.keyMode === m} onChange={() => set({ keyMode: m, apiKey: "" })} />
                  {m === "keep" ? "Keep the key set" : m === "replace" ? "Replace" : "Remove"}
                </label>
              ))}
            </div>
          ) : null}
          {!editing || form.keyMode === "replace" ? (
            <input
              id="ep-key"
              type="password"
              className="mono"
              value={form.apiKey}
              autoComplete="off"
              onChange={(e) => set({ apiKey: e.target.value })}
              placeholder={editing && endpoint.hasKey ? "the new key" : "optional: many local servers need none"}
              aria-invalid={err("apiKey") ? true : undefined}
              data-testid="ep-key"
            />
          ) : null}
          <span className={err("apiKey") ? "field-error" : "hint"} data-testid="ep-key-hint">
            {err("apiKey") ??
              (editing && endpoint.hasKey && form.keyMode === "keep" && keyWouldMove(endpoint.baseUrl, form.baseUrl)
                ? `The saved key is bound to ${endpointOrigin(endpoint.baseUrl)}: saving with another host removes it. Paste the key again to send it there.`
                : "Stored on the server and sent only to this endpoint's host; it is never shown again.")}
          </span>
        </div>
        <Text
          id="ep-model"
          label="Default model"
          value={form.defaultModel}
          onChange={(v) => set({ defaultModel: v })}
          error={err("defaultModel")}
          placeholder="e.g. Qwen/Qwen2.5-7B-Instruct"
          mono
          hint="The model name the server expects; evals can override it."
        />
        <div className="row row-top">
          <Text
            id="ep-in"
            label="Input $ / 1M tokens"
            value={form.inputPrice}
            onChange={(v) => set({ inputPrice: v })}
            error={err("inputPerMillionUsd")}
            placeholder="0"
            numeric
          />
          <Text
            id="ep-out"
            label="Output $ / 1M tokens"
            value={form.outputPrice}
            onChange={(v) => set({ outputPrice: v })}
            error={err("outputPerMillionUsd")}
            placeholder="0"
            numeric
          />
        </div>
        <p className="hint">
          Prices are optional: with them, eval reports show a cost per 1,000 calls (your own GPU: what an hour costs, divided by tokens per
          hour).
        </p>
        {save.isError ? <ErrorNote error={save.error} title="Not saved" /> : null}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose} disabled={save.isPending}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="save-endpoint">
            {save.isPending ? "Saving…" : editing ? "Save" : "Add endpoint"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function Text(p: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  placeholder?: string;
  hint?: string;
  mono?: boolean;
  numeric?: boolean;
}) {
  return (
    <div className="field grow">
      <label htmlFor={p.id}>{p.label}</label>
      <input
        id={p.id}
        className={p.mono ? "mono" : p.numeric ? "input-num" : undefined}
        inputMode={p.numeric ? "decimal" : undefined}
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
        placeholder={p.placeholder}
        aria-invalid={p.error ? true : undefined}
        spellCheck={false}
        data-testid={p.id}
      />
      {p.error ? <span className="field-error">{p.error}</span> : p.hint ? <span className="hint">{p.hint}</span> : null}
    </div>
  );
}
