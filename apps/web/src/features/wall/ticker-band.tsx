// The wall's message ticker (issue 13 §4): the current messages of this board, one at a time,
// laid over the header's legend box as the stale banner is, so a message coming or going moves
// nothing on the board (issue 12.1). It leaves at its expiry on a timer, without asking the BFF.
import type { TickerWallMessage } from '@vigie/contract';
import { memo, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNextInstant } from '../../shared/ui/use-next-instant';

/** Seconds each message stays when there are several: long enough to read 280 characters. */
const ROTATE_MS = 8_000;

function MegaphoneIcon() {
  return (
    <svg viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true">
      <path d="M3 10v4h3l7 4V6L6 10z" fill="currentColor" />
      <path
        d="M16 9a4 4 0 0 1 0 6M18.5 6.5a7.5 7.5 0 0 1 0 11"
        stroke="currentColor"
        strokeWidth="2"
        fill="none"
        strokeLinecap="round"
      />
    </svg>
  );
}

/**
 * `messages`: the board's current ones, as /api/wall/board gives them (refetched on a change). Not
 * drawn again with each snapshot (issue 14 §2).
 */
export const TickerBand = memo(function TickerBand({
  messages,
}: {
  messages: readonly TickerWallMessage[] | undefined;
}) {
  const { t } = useTranslation('wall');
  const now = useNextInstant(useMemo(() => (messages ?? []).map((m) => m.expiresAt), [messages]));
  // Warnings first, then oldest first (the BFF's order).
  const current = useMemo(
    (): TickerWallMessage[] =>
      (messages ?? [])
        .filter((m) => Date.parse(m.expiresAt) > now)
        .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'warning' ? -1 : 1)),
    [messages, now],
  );
  const [turn, setTurn] = useState(0);
  useEffect(() => {
    if (current.length <= 1) return;
    const h = setInterval(() => setTurn((n) => n + 1), ROTATE_MS);
    return () => clearInterval(h);
  }, [current.length]);
  if (current.length === 0) return null;
  const m = current[turn % current.length] ?? current[0]!;
  return (
    <div
      className={`wall-ticker is-${m.severity}`}
      role="status"
      aria-live="polite"
      data-testid="wall-ticker"
      data-severity={m.severity}
      data-count={current.length}
      data-message-id={m.id}
    >
      <span className="wall-ticker-label">
        <MegaphoneIcon />
        {t(`ticker.${m.severity}`)}
      </span>
      <span className="wall-ticker-text" data-testid="wall-ticker-text">
        {m.text}
      </span>
      {current.length > 1 && (
        <span className="wall-ticker-count">
          {t('ticker.count', { index: (turn % current.length) + 1, count: current.length })}
        </span>
      )}
    </div>
  );
});
