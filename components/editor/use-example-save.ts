"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorMessage, isApiError } from "@/lib/client/api";
import type { ExampleFilters } from "@/lib/client/example-filters";
import { plural } from "@/lib/client/format";
import { requestIndex } from "@/lib/forms/example-draft";
import { exampleQuery, neighboursQuery, useCreateExample, useUpdateExample } from "@/lib/queries/examples";
import type { ReviewState } from "@/lib/schemas/common";
import type { ExampleDto, ExampleInput } from "@/lib/schemas/example";
import type { ExampleDraft } from "./use-example-draft";
import type { NewExampleDefaults } from "./ExampleEditorPage";
import { domIds } from "./editor-context";

export type Direction = "next" | "previous";
export interface Notice {
  tone: "info" | "warn" | "error" | "ok";
  text: string;
}

interface Options {
  projectId: string;
  initial: ExampleDto | null;
  draft: ExampleDraft;
  filters: ExampleFilters;
  search: string;
  onCreatedNext: (saved: ExampleDto, used: NewExampleDefaults) => void;
}

/** Saving (create or versioned update), conflicts, and moving to the neighbouring example. */
export function useExampleSave({ projectId, initial, draft, filters, search, onCreatedNext }: Options) {
  const router = useRouter();
  const qc = useQueryClient();
  const create = useCreateExample(projectId);
  const update = useUpdateExample(projectId);
  // The saved version this draft is based on: only our own saves move it, never a background refetch.
  const [base, setBase] = useState<ExampleDto | null>(initial);
  const [conflict, setConflict] = useState<ExampleDto | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [pendingNav, setPendingNav] = useState<Direction | null>(null);
  const saving = create.isPending || update.isPending;
  // Known early so Prev/Next can show where the list ends; fetched again (fresh) when moving.
  const neighbours = useQuery({ ...neighboursQuery(projectId, base?.id ?? "-", filters), enabled: base !== null });
  const examplesPath = `/projects/${encodeURIComponent(projectId)}/examples`;

  async function go(dir: Direction, force = false) {
    if (!base) {
      setNotice({ tone: "info", text: "This example is not saved yet: Ctrl+S saves it, Ctrl+Enter saves it and starts another." });
      return;
    }
    if (draft.dirty && !force && pendingNav !== dir) {
      setPendingNav(dir);
      const key = dir === "next" ? "Alt+↓" : "Alt+↑";
      setNotice({ tone: "warn", text: `Unsaved changes. Press ${key} again to discard them, or Ctrl+Enter to save and go on.` });
      return;
    }
    setPendingNav(null);
    try {
      const n = await qc.fetchQuery(neighboursQuery(projectId, base.id, filters));
      const id = dir === "next" ? n.nextId : n.previousId;
      if (!id) {
        setNotice({ tone: "info", text: dir === "next" ? "That was the last example in this list." : "This is the first example in this list." });
        return;
      }
      // Load it before moving so the editor opens on it without a loading flash.
      await qc.prefetchQuery(exampleQuery(projectId, id));
      router.push(`${examplesPath}/${encodeURIComponent(id)}${search}`);
    } catch (e) {
      setNotice({ tone: "error", text: `Could not find the ${dir} example: ${errorMessage(e)}` });
    }
  }

  /** `patch` goes into the body on top of the draft (the review keys set the review state and save at once). */
  function save(then: "stay" | "next", overwrite?: ExampleDto, patch?: Partial<ExampleInput>) {
    if (saving) return;
    if (draft.rawErrors.length > 0) {
      setNotice({ tone: "error", text: `Fix the arguments JSON first (${draft.rawErrors[0].message}).` });
      return;
    }
    const at = draft.edits;
    const body = { ...draft.body(), ...patch };
    if (!base) {
      const r = requestIndex(draft.messages);
      if (r >= 0 && draft.messages[r].role === "user" && draft.messages[r].content.trim() === "") {
        setNotice({ tone: "warn", text: "Type the user request first." });
        document.getElementById(domIds.request)?.focus();
        return;
      }
      create.mutate(body, {
        onSuccess: (saved) => {
          draft.markSaved(at);
          if (then === "next") onCreatedNext(saved, { split: draft.split, tags: body.tags ?? [] });
          else router.replace(`${examplesPath}/${encodeURIComponent(saved.id)}${search}`);
        },
        onError: (e) => setNotice({ tone: "error", text: `Not saved: ${errorMessage(e)}` }),
      });
      return;
    }
    if (!draft.dirty && !overwrite && !(patch && base && Object.entries(patch).some(([k, v]) => base[k as keyof ExampleDto] !== v))) {
      if (then === "next") void go("next", true);
      else setNotice({ tone: "info", text: "No changes to save." });
      return;
    }
    update.mutate(
      { exampleId: base.id, update: { ...body, version: (overwrite ?? base).version } },
      {
        onSuccess: (saved) => {
          setBase(saved);
          setConflict(null);
          draft.markSaved(at);
          draft.clearReviewChoice();
          setNotice(saved.invalid ? { tone: "warn", text: `Saved as a draft with ${plural(saved.issues.length, "issue")}; it stays flagged until fixed.` } : null);
          if (then === "next") void go("next", true);
        },
        onError: (e) => {
          if (isApiError(e, "conflict") && e.current) setConflict(e.current as ExampleDto);
          else setNotice({ tone: "error", text: `Not saved: ${errorMessage(e)}` });
        },
      },
    );
  }

  return {
    base,
    neighbours: neighbours.data,
    conflict,
    notice,
    saving,
    saveError: create.error ?? update.error,
    setNotice,
    clearPendingNav: () => setPendingNav(null),
    save,
    /** Saves with the review state set (the r and d keys); "next" moves on in the filter after it. */
    saveAs: (reviewState: ReviewState, then: "stay" | "next") => save(then, undefined, { reviewState }),
    go,
    /** Re-sends our draft on top of their version: an explicit overwrite, never a silent one. */
    overwrite: () => conflict && save("stay", conflict),
  };
}
