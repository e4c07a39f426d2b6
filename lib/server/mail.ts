// Mail, only where SMTP is configured (TOOLTUNE_SMTP_URL, e.g. smtps://user:pass@mail.example.com:465
// or smtp://mail.lan:25). Nodemailer does the protocol. Nothing here is required: without SMTP the
// admin copies an invite link, and with it a failed send is reported, never fatal.
import { createTransport } from "nodemailer";
import { publicUrl } from "./auth/config";

export const SMTP_URL_ENV = "TOOLTUNE_SMTP_URL";
export const MAIL_FROM_ENV = "TOOLTUNE_MAIL_FROM";

export function mailConfigured(): boolean {
  return Boolean(process.env[SMTP_URL_ENV]?.trim());
}

/** The sender: TOOLTUNE_MAIL_FROM, else "ToolTune <tooltune@HOST>" on the public address's host. */
function sender(): string {
  return process.env[MAIL_FROM_ENV]?.trim() || `ToolTune <tooltune@${new URL(publicUrl()).hostname}>`;
}

/** A send's outcome, as the person who asked for it sees it. */
export type MailOutcome = { sent: true; to: string } | { sent: false; to: string; error: string };

/** Sends a plain-text message; resolves with the outcome (a refused or unreachable server is an outcome, not a throw). */
export async function sendMail(message: { to: string; subject: string; text: string }): Promise<MailOutcome> {
  const url = process.env[SMTP_URL_ENV]?.trim();
  if (!url) return { sent: false, to: message.to, error: "no mail server is configured (TOOLTUNE_SMTP_URL)" };
  // A slow or silent server must not hold the request that asked for the mail.
  const transport = createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 }, { from: sender() });
  try {
    await transport.sendMail({ ...message });
    return { sent: true, to: message.to };
  } catch (e) {
    const err = e as Error & { response?: string };
    return { sent: false, to: message.to, error: (err.response ?? err.message).slice(0, 300) };
  } finally {
    transport.close();
  }
}
