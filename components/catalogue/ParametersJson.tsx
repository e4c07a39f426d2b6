"use client";

import { useRef } from "react";
import { parseJsonText } from "@/lib/forms/json-text";

/** Raw JSON for the schema, with the syntax error located where it is (line, column, jump to it). */
export function ParametersJson({ text, setText }: { text: string; setText: (t: string) => void }) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const parsed = parseJsonText(text);
  const error = parsed.ok ? null : parsed.error;
  const lines = text.split("\n").length;

  function jump() {
    const el = ref.current;
    if (!el || !error) return;
    el.focus();
    el.setSelectionRange(error.offset, Math.min(error.offset + 1, text.length));
  }

  return (
    <div className="field">
      <label htmlFor="params-json" className="sr-only">
        Parameters JSON schema
      </label>
      <textarea
        id="params-json"
        ref={ref}
        className="mono code-area"
        rows={Math.min(24, Math.max(8, lines + 1))}
        value={text}
        spellCheck={false}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "params-json-error" : undefined}
        data-testid="params-json"
      />
      {error ? (
        <p id="params-json-error" className="field-error" data-testid="json-error">
          Line {error.line}, column {error.column}: {error.message}{" "}
          <button type="button" className="link-button" onClick={jump}>
            go there
          </button>
        </p>
      ) : null}
    </div>
  );
}
