import { Field, Input } from "@/components/ui/field";

export const PASSWORD_HINT = "At least 10 characters. A short sentence is easy to remember.";

/** The new-password input of sign-up, reset and change, with its repeat when `confirm` is set. */
export function NewPasswordFields({
  label = "Password",
  confirm = false,
  errors,
}: {
  label?: string;
  confirm?: boolean;
  errors: { password?: string | undefined; confirm?: string | undefined };
}) {
  return (
    <>
      <Field label={label} name="password" hint={PASSWORD_HINT} error={errors.password}>
        <Input
          name="password"
          type="password"
          autoComplete="new-password"
          invalid={!!errors.password}
        />
      </Field>
      {confirm && (
        <Field label={`${label} again`} name="confirm" error={errors.confirm}>
          <Input
            name="confirm"
            type="password"
            autoComplete="new-password"
            invalid={!!errors.confirm}
          />
        </Field>
      )}
    </>
  );
}
