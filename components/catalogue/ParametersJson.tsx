"use client";

import { useRef, useState } from "react";
import { formatJsonText, parseJsonText } from "@/lib/forms/json-text";

/** Raw JSON for the schema, with the syntax error located where it is (line, column, jump to it). */
export function ParametersJson({ text, setText }: { text: string; setText: (t: string) => void }) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const parsed = parseJsonText(text);
  const error = parsed.ok ? null : parsed.error;
  const lines = text.split("\n").length;
  // Set when Format was pressed on JSON that does not parse; any edit clears it.
  const [formatFailed, setFormatFailed] = useState(false);

  function jump() {
    const el = ref.current;
    if (!el || !error) return;
    el.focus();
    el.setSelectionRange(error.offset, Math.min(error.offset + 1, text.length));
  }

  function format() {
    const r = formatJsonText(text);
    if (r.ok) {
      setFormatFailed(false);
      if (r.text !== text) setText(r.text);
      return;
    }
    setFormatFailed(true);
    jump();
  }

  return (
    <div className="field">
      <div className="json-tools">
        <label htmlFor="params-json" className="sr-only">
          Parameters JSON schema
        </label>
        <button type="button" className="btn btn-sm" onClick={format} data-testid="params-json-format">
          Format
        </button>
      </div>
      <textarea
        id="params-json"
        ref={ref}
        className="mono code-area"
        rows={Math.min(24, Math.max(8, lines + 1))}
        value={text}
        spellCheck={false}
        onChange={(e) => {
          setFormatFailed(false);
          setText(e.target.value);
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "params-json-error" : undefined}
        data-testid="params-json"
      />
      {error ? (
        <p id="params-json-error" className="field-error" data-testid="json-error">
          {formatFailed ? "Cannot format: " : ""}Line {error.line}, column {error.column}: {error.message}{" "}
          <button type="button" className="link-button" onClick={jump}>
            go there
          </button>
        </p>
      ) : null}
    </div>
  );
}
