import { z } from "zod";

export const email = z
  .string()
  .trim()
  .min(1, "Enter your e-mail address.")
  .max(254, "This e-mail address is too long.")
  .pipe(z.email("Enter a valid e-mail address."));

export const signInSchema = z.object({
  email,
  password: z.string().min(1, "Enter your password.").max(200, "This password is too long."),
});

export const newPassword = z
  .string()
  .min(10, "Use at least 10 characters.")
  .max(200, "Use at most 200 characters.")
  .refine((p) => new Set(p).size >= 5, "Use a less repetitive password.");

export const workspaceName = z
  .string()
  .trim()
  .min(2, "Enter at least 2 characters.")
  .max(80, "Use at most 80 characters.");

export const signUpSchema = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(80, "Use at most 80 characters."),
  email,
  password: newPassword,
  // Absent when the person signs up to accept an invitation.
  workspaceName: workspaceName.optional(),
});

const BASE = "http://parley.invalid";

/** Only same-site paths may be redirected to after sign-in: resolved, then checked. */
export function safeNextPath(value: unknown): string | null {
  if (typeof value !== "string" || !value.startsWith("/") || /[\\\s]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE || url.pathname.startsWith("//")) return null;
  return `${url.pathname}${url.search}`;
}

/** A text field of a submitted form; files and missing fields read as "". */
export function formText(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
}
