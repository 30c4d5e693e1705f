"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";

export function CreateDemoBusiness() {
  const router = useRouter();
  const create = useMutation({
    mutationFn: async () => {
      const res = await fetch("/sandbox/api/phone/demo", { method: "POST" });
      if (!res.ok) throw new Error("The demo business could not be created.");
    },
    onSuccess: () => router.refresh(),
  });
  return (
    <div className="mt-4">
      <button
        type="button"
        onClick={() => create.mutate()}
        disabled={create.isPending}
        className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white disabled:opacity-50"
      >
        {create.isPending ? "Creating…" : "Create a demo business"}
      </button>
      {create.error && (
        <p role="alert" className="mt-2 text-sm text-red-600">
          {create.error.message}
        </p>
      )}
    </div>
  );
}
