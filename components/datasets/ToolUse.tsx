"use client";

import { adviceFor, bandOf, formatPercent } from "@/lib/gauge";
import type { HealthReport } from "@/lib/datasets/health";
import type { OutputStyle } from "@/lib/schemas/common";
import { BAND_LABEL } from "@/components/gauge/NoToolGauge";
import { formatCount } from "@/components/imports/labels";
import { CallsChart } from "./CallsChart";

/** How the split teaches tool use: the no_tool ratio against the 10–20% band, and calls per tool. */
export function ToolUse({ tools, outputStyle }: { tools: HealthReport["tools"]; outputStyle: OutputStyle | undefined }) {
  const band = bandOf(tools.noToolRatio);
  const calls = Object.entries(tools.callsPerTool)
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  // A router project's decisions are JSON text, which the OpenAI-format check reads as plain replies.
  const routerText = outputStyle === "router_json" && tools.toolCallDecisions === 0 && tools.noToolDecisions > 0;
  return (
    <section aria-labelledby="health-tools" className={routerText ? undefined : `band-${band}`}>
      <h3 id="health-tools" className="block-title">
        Tool calling
      </h3>
      {routerText ? (
        <p className="note" data-testid="health-router-note">
          This project answers with router JSON in the assistant&apos;s text, so this OpenAI-format check counts every decision as a plain
          reply ({formatCount(tools.noToolDecisions)}) and sees no tool calls. The no_tool gauge on the Examples page reads the decisions
          themselves.
        </p>
      ) : (
        <>
          <div className={`mini-gauge band-${band}`} data-testid="health-no-tool" data-band={band}>
            <span className="small">no_tool ratio</span>
            <strong>{tools.noToolRatio === null ? "—" : formatPercent(tools.noToolRatio)}</strong>
            <span className={`band-pill band-pill-${band}`}>{BAND_LABEL[band]}</span>
            <span className="muted small">
              {formatCount(tools.noToolDecisions)} plain replies, {formatCount(tools.toolCallDecisions)} with tool calls ·{" "}
              {formatCount(tools.examplesWithToolCalls)} examples call tools
            </span>
          </div>
          <p className="gauge-advice">{adviceFor(band, tools.noToolRatio)}</p>
          {calls.length === 0 ? <p className="muted small">No tool calls in this split.</p> : <CallsChart data={calls} />}
        </>
      )}
    </section>
  );
}
