import type { GetStepTools } from "inngest";
import type { inngest } from "./client";

/** The step tools a job handler may use; both drivers provide them. */
export type JobStep = Pick<GetStepTools<typeof inngest>, "run" | "sleep">;

export type JobContext<T> = { event: { data: T }; step: JobStep; attempt: number };
