"use client";

import { useQuery } from "@tanstack/react-query";
import { formatPercent, needleAngle, NO_TOOL_BAND } from "@/lib/gauge";
import { statsQuery } from "@/lib/queries/stats";
import type { FollowUpsDto, ProjectStatsDto } from "@/lib/schemas/stats";
import { LoadError } from "@/components/ui/States";
import { GaugeDial } from "./GaugeDial";
import { SplitRatios } from "./SplitRatios";
import { formatCount } from "@/lib/client/format";

export const BAND_LABEL = { empty: "no data", below: "below band", within: "in band", above: "above band" } as const;

/** The no_tool ratio of labelled routing decisions against the recommended 10–20% band; live (polled + invalidated on save). */
export function NoToolGauge({ projectId }: { projectId: string }) {
  const stats = useQuery(statsQuery(projectId));
  if (stats.isError && !stats.data) return <LoadError error={stats.error} what="statistics" onRetry={() => stats.refetch()} />;
  return <GaugeView stats={stats.data} />;
}

export function GaugeView({ stats }: { stats: ProjectStatsDto | undefined }) {
  const overall = stats?.overall;
  const ratio = overall?.ratio ?? null;
  const band = overall?.band ?? "empty";
  const pct = ratio === null ? "—" : formatPercent(ratio);
  const band10 = `${formatPercent(NO_TOOL_BAND.min)}–${formatPercent(NO_TOOL_BAND.max)}`;

  return (
    <section className={`gauge band-${band}`} data-testid="no-tool-gauge" data-band={band} aria-labelledby="gauge-title">
      <div className="gauge-head">
        <h2 id="gauge-title" className="panel-title">
          no_tool ratio
        </h2>
        <span className="muted small">target {band10}</span>
      </div>
      <GaugeDial angle={needleAngle(ratio)} label={ratio === null ? "no labelled decisions yet" : `${pct} no_tool, ${BAND_LABEL[band]}`} />
      <div className="gauge-readout">
        <span className="gauge-ratio" data-testid="gauge-ratio" aria-live="polite">
          {stats ? pct : "…"}
        </span>
        <span className={`band-pill band-pill-${band}`}>{BAND_LABEL[band]}</span>
      </div>
      <p className="gauge-counts">
        {overall ? (
          <>
            <strong>{formatCount(overall.noTool)}</strong> no_tool of <strong>{formatCount(overall.decisions)}</strong> labelled routing decisions
          </>
        ) : (
          "Loading…"
        )}
      </p>
      {overall?.followUps ? <FollowUpsLine followUps={overall.followUps} /> : null}
      {overall ? <p className="gauge-advice">{overall.advice}</p> : null}
      {stats ? <SplitRatios perSplit={stats.perSplit} /> : null}
    </section>
  );
}

/** Decisions after a tool result, counted apart: they do not route, so they never move the ratio. */
export function FollowUpsLine({ followUps }: { followUps: FollowUpsDto }) {
  if (followUps.decisions === 0) return null;
  return (
    <p className="gauge-followups muted small" data-testid="gauge-followups" title="Decisions that follow a tool result are not routing decisions and are not in the ratio">
      + <strong>{formatCount(followUps.decisions)}</strong> follow-up{followUps.decisions === 1 ? "" : "s"} after a tool result ({formatCount(followUps.answers)} answer
      {followUps.answers === 1 ? "" : "s"}, {formatCount(followUps.calls)} chained call{followUps.calls === 1 ? "" : "s"}), not in the ratio
    </p>
  );
}
