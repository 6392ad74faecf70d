// /wall and /wall/<board>: the kiosk wall-board, drawn as its board says (issue 13 §1) with the
// URL's parameters over it. Keeps its last good render through errors; never shows chrome.
import './i18n';
import './wall.css';
import type { Snapshot } from '@vigie/contract';
import { useCallback, useMemo, useRef, type ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../shared/api/fetch-json';
import { useSession } from '../../shared/auth/session';
import { useSnapshot, useSnapshotSelect } from '../../shared/live/snapshot-query';
import { ConnectionIndicator } from '../../shared/ui/connection-indicator';
import { DemoBadge } from '../../shared/ui/demo-badge';
import { ErrorBoundary } from '../../shared/ui/error-boundary';
import { Skeleton } from '../../shared/ui/placeholders';
import { StaleBanner } from '../../shared/ui/stale-banner';
import { Board } from './board';
import { useWallBoard } from './board-query';
import { NoBoard } from './no-board';
import { Clock } from './clock';
import { useBoardUnit, useBurnInShift } from './hooks';
import { wallView } from './settings';
import { SESSION_RETRY_MS, WallUnauthorised } from './unauthorised';

export default function WallPage() {
  const { t } = useTranslation('wall');
  const [params] = useSearchParams();
  const search = params.toString();
  const boardId = useParams().board ?? null;
  // Never a redirect from here: without a principal, say so and keep asking.
  const { unauthorised, isPending: sessionPending } = useSession({
    refetchWhileUnauthorisedMs: SESSION_RETRY_MS,
  });
  const board = useWallBoard(boardId, !unauthorised && !sessionPending);
  // A board that cannot be read (BFF trouble) leaves today's wall, the URL over it.
  const { settings, panels, theme } = useMemo(
    () => wallView(board.data ?? null, new URLSearchParams(search)),
    [board.data, search],
  );
  // Only a named board can be missing: /wall with no answer about its board is today's wall.
  const noBoard = boardId !== null && board.error instanceof ApiError && board.error.status === 404;
  // Not the snapshot itself: the page around the board is not drawn again for each one (issue 14
  // §2); the board reads it below.
  const buildId = useSnapshotSelect(selectBuildId);
  const unit = useBoardUnit();
  const [dx, dy] = useBurnInShift(settings.shift);
  // Built once: the same elements on every snapshot, so React leaves the clock and status alone
  // (they follow their own ticks and stores).
  const clock = useMemo(() => <Clock />, []);
  const status = useMemo(
    () => (
      <div className="wall-top-status">
        <DemoBadge />
        <ConnectionIndicator />
      </div>
    ),
    [],
  );

  return (
    <main
      className="wall"
      data-testid="wall"
      data-shift={settings.shift ? 'on' : 'off'}
      data-theme={theme}
      data-board={board.data?.id}
      data-board-version={board.data?.version ?? undefined}
      data-build-id={buildId}
      style={{ ['--u' as string]: `${unit}px`, transform: `translate(${dx}px, ${dy}px)` }}
    >
      {unauthorised ? (
        <WallUnauthorised invalidToken={params.get('auth') === 'invalid-token'} />
      ) : noBoard ? (
        <NoBoard id={boardId} />
      ) : buildId !== undefined && !board.isPending ? (
        <ResilientBoard
          settings={settings}
          panels={panels}
          unit={unit}
          start={panels.includes('clock') ? clock : null}
          end={status}
          // The ticker messages of the board shown (a screen's: its assigned one).
          ticker={board.data?.ticker}
        />
      ) : (
        <>
          <header className="wall-top">
            {clock}
            <div className="wall-top-centre">
              <span className="wall-legend" />
              <StaleBanner />
            </div>
            {status}
          </header>
          <div className="wall-waiting">
            <p>{t('waitingFirstSnapshot')}</p>
            <Skeleton lines={5} height={`${unit * 4}px`} />
          </div>
        </>
      )}
    </main>
  );
}

const selectBuildId = (s: Snapshot): string => s.buildId;

/**
 * The latest snapshot's board. On a render error, draws the board again from the last snapshot
 * that rendered well.
 */
function ResilientBoard(boardProps: Omit<ComponentProps<typeof Board>, 'onRendered' | 'snapshot'>) {
  const { t } = useTranslation('wall');
  const snapshot = useSnapshot();
  const lastGood = useRef<Snapshot | null>(null);
  const remember = useCallback((s: Snapshot) => {
    lastGood.current = s;
  }, []);
  if (!snapshot) return null;
  const props = { ...boardProps, snapshot };
  const broken = <p className="wall-board-error">{t('boardError')}</p>;
  return (
    <ErrorBoundary
      resetKey={props.snapshot.seq}
      fallback={() => {
        const good = lastGood.current;
        if (!good || good === props.snapshot) return broken;
        return (
          <ErrorBoundary resetKey={props.snapshot.seq} fallback={() => broken}>
            <p className="wall-board-error" data-testid="board-error">
              {t('boardError')}
            </p>
            <Board {...props} snapshot={good} />
          </ErrorBoundary>
        );
      }}
    >
      <Board {...props} onRendered={remember} />
    </ErrorBoundary>
  );
}
