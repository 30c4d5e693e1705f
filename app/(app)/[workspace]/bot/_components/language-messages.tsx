"use client";

import { useState } from "react";
import { Field, Select } from "@/components/ui/field";
import { LANGUAGE_CODES, LANGUAGES, type Language } from "@/lib/bot/languages";
import {
  ownerText,
  SYSTEM_MESSAGE_KINDS,
  SYSTEM_MESSAGE_LABELS,
  type SystemMessageKind,
  systemMessage,
} from "@/lib/bot/system-messages";
import { MAX_TEXT } from "@/lib/whatsapp/split-text";
import { TextArea } from "./form-parts";
import type { SectionProps } from "./use-settings-form";

/** The bot's own messages in one language at a time, Parley's wording shown where none is set. */
export function LanguageMessages({ values, set, errors }: SectionProps) {
  const [language, setLanguage] = useState<Language>(values.defaultLanguage as Language);
  const own = values.systemMessages?.[language] ?? {};
  const edited = LANGUAGE_CODES.filter((l) =>
    Object.values(values.systemMessages?.[l] ?? {}).some((t) => t?.trim()),
  );
  // What the bot sends when the box is empty: the general setting or Parley's wording.
  const unset = { ...values, defaultLanguage: values.defaultLanguage, systemMessages: null };
  const change = (kind: SystemMessageKind, text: string) =>
    set("systemMessages", {
      ...values.systemMessages,
      [language]: { ...own, [kind]: text },
    });
  return (
    <details className="rounded-lg border border-zinc-200 p-4" data-testid="language-messages">
      <summary className="cursor-pointer text-sm font-medium text-zinc-800">
        The bot's messages in each language
        <span className="ml-2 font-normal text-zinc-500">
          {edited.length === 0
            ? "(Parley's wording in all 11 languages)"
            : `(your wording in ${edited.map((l) => LANGUAGES[l]).join(", ")})`}
        </span>
      </summary>
      <p className="mt-2 text-xs text-zinc-500">
        The bot replies in the language each customer writes in. Grey text is what it sends when you
        leave a box empty; write your own to replace it in that language.
      </p>
      <p className="mt-1 text-xs text-zinc-500" data-testid="language-messages-own">
        A welcome, fallback or away message you wrote above goes to customers in every language you
        leave empty, translated by the AI when AI answers are on and as you wrote it otherwise;
        Parley&apos;s wording is used only where you wrote none.
      </p>
      <div className="mt-4 space-y-4">
        <Field label="Language" name="messages-language">
          <Select
            name="messages-language"
            value={language}
            onChange={(e) => setLanguage(e.target.value as Language)}
            data-testid="messages-language"
            className="max-w-xs"
          >
            {LANGUAGE_CODES.map((l) => (
              <option key={l} value={l}>
                {LANGUAGES[l]}
              </option>
            ))}
          </Select>
        </Field>
        {SYSTEM_MESSAGE_KINDS.map((kind) => {
          const name = `systemMessages.${language}.${kind}`;
          // The welcome, "no answer" and away messages fall back to the owner's wording above.
          const general = ownerText(values, kind) !== null;
          return (
            <Field
              key={name}
              label={SYSTEM_MESSAGE_LABELS[kind]}
              name={name}
              error={errors[name]}
              {...(general && {
                hint:
                  language === values.defaultLanguage
                    ? "Empty: your message set above is used."
                    : "Empty: your message set above is used, translated when AI answers are on.",
              })}
            >
              <TextArea
                name={name}
                rows={2}
                max={MAX_TEXT}
                placeholder={systemMessage(unset, kind, language)}
                value={own[kind] ?? ""}
                onChange={(v) => change(kind, v)}
                invalid={errors[name] !== undefined}
                dir={language === "ar" ? "rtl" : undefined}
                data-testid={`message-${kind}`}
              />
            </Field>
          );
        })}
      </div>
    </details>
  );
}
