import { signIn } from "@/lib/auth/next-auth";

type Props = { facebook: boolean; google: boolean; next: string };

/** Facebook and Google sign-in, shown only when the operator configured them. */
export function OAuthButtons({ facebook, google, next }: Props) {
  if (!facebook && !google) return null;
  const providers = [
    ...(facebook ? [{ id: "facebook", label: "Continue with Facebook" }] : []),
    ...(google ? [{ id: "google", label: "Continue with Google" }] : []),
  ];
  return (
    <div className="space-y-2">
      {providers.map((p) => (
        <form
          key={p.id}
          action={async () => {
            "use server";
            await signIn(p.id, { redirectTo: next });
          }}
        >
          <button
            type="submit"
            className="w-full rounded-lg border border-zinc-300 bg-white px-4 py-2 text-sm font-medium hover:bg-zinc-50"
          >
            {p.label}
          </button>
        </form>
      ))}
      <p className="py-2 text-center text-xs text-zinc-500">or with your e-mail</p>
    </div>
  );
}
