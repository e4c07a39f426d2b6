// The shared shapes of the dataset format library: every reader turns one record of a file into a
// ParsedRecord or a RecordError; every writer turns an example back into one line of its format.
import type { Message } from "../schemas/example";

export const FORMAT_IDS = ["openai", "trl", "sharegpt", "router", "bfcl"] as const;
export type FormatId = (typeof FORMAT_IDS)[number];

/** A tool as files describe it (OpenAI function shape, flattened). */
export interface ToolDef {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/** One conversation as ToolTune stores it: the system prompt (when the file had one) and the turns after it. */
export interface ExampleRecord {
  system?: string;
  messages: Message[];
}

export interface ParsedRecord {
  /** 1-based line number in the file (for JSON-array files: the element's index + 1). */
  line: number;
  example: ExampleRecord;
  /** Tools the record declares (OpenAI `tools`/`functions`, ShareGPT `tools` string, ...). */
  tools: ToolDef[];
  /** For gold sets (BFCL): acceptable values per argument, per call of the final decision. */
  gold?: GoldAnswer[];
}

/** BFCL's possible_answer: for each call, each argument's acceptable values ("" means it may be omitted). */
export interface GoldAnswer {
  name: string;
  arguments: Record<string, unknown[]>;
}

export interface RecordError {
  line: number;
  /** Short machine-readable kind: bad_json, unknown_shape, bad_arguments, double_encoded_arguments, orphan_tool_reply, ... */
  kind: string;
  /** What is wrong and where, for a person: 'messages[3].tool_calls[0].function.arguments is not valid JSON: ...'. */
  reason: string;
}

export type RecordResult = { ok: true; value: ParsedRecord } | { ok: false; error: RecordError };
