import nodemailer from "nodemailer";

export type Smtp = { url: string; from: string };

/** One plain-text e-mail through the configured server, with timeouts so a dead server fails fast. */
export async function sendMail(
  smtp: Smtp,
  mail: { to: string | string[]; subject: string; text: string },
) {
  await nodemailer
    .createTransport({
      url: smtp.url,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 15_000,
    })
    .sendMail({ from: smtp.from, ...mail });
}
