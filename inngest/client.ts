import { Inngest } from "inngest";

// The SDK reads its own INNGEST_* variables (the same names lib/env.ts documents), so this module
// stays free of start-up side effects and can be imported while Next.js builds.
export const inngest = new Inngest({ id: "parley" });
