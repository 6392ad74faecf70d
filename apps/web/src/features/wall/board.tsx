// The wall-board drawn from one snapshot: header, queue panels, operator tiles.
import type { BoardPanel, Snapshot, SnapshotOperator, TickerWallMessage } from '@vigie/contract';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useAcks } from '../../shared/alerts/acks';
import { alertsOf, severityBySubject, sortAlerts } from '../../shared/alerts/order';
import { Age } from '../../shared/ui/age';
import { StaleBanner } from '../../shared/ui/stale-banner';
import { EmptyState } from '../../shared/ui/placeholders';
import { DEFAULT_THRESHOLDS } from '../../shared/ui/thresholds';
import { useStale } from '../../shared/ui/use-stale';
import { AlertStrip } from './alert-strip';
import { GroupPanel } from './group-panel';
import { useStableOrder } from './group-order';
import {
  BOARD_UNIT_1080,
  useAlertSound,
  useElementSize,
  useHeightByMode,
  useRotation,
} from './hooks';
import {
  countByState,
  DENSITY_STEPS,
  filterOperators,
  fitTiles,
  pageOf,
  rankGroups,
  sortOperators,
  splitLoggedOut,
  TILE_EM,
  tileHeightEm,
  unknownGroups,
  type PanelMode,
} from './layout';
import { lastShownNames } from './names';
import { TickerBand } from './ticker-band';
import { TILE_FONT } from './tile-face';
import { TileList } from './tile-list';
import { textMeasure } from './measure';
import { panelPlaces } from './panels';
import { SoundIndicator } from './sound-indicator';
import type { WallSettings } from './settings';
import { StateLegend } from './state-legend';
import { useWallText } from './text';

/** Queue panels, in board units (1 u = 1/100 of the 16:9 frame's width), at scale 1. */
const GROUP_MIN_W = 17.5;
const GROUP_MAX_W = 28;
const GROUP_GAP = 1;
const groupIdOf = (r: { group: { id: number } }): number => r.group.id;
/** Panels shrink to this scale to stay on one row before they rotate. */
const GROUP_MIN_SCALE = 0.55;
/** Walls of this many queues or fewer (a team lead's) put the panels beside the tiles. */
const SIDE_LAYOUT_MAX_GROUPS = 2;
/** A compact panel's height over a full one's, until both have been measured. */
const COMPACT_PANEL_RATIO = 0.6;
/** The state word's legible minimum at 1080p (name and time in state: 1.5 ×, so 24 px). */
const STATE_FLOOR_PX_1080 = 16;

interface Props {
  snapshot: Snapshot;
  settings: WallSettings;
  /** The board's panels, in its order (issue 13 §1); the clock is the page's `start`. */
  panels: readonly BoardPanel[];
  unit: number;
  /** Clock and status, drawn in the top row around the legend. */
  start: ReactNode;
  end: ReactNode;
  /** The board's ticker messages the header shows (issue 13 §4). */
  ticker: readonly TickerWallMessage[] | undefined;
  /** Called after a successful commit: this snapshot is a "last good" one. */
  onRendered?: (snapshot: Snapshot) => void;
}

export function Board({ snapshot, settings, panels, unit, start, end, onRendered, ticker }: Props) {
  const text = useWallText();
  const { t } = text;
  const place = useMemo(() => panelPlaces(panels), [panels]);
  const thresholds = snapshot.config?.thresholds ?? DEFAULT_THRESHOLDS;

  const operators = useMemo(
    () => sortOperators(filterOperators(snapshot.operators, settings.groups)),
    [snapshot.operators, settings.groups],
  );
  // Logged out: one counted tile at the end unless ?loggedOut=show (37 of 40 in the evening).
  const { present, loggedOut } = useMemo(
    () =>
      settings.loggedOut === 'show'
        ? { present: operators, loggedOut: [] }
        : splitLoggedOut(operators),
    [operators, settings.loggedOut],
  );
  const unknown = useMemo(
    () =>
      snapshot.upstream.sources.groups.lastSuccessAt === null
        ? []
        : unknownGroups(settings.groups, snapshot.groups),
    [settings.groups, snapshot.groups, snapshot.upstream.sources.groups.lastSuccessAt],
  );
  const counts = useMemo(() => countByState(operators), [operators]);
  // Alerts on the groups and operators of this wall (all of them without ?groups=).
  // Kept while the snapshot's alerts are unchanged, so the strip and the sound skip most patches.
  const snapshotAlerts = alertsOf(snapshot);
  const all = useMemo(() => sortAlerts(snapshotAlerts), [snapshotAlerts]);
  const alerts = useMemo(() => {
    if (!settings.groups) return all;
    const groupIds = new Set(settings.groups.map(String));
    const operatorIds = new Set(operators.map((o) => String(o.id)));
    return all.filter(
      (a) =>
        a.subject.kind === 'upstream' ||
        (a.subject.kind === 'group' && groupIds.has(a.subject.id)) ||
        (a.subject.kind === 'operator' && operatorIds.has(a.subject.id)),
    );
  }, [all, settings.groups, operators]);
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
  // A new alert beeps, and so does one turning critical (its id stays: the key is new). An
  // acknowledged one is silent; when its snooze ends its key comes back, so it beeps again.
  const acks = useAcks(alerts.length > 0);
  const beepKeys = useMemo(
    () =>
      alerts
        .filter((a) => !acks.has(a.id))
        .flatMap((a) => (a.severity === 'critical' ? [a.id, `${a.id}:critical`] : [a.id])),
    [alerts, acks],
  );
  const sound = useAlertSound(settings.sound, beepKeys);

  const side = groups.length > 0 && groups.length <= SIDE_LAYOUT_MAX_GROUPS;
  const [sectionRef, section] = useHeightByMode<HTMLDivElement>('panels');
  const [groupsRef, groupsBox] = useElementSize<HTMLDivElement>();
  // Panels on one row, narrower if need be, rather than rotating queues (the floor fits at once).
  const groupScale = side
    ? 1
    : Math.max(
        GROUP_MIN_SCALE,
        Math.min(
          1,
          groupsBox.width /
            ((Math.max(1, groups.length) * (GROUP_MIN_W + GROUP_GAP) - GROUP_GAP) * unit),
        ),
      );
  const groupUnit = unit * groupScale;
  const groupColumns = side
    ? 1
    : Math.max(
        1,
        // + 0.01: the scale above makes the row exactly as wide as the box.
        Math.floor(
          (groupsBox.width + GROUP_GAP * groupUnit) / ((GROUP_MIN_W + GROUP_GAP) * groupUnit) +
            0.01,
        ),
      );
  const groupPages = side ? 1 : Math.max(1, Math.ceil(groups.length / groupColumns));

  // The tiles' room with either kind of panel: the panels' height is known per mode once each
  // has been on screen (estimated before), so the choice settles instead of flipping.
  const [tilesRef, tilesBox] = useElementSize<HTMLUListElement>();
  const panelHeight = (mode: PanelMode): number => {
    const known = section.heights;
    const ratio = mode === 'compact' ? COMPACT_PANEL_RATIO : 1 / COMPACT_PANEL_RATIO;
    return known[mode] ?? (known[mode === 'full' ? 'compact' : 'full'] ?? 0) * ratio;
  };
  const shownMode: PanelMode = section.shown === 'compact' ? 'compact' : 'full';
  const floorPx = STATE_FLOOR_PX_1080 * (unit / BOARD_UNIT_1080);
  const tileCount = present.length + (loggedOut.length > 0 ? 1 : 0);
  const fit = fitTiles(
    tileCount,
    tilesBox.width,
    (mode) =>
      side ? tilesBox.height : tilesBox.height + panelHeight(shownMode) - panelHeight(mode),
    floorPx,
    DENSITY_STEPS[settings.density],
  );
  const { nameWidth, lines, fontPx, perPage, columns, pages } = fit;
  const panelMode: PanelMode = side ? 'full' : fit.panels;

  const page = useRotation(Math.max(pages, groupPages), settings.rotateSeconds);
  const tilePage = pages > 1 ? page % pages : 0;
  const groupPage = groupPages > 1 ? page % groupPages : 0;
  // The counted tile is the last one, on the last page.
  const anyLoggedOut = loggedOut.length > 0;
  const tiles = useMemo(
    () => [...present, ...(anyLoggedOut ? [null] : [])],
    [present, anyLoggedOut],
  );
  const shownTiles = pageOf(tiles, tilePage, perPage);
  // Beside the tiles, the (one or two) panels stack in one column: all of them, no paging.
  const shownGroups = side ? groups : pageOf(groups, groupPage, groupColumns);

  const names = useFittedNames(present, nameWidth, lines, fontPx, floorPx);
  const operatorAlert = useCallback((id: number) => marks.get(`operator:${id}`), [marks]);

  useEffect(() => {
    onRendered?.(snapshot);
  }, [onRendered, snapshot]);

  // One row of alerts with compact panels: the tiles get the room, "+N more" says what is left out.
  // Always there, empty or not, so that alerts raised or lost in an outage move nothing (12.1).
  const alertStrip = place.alerts !== null && (
    <AlertStrip
      alerts={stripAlerts}
      acks={acks}
      unit={unit}
      maxRows={panelMode === 'compact' ? 1 : 2}
      order={side ? place.outerOrder('alerts') : place.alerts}
    />
  );

  return (
    <>
      <header className="wall-top">
        {start}
        {/* The banner overlays the legend's own box: it never changes the layout (issue 12.1). */}
        <div className="wall-top-centre">
          {place.kpis ? (
            <StateLegend counts={counts} text={text} />
          ) : (
            <span className="wall-legend" />
          )}
          {/* Over the legend's box, so a message coming or going moves nothing (issue 13 §4). */}
          {place.ticker !== null && <TickerBand messages={ticker} />}
          <StaleBanner />
        </div>
        {end}
      </header>
      {side && alertStrip}
      <div
        className="wall-body"
        // The snapshot drawn: a bench or a test sees the commit that shows a given update.
        data-seq={snapshot.seq}
        data-layout={side ? 'side' : 'stacked'}
        style={{ order: place.body }}
      >
        {/* Measured as one: what the alerts and the panels take in either mode. */}
        <div
          ref={sectionRef}
          className="wall-upper"
          data-panels={panelMode}
          style={{ order: place.upper }}
        >
          {!side && alertStrip}
          <section
            className="wall-groups-section"
            aria-label={t('groups')}
            data-panel="queues"
            data-panels={panelMode}
            data-staffing={place.staffing ? 'on' : 'off'}
            hidden={place.queues === null}
            style={{ ['--u' as string]: `${groupUnit}px`, order: place.queues ?? 0 }}
          >
            {unknown.length > 0 && (
              <div className="wall-unknown-groups" data-testid="unknown-groups">
                <p>{t('unknownGroups', { count: unknown.length, ids: unknown.join(', ') })}</p>
                {/* What to type instead, when the address was mistyped. */}
                <p className="wall-known-groups">
                  {t('knownGroups', {
                    list: snapshot.groups.map((g) => `${g.id} ${g.name}`).join(' · '),
                  })}
                </p>
              </div>
            )}
            <div
              ref={groupsRef}
              className="wall-groups"
              style={{
                gridTemplateColumns: side
                  ? 'minmax(0, 1fr)'
                  : `repeat(${Math.min(groupColumns, Math.max(1, groups.length))}, minmax(0, ${GROUP_MAX_W * groupUnit}px))`,
              }}
            >
              {shownGroups.length === 0
                ? unknown.length === 0 && <EmptyState title={t('noGroups')} />
                : shownGroups.map(({ group, levels }) => (
                    <GroupPanel
                      key={group.id}
                      group={group}
                      levels={levels}
                      config={snapshot.config}
                      gaugeSize={Math.round((panelMode === 'compact' ? 4 : 7.5) * groupUnit)}
                      alert={marks.get(`group:${group.id}`)}
                      stale={stale.groups}
                      text={text}
                    />
                  ))}
            </div>
            <div className="wall-section-foot">
              {/* In the foot row, not the header: the header never reflows (issue 12.1). */}
              {place.queues !== null && (
                <SoundIndicator sound={sound} text={text} sounding={beepKeys.length > 0} />
              )}
              {groupPages > 1 && (
                <span className="wall-page" data-testid="group-page">
                  {t('page', { page: groupPage + 1, pages: groupPages })}
                </span>
              )}
              <Age at={snapshot.upstream.sources.groups.lastSuccessAt} />
            </div>
          </section>
        </div>
        <section
          className="wall-operators"
          aria-label={t('operators')}
          data-panel="operators"
          hidden={place.operators === null}
          style={{ order: place.operators ?? 0 }}
        >
          <TileList
            listRef={tilesRef}
            tiles={shownTiles}
            loggedOut={loggedOut}
            names={names}
            fontPx={fontPx}
            defaultNamePx={fontPx * TILE_EM.name}
            alertOf={operatorAlert}
            frozenAt={operatorsFrozenAt}
            text={text}
            attrs={{
              'data-page': tilePage + 1,
              'data-pages': pages,
              'data-per-page': perPage,
              'data-density': settings.density,
              'data-lines': lines,
            }}
            style={{
              gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
              gridAutoRows: `${tileHeightEm(lines) * fontPx}px`,
              gap: `${TILE_EM.gap * fontPx}px`,
              fontSize: `${fontPx}px`,
              fontFamily: TILE_FONT,
            }}
          />
          {operators.length === 0 && (
            <div className="wall-tiles-empty">
              <EmptyState title={t('noOperators')} />
            </div>
          )}
          <div className="wall-section-foot">
            {/* Without queue panels the sound's indicator and mute come here. */}
            {place.queues === null && (
              <SoundIndicator sound={sound} text={text} sounding={beepKeys.length > 0} />
            )}
            {pages > 1 && (
              <span className="wall-page" data-testid="tile-page">
                {t('page', { page: tilePage + 1, pages })}
              </span>
            )}
            <Age at={snapshot.upstream.sources.operators.lastSuccessAt} />
          </div>
        </section>
      </div>
    </>
  );
}

/** Names fitted to this tile size, told apart across the whole wall (not only this page). */
function useFittedNames(
  operators: readonly SnapshotOperator[],
  nameWidth: number,
  lines: 1 | 2,
  fontPx: number,
  floorPx: number,
) {
  // Most patches move states only: the same names need not be measured again (names.ts).
  const [fit] = useState(lastShownNames);
  return useMemo(
    () =>
      fit(
        operators,
        {
          // A little slack for the canvas' and the layout's rounding.
          width: Math.max(0, nameWidth * 0.98 - 2),
          lines,
          fontPx: fontPx * TILE_EM.name,
          minFontPx: floorPx * TILE_EM.name,
        },
        textMeasure(TILE_FONT),
      ),
    [fit, operators, nameWidth, lines, fontPx, floorPx],
  );
}
