// Error boundary of a route: says what broke and offers a reload, never a blank page.
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { ErrorState } from '../shared/ui/placeholders';

export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : String(error);
  return (
    <main className="page">
      <ErrorState message={message} onRetry={() => window.location.reload()} />
    </main>
  );
}
