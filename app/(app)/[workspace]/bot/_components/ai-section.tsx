"use client";

import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { isVisionModel } from "@/lib/ai/vision";
import type { AiChoice } from "@/lib/bot/settings/ai-choices";
import type { ApiKeyState } from "@/lib/bot/settings/form-values";
import { AI_IMAGES, LIMITS, OWN_AI_KEY, TONES } from "@/lib/validations/bot-settings";
import { ApiKeyField } from "./api-key-field";
import { NumberInput, Section, TextArea, Toggle } from "./form-parts";
import type { FormValues, SectionProps } from "./use-settings-form";

const TONE_LABELS: Record<(typeof TONES)[number], string> = {
  friendly: "Friendly: warm and welcoming, like a helpful shop assistant",
  professional: "Professional: polite and businesslike",
  concise: "Concise: short and to the point",
  playful: "Playful: light-hearted, with the odd emoji",
};

type Props = SectionProps & {
  saved: FormValues;
  choices: AiChoice[];
  apiKey: ApiKeyState;
  defaultPrompt: string;
  businessName: string;
};

export function AiSection({
  values,
  set,
  errors,
  saved,
  choices,
  apiKey,
  defaultPrompt,
  businessName,
}: Props) {
  const own = values.aiProvider === OWN_AI_KEY;
  const chosen = choices.find((c) => c.name === values.aiProvider);
  const stale = !own && values.aiProvider !== "" && !chosen ? values.aiProvider : null;
  const keyWillGo = !own && saved.aiProvider === OWN_AI_KEY && apiKey.kind !== "none";
  // No provider on this server and no key of the workspace's own: AI cannot answer, whatever
  // the stored switch says, so the page does not show it on.
  const noAi = values.aiProvider === "" && choices.length === 0;

  const choose = (provider: string) => {
    set("aiProvider", provider);
    // A model or address belongs to one provider; going back restores what was saved.
    const back = provider === saved.aiProvider;
    set("aiModel", back ? saved.aiModel : "");
    set("aiBaseUrl", back ? saved.aiBaseUrl : "");
    set("aiApiKey", "");
  };

  return (
    <Section
      title="AI"
      description="When no FAQ entry matches, AI can write an answer from your FAQ and your instructions. Without AI, the bot sends your fallback message instead."
    >
      <Toggle
        name="aiEnabled"
        label="Answer with AI when the FAQ has no answer"
        description={
          noAi
            ? "Not available: no AI provider is set up. Choose “My own OpenAI-compatible key” below to use AI."
            : "Off: unmatched questions get the fallback message and are passed to your team."
        }
        checked={values.aiEnabled && !noAi}
        disabled={noAi}
        onChange={(v) => set("aiEnabled", v)}
        testId="ai-enabled"
      />
      {noAi && (
        <Notice tone="warning" testId="ai-no-provider">
          No AI provider is set up, so the bot answers from your FAQ. When no FAQ entry matches, it
          sends your fallback message and passes the conversation to your team. To use AI, add your
          own OpenAI-compatible key below.
        </Notice>
      )}
      <Field
        label="AI provider"
        name="aiProvider"
        error={errors.aiProvider}
        hint={
          keyWillGo
            ? "Your own API key will be removed when you save."
            : own
              ? "Any service that speaks the OpenAI chat API: OpenAI, Groq, OpenRouter, Together, Mistral, a self-hosted Ollama…"
              : noAi
                ? "No AI: the bot answers from your FAQ, otherwise with your fallback message, and passes the conversation to your team."
                : "This server's AI, already paid for by whoever runs it. If it fails, the server's other providers are tried."
        }
      >
        <Select
          name="aiProvider"
          value={values.aiProvider}
          onChange={(e) => choose(e.target.value)}
          invalid={errors.aiProvider !== undefined}
          data-testid="ai-provider"
        >
          {choices.length === 0 && <option value="">None</option>}
          {choices.length > 0 && (
            <optgroup label="Provided by this server">
              {choices.map((c, i) => (
                <option key={c.name} value={c.name}>
                  {`${c.name} · ${c.model}${i === 0 ? " (default)" : ""}`}
                </option>
              ))}
            </optgroup>
          )}
          {stale && <option value={stale}>{`${stale} (no longer on this server)`}</option>}
          <option value={OWN_AI_KEY}>My own OpenAI-compatible key</option>
        </Select>
      </Field>
      {keyWillGo && (
        <Button
          variant="secondary"
          size="sm"
          onClick={() => choose(OWN_AI_KEY)}
          data-testid="ai-api-key-undo"
        >
          Keep using my own key
        </Button>
      )}
      {own && (
        <Field
          label="API address (optional)"
          name="aiBaseUrl"
          error={errors.aiBaseUrl}
          hint="Leave empty for OpenAI. For other services, their OpenAI-compatible address, e.g. https://api.groq.com/openai/v1."
        >
          <Input
            name="aiBaseUrl"
            type="url"
            placeholder="https://api.openai.com/v1"
            value={values.aiBaseUrl}
            onChange={(e) => set("aiBaseUrl", e.target.value)}
            invalid={errors.aiBaseUrl !== undefined}
            data-testid="ai-base-url"
          />
        </Field>
      )}
      {values.aiProvider !== "" && (
        <Field
          label={own ? "Model" : "Model (optional)"}
          name="aiModel"
          error={errors.aiModel}
          hint={
            own
              ? "The model name exactly as your provider lists it."
              : `Leave empty for the provider's default${chosen ? ` (${chosen.model})` : ""}.`
          }
        >
          <Input
            name="aiModel"
            placeholder={own ? "e.g. gpt-4o-mini" : chosen?.model}
            value={values.aiModel}
            onChange={(e) => set("aiModel", e.target.value)}
            invalid={errors.aiModel !== undefined}
            data-testid="ai-model"
            className="font-mono"
          />
        </Field>
      )}
      {values.aiProvider !== "" && (
        <PhotosField
          value={values.aiImages}
          model={values.aiModel || chosen?.model || ""}
          onChange={(v) => set("aiImages", v)}
          error={errors.aiImages}
        />
      )}
      {own && (
        <ApiKeyField
          key={apiKey.kind === "stored" ? apiKey.masked : apiKey.kind}
          stored={apiKey}
          value={values.aiApiKey}
          onChange={(v) => set("aiApiKey", v)}
          onRemove={() => choose(choices[0]?.name ?? "")}
          error={errors.aiApiKey}
        />
      )}
      <Field
        label="Instructions for the AI (optional)"
        name="systemPrompt"
        error={errors.systemPrompt}
        hint={`What the AI should know and how it should behave: what you sell, where you are, what it must never promise. Leave empty for: “${defaultPrompt}”`}
      >
        <TextArea
          name="systemPrompt"
          rows={5}
          max={LIMITS.systemPrompt}
          placeholder={`You are the assistant of ${businessName}. We sell… We are at… Never promise…`}
          value={values.systemPrompt}
          onChange={(v) => set("systemPrompt", v)}
          invalid={errors.systemPrompt !== undefined}
          data-testid="system-prompt"
        />
      </Field>
      <div className="grid gap-5 sm:grid-cols-2">
        <Field label="Tone" name="tone" error={errors.tone} hint="How AI answers sound.">
          <Select
            name="tone"
            value={values.tone}
            onChange={(e) => set("tone", e.target.value as FormValues["tone"])}
            invalid={errors.tone !== undefined}
            data-testid="tone"
          >
            {!(TONES as readonly string[]).includes(values.tone) && (
              <option
                value={values.tone}
              >{`${values.tone} (choose one of the tones below)`}</option>
            )}
            {TONES.map((t) => (
              <option key={t} value={t}>
                {TONE_LABELS[t]}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label="Maximum answer length (characters)"
          name="maxReplyLength"
          error={errors.maxReplyLength}
          hint={`AI answers are kept under this, ${LIMITS.replyLength.min}–${LIMITS.replyLength.max.toLocaleString("en")}. About 300 is a short paragraph.`}
        >
          <NumberInput
            name="maxReplyLength"
            min={LIMITS.replyLength.min}
            max={LIMITS.replyLength.max}
            value={values.maxReplyLength}
            onChange={(v) => set("maxReplyLength", v)}
            invalid={errors.maxReplyLength !== undefined}
            testId="max-reply-length"
          />
        </Field>
      </div>
    </Section>
  );
}

const PHOTO_LABELS: Record<(typeof AI_IMAGES)[number], string> = {
  auto: "Automatic: send photos to models known to see images",
  on: "Send photos: this model accepts images",
  off: "Don't send photos to this model",
};

/** Whether customers' photos go to the chosen model, with what "automatic" means for it. */
function PhotosField(p: {
  value: FormValues["aiImages"];
  model: string;
  onChange: (v: FormValues["aiImages"]) => void;
  error: string | undefined;
}) {
  const named = p.model ? `${p.model} is` : "This model is";
  const auto = isVisionModel(p.model)
    ? `${named} known to see images, so customers' photos are sent to it and answered.`
    : `${named} not known to see images (GPT-4o, GPT-4.1, GPT-5 and o-series models are), so photos get your “can only read text” note and a person.`;
  return (
    <Field
      label="Customers' photos"
      name="aiImages"
      error={p.error}
      hint={
        p.value === "auto"
          ? auto
          : p.value === "on"
            ? "Photos are sent to the model with the customer's caption; choose this only if it accepts images."
            : "Photos are not sent to this model; another of the server's models that sees images may answer them."
      }
    >
      <Select
        name="aiImages"
        value={p.value}
        onChange={(e) => p.onChange(e.target.value as FormValues["aiImages"])}
        invalid={p.error !== undefined}
        data-testid="ai-images"
      >
        {AI_IMAGES.map((v) => (
          <option key={v} value={v}>
            {PHOTO_LABELS[v]}
          </option>
        ))}
      </Select>
    </Field>
  );
}
