// Better Auth answers failures in its own shape ({ code, message }, or an empty 404 for an unknown
// path). The API's clients expect every route's error as { error: { code, message } }.

/** `res` unchanged when it succeeded; otherwise the same status and headers with the API's error body. */
export async function inApiErrorShape(req: Request, res: Response): Promise<Response> {
  if (res.status < 400) return res;
  let body: { code?: unknown; message?: unknown } = {};
  try {
    body = JSON.parse(await res.clone().text());
  } catch {
    // an unknown path answers 404 with no body
  }
  const message =
    typeof body.message === "string" && body.message
      ? body.message
      : `no sign-in endpoint answers ${req.method} ${new URL(req.url).pathname}`;
  const code = typeof body.code === "string" ? body.code.toLowerCase() : res.status === 404 ? "not_found" : "auth_error";
  const headers = new Headers(res.headers);
  headers.set("content-type", "application/json");
  headers.delete("content-length");
  return new Response(JSON.stringify({ error: { code, message } }), { status: res.status, headers });
}
