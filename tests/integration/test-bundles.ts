// The CLI and the worker as single CommonJS files, for the integration tests to start with plain
// `node`. tsx compiles and links some hundreds of modules at every start (about 1.5 s of CPU);
// a bundle loads in about a third of that, and the CLI and worker tests start these processes
// dozens of times per run. Same sources and the same compiler (tsx's own esbuild); packages stay
// in node_modules, loaded as Node loads them.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export const ENTRIES = { cli: "cli/main.ts", worker: "workers/main.ts" } as const;

/** Where globalSetup wrote a bundle: under the run's data directory, inside the checkout so node_modules resolves. */
export function bundlePath(name: keyof typeof ENTRIES, dataDir = process.env.TOOLTUNE_DATA_DIR ?? "data"): string {
  return path.resolve(dataDir, "test-bin", `${name}.cjs`);
}

export async function buildTestBundles(outDir: string): Promise<void> {
  // esbuild comes with tsx (a dependency); resolving it through tsx finds the copy tsx uses.
  const esbuild = createRequire(createRequire(import.meta.url).resolve("tsx/package.json"))("esbuild") as typeof import("esbuild");
  mkdirSync(outDir, { recursive: true });
  await Promise.all(
    Object.entries(ENTRIES).map(async ([name, entry]) => {
      const r = await esbuild.build({
        entryPoints: [entry],
        bundle: true,
        platform: "node",
        format: "cjs",
        target: "node20",
        packages: "external",
        // The generated Prisma clients read import.meta.url; in a CommonJS file it is the file's own URL.
        define: { "import.meta.url": "__bundle_url" },
        banner: { js: 'const __bundle_url = require("node:url").pathToFileURL(__filename).href;' },
        write: false,
        logLevel: "error",
      });
      // Written under another name and renamed: a process starting meanwhile never reads half a file.
      const file = path.join(outDir, `${name}.cjs`);
      writeFileSync(`${file}.${process.pid}`, r.outputFiles[0].contents);
      renameSync(`${file}.${process.pid}`, file);
    }),
  );
}
