// What a route handler adds to the event route() records for it: route() knows the action, the
// principal, the route's ids and the outcome; a handler names what it made or changed when the
// route's ids do not say (a new token's name, a member's address), or who acted on a public route.
import { AsyncLocalStorage } from "node:async_hooks";
import type { AuditInput } from "./record";

export type AuditNote = Partial<Pick<AuditInput, "target" | "projectId" | "detail" | "actor">> & { action?: string };

const store = new AsyncLocalStorage<AuditNote>();

export function withAuditNote<T>(note: AuditNote, fn: () => Promise<T>): Promise<T> {
  return store.run(note, fn);
}

/** From inside a route handler: details for the audit event of this request (merged; later wins). */
export function noteAudit(note: AuditNote): void {
  const current = store.getStore();
  if (!current) return;
  if (note.detail) current.detail = { ...current.detail, ...note.detail };
  const { detail: _d, ...rest } = note;
  Object.assign(current, rest);
}
