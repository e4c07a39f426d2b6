import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The worker and CLI share lib/ with the app; native and driver packages stay outside the bundle.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pg", "bullmq", "ioredis"],
  poweredByHeader: false,
  typedRoutes: false,
  // A share link's page is for the people it was sent to, not for search engines or other sites' logs
  // (its API answers carry the same headers: lib/server/share/http.ts).
  async headers() {
    return [
      {
        source: "/share/:token*",
        headers: [
          { key: "X-Robots-Tag", value: "noindex, nofollow" },
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "Cache-Control", value: "private, no-store" },
        ],
      },
    ];
  },
};

export default nextConfig;
