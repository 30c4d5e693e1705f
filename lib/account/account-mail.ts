import { type Smtp, sendMail } from "@/lib/email/send-mail";

export type Mail = { to: string; subject: string; text: string };
export type AccountMailDeps = { appUrl: string; smtp: Smtp | null };

export function passwordResetMail(p: { to: string; link: string }): Mail {
  return {
    to: p.to,
    subject: "Reset your Parley password",
    text: [
      "Someone asked to reset the password of your Parley account.",
      "",
      `Choose a new password: ${p.link}`,
      "",
      "The link works once and expires in 1 hour. Setting a new password signs you out everywhere.",
      "If you did not ask for this, ignore this e-mail: your password stays as it is.",
    ].join("\n"),
  };
}

export function verificationMail(p: { to: string; link: string }): Mail {
  return {
    to: p.to,
    subject: "Confirm your e-mail address for Parley",
    text: [
      "Welcome to Parley. Confirm that this is your e-mail address to start using your account:",
      "",
      p.link,
      "",
      "The link works once and expires in 24 hours. If you did not sign up, ignore this e-mail.",
    ].join("\n"),
  };
}

export function existingAccountMail(p: { to: string; appUrl: string }): Mail {
  return {
    to: p.to,
    subject: "You already have a Parley account",
    text: [
      "Someone, probably you, tried to create a Parley account with this e-mail address.",
      "You already have one, so nothing was created.",
      "",
      `Sign in: ${p.appUrl}/sign-in`,
      `Forgot your password? ${p.appUrl}/forgot-password`,
      "",
      "If this was not you, ignore this e-mail: your account has not changed.",
    ].join("\n"),
  };
}

/**
 * Sends one account e-mail. A failure is logged by its kind only: the address and the link
 * (which carries a token) never reach the log.
 */
export async function deliverAccountMail(smtp: Smtp, mail: Mail): Promise<boolean> {
  try {
    await sendMail(smtp, mail);
    return true;
  } catch (error) {
    const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
    console.warn("Account e-mail not sent", { subject: mail.subject, code, responseCode });
    return false;
  }
}
