"use client";

import { useEffect, useEffectEvent } from "react";
import { editorAction, isTextField, keyPressOf, type EditorAction } from "@/lib/client/hotkeys";

/** Listens for the editor's shortcuts anywhere on the page (capture phase, before inputs act on them). */
export function useEditorKeys(onAction: (a: EditorAction, target: Element | null) => void) {
  const handle = useEffectEvent((e: KeyboardEvent) => {
    if (e.isComposing || e.repeat) return;
    if (document.querySelector("dialog[open]")) return; // a modal owns the keyboard
    const active = document.activeElement;
    const action = editorAction(keyPressOf(e, isTextField(active)));
    if (!action) return;
    e.preventDefault();
    e.stopPropagation();
    onAction(action, active);
  });

  useEffect(() => {
    const listener = (e: KeyboardEvent) => handle(e);
    window.addEventListener("keydown", listener, { capture: true });
    return () => window.removeEventListener("keydown", listener, { capture: true });
  }, []);
}
