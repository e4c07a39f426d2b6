import { EDITOR_KEY_LEGEND } from "@/lib/client/hotkeys";

/** The keyboard map, always visible. Plain keys (j, k, 1…9) work when the cursor is not in a text field. */
export function KeyLegend() {
  return (
    <section aria-labelledby="keys-title" className="key-legend">
      <h2 id="keys-title" className="panel-title">
        Keyboard
      </h2>
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
      <p className="hint">Single keys work when the cursor is not in a text field (press Esc to leave one). Cmd works for Ctrl on a Mac.</p>
    </section>
  );
}
