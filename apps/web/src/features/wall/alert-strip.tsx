// The wall's active alerts in a band of two rows, always there (empty: "no active alert"), so that
// no alert coming or going, nor an outage, moves the board (issue 12.1); what does not fit becomes
// "+N more" (the supervisor view lists them all).
import type { Acknowledgement, Alert } from '@vigie/contract';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertIcon } from '../../shared/alerts/alert-icon';
import { ALERTS_NS } from '../../shared/alerts/i18n';
import { alertAgeSeconds, fitAlerts } from '../../shared/alerts/order';
import { useAlertMessage } from '../../shared/alerts/use-alert-message';
import { useFormat } from '../../shared/i18n/use-format';
import { useNowSelect } from '../../shared/ui/use-now';
import { useElementSize } from './hooks';

/** Narrowest cell, in board units: room for a whole message at the strip's font size (2 a row). */
const CELL_MIN_W = 40;
const MAX_ROWS = 2;

/** Drawn again on its own second while it shows an age, and when the alerts or acks change, not on every snapshot. */
export const AlertStrip = memo(function AlertStrip({
  alerts,
  acks,
  unit,
  maxRows = MAX_ROWS,
  order,
}: {
  alerts: readonly Alert[];
  /** Acknowledged alerts by id (issue 13 §5): drawn quieter, with who acknowledged them. */
  acks: ReadonlyMap<string, Acknowledgement>;
  unit: number;
  /** Its place among the board's panels (CSS order). */
  order?: number;
  /** One row on a compact wall: the tiles get the room, "+N more" says what is left out. */
  maxRows?: number;
}) {
  const { t } = useTranslation(ALERTS_NS);
  const { t: tw } = useTranslation('wall');
  const message = useAlertMessage();
  const fmt = useFormat();
  const [ref, box] = useElementSize<HTMLUListElement>();
  const columns = Math.max(1, Math.floor(box.width / (CELL_MIN_W * unit)) || 2);
  // A fixed number of rows whatever the count: the band's height never changes (issue 12.1).
  const { shown, more } = fitAlerts(alerts, columns * maxRows);
  // The clock only while an age is shown: an empty or all-acknowledged strip is not drawn again
  // every second (on a TV that second is a frame of the whole board; issue 14 §2).
  const ages = shown.some((a) => !acks.has(a.id));
  const now = useNowSelect((n) => (ages ? n : 0), 1000);
  return (
    <section
      className="wall-alerts"
      aria-label={t('heading')}
      data-panel="alerts"
      style={order === undefined ? undefined : { order }}
      data-testid="wall-alerts"
      data-count={alerts.length}
    >
      <ul
        ref={ref}
        style={{
          gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
          gridTemplateRows: `repeat(${maxRows}, calc(var(--u) * 2.2))`,
        }}
      >
        {alerts.length === 0 && (
          <li className="wall-alert wall-alert-none" data-testid="wall-alerts-none">
            {tw('noAlerts')}
          </li>
        )}
        {shown.map((a) => {
          const text = message(a);
          const severity = t(`severity.${a.severity}`);
          const ack = acks.get(a.id);
          const acked = ack ? tw('ack.by', { name: ack.by }) : '';
          return (
            <li
              key={a.id}
              className={`wall-alert is-${a.severity}${ack ? ' is-acked' : ''}`}
              data-acked={ack ? 'yes' : 'no'}
              data-testid="wall-alert"
              data-alert-id={a.id}
              data-kind={a.kind}
              data-subject={`${a.subject.kind}:${a.subject.id}`}
              data-severity={a.severity}
              title={`${severity} — ${text}${ack ? ` — ${acked}${ack.note ? `: ${ack.note}` : ''}` : ''}`}
            >
              <AlertIcon severity={a.severity} />
              <span className="wall-alert-severity">{severity}</span>
              <span className="wall-alert-text">{text}</span>
              {ack ? (
                <span className="wall-alert-ack" data-testid="wall-alert-ack">
                  <span aria-hidden="true">✓</span>
                  {acked}
                </span>
              ) : (
                <span className="wall-alert-age">{fmt.age(alertAgeSeconds(a, now))}</span>
              )}
            </li>
          );
        })}
        {more > 0 && (
          <li
            className="wall-alert wall-alert-more"
            data-testid="wall-alerts-more"
            data-more={more}
            title={t('moreTitle', { count: more })}
          >
            {t('more', { count: more })}
          </li>
        )}
      </ul>
    </section>
  );
});
