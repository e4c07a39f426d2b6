// The display name this browser writes as, kept in localStorage. Components read it with
// useAuthor (lib/client/use-author.ts); this module stays free of React so anything may import it.
import { authorNameSchema } from "@/lib/schemas/common";

export const AUTHOR_KEY = "tooltune.author";
const listeners = new Set<() => void>();

export function getAuthor(): string | null {
  if (typeof window === "undefined") return null;
  try {
    const v = window.localStorage.getItem(AUTHOR_KEY);
    return v && v.trim() ? v : null;
  } catch {
    return null;
  }
}

/** Validates, stores and announces a display name; returns an error message when it is not acceptable. */
export function setAuthor(name: string): string | null {
  const r = authorNameSchema.safeParse(name);
  if (!r.success) return r.error.issues[0]?.message ?? "invalid display name";
  window.localStorage.setItem(AUTHOR_KEY, r.data);
  listeners.forEach((l) => l());
  return null;
}

export function subscribeAuthor(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (e.key === AUTHOR_KEY) listener();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}
