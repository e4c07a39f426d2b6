"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { runEventsQuery } from "@/lib/queries/runs";
import { formatExact } from "@/lib/client/format";
import { Loading, LoadError } from "@/components/ui/States";

const LEVELS = new Set(["info", "warn", "warning", "error", "debug"]);
const time = (iso: string) => {
  const t = new Date(iso);
  return Number.isNaN(t.getTime()) ? iso : t.toLocaleTimeString("en-GB", { hour12: false });
};

/** The run's events, oldest first, newest at the bottom; follows new ones unless the user scrolled up to read. */
export function EventLog({ projectId, runId, live }: { projectId: string; runId: string; live: boolean }) {
  const q = useQuery(runEventsQuery(projectId, runId, live));
  const box = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const count = q.data?.length ?? 0;
  useEffect(() => {
    const el = box.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [count]);

  return (
    <section className="panel stack" aria-labelledby="events-title">
      <div className="panel-head">
        <h2 id="events-title" className="panel-title">
          Event log
        </h2>
        <span className="muted small">{count > 0 ? `${count} events${count >= 500 ? " (the last 500)" : ""}` : null}</span>
      </div>
      {q.isPending ? (
        <Loading label="Loading events…" />
      ) : !q.data ? (
        <LoadError error={q.error} what="event log" onRetry={() => q.refetch()} />
      ) : (
        <div
          ref={box}
          className="event-log"
          data-testid="event-log"
          role="log"
          aria-label="Run events"
          tabIndex={0}
          onScroll={(e) => {
            const el = e.currentTarget;
            stick.current = el.scrollTop + el.clientHeight >= el.scrollHeight - 24;
          }}
        >
          {q.data.length === 0 ? (
            <p className="muted small pad">
              {live ? "No events yet: the worker logs here as soon as it picks the run up." : "No events were recorded."}
            </p>
          ) : (
            <ol>
              {q.data.map((e) => {
                const level = LEVELS.has(e.level) ? e.level : "info";
                return (
                  <li key={e.id} className={`event lvl-${level}`} data-level={e.level}>
                    <time dateTime={e.createdAt} title={formatExact(e.createdAt)} className="event-time">
                      {time(e.createdAt)}
                    </time>
                    <span className="event-level">{e.level}</span>
                    <span className="event-msg">{e.message}</span>
                  </li>
                );
              })}
            </ol>
          )}
        </div>
      )}
    </section>
  );
}
