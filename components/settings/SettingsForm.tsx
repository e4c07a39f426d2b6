"use client";

import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { promptQuery } from "@/lib/queries/catalogue";
import { useUpdateProject } from "@/lib/queries/projects";
import { LIMITS, OUTPUT_STYLES, type OutputStyle } from "@/lib/schemas/common";
import type { ProjectDto, ProjectPatch } from "@/lib/schemas/project";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { OUTPUT_STYLE_LABELS } from "@/components/projects/output-styles";
import { useCan } from "@/lib/client/auth";

export function SettingsForm({ project }: { project: ProjectDto }) {
  const canSave = useCan("projects.update");
  const update = useUpdateProject(project.id);
  const prompt = useQuery(promptQuery(project.id));
  const [name, setName] = useState(project.name);
  const [description, setDescription] = useState(project.description);
  const [outputStyle, setOutputStyle] = useState<OutputStyle>(project.outputStyle);
  const [parallel, setParallel] = useState(project.parallelToolCalls);
  const [override, setOverride] = useState(project.systemPromptOverride ?? "");
  const [savedAt, setSavedAt] = useState<number | null>(null);

  const patch: ProjectPatch = {};
  if (name.trim() !== project.name) patch.name = name.trim();
  if (description !== project.description) patch.description = description;
  if (outputStyle !== project.outputStyle) patch.outputStyle = outputStyle;
  if (parallel !== project.parallelToolCalls) patch.parallelToolCalls = parallel;
  const overrideValue = override.trim() === "" ? null : override;
  if (overrideValue !== project.systemPromptOverride) patch.systemPromptOverride = overrideValue;
  const dirty = Object.keys(patch).length > 0;

  function save(e: FormEvent) {
    e.preventDefault();
    if (!dirty || !name.trim()) return;
    update.mutate(patch, { onSuccess: () => setSavedAt(Date.now()) });
  }

  return (
    <form className="page settings-page stack" onSubmit={save}>
      <h1 className="sr-only">Settings</h1>
      <section className="panel stack" aria-labelledby="general-title">
        <h2 id="general-title" className="panel-title">
          General
        </h2>
        <div className="field">
          <label htmlFor="set-name">Project name</label>
          <input id="set-name" value={name} maxLength={LIMITS.projectName} onChange={(e) => setName(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor="set-description">Description</label>
          <textarea
            id="set-description"
            rows={3}
            value={description}
            maxLength={LIMITS.projectDescription}
            onChange={(e) => setDescription(e.target.value)}
          />
          <p className="hint">For your team; the model never sees it.</p>
        </div>
      </section>

      <section className="panel stack" aria-labelledby="output-title">
        <h2 id="output-title" className="panel-title">
          Model output
        </h2>
        <fieldset className="radio-cards">
          <legend>Output style</legend>
          {OUTPUT_STYLES.map((s) => (
            <label key={s} className={`radio-card${outputStyle === s ? " is-on" : ""}`}>
              <input type="radio" name="outputStyle" value={s} checked={outputStyle === s} onChange={() => setOutputStyle(s)} />
              <span>
                <strong>{OUTPUT_STYLE_LABELS[s].title}</strong>
                <span className="hint">{OUTPUT_STYLE_LABELS[s].hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <label className="check">
          <input type="checkbox" checked={parallel} onChange={(e) => setParallel(e.target.checked)} data-testid="parallel-toggle" />
          <span>
            <strong>Parallel tool calls</strong>
            <span className="hint">
              {" "}
              — a target may contain several calls. When off, targets with more than one call are flagged invalid.
            </span>
          </span>
        </label>
      </section>

      <section className="panel stack" aria-labelledby="prompt-title">
        <h2 id="prompt-title" className="panel-title">
          System prompt
        </h2>
        <div className="prompt-grid">
          <div className="field">
            <label htmlFor="set-override">Override (empty = use the generated prompt)</label>
            <textarea
              id="set-override"
              className="mono code-area"
              rows={14}
              value={override}
              maxLength={LIMITS.systemPrompt}
              onChange={(e) => setOverride(e.target.value)}
              placeholder="Leave empty to use the prompt generated from the catalogue."
            />
            <div className="row">
              <button
                type="button"
                className="btn btn-sm"
                disabled={!prompt.data}
                onClick={() => prompt.data && setOverride(prompt.data.generated)}
              >
                Start from the generated prompt
              </button>
              {override ? (
                <button type="button" className="btn btn-sm btn-ghost" onClick={() => setOverride("")}>
                  Clear override
                </button>
              ) : null}
            </div>
          </div>
          <div className="field">
            <span className="label">Generated from the catalogue{overrideValue === null ? " (in use)" : " (not in use)"}</span>
            <pre className="prompt-preview" tabIndex={0} aria-label="Generated system prompt">
              {prompt.data ? prompt.data.generated : prompt.isError ? "Could not load the generated prompt." : "Loading…"}
            </pre>
            <p className="hint">Reflects the saved settings; save to see a new output style here.</p>
          </div>
        </div>
      </section>

      <div className="sticky-actions">
        {update.isError ? <ErrorNote error={update.error} title="Settings were not saved" /> : null}
        <div className="row row-end">
          <span className="muted small grow" role="status">
            {update.isPending ? "Saving…" : dirty ? "Unsaved changes" : savedAt ? "Saved." : ""}
          </span>
          {canSave ? (
            <button type="submit" className="btn btn-primary" disabled={!dirty || update.isPending || !name.trim()}>
              Save settings
            </button>
          ) : (
            <span className="muted small">Read only: an editor can change settings.</span>
          )}
        </div>
      </div>
    </form>
  );
}
