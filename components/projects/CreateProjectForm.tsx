"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useCreateProject } from "@/lib/queries/projects";
import { LIMITS, OUTPUT_STYLES, type OutputStyle } from "@/lib/schemas/common";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { OUTPUT_STYLE_LABELS } from "./output-styles";

export function CreateProjectForm() {
  const router = useRouter();
  const create = useCreateProject();
  const [name, setName] = useState("");
  const [outputStyle, setOutputStyle] = useState<OutputStyle>("router_json");

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return;
    create.mutate(
      { name: name.trim(), outputStyle },
      { onSuccess: (p) => router.push(`/projects/${encodeURIComponent(p.id)}/catalogue`) },
    );
  }

  return (
    <form className="panel create-project" onSubmit={submit} aria-labelledby="create-project-title">
      <h2 id="create-project-title" className="panel-title">
        New project
      </h2>
      <div className="row row-wrap row-end">
        <div className="field grow">
          <label htmlFor="new-project-name">Name</label>
          <input
            id="new-project-name"
            value={name}
            maxLength={LIMITS.projectName}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. Order support router"
            required
          />
        </div>
        <div className="field">
          <label htmlFor="new-project-style">Output style</label>
          <select id="new-project-style" value={outputStyle} onChange={(e) => setOutputStyle(e.target.value as OutputStyle)}>
            {OUTPUT_STYLES.map((s) => (
              <option key={s} value={s}>
                {OUTPUT_STYLE_LABELS[s].title}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn btn-primary" disabled={!name.trim() || create.isPending}>
          {create.isPending ? "Creating…" : "Create project"}
        </button>
      </div>
      <p className="hint">{OUTPUT_STYLE_LABELS[outputStyle].hint}</p>
      {create.isError ? <ErrorNote error={create.error} title="Could not create the project" /> : null}
    </form>
  );
}
