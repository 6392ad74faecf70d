// The wall-board drawn from one snapshot: header, queue panels, operator tiles.
import type { Snapshot } from '@vigie/contract';
import { useCallback, useEffect, useMemo, type ReactNode } from 'react';
import { alertsOf, severityBySubject, sortAlerts } from '../../shared/alerts/order';
import { Age } from '../../shared/ui/age';
import { StaleBanner } from '../../shared/ui/stale-banner';
import { EmptyState } from '../../shared/ui/placeholders';
import { DEFAULT_THRESHOLDS } from '../../shared/ui/thresholds';
import { useStale } from '../../shared/ui/use-stale';
import { AlertStrip } from './alert-strip';
import { GroupPanel } from './group-panel';
import { useStableOrder } from './group-order';
import { useAlertSound, useElementSize, useRotation } from './hooks';
import {
  countByState,
  filterOperators,
  fitTiles,
  pageOf,
  rankGroups,
  sortOperators,
} from './layout';
import { OperatorTile } from './operator-tile';
import { SoundIndicator } from './sound-indicator';
import type { WallSettings } from './settings';
import { StateLegend } from './state-legend';
import { useWallText } from './text';

/** Sizes at scale 1, in board units (1 u = 1/100 of the 16:9 frame's width). */
const TILE = { w: 15, h: 6.4, gap: 0.7 };
const GROUP_MIN_W = 17.5;
const GROUP_GAP = 1;
const groupIdOf = (r: { group: { id: number } }): number => r.group.id;

interface Props {
  snapshot: Snapshot;
  settings: WallSettings;
  unit: number;
  /** Clock and status, drawn in the top row around the legend. */
  start: ReactNode;
  end: ReactNode;
  /** Called after a successful commit: this snapshot is a "last good" one. */
  onRendered?: (snapshot: Snapshot) => void;
}

export function Board({ snapshot, settings, unit, start, end, onRendered }: Props) {
  const text = useWallText();
  const { t } = text;
  const thresholds = snapshot.config?.thresholds ?? DEFAULT_THRESHOLDS;

  const operators = useMemo(
    () => sortOperators(filterOperators(snapshot.operators, settings.groups)),
    [snapshot.operators, settings.groups],
  );
  const counts = useMemo(() => countByState(operators), [operators]);
  // Alerts on the groups and operators of this wall (all of them without ?groups=).
  const alerts = useMemo(() => {
    const all = sortAlerts(alertsOf(snapshot));
    if (!settings.groups) return all;
    const groupIds = new Set(settings.groups.map(String));
    const operatorIds = new Set(operators.map((o) => String(o.id)));
    return all.filter(
      (a) =>
        a.subject.kind === 'upstream' ||
        (a.subject.kind === 'group' && groupIds.has(a.subject.id)) ||
        (a.subject.kind === 'operator' && operatorIds.has(a.subject.id)),
    );
  }, [snapshot, settings.groups, operators]);
  const marks = useMemo(() => severityBySubject(alerts), [alerts]);
  // Upstream alerts are what the status word and the banner say already: kept out of the strip so
  // that an outage adds no row and moves no tile (issue 12.1); the supervisor view lists them.
  const stripAlerts = useMemo(() => alerts.filter((a) => a.subject.kind !== 'upstream'), [alerts]);
  const stale = useStale();
  const opsAsOf = snapshot.upstream.sources.operators.lastSuccessAt;
  const operatorsFrozenAt = stale.operators && opsAsOf ? Date.parse(opsAsOf) : null;
  const ranked = useMemo(
    () =>
      rankGroups(snapshot.groups, settings.groups, thresholds, (id) => marks.get(`group:${id}`)),
    [snapshot.groups, settings.groups, thresholds, marks],
  );
  // The panels keep their places unless a severity changes, or for a minute (issue 12.3).
  const severityOf = useCallback(
    (r: (typeof ranked)[number]) => marks.get(`group:${r.group.id}`) ?? 'ok',
    [marks],
  );
  const groups = useStableOrder(ranked, groupIdOf, severityOf, Date.parse(snapshot.takenAt));
  // A new alert beeps, and so does one turning critical (its id stays: the key is new).
  const beepKeys = useMemo(
    () => alerts.flatMap((a) => (a.severity === 'critical' ? [a.id, `${a.id}:critical`] : [a.id])),
    [alerts],
  );
  const sound = useAlertSound(settings.sound, beepKeys);

  const [groupsRef, groupsBox] = useElementSize<HTMLDivElement>();
  const groupColumns = Math.max(
    1,
    Math.floor((groupsBox.width + GROUP_GAP * unit) / ((GROUP_MIN_W + GROUP_GAP) * unit)),
  );
  const groupPages = Math.max(1, Math.ceil(groups.length / groupColumns));

  const [tilesRef, tilesBox] = useElementSize<HTMLUListElement>();
  const fit = fitTiles(operators.length, tilesBox.width, tilesBox.height, {
    w: TILE.w * unit,
    h: TILE.h * unit,
    gap: TILE.gap * unit,
  });

  const page = useRotation(Math.max(fit.pages, groupPages), settings.rotateSeconds);
  const tilePage = fit.pages > 1 ? page % fit.pages : 0;
  const groupPage = groupPages > 1 ? page % groupPages : 0;
  const shownOperators = pageOf(operators, tilePage, fit.perPage);
  const shownGroups = pageOf(groups, groupPage, groupColumns);

  useEffect(() => {
    onRendered?.(snapshot);
  }, [onRendered, snapshot]);

  return (
    <>
      <header className="wall-top">
        {start}
        {/* The banner overlays the legend's own box: it never changes the layout (issue 12.1). */}
        <div className="wall-top-centre">
          <StateLegend counts={counts} text={text} />
          <StaleBanner />
        </div>
        {end}
      </header>
      <AlertStrip alerts={stripAlerts} unit={unit} />
      <section className="wall-groups-section" aria-label={t('groups')}>
        <div
          ref={groupsRef}
          className="wall-groups"
          style={{
            gridTemplateColumns: `repeat(${Math.min(groupColumns, Math.max(1, groups.length))}, 1fr)`,
          }}
        >
          {shownGroups.length === 0 ? (
            <EmptyState title={t('noGroups')} />
          ) : (
            shownGroups.map(({ group, levels }) => (
              <GroupPanel
                key={group.id}
                group={group}
                levels={levels}
                config={snapshot.config}
                gaugeSize={Math.round(7.5 * unit)}
                alert={marks.get(`group:${group.id}`)}
                stale={stale.groups}
                text={text}
              />
            ))
          )}
        </div>
        <div className="wall-section-foot">
          {/* In the foot row, not the header: the header never reflows (issue 12.1). */}
          <SoundIndicator sound={sound} text={text} />
          {groupPages > 1 && (
            <span className="wall-page" data-testid="group-page">
              {t('page', { page: groupPage + 1, pages: groupPages })}
            </span>
          )}
          <Age at={snapshot.upstream.sources.groups.lastSuccessAt} />
        </div>
      </section>
      <section className="wall-operators" aria-label={t('operators')}>
        <ul
          ref={tilesRef}
          className="wall-tiles"
          data-testid="operator-tiles"
          data-page={tilePage + 1}
          data-pages={fit.pages}
          style={{
            gridTemplateColumns: `repeat(${fit.columns}, minmax(0, 1fr))`,
            gridAutoRows: `${TILE.h * unit * fit.scale}px`,
            gap: `${TILE.gap * unit * fit.scale}px`,
            fontSize: `${unit * fit.scale}px`,
          }}
        >
          {shownOperators.map((o) => (
            <OperatorTile
              key={o.id}
              operator={o}
              alert={marks.get(`operator:${o.id}`)}
              frozenAt={operatorsFrozenAt}
              text={text}
            />
          ))}
        </ul>
        {operators.length === 0 && (
          <div className="wall-tiles-empty">
            <EmptyState title={t('noOperators')} />
          </div>
        )}
        <div className="wall-section-foot">
          {fit.pages > 1 && (
            <span className="wall-page" data-testid="tile-page">
              {t('page', { page: tilePage + 1, pages: fit.pages })}
            </span>
          )}
          <Age at={snapshot.upstream.sources.operators.lastSuccessAt} />
        </div>
      </section>
    </>
  );
}
