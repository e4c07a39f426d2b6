"use client";

import { useQuery } from "@tanstack/react-query";
import type { OutputStyle } from "@/lib/schemas/common";
import { statsQuery } from "@/lib/queries/stats";
import { catalogueCodeHref, exportHref, type ExportFormat, type ExportSplit } from "@/lib/queries/datasets";
import { CatalogueCode } from "./CatalogueCode";

const FORMATS: { id: ExportFormat; label: string; hint: string }[] = [
  { id: "openai", label: "OpenAI fine-tuning JSONL", hint: "messages + tools, for the OpenAI fine-tuning API" },
  { id: "trl", label: "TRL / Unsloth messages JSONL", hint: "conversational messages with tools, for SFTTrainer and Unsloth" },
  { id: "router", label: "Router JSONL", hint: "system + user → the router's JSON decision" },
];
const SPLITS: { id: ExportSplit; label: string }[] = [
  { id: "train", label: "train" },
  { id: "validation", label: "validation" },
  { id: "all", label: "train + validation" },
];

/** Downloads of the training data, format × split, and of the catalogue as code. */
export function ExportSection({ projectId, outputStyle }: { projectId: string; outputStyle: OutputStyle | undefined }) {
  const stats = useQuery(statsQuery(projectId));
  const per = stats.data?.perSplit;
  const empty = per !== undefined && per.train.decisions + per.validation.decisions === 0;
  const unavailable = (f: ExportFormat) =>
    f === "router" && outputStyle === "native_tools"
      ? "Router JSONL needs a router_json project; this one uses native tool calls (see Settings)."
      : null;

  return (
    <section id="export" className="panel data-section" aria-labelledby="export-title">
      <div className="data-section-head">
        <h2 id="export-title" className="section-title">
          Export
        </h2>
        <p className="muted small">
          Labelled, valid examples only, with the project&apos;s system prompt. <strong>Gold is held out</strong>: it is never exported, so
          it stays a fair test.
        </p>
      </div>
      <div className="scroll-x">
        <table className="table export-table" data-testid="export-table">
          <thead>
            <tr>
              <th scope="col">Format</th>
              {SPLITS.map((s) => (
                <th key={s.id} scope="col">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {FORMATS.map((f) => {
              const why = unavailable(f.id);
              return (
                <tr key={f.id} data-format={f.id}>
                  <th scope="row" className="row-head">
                    <span className="stack-tight">
                      <span>{f.label}</span>
                      <span className="hint">{why ?? f.hint}</span>
                    </span>
                  </th>
                  {SPLITS.map((s) => (
                    <td key={s.id}>
                      {why ? (
                        <span
                          className="btn btn-sm is-disabled"
                          aria-disabled="true"
                          title={why}
                          data-testid={`export-link-${f.id}-${s.id}`}
                        >
                          Not available
                        </span>
                      ) : (
                        <a
                          className="btn btn-sm"
                          href={exportHref(projectId, f.id, s.id)}
                          download
                          data-testid={`export-link-${f.id}-${s.id}`}
                        >
                          ↓ {s.label}.jsonl
                        </a>
                      )}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {empty ? (
        <div className="banner banner-warn" role="status">
          <span>
            Nothing labelled is in train or validation yet, so these files would be empty: assign splits under <a href="#split">Split</a>{" "}
            first.
          </span>
        </div>
      ) : null}
      <CatalogueCode hrefFor={(file) => catalogueCodeHref(projectId, file)} />
    </section>
  );
}
