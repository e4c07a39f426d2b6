"use client";

import { useSyncExternalStore } from "react";
import { getAuthor, subscribeAuthor } from "./author";

/** `undefined` while rendering on the server (not known yet), `null` when no name is set. */
export function useAuthor(): string | null | undefined {
  return useSyncExternalStore(subscribeAuthor, getAuthor, () => undefined);
}
