export const dynamic = "force-dynamic";

// GET|POST /api/ping – liveness without touching the database (load balancers; the benchmark's
// measure of the framework's own floor)
export function GET() {
  return new Response(null, { status: 204 });
}

export const POST = GET;
