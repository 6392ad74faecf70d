// Error boundary of a route: says what broke and offers a reload, never a blank page. On the wall,
// nobody is there to click: it reloads by itself (e.g. a chunk gone after a new build).
import { useEffect } from 'react';
import { isRouteErrorResponse, useLocation, useRouteError } from 'react-router';
import { ErrorState } from '../shared/ui/placeholders';

const WALL_RELOAD_MS = 15_000;

export function RouteError() {
  const error = useRouteError();
  const { pathname } = useLocation();
  const onWall = pathname.startsWith('/wall');
  useEffect(() => {
    if (!onWall) return;
    const h = setTimeout(() => window.location.reload(), WALL_RELOAD_MS);
    return () => clearTimeout(h);
  }, [onWall]);
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : String(error);
  return (
    <main className="page" data-testid="route-error">
      <ErrorState message={message} onRetry={() => window.location.reload()} />
    </main>
  );
}
