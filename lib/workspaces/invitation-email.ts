import nodemailer from "nodemailer";
import type { Role } from "@/db/queries/memberships";
import type { Env } from "@/lib/env";
import { ROLE_AS } from "./roles";

export type Smtp = NonNullable<Env["smtp"]>;

export function invitationEmailText(p: {
  workspaceName: string;
  inviterName: string;
  role: Role;
  link: string;
}): string {
  return [
    `${p.inviterName} invited you to join ${p.workspaceName} on Parley as ${ROLE_AS[p.role]}.`,
    "",
    `Accept the invitation: ${p.link}`,
    "",
    "The link works once and expires in 7 days. If you did not expect this, ignore this e-mail.",
  ].join("\n");
}

/**
 * Sent while the inviter waits, not from a job: the link carries the token, which must not sit
 * in a job's stored event payload. Short timeouts keep a dead mail server from hanging the form.
 */
export async function sendInvitationEmail(
  smtp: Smtp,
  p: { to: string; workspaceName: string; inviterName: string; role: Role; link: string },
): Promise<void> {
  await nodemailer
    .createTransport({
      url: smtp.url,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 15_000,
    })
    .sendMail({
      from: smtp.from,
      to: p.to,
      subject: `${p.inviterName} invited you to ${p.workspaceName} on Parley`,
      text: invitationEmailText(p),
    });
}
