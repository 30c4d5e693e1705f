import { z } from "zod";
import { MAX_MAX_PAGES, MAX_PASTED_CHARS, RESYNC_CHOICES } from "@/lib/knowledge/limits";

export const knowledgeTextSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, "Give the text a title, so you can tell it apart later")
    .max(200, "Keep the title under 200 characters"),
  text: z
    .string()
    .trim()
    .min(1, "Paste the text the bot may answer from")
    .max(MAX_PASTED_CHARS, `Paste at most ${MAX_PASTED_CHARS.toLocaleString("en-US")} characters`),
});

export const knowledgeWebsiteSchema = z.object({
  url: z
    .string()
    .trim()
    .min(1, "Enter the website's address")
    .transform((value) => (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`))
    .pipe(
      z.url({
        protocol: /^https?$/,
        hostname: z.regexes.hostname,
        error: "Enter a website address such as https://example.com",
      }),
    ),
  maxPages: z.coerce
    .number()
    .int("Enter a whole number of pages")
    .min(1, "Read at least 1 page")
    .max(MAX_MAX_PAGES, `Read at most ${MAX_MAX_PAGES} pages`)
    .optional(),
  resyncHours: z
    .union([z.literal(RESYNC_CHOICES[0]), z.literal(RESYNC_CHOICES[1]), z.null()])
    .optional(),
});

export const knowledgeSourceIdSchema = z.object({ id: z.uuid() });

export type KnowledgeTextInput = z.infer<typeof knowledgeTextSchema>;
export type KnowledgeWebsiteInput = z.infer<typeof knowledgeWebsiteSchema>;
