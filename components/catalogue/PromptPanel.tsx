"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { promptQuery } from "@/lib/queries/catalogue";
import { Loading, LoadError } from "@/components/ui/States";

/** The system prompt generated from the catalogue, as the model will see it. */
export function PromptPanel({ projectId }: { projectId: string }) {
  const prompt = useQuery(promptQuery(projectId));
  const [copied, setCopied] = useState(false);

  async function copy(text: string) {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      // clipboard can be blocked (insecure origin); the text is selectable anyway
    }
  }

  return (
    <section className="panel" aria-labelledby="prompt-title">
      <div className="panel-head">
        <h2 id="prompt-title" className="panel-title">
          System prompt
        </h2>
        {prompt.data ? (
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => copy(prompt.data.generated)}>
            {copied ? "Copied" : "Copy"}
          </button>
        ) : null}
      </div>
      {prompt.isPending ? (
        <Loading label="Generating preview…" />
      ) : !prompt.data ? (
        <LoadError error={prompt.error} what="prompt preview" onRetry={() => prompt.refetch()} />
      ) : (
        <>
          {prompt.data.overridden ? (
            <p className="note">
              This project uses its own system prompt (<Link href={`/projects/${encodeURIComponent(projectId)}/settings`}>Settings</Link>). The
              generated one below is not used until the override is cleared.
            </p>
          ) : (
            <p className="muted small">Generated from the active tools; updates with every catalogue change.</p>
          )}
          <pre className="prompt-preview" data-testid="prompt-preview" tabIndex={0} aria-label="Generated system prompt">
            {prompt.data.generated}
          </pre>
        </>
      )}
    </section>
  );
}
