// Writes prisma/<db>/schema.prisma from prisma/base.prisma, one per database provider.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";

const base = readFileSync(new URL("../prisma/base.prisma", import.meta.url), "utf8");
for (const [dir, provider] of [["sqlite", "sqlite"], ["postgres", "postgresql"]]) {
  const header = `// GENERATED from prisma/base.prisma by scripts/gen-schemas.mjs. Do not edit.
generator client {
  provider     = "prisma-client"
  output       = "../../generated/${dir}"
  engineType   = "client"
  moduleFormat = "esm"
}

datasource db {
  provider = "${provider}"
  url      = env("DATABASE_URL")
}
`;
  mkdirSync(new URL(`../prisma/${dir}/`, import.meta.url), { recursive: true });
  writeFileSync(new URL(`../prisma/${dir}/schema.prisma`, import.meta.url), header + "\n" + base);
}
