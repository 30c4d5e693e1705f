import Link from "next/link";
import { signOutAction } from "@/app/(auth)/actions";

type Props = { name: string; email: string | null };

export function UserMenu({ name, email }: Props) {
  return (
    <div className="flex items-center gap-3 text-sm">
      <span className="hidden text-right 2xl:block">
        <span className="block font-medium text-zinc-800">{name}</span>
        {email && email !== name && <span className="block text-xs text-zinc-500">{email}</span>}
      </span>
      <Link
        href="/account"
        data-testid="account-link"
        className="rounded-md px-2.5 py-1.5 font-medium text-zinc-600 hover:bg-zinc-100"
      >
        Account
      </Link>
      <form action={signOutAction}>
        <button
          type="submit"
          data-testid="sign-out"
          className="rounded-md px-2.5 py-1.5 font-medium text-zinc-600 hover:bg-zinc-100"
        >
          Sign out
        </button>
      </form>
    </div>
  );
}
