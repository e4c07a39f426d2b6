// adapter-pg 6.19.3 cannot read pg columns of type "char" (OID 18) and name (OID 19), which the
// migration engine's catalogue queries return (prisma/orm#27403). Map both to text. Idempotent.
import { readFileSync, writeFileSync, existsSync } from "node:fs";

const files = ["node_modules/@prisma/adapter-pg/dist/index.js", "node_modules/@prisma/adapter-pg/dist/index.mjs"];
for (const f of files) {
  if (!existsSync(f)) continue;
  const s = readFileSync(f, "utf8");
  if (s.includes("    case 18:\n    case 19:\n")) continue;
  const out = s.replace(/(    case ScalarColumnType\.XML:\n)/, "$1    case 18:\n    case 19:\n");
  if (out === s) throw new Error("adapter-pg patch anchor not found in " + f);
  writeFileSync(f, out);
}
