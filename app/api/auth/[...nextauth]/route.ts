import { handlers } from "@/lib/auth/next-auth";
import { withSignInLimits } from "@/lib/auth/sign-in-route";

export const { GET } = handlers;
export const POST = withSignInLimits(handlers.POST);
