"use client";

import { useRef } from "react";
import type { Issue } from "@/lib/schemas/common";
import { ITEM_TYPES, newRow, ROW_TYPES, rowCanHaveEnum, type ItemType, type RowType, type SchemaRow } from "@/lib/forms/schema-rows";

interface Props {
  rows: SchemaRow[];
  setRows: (rows: SchemaRow[]) => void;
  additional: boolean;
  setAdditional: (v: boolean) => void;
  issues: Issue[];
}

/** One row per argument: name, type, description, required, allowed values or array item type. */
export function ParametersRows({ rows, setRows, additional, setAdditional, issues }: Props) {
  const nextKey = useRef(0);
  const patch = (i: number, change: Partial<SchemaRow>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...change } : r)));
  const issueFor = (i: number, field: string) => issues.filter((x) => x.path === `rows.${i}.${field}`).map((x) => x.message);

  function add() {
    nextKey.current += 1;
    setRows([...rows, newRow(`new-${nextKey.current}`)]);
    requestAnimationFrame(() => document.getElementById(`row-name-${rows.length}`)?.focus());
  }

  return (
    <div className="rows-editor">
      {rows.length === 0 ? <p className="muted small">No arguments: the tool is called with an empty object.</p> : null}
      {rows.length > 0 ? (
        <table className="table table-form">
          <thead>
            <tr>
              <th scope="col">Argument</th>
              <th scope="col">Type</th>
              <th scope="col">Description</th>
              <th scope="col" className="center">
                Required
              </th>
              <th scope="col">Allowed values / items</th>
              <th scope="col">
                <span className="sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              const nameErr = issueFor(i, "name");
              const enumErr = issueFor(i, "enum");
              const label = r.name || `argument ${i + 1}`;
              return (
                <tr key={r.key}>
                  <td>
                    <input
                      id={`row-name-${i}`}
                      className="mono"
                      value={r.name}
                      onChange={(e) => patch(i, { name: e.target.value })}
                      aria-label={`Name of argument ${i + 1}`}
                      aria-invalid={nameErr.length ? true : undefined}
                      placeholder="name"
                      spellCheck={false}
                      data-testid={`row-name-${i}`}
                    />
                    {nameErr.map((m) => (
                      <p key={m} className="field-error">
                        {m}
                      </p>
                    ))}
                  </td>
                  <td>
                    <select value={r.type} onChange={(e) => patch(i, { type: e.target.value as RowType })} aria-label={`Type of ${label}`} data-testid={`row-type-${i}`}>
                      {ROW_TYPES.map((t) => (
                        <option key={t}>{t}</option>
                      ))}
                    </select>
                  </td>
                  <td className="grow-cell">
                    <input value={r.description} onChange={(e) => patch(i, { description: e.target.value })} aria-label={`Description of ${label}`} placeholder="what the value means" />
                  </td>
                  <td className="center">
                    <input type="checkbox" checked={r.required} onChange={(e) => patch(i, { required: e.target.checked })} aria-label={`${label} is required`} />
                  </td>
                  <td>
                    {rowCanHaveEnum(r.type) ? (
                      <>
                        <input
                          value={r.enumText}
                          onChange={(e) => patch(i, { enumText: e.target.value })}
                          aria-label={`Allowed values of ${label}, comma separated`}
                          placeholder="any (or a, b, c)"
                          aria-invalid={enumErr.length ? true : undefined}
                        />
                        {enumErr.map((m) => (
                          <p key={m} className="field-error">
                            {m}
                          </p>
                        ))}
                      </>
                    ) : r.type === "array" ? (
                      <select value={r.itemType} onChange={(e) => patch(i, { itemType: e.target.value as ItemType })} aria-label={`Item type of ${label}`}>
                        {ITEM_TYPES.map((t) => (
                          <option key={t} value={t}>
                            {t === "" ? "items: any" : `items: ${t}`}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <span className="muted small">—</span>
                    )}
                  </td>
                  <td>
                    <button type="button" className="btn btn-icon" onClick={() => setRows(rows.filter((_, j) => j !== i))} aria-label={`Remove ${label}`}>
                      ✕
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      <div className="row">
        <button type="button" className="btn btn-sm" onClick={add} data-testid="add-argument">
          + Add argument
        </button>
        <label className="check small">
          <input type="checkbox" checked={!additional} onChange={(e) => setAdditional(!e.target.checked)} />
          Reject arguments not listed here (<code>additionalProperties: false</code>)
        </label>
      </div>
    </div>
  );
}
