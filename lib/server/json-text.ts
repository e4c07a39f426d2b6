// JSON columns are stored as text so that key order survives on PostgreSQL too (see prisma/base.prisma).
export function jsonText(value: unknown): string {
  return JSON.stringify(value);
}

export function parseJsonText<T = unknown>(text: string): T {
  return JSON.parse(text) as T;
}
