import type { OutputStyle } from "@/lib/schemas/common";

export const OUTPUT_STYLE_LABELS: Record<OutputStyle, { title: string; hint: string }> = {
  router_json: {
    title: "Router JSON (router_json)",
    hint: 'The model answers with one JSON object: {"tool": …, "arguments": …} or {"tool": "no_tool", "reason": …}. Works with any chat model.',
  },
  native_tools: {
    title: "Native tool calls (native_tools)",
    hint: "The model uses the chat template's own tool-calling format, and answers in plain text when no tool applies.",
  },
};
