import Link from "next/link";
import type { ReactNode } from "react";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col items-center px-4 py-12">
      <Link href="/" className="text-sm font-bold tracking-wide text-brand-700 uppercase">
        Parley
      </Link>
      <main className="mt-8 w-full max-w-md">{children}</main>
    </div>
  );
}
