// A scratch folder for generated modules inside the repository (.tmp/ is git-ignored), so that
// TypeScript and Node resolve `zod` from the project's node_modules. Removed after the tests, so that
// the project's own typecheck and lint never see generated files.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../../..");

export function workdir(name: string) {
  const dir = path.join(ROOT, ".tmp", "codegen-test", `${name}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return {
    dir,
    root: ROOT,
    write(rel: string, text: string): string {
      const file = path.join(dir, rel);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
      return file;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Ajv warns about the corpus's unknown format "color" (which it then ignores, as it should); keep the output clean. */
export function quietUnknownFormats(): () => void {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === "string" && args[0].startsWith('unknown format "color"')) return;
    warn(...args);
  };
  return () => {
    console.warn = warn;
  };
}
