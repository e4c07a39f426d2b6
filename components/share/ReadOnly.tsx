"use client";

import { createContext, useContext, useState, type ReactNode } from "react";
import { setShareScope } from "@/lib/client/api";
import type { ShareViewDto } from "@/lib/schemas/share";

/**
 * The report and chart components render read-only inside this: no buttons that change anything,
 * no links into the app (they check `useReadOnly()`). Used by the share link's page only.
 */
const ReadOnlyContext = createContext<ShareViewDto | null>(null);

/** The share link being shown, or null in the app. */
export function useReadOnly(): ShareViewDto | null {
  return useContext(ReadOnlyContext);
}

export function ReadOnly({ token, view, children }: { token: string; view: ShareViewDto; children: ReactNode }) {
  // Before any child asks for data (queries start in effects, after this render); only in the browser.
  useState(() => {
    if (typeof window !== "undefined") setShareScope(token);
    return null;
  });
  return <ReadOnlyContext.Provider value={view}>{children}</ReadOnlyContext.Provider>;
}
