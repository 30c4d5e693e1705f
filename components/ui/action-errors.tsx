/**
 * What went wrong with a button's server action, inline beside it: the action's own refusal, or
 * that the server could not be reached.
 */
export function ActionErrors({
  failure,
  unreachable,
}: {
  failure: string | null;
  unreachable: boolean;
}) {
  return (
    <>
      {failure && (
        <span role="alert" className="text-sm font-medium text-red-700">
          {failure}
        </span>
      )}
      {unreachable && (
        <span role="alert" className="text-sm font-medium text-red-700">
          Could not reach Parley. Try again.
        </span>
      )}
    </>
  );
}
