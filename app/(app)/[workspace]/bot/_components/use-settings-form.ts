"use client";

import { useMutation } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import type { ApiKeyState, BotSettingsView } from "@/lib/bot/settings/form-values";
import {
  type BotSettingsFormInput,
  botSettingsFormSchema,
  fieldErrorsOf,
  ownKeyProblem,
} from "@/lib/validations/bot-settings";
import { saveBotSettingsAction } from "../actions";

export type FormValues = BotSettingsFormInput;
export type SetField = <K extends keyof FormValues>(key: K, value: FormValues[K]) => void;
export type FieldErrors = Record<string, string>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const withoutField = (errors: FieldErrors, key: string) =>
  Object.fromEntries(
    Object.entries(errors).filter(([path]) => path !== key && !path.startsWith(`${key}.`)),
  );

/**
 * The form's values against the last saved ones. A refused or failed save leaves the values as
 * typed; a successful one takes the server's tidied values, unless the owner typed on meanwhile.
 */
export function useSettingsForm(slug: string, initial: BotSettingsView) {
  const [values, setValues] = useState(initial.values);
  const [saved, setSaved] = useState(initial.values);
  const [apiKey, setApiKey] = useState<ApiKeyState>(initial.apiKey);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [refused, setRefused] = useState(0);
  const dirty = !same(values, saved);

  const mutation = useMutation({
    mutationFn: (input: FormValues) => saveBotSettingsAction(slug, input),
    onSuccess: (result, submitted) => {
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        setProblem(result.message);
        setRefused((n) => n + 1);
        return;
      }
      const { view } = result.data;
      setSaved(view.values);
      setApiKey(view.apiKey);
      // Typing on during the save keeps the typing, on top of the version just saved.
      setValues((current) =>
        same(current, submitted) ? view.values : { ...current, version: view.values.version },
      );
      setErrors({});
      setProblem(null);
    },
    onError: () =>
      setProblem(
        "The settings could not be saved: the server did not answer. Your changes are still here; try again.",
      ),
  });

  // After a refusal, the first field in error is brought into view.
  useEffect(() => {
    if (refused === 0) return;
    document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [refused]);

  const set: SetField = useCallback((key, value) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => withoutField(e, key));
  }, []);

  const submit = () => {
    const parsed = botSettingsFormSchema.safeParse(values);
    const found: FieldErrors = parsed.success ? {} : fieldErrorsOf(parsed.error);
    const keyProblem = ownKeyProblem(values, apiKey.kind === "stored");
    if (keyProblem) found.aiApiKey ??= keyProblem;
    if (Object.keys(found).length > 0) {
      setErrors(found);
      setProblem("Please correct the highlighted fields.");
      setRefused((n) => n + 1);
      return;
    }
    setProblem(null);
    mutation.mutate(values);
  };

  const discard = () => {
    setValues(saved);
    setErrors({});
    setProblem(null);
  };

  return {
    values,
    saved,
    set,
    errors,
    apiKey,
    dirty,
    submit,
    discard,
    pending: mutation.isPending,
    problem,
    justSaved: !dirty && mutation.isSuccess && mutation.data.ok,
  };
}

/** What every section of the form receives. */
export type SectionProps = { values: FormValues; set: SetField; errors: FieldErrors };
