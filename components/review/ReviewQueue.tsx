"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { REVIEW_KEY_LEGEND } from "@/lib/client/review-keys";
import { projectQuery } from "@/lib/queries/projects";
import { invalidateQueue, reviewQueueQuery } from "@/lib/queries/reviews";
import { activeTools, toolsQuery } from "@/lib/queries/tools";
import { SPLITS, type Split } from "@/lib/schemas/common";
import { QUEUE_SPLIT_ORDER } from "@/lib/schemas/review";
import { Empty, LoadError, Loading } from "@/components/ui/States";
import { BlindItem } from "./BlindItem";

const count = (n: number) => n.toLocaleString("en-US");

/** The reviewer's queue: filters, what is left, and the example under review. */
export function ReviewQueue({ projectId }: { projectId: string }) {
  const qc = useQueryClient();
  const [split, setSplit] = useState<Split | "">("");
  const [tool, setTool] = useState("");
  const [skip, setSkip] = useState<string[]>([]);
  const filters = { split: split || undefined, tool: tool || undefined, skip };
  const queue = useQuery(reviewQueueQuery(projectId, filters));
  const toolList = useQuery(toolsQuery(projectId));
  const project = useQuery(projectQuery(projectId));
  const tools = activeTools(toolList.data);
  const q = queue.data;

  return (
    <div className="stack">
      <div className="filters" role="search" aria-label="Which examples to review">
        <div className="field field-inline">
          <label htmlFor="review-split" className="small">
            Split
          </label>
          <select id="review-split" value={split} onChange={(e) => setSplit(e.target.value as Split | "")} data-testid="review-split">
            <option value="">gold first, then the rest</option>
            {SPLITS.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-inline">
          <label htmlFor="review-tool" className="small">
            Tool
          </label>
          <select id="review-tool" value={tool} onChange={(e) => setTool(e.target.value)} data-testid="review-tool">
            <option value="">any</option>
            {tools.map((t) => (
              <option key={t.id} value={t.name}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        {tool ? (
          <span className="muted small">Filtering by a tool tells you the label includes it somewhere in the conversation.</span>
        ) : null}
        <span className="grow" />
        {q ? (
          <span className="small" data-testid="review-remaining">
            <strong>{count(q.remaining)}</strong> left for you
            <span className="muted">
              {" "}
              (
              {QUEUE_SPLIT_ORDER.filter((s) => q.bySplit[s] > 0)
                .map((s) => `${s} ${count(q.bySplit[s])}`)
                .join(", ") || "none"}
              )
            </span>
            {skip.length > 0 ? (
              <>
                {" · "}
                <button type="button" className="btn btn-sm btn-ghost" onClick={() => setSkip([])}>
                  Bring back {count(skip.length)} skipped
                </button>
              </>
            ) : null}
          </span>
        ) : null}
      </div>
      {queue.isPending || toolList.isPending ? (
        <Loading label="Finding an example to review…" />
      ) : queue.isError ? (
        <LoadError error={queue.error} what="review queue" onRetry={() => queue.refetch()} />
      ) : q?.item ? (
        <BlindItem
          key={`${q.item.exampleId}:${q.item.version}`}
          projectId={projectId}
          item={q.item}
          tools={tools}
          parallel={project.data?.parallelToolCalls ?? false}
          onNext={() => void invalidateQueue(qc, projectId)}
          onSkip={() => setSkip((s) => [...s, q.item!.exampleId].slice(-100))}
        />
      ) : (
        <Empty title="Nothing left to review here">
          <p className="muted">
            Every labelled example {split ? `in ${split} ` : ""}
            {tool ? `with ${tool} ` : ""}was labelled by you or has your second review{skip.length > 0 ? ", or you skipped it" : ""}.
          </p>
        </Empty>
      )}
      <details className="key-legend small">
        <summary>Keys</summary>
        <dl>
          {REVIEW_KEY_LEGEND.map((k) => (
            <div key={k.action} className="key-row">
              <dt>
                {k.keys.map((key) => (
                  <kbd key={key}>{key}</kbd>
                ))}
              </dt>
              <dd>{k.action}</dd>
            </div>
          ))}
        </dl>
      </details>
    </div>
  );
}
