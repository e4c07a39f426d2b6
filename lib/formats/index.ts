// The dataset format library: readers and writers for OpenAI, TRL, ShareGPT, router and BFCL files,
// format detection and streaming record splitters. Pure (no file or network access, no Prisma):
// usable in the browser, the server, the worker and the CLI.
export * from "./types";
export * as openai from "./openai";
export * as trl from "./trl";
export * as sharegpt from "./sharegpt";
export * as router from "./router";
export * as bfcl from "./bfcl";
export { FORMATS, detectFormat, type Detection, type FormatSpec } from "./detect";
export { splitJsonl, splitJsonArray, sniffFileKind, maxRecordBytes, JsonStreamError, type RawRecord } from "./json-stream";
export { decodeRouterJson, encodeRouterJson, NO_TOOL } from "./router-json";
export { callId, withCallIds } from "./links";
export { FormatWriteError } from "./util";
export type { OpenAILine, OpenAIWriteOptions } from "./openai";
export type { TrlLine } from "./trl";
export type { ShareGptLine } from "./sharegpt";
export type { AnswerResult } from "./bfcl";
