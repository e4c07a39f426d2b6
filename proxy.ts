// Runs before every request (Next 16's Proxy, formerly middleware): refuses a Host that is not this
// app's address (DNS rebinding) and a state-changing request from another site (CSRF), and puts the
// security headers, with a fresh CSP nonce, on every response. The rules live in lib/server/net.
import { NextResponse, type NextRequest } from "next/server";
import { checkRequest, guardConfig, type GuardConfig, type Refusal } from "@/lib/server/net/request-guard";
import { makeNonce, securityHeaders } from "@/lib/server/net/security-headers";
import { PATH_HEADER } from "@/lib/schemas/auth";

let config: GuardConfig | undefined;

export function proxy(request: NextRequest) {
  // Read at the first request: next start has set PORT by then.
  config ??= guardConfig({
    TOOLTUNE_URL: process.env.TOOLTUNE_URL,
    TOOLTUNE_ALLOWED_ORIGINS: process.env.TOOLTUNE_ALLOWED_ORIGINS,
    PORT: process.env.PORT,
  });
  const nonce = makeNonce();
  const headers = securityHeaders({ nonce, https: config.https, dev: process.env.NODE_ENV === "development" });
  const refusal = checkRequest(
    {
      method: request.method,
      host: request.headers.get("host"),
      origin: request.headers.get("origin"),
      secFetchSite: request.headers.get("sec-fetch-site"),
    },
    config,
  );
  const response = refusal ? refuse(refusal, request.nextUrl.pathname) : pass(request, headers);
  for (const [name, value] of headers) response.headers.set(name, value);
  return response;
}

/** Next reads the nonce for its own scripts from the request's Content-Security-Policy header. */
function pass(request: NextRequest, headers: [string, string][]) {
  const forwarded = new Headers(request.headers);
  forwarded.set("content-security-policy", new Headers(headers).get("content-security-policy") ?? "");
  // The page asked for, so a sign-in redirect from a server component can come back to it. Set
  // here on every request: a value the client sent is always replaced.
  forwarded.set(PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers: forwarded } });
}

function refuse(refusal: Refusal, pathname: string) {
  if (pathname === "/api" || pathname.startsWith("/api/")) {
    return NextResponse.json({ error: { code: refusal.code, message: refusal.message } }, { status: refusal.status });
  }
  return new NextResponse(`ToolTune refused this request: ${refusal.message}\n`, {
    status: refusal.status,
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
}
