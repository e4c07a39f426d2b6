"use client";

import { useMemo, useState } from "react";
import { flushSync } from "react-dom";
import type { EditorAction } from "@/lib/client/hotkeys";
import type { ExampleFilters } from "@/lib/client/example-filters";
import { fieldsFromSchema, carryArguments, type ArgField } from "@/lib/forms/arguments-form";
import { chooseTool, markNoTool, targetIndex } from "@/lib/forms/example-draft";
import { activeTools } from "@/lib/queries/tools";
import type { ExampleDto } from "@/lib/schemas/example";
import type { ProjectDto } from "@/lib/schemas/project";
import type { ToolDto } from "@/lib/schemas/tool";
import { ConflictBanner } from "./ConflictBanner";
import { ConversationEditor } from "./ConversationEditor";
import { EditorContext, domIds, type EditorContextValue } from "./editor-context";
import { EditorToolbar } from "./EditorToolbar";
import type { NewExampleDefaults } from "./ExampleEditorPage";
import { EditorSide } from "./EditorSide";
import { useEditorKeys } from "./use-editor-keys";
import { useExampleDraft } from "./use-example-draft";
import { useExampleSave } from "./use-example-save";
import { useLeaveGuard } from "./use-leave-guard";
import { QuickToolPicker } from "./QuickToolPicker";

interface Props {
  project: ProjectDto;
  tools: ToolDto[];
  initial: ExampleDto | null;
  defaults: NewExampleDefaults;
  filters: ExampleFilters;
  search: string;
  listHref: string;
  justCreated: ExampleDto | null;
  onLoadTheirs: (theirs: ExampleDto) => void;
  onCreatedNext: (saved: ExampleDto, used: NewExampleDefaults) => void;
}

export function ExampleEditor({
  project,
  tools,
  initial,
  defaults,
  filters,
  search,
  listHref,
  justCreated,
  onLoadTheirs,
  onCreatedNext,
}: Props) {
  const draft = useExampleDraft(initial, defaults, project, tools);
  const saver = useExampleSave({ projectId: project.id, initial, draft, filters, search, onCreatedNext });
  useLeaveGuard(draft.dirty);

  const active = useMemo(() => activeTools(tools), [tools]);
  const toolByName = useMemo(() => new Map(tools.map((t) => [t.name, t])), [tools]);
  const fieldsByTool = useMemo(() => new Map<string, ArgField[]>(tools.map((t) => [t.name, fieldsFromSchema(t.parameters)])), [tools]);
  const fieldsOf = (name: string) => fieldsByTool.get(name) ?? [];
  const t = targetIndex(draft.messages);
  const [quickTool, setQuickTool] = useState(false);

  const ctx: EditorContextValue = {
    projectId: project.id,
    messages: draft.messages,
    activeTools: active,
    toolByName,
    fieldsOf,
    issues: draft.issues,
    outputStyle: project.outputStyle,
    parallelToolCalls: project.parallelToolCalls,
    argTexts: draft.argTexts,
    rawArgs: draft.rawArgs,
    setArgText: draft.setArgText,
    clearArgTexts: draft.clearArgTexts,
    setMessage: draft.setMessage,
    setRawArgs: draft.setRawArgs,
    updateDecision: (i, change, structural) => {
      saver.clearPendingNav();
      draft.updateDecision(i, change, structural);
    },
  };

  /** Chooses a tool for a target call (keys 1..9 or a click), then puts the cursor in its first argument. */
  function pickTool(index: number, callIndex = 0) {
    const tool = active[index];
    if (!tool) {
      saver.setNotice({
        tone: "info",
        text:
          active.length === 0
            ? "The catalogue has no active tools yet."
            : `There is no tool ${index + 1}; the catalogue has ${active.length}.`,
      });
      return;
    }
    flushSync(() =>
      ctx.updateDecision(t, (d) => chooseTool(d, callIndex, tool.name, (args) => carryArguments(fieldsOf(tool.name), args)), true),
    );
    document.querySelector<HTMLElement>(`#${domIds.call(t, callIndex)} [data-arg-input]`)?.focus();
  }

  function pickNoTool() {
    flushSync(() => ctx.updateDecision(t, markNoTool, true));
    document.getElementById(domIds.reason(t))?.focus();
  }

  useEditorKeys((a: EditorAction, focused) => {
    switch (a.type) {
      case "save":
        return saver.save("stay");
      case "saveAndNext":
        return saver.save("next");
      case "next":
      case "previous":
        return void saver.go(a.type);
      case "noTool":
        return pickNoTool();
      case "chooseTool": {
        // Inside a parallel call's card, the key chooses that call's tool.
        const card = focused?.closest?.("[data-target] [data-call-index]");
        return pickTool(a.index, card ? Number(card.getAttribute("data-call-index")) : 0);
      }
      case "markReviewed":
        if (draft.issues.length > 0) {
          return saver.setNotice({
            tone: "warn",
            text: `Not marked reviewed: fix the ${draft.issues.length === 1 ? "issue" : `${draft.issues.length} issues`} first (listed beside the conversation).`,
          });
        }
        return saver.saveAs("reviewed", "next");
      case "markDraft":
        return saver.saveAs("draft", "stay");
      case "quickTool":
        return setQuickTool(true);
      case "leaveField":
        return (focused as HTMLElement | null)?.blur?.();
    }
  });

  return (
    <EditorContext.Provider value={ctx}>
      <div className="page editor-page">
        <EditorToolbar
          base={saver.base}
          neighbours={saver.neighbours}
          dirty={draft.dirty}
          saving={saver.saving}
          conflict={saver.conflict !== null}
          listHref={listHref}
          onSave={saver.save}
          onGo={saver.go}
        />
        {quickTool ? (
          <QuickToolPicker
            tools={active}
            onPick={(index) => {
              setQuickTool(false);
              pickTool(index);
            }}
            onClose={() => setQuickTool(false)}
          />
        ) : null}
        {saver.conflict ? (
          <ConflictBanner
            theirs={saver.conflict}
            mine={draft.messages}
            saving={saver.saving}
            onLoadTheirs={() => onLoadTheirs(saver.conflict!)}
            onOverwrite={saver.overwrite}
          />
        ) : null}
        {saver.notice ? (
          <div className={`banner banner-${saver.notice.tone}`} role="status">
            <span>{saver.notice.text}</span>
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => saver.setNotice(null)} aria-label="Dismiss">
              ✕
            </button>
          </div>
        ) : null}
        {justCreated && !saver.base ? (
          <div className="banner banner-ok" role="status">
            Created example #{justCreated.number}
            {justCreated.invalid ? ` (flagged: ${justCreated.issues.length} issues)` : ""}. This is a fresh form for the next one.
          </div>
        ) : null}
        <div className="editor-grid">
          <ConversationEditor draft={draft} isNew={initial === null} onPickTool={pickTool} onNoTool={pickNoTool} />
          <EditorSide draft={draft} base={saver.base} />
        </div>
      </div>
    </EditorContext.Provider>
  );
}
