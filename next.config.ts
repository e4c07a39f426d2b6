import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The worker and CLI share lib/ with the app; native and driver packages stay outside the bundle.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pg", "bullmq", "ioredis"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
