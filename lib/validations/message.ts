import { z } from "zod";
import { MAX_TEXT } from "@/lib/whatsapp/split-text";
import { templateValue } from "./inbox";

// A parameter may be given as a number ("order 42"); it is sent as its text.
const parameterValue = z
  .union([z.string(), z.number()], { error: "each parameter must be text or a number" })
  .transform(String)
  .pipe(templateValue);

/** The body of `POST /api/v1/messages`. */
export const sendMessageSchema = z
  .strictObject(
    {
      to: z
        .string({ error: "to must be a phone number, such as +254700123456" })
        .trim()
        .min(1, "to must be a phone number, such as +254700123456")
        .max(40, "to is too long for a phone number")
        .optional(),
      contactId: z.uuid({ error: "contactId must be a contact's id" }).optional(),
      text: z
        .string({ error: "text must be text" })
        .trim()
        .min(1, "text must not be empty")
        .max(MAX_TEXT, `text can be at most ${MAX_TEXT} characters`)
        .optional(),
      template: z
        .strictObject(
          {
            name: z.string({ error: "template.name is required" }).trim().min(1).max(512),
            language: z
              .string({ error: "template.language is required, such as en_US" })
              .trim()
              .min(1)
              .max(20),
            parameters: z
              .union([z.array(parameterValue).max(100), z.record(z.string(), parameterValue)], {
                error:
                  'parameters must be a list of values in order, or an object of values by name or number, such as {"first_name": "Ann"}',
              })
              .optional(),
          },
          { error: "template must be an object with name, language and parameters" },
        )
        .optional(),
    },
    { error: "The body must be a JSON object." },
  )
  .superRefine((v, ctx) => {
    if (Boolean(v.to) === Boolean(v.contactId)) {
      ctx.addIssue({
        code: "custom",
        message: "Give the recipient as either `to` (a phone number) or `contactId`, not both.",
      });
    }
    if ((v.text === undefined) === (v.template === undefined)) {
      ctx.addIssue({
        code: "custom",
        message: "Send either `text` or `template`, not both.",
      });
    }
  });

export type SendMessageBody = z.infer<typeof sendMessageSchema>;
