import type { Role } from "@/db/queries/memberships";
import { type Smtp, sendMail } from "@/lib/email/send-mail";
import { ROLE_AS } from "./roles";

export type { Smtp };

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
 * in a job's stored event payload. sendMail's timeouts keep a dead mail server from hanging the form.
 */
export async function sendInvitationEmail(
  smtp: Smtp,
  p: { to: string; workspaceName: string; inviterName: string; role: Role; link: string },
): Promise<void> {
  await sendMail(smtp, {
    to: p.to,
    subject: `${p.inviterName} invited you to ${p.workspaceName} on Parley`,
    text: invitationEmailText(p),
  });
}
