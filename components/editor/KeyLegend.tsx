"use client";

import { useSyncExternalStore } from "react";
import { EDITOR_KEY_LEGEND } from "@/lib/client/hotkeys";

const KEY = "tooltune.keyLegend.folded";
const listeners = new Set<() => void>();
const folded = () => window.localStorage.getItem(KEY) === "1";
function setFolded(v: boolean) {
  window.localStorage.setItem(KEY, v ? "1" : "0");
  listeners.forEach((l) => l());
}
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** The keyboard map beside the editor. Plain keys (j, k, 1…9) work when the cursor is not in a text field. Folds away, and stays folded. */
export function KeyLegend() {
  const isFolded = useSyncExternalStore(subscribe, folded, () => false);
  return (
    <section aria-labelledby="keys-title" className="key-legend">
      <div className="panel-head">
        <h2 id="keys-title" className="panel-title">
          Keyboard
        </h2>
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          aria-expanded={!isFolded}
          aria-controls="key-legend-body"
          onClick={() => setFolded(!isFolded)}
          data-testid="fold-key-legend"
        >
          {isFolded ? "Show" : "Hide"}
        </button>
      </div>
      {isFolded ? null : (
        <div id="key-legend-body">
          <dl>
            {EDITOR_KEY_LEGEND.map((k) => (
              <div key={k.action} className="key-row">
                <dt>
                  {k.keys.map((key, i) => (
                    <span key={key}>
                      {i > 0 ? <span className="muted"> / </span> : null}
                      <kbd>{key}</kbd>
                    </span>
                  ))}
                </dt>
                <dd>{k.action}</dd>
              </div>
            ))}
          </dl>
          <p className="hint">
            Single keys work when the cursor is not in a text field (press Esc to leave one). Cmd works for Ctrl on a Mac.
          </p>
        </div>
      )}
    </section>
  );
}
