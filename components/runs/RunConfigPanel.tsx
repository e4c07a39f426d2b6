import { runFileHref } from "@/lib/queries/runs";
import type { DatasetSnapshot, RunDto } from "@/lib/schemas/runs";
import { formatBytes } from "@/components/imports/labels";
import { SnapshotCard } from "./SnapshotCard";
import { useReadOnly } from "@/components/share/ReadOnly";
import { HYPER_LABEL, backendLabel, hyperText, loraSummary, preparingText } from "./labels";

/** The settings and data frozen when this run was created (never the form's current values), with the exact files. */
export function RunConfigPanel({ run }: { run: RunDto }) {
  const c = run.config;
  const s = run.snapshot;
  return (
    <section className="panel stack" aria-labelledby="config-title" data-testid="run-config">
      <h2 id="config-title" className="panel-title">
        Configuration (frozen at creation)
      </h2>
      <dl className="kv">
        <dt>Backend</dt>
        <dd>{backendLabel(c.backend)}</dd>
        <dt>Base model</dt>
        <dd className="mono">{c.baseModel}</dd>
        {(Object.keys(HYPER_LABEL) as (keyof typeof HYPER_LABEL)[]).map((k) => [
          <dt key={`${k}-t`}>{HYPER_LABEL[k]}</dt>,
          <dd key={`${k}-d`}>{hyperText(c.hyperparameters[k])}</dd>,
        ])}
        <dt>Suffix</dt>
        <dd className="mono">{c.suffix || "—"}</dd>
        <dt>Seed</dt>
        <dd>{c.seed === null ? "random" : c.seed}</dd>
        <dt>Output style</dt>
        <dd className="mono">{c.outputStyle}</dd>
        <dt>Catalogue</dt>
        <dd>v{c.catalogueVersion}</dd>
        {c.lora ? (
          <>
            <dt>LoRA</dt>
            <dd className="mono" data-testid="run-lora">
              {loraSummary(c.lora)}
            </dd>
          </>
        ) : null}
      </dl>
      <h3 className="block-title">Dataset snapshot</h3>
      {s ? (
        <FrozenData run={run} s={s} />
      ) : (
        <p className="muted" role="status" data-testid="run-preparing">
          {run.status === "failed" ? "No files: preparing them failed (see the error above)." : `The worker is ${preparingText(run) ?? "preparing files"}; the snapshot and the files appear here when they are written.`}
        </p>
      )}
    </section>
  );
}

function FrozenData({ run, s }: { run: RunDto; s: DatasetSnapshot }) {
  // A share link shows the snapshot's figures, never the training files themselves.
  const readOnly = useReadOnly() !== null;
  if (readOnly) return <SnapshotCard snapshot={s} epochs={run.config.hyperparameters.n_epochs} testId="run-snapshot" />;
  return (
    <>
      <SnapshotCard snapshot={s} epochs={run.config.hyperparameters.n_epochs} testId="run-snapshot" />
      <h3 className="block-title">Files</h3>
      <ul className="run-files">
        <li>
          <a className="btn btn-sm" href={runFileHref(run.projectId, run.id, "train")} download data-testid="download-train">
            train.jsonl
          </a>
          <span className="muted small">
            {formatBytes(s.train.bytes)} · sha256 <code title={s.train.sha256}>{s.train.sha256.slice(0, 12)}</code>
          </span>
        </li>
        {s.validation ? (
          <li>
            <a className="btn btn-sm" href={runFileHref(run.projectId, run.id, "validation")} download data-testid="download-validation">
              validation.jsonl
            </a>
            <span className="muted small">
              {formatBytes(s.validation.bytes)} · sha256 <code title={s.validation.sha256}>{s.validation.sha256.slice(0, 12)}</code>
            </span>
          </li>
        ) : (
          <li className="muted small">No validation file: the validation split was empty when the run was created.</li>
        )}
      </ul>
    </>
  );
}
