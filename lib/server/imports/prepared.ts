// What the analysis judged, line by line, kept beside the upload so that the commit does not parse
// and judge the whole file again (that was a third of an import's time). The file starts with a
// fingerprint of everything a verdict depends on (the catalogue as the plan makes it, the project's
// validation settings, the file itself, this code's version); the commit uses it only when its own
// fingerprint is the same, and otherwise reads and judges the upload as before.
import { createHash } from "node:crypto";
import { closeSync, createReadStream, createWriteStream, existsSync, openSync, statSync, writeSync, type WriteStream } from "node:fs";
import { once } from "node:events";
import type { RecordError } from "../../formats/types";
import { splitJsonl } from "../../formats";
import { canonicalJson } from "../../datasets/tool-plan";
import type { ValidationContext } from "../../validation/example";
import { DERIVED_VERSION, deriveColumns, type DerivedColumns } from "../examples/derive";
import type { AcceptedRecord } from "./verdict";

/** Bump when what a prepared line holds, or how records are judged, changes. */
const PREPARED_VERSION = 2;

/** One judged record, as the commit needs it. */
export type PreparedRecord =
  | {
      ok: true;
      line: number;
      system: string | undefined;
      /** JSON text of the gold answers, or null. */
      gold: string | null;
      messagesText: string;
      exactHash: string;
      /** JSON text of the issues it lands with (only "needs a reason" ones); "[]" when none. */
      issuesText: string;
      derived: DerivedColumns;
    }
  | { ok: false; error: RecordError };

export function prepare(v: AcceptedRecord): PreparedRecord {
  const { record } = v;
  return {
    ok: true,
    line: record.line,
    system: record.example.system,
    gold: record.gold ? JSON.stringify(record.gold) : null,
    messagesText: v.messagesText,
    exactHash: v.exactHash,
    issuesText: JSON.stringify(v.issues),
    derived: v.derived,
  };
}

/** The fingerprint of a verdict's inputs: the file (size, mtime), the answers file, the format and the validation context. */
export function verdictFingerprint(job: { filePath: string; answersPath: string | null; format: string }, ctx: ValidationContext): string {
  const stamp = (p: string | null) => {
    if (!p || !existsSync(p)) return null;
    const st = statSync(p);
    return [st.size, st.mtimeMs];
  };
  const tools = [...ctx.tools].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((t) => ({ name: t.name, archived: t.archived, parameters: t.parameters }));
  const input = canonicalJson({
    v: PREPARED_VERSION,
    derived: DERIVED_VERSION,
    format: job.format,
    file: stamp(job.filePath),
    answers: stamp(job.answersPath),
    parallelToolCalls: ctx.parallelToolCalls,
    outputStyle: ctx.outputStyle ?? null,
    tools,
  });
  return createHash("sha256").update(input).digest("hex");
}

/** The derived columns in the order a prepared line lists them. */
const DERIVED_KEYS = Object.keys(deriveColumns([])) as (keyof DerivedColumns)[];

const FINGERPRINT_AT = '{"fingerprint":"'.length;
const UNSEALED = "0".repeat(64);

/**
 * Writes prepared records: a header line with the fingerprint, then one JSON array per record. The
 * fingerprint is known only once the whole file is read, so the header starts with zeros (matching
 * nothing) and `seal` writes it in place at the end.
 */
export class PreparedWriter {
  private readonly out: WriteStream;
  private buffer: string;

  constructor(readonly path: string) {
    this.out = createWriteStream(path);
    this.buffer = JSON.stringify({ fingerprint: UNSEALED, keys: DERIVED_KEYS }) + "\n";
  }

  async add(r: PreparedRecord): Promise<void> {
    if (!r.ok) this.buffer += JSON.stringify([r.error.line, 0, r.error.kind, r.error.reason]) + "\n";
    else {
      const d = r.derived;
      // The messages text is JSON already (no raw line breaks): it follows on its own line, as is, so
      // it is neither escaped here nor unescaped by the commit.
      this.buffer += JSON.stringify([r.line, 1, r.system ?? null, r.gold, r.exactHash, r.issuesText, ...DERIVED_KEYS.map((k) => d[k])]) + "\n" + r.messagesText + "\n";
    }
    if (this.buffer.length >= 256 * 1024) await this.flush();
  }

  private async flush() {
    if (this.buffer === "") return;
    const ok = this.out.write(this.buffer);
    this.buffer = "";
    if (!ok) await once(this.out, "drain");
  }

  async end(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => this.out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  }

  /** Marks the finished file as judged for `fingerprint` (a sha256 hex digest). */
  seal(fingerprint: string): void {
    if (!/^[0-9a-f]{64}$/.test(fingerprint)) throw new Error(`prepared records: ${JSON.stringify(fingerprint)} is not a fingerprint`);
    const fd = openSync(this.path, "r+");
    try {
      writeSync(fd, fingerprint, FINGERPRINT_AT, "utf8");
    } finally {
      closeSync(fd);
    }
  }
}

/**
 * The prepared records, when the file exists and was written for this fingerprint; else null.
 * A line that cannot be read back throws (the file is ToolTune's own: it is damaged, not the upload).
 */
export async function openPrepared(path: string, fingerprint: string): Promise<AsyncGenerator<PreparedRecord> | null> {
  if (!existsSync(path)) return null;
  // No record limit: these lines are ToolTune's own, each about the size of a record that passed it.
  const lines = splitJsonl(createReadStream(path), Number.MAX_SAFE_INTEGER);
  const first = await lines.next();
  if (first.done) return null;
  let header: { fingerprint?: string; keys?: (keyof DerivedColumns)[] };
  try {
    header = JSON.parse(first.value.text);
  } catch {
    await lines.return(undefined);
    return null;
  }
  if (header.fingerprint !== fingerprint || !Array.isArray(header.keys)) {
    await lines.return(undefined);
    return null;
  }
  const keys = header.keys;
  return (async function* () {
    for (let next = await lines.next(); !next.done; next = await lines.next()) {
      const { text, line } = next.value;
      const a = JSON.parse(text) as unknown[];
      if (!Array.isArray(a)) throw new Error(`${path} line ${line} is damaged; analyse the import again`);
      if (a[1] === 0) {
        yield { ok: false, error: { line: a[0] as number, kind: a[2] as string, reason: a[3] as string } };
        continue;
      }
      const messages = await lines.next();
      if (messages.done) throw new Error(`${path} ends inside a record; analyse the import again`);
      const derived = {} as Record<string, unknown>;
      for (let i = 0; i < keys.length; i++) derived[keys[i]] = a[6 + i];
      yield {
        ok: true,
        line: a[0] as number,
        system: (a[2] as string | null) ?? undefined,
        gold: a[3] as string | null,
        messagesText: messages.value.text,
        exactHash: a[4] as string,
        issuesText: a[5] as string,
        derived: derived as unknown as DerivedColumns,
      };
    }
  })();
}
