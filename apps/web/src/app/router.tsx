// Routes, each lazy-loaded so the wall's first load carries no other screen (and no charts it lacks).
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { createBrowserRouter } from 'react-router';
import { Skeleton } from '../shared/ui/placeholders';
import { RouteError } from './route-error';
import { AppShell } from './shell';

const WallPage = lazy(() => import('../features/wall/page'));
const SupervisorPage = lazy(() => import('../features/supervisor/page'));
const OperatorPage = lazy(() => import('../features/operator/page'));
const GroupPage = lazy(() => import('../features/group/page'));
const StatsPage = lazy(() => import('../features/stats/page'));
const QueuesPage = lazy(() => import('../features/queues/page'));
const BoardsPage = lazy(() => import('../features/boards/page'));
const ActivityPage = lazy(() => import('../features/activity/page'));
const MessagesPage = lazy(() => import('../features/ticker/page'));
const ScreensPage = lazy(() => import('../features/screens/page'));
const SignInPage = lazy(() => import('../features/auth/page'));
const NotFoundPage = lazy(() => import('./not-found'));

function page(Page: LazyExoticComponent<ComponentType>) {
  return (
    <Suspense fallback={<Skeleton lines={6} />}>
      <Page />
    </Suspense>
  );
}

export const router = createBrowserRouter([
  // Kiosk: no chrome around the wall.
  { path: '/wall', element: page(WallPage), errorElement: <RouteError /> },
  // Issue 13: a named board; /wall stays the default one (or a screen's own).
  { path: '/wall/:board', element: page(WallPage), errorElement: <RouteError /> },
  { path: '/sign-in', element: page(SignInPage), errorElement: <RouteError /> },
  {
    element: <AppShell />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: page(SupervisorPage), errorElement: <RouteError /> },
      { path: 'operators/:id', element: page(OperatorPage), errorElement: <RouteError /> },
      { path: 'groups/:id', element: page(GroupPage), errorElement: <RouteError /> },
      { path: 'stats', element: page(StatsPage), errorElement: <RouteError /> },
      { path: 'settings/queues', element: page(QueuesPage), errorElement: <RouteError /> },
      { path: 'boards', element: page(BoardsPage), errorElement: <RouteError /> },
      { path: 'activity', element: page(ActivityPage), errorElement: <RouteError /> },
      { path: 'messages', element: page(MessagesPage), errorElement: <RouteError /> },
      { path: 'screens', element: page(ScreensPage), errorElement: <RouteError /> },
      { path: '*', element: page(NotFoundPage) },
    ],
  },
]);
