"use client";

import { useState } from "react";
import type { ToolDto } from "@/lib/schemas/tool";

/**
 * Any tool from the keyboard, also past the ninth: type part of its name (or description), arrows to
 * move, Enter to choose, Esc to close. Opened with t or /.
 */
export function QuickToolPicker({ tools, onPick, onClose }: { tools: ToolDto[]; onPick: (index: number) => void; onClose: () => void }) {
  const [q, setQ] = useState("");
  const [at, setAt] = useState(0);
  const needle = q.trim().toLowerCase();
  const matches = tools
    .map((t, index) => ({ t, index }))
    .filter(({ t }) => !needle || t.name.toLowerCase().includes(needle) || t.description.toLowerCase().includes(needle))
    // Names that start with the text first.
    .sort(
      (a, b) =>
        Number(!a.t.name.toLowerCase().startsWith(needle)) - Number(!b.t.name.toLowerCase().startsWith(needle)) || a.index - b.index,
    );
  const chosen = Math.min(at, Math.max(0, matches.length - 1));
  return (
    <div className="quick-tool" role="dialog" aria-label="Find a tool" data-testid="quick-tool">
      <input
        autoFocus
        value={q}
        placeholder={`Find a tool among ${tools.length}…`}
        aria-label="Tool name"
        aria-controls="quick-tool-list"
        aria-activedescendant={matches[chosen] ? `quick-tool-${matches[chosen].index}` : undefined}
        onChange={(e) => {
          setQ(e.target.value);
          setAt(0);
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            e.preventDefault();
            setAt(Math.max(0, Math.min(matches.length - 1, chosen + (e.key === "ArrowDown" ? 1 : -1))));
          } else if (e.key === "Enter") {
            e.preventDefault();
            e.stopPropagation();
            if (matches[chosen]) onPick(matches[chosen].index);
          } else if (e.key === "Escape") {
            e.preventDefault();
            e.stopPropagation();
            onClose();
          }
        }}
        // Esc is taken by the editor's keys (it leaves the field): leaving the field closes the picker.
        onBlur={onClose}
        data-testid="quick-tool-input"
      />
      <ul id="quick-tool-list" role="listbox" aria-label="Matching tools">
        {matches.slice(0, 12).map(({ t, index }, i) => (
          <li
            key={t.id}
            id={`quick-tool-${index}`}
            role="option"
            aria-selected={i === chosen}
            className={i === chosen ? "is-on" : undefined}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onPick(index)}
          >
            <span className="mono">{t.name}</span> <span className="muted small">{t.description}</span>
          </li>
        ))}
        {matches.length === 0 ? <li className="muted small">No tool matches “{q}”.</li> : null}
        {matches.length > 12 ? <li className="muted small">+{matches.length - 12} more: type more of the name</li> : null}
      </ul>
    </div>
  );
}
