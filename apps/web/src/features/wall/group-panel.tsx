// One queue on the wall: waiting, longest wait, wait buckets, answered %, service level, lost.
import type { AlertSeverity, BoardConfig, SnapshotGroup } from '@vigie/contract';
import { memo } from 'react';
import { AlertIcon } from '../../shared/alerts/alert-icon';
import { DurationText } from '../../shared/ui/duration';
import { StaleIcon } from '../../shared/ui/stale-icon';
import { LiveWaitFigure } from './live-wait';
import { ServiceLevelGauge } from './service-level-gauge';
import { staffingView } from '../../shared/staffing/staffing';
import { LEVEL_COLOUR, type Level, type groupLevels } from '../../shared/ui/thresholds';
import type { WallText } from './text';

interface Props {
  group: SnapshotGroup;
  levels: ReturnType<typeof groupLevels>;
  config: BoardConfig;
  /** Gauge diameter in px. */
  gaugeSize: number;
  /** The worst active alert on this group, if any. */
  alert: AlertSeverity | undefined;
  /** The groups' figures are older than two polls: washed out, with an hourglass. */
  stale: boolean;
  /** The board's words and formatters (no lookups of its own). */
  text: WallText;
}

const levelClass = (l: Level) => `level-${l}`;

function GroupPanelView({ group: g, levels, gaugeSize, alert, stale, text }: Props) {
  const { t, wall, fmt } = text;
  const sl = g.serviceLevelPercent;
  return (
    // The panel's colour and badge are its worst active alert, in the strip's words (issue 12.3):
    // alerts have hysteresis and name a figure breaching now; each figure keeps its own colour.
    <article
      className={['wall-group', alert === 'critical' && 'is-breach', stale && 'is-stale']
        .filter(Boolean)
        .join(' ')}
      data-testid="group-panel"
      data-group-id={g.id}
      data-breach={alert === 'critical' ? 'true' : 'false'}
      data-level={levels.overall}
      data-alert={alert ?? 'none'}
      data-stale={stale ? 'true' : 'false'}
      aria-label={g.name}
    >
      <header className="wall-group-head">
        {stale && <StaleIcon label={wall('stale')} />}
        <h2 className="wall-group-name">{g.name}</h2>
        {alert ? (
          <span className={`wall-alert-badge is-${alert}`} data-testid="group-alert-badge">
            <AlertIcon severity={alert} />
            <span className="wall-alert-badge-word">{text.alerts(`severity.${alert}`)}</span>
          </span>
        ) : (
          // The badge's narrowest box, kept when there is none: the name wraps (or not) the same
          // with or without an alert, so an alert never changes a panel's height (issue 12.1).
          <span className="wall-alert-badge is-placeholder" aria-hidden="true" />
        )}
      </header>
      <div className="wall-group-body">
        <div className="wall-group-main">
          <div className={`wall-figure wall-figure-big ${levelClass(levels.waiting)}`}>
            <span className="wall-figure-label">{wall('waiting')}</span>
            <span className="wall-figure-value" data-testid="group-waiting">
              {fmt.number(g.waiting)}
            </span>
          </div>
          {g.liveWait ? (
            // Issue 12.4: the wait now leads, the day's maximum is its secondary line.
            <LiveWaitFigure
              liveWait={g.liveWait}
              marks={g.gaugeMarks.longestWaitSeconds}
              maxToday={g.longestWaitSeconds}
              text={text}
            />
          ) : (
            <div
              className={`wall-figure ${levelClass(levels.longestWait)}`}
              data-testid="group-longest-wait"
              data-level={levels.longestWait}
            >
              <span className="wall-figure-label">{wall('longestWait')}</span>
              <span className="wall-figure-value">
                <DurationText seconds={g.longestWaitSeconds} />
              </span>
            </div>
          )}
        </div>
        {/* Its labels wrap under the gauge rather than narrow the figures beside it (French is longer). */}
        <div className="wall-group-gauge" style={{ maxWidth: Math.round(gaugeSize * 1.1) }}>
          <div className="wall-gauge" style={{ width: gaugeSize, height: gaugeSize }}>
            <ServiceLevelGauge
              value={sl}
              colour={LEVEL_COLOUR[levels.serviceLevel]}
              size={gaugeSize}
              marks={g.gaugeMarks.serviceLevelPercent}
            />
            <span className={`wall-gauge-value ${levelClass(levels.serviceLevel)}`}>
              {sl === null ? '–' : fmt.percent(sl)}
            </span>
          </div>
          <span className="wall-figure-label">
            {wall('serviceLevel')}
            <br />
            <small data-testid="group-sl-formula">
              {sl === null
                ? wall('noCalls')
                : t('serviceLevelFormula', { seconds: g.serviceLevel.answeredWithinS })}
            </small>
          </span>
        </div>
      </div>
      <div className="wall-buckets" aria-label={wall('buckets')}>
        <span>
          <small>{wall('under1m')}</small> {fmt.number(g.waitingUnder1m)}
        </span>
        <span>
          <small>{wall('from1to3m')}</small> {fmt.number(g.waiting1to3m)}
        </span>
        <span className={g.waitingOver3m > 0 ? 'level-warning' : undefined}>
          <small>{wall('over3m')}</small> {fmt.number(g.waitingOver3m)}
        </span>
      </div>
      <StaffingLine group={g} text={text} />
      <footer className="wall-group-foot">
        <span className={levelClass(levels.answered)}>
          {wall('answered')} <strong>{fmt.percent(g.answeredPercent)}</strong>
        </span>
        <span>
          {wall('lost')} <strong>{fmt.number(g.lost)}</strong> / {fmt.number(g.calls)}
        </span>
      </footer>
    </article>
  );
}

/** "needed 5 / staffed 3", amber with an icon when short; a discreet reason when unknown. */
function StaffingLine({ group: g, text }: { group: SnapshotGroup; text: WallText }) {
  const { ts: t, fmt } = text;
  const label = text.staffing;
  const s = staffingView(g.staffing);
  if (!s) return null;
  const short = s.short > 0;
  const reason = s.needed === null && s.reason ? s.reason : null;
  return (
    <div
      className={short ? 'wall-staffing level-warning' : 'wall-staffing'}
      data-testid="group-staffing"
      data-short={short ? 'true' : 'false'}
      data-reason={s.reason ?? 'none'}
      title={
        short ? t('short', { count: s.short }) : reason ? label(`reason.${reason}`) : undefined
      }
    >
      {short && <AlertIcon severity="warning" label={t('short', { count: s.short })} />}
      {/* Reads "needed 8 / staffed 5": words light, figures bold, so it fits a narrow panel. */}
      <span className="wall-staffing-figures">
        {label('needed')} <b>{s.needed === null ? '–' : fmt.number(s.needed)}</b> /{' '}
        {label('staffed')} <b>{fmt.number(s.staffed)}</b>
      </span>
      {reason && <span className="wall-staffing-reason">{label(`reasonShort.${reason}`)}</span>}
    </div>
  );
}

type Levels = Props['levels'];
const sameLevels = (a: Levels, b: Levels): boolean =>
  a === b || (Object.keys(a) as (keyof Levels)[]).every((k) => a[k] === b[k]);

/** The levels are worked out afresh for each snapshot: compared by value. */
export const GroupPanel = memo(
  GroupPanelView,
  (prev, next) =>
    prev.group === next.group &&
    prev.config === next.config &&
    prev.gaugeSize === next.gaugeSize &&
    prev.alert === next.alert &&
    prev.stale === next.stale &&
    prev.text === next.text &&
    sameLevels(prev.levels, next.levels),
);
