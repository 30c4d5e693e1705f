import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";

// /api/inngest – the Inngest serve endpoint (used when the INNGEST_* variables are set)
export const { GET, POST, PUT } = serve({ client: inngest, functions });
