// Resource names and ids (docs.fireworks.ai/getting-started/concepts, "Resource names and IDs"):
// a name is `accounts/<account>/<collection>/<id>`; an id is "Between 1 and 63 characters (inclusive)",
// "Consists of a-z, 0-9, and hyphen (-)", "Does not begin or end with a hyphen (-)", "Does not begin with a digit".
import { invalid } from "./errors";
import type { Store } from "./store";

const ID = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

export function validId(id: string): boolean {
  return ID.test(id);
}

/** Refuses an id that breaks the documented rules (wording: this server's). */
export function checkId(what: string, id: string): void {
  if (!validId(id))
    throw invalid(
      `invalid ${what} id "${id}": an id has 1 to 63 characters of a-z, 0-9 and hyphen, does not begin or end with a hyphen and does not begin with a digit`,
    );
}

/**
 * The id of `ref` in `collection`: `ref` is a full name (`accounts/<account>/<collection>/<id>`) or, where
 * `bareOk`, a bare id of the server's account. Returns null when it names another account or collection.
 */
export function idOf(store: Store, ref: string, collection: string, bareOk = true): { account: string; id: string } | null {
  const m = /^accounts\/([^/]+)\/([A-Za-z]+)\/([^/]+)$/.exec(ref);
  if (m) return m[2] === collection ? { account: m[1], id: m[3] } : null;
  if (bareOk && !ref.includes("/")) return { account: store.config.account, id: ref };
  return null;
}
