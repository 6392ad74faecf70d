// Figures for the question in the URL: refused ranges never reach the BFF; then a table, a chart
// (calls vs answered per row) and the CSV export.
import type { DirectoryReply } from '@vigie/contract';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useFormat } from '../../shared/i18n';
import { Age, Duration, EmptyState, ErrorState, Skeleton, useNow } from '../../shared/ui';
import { useStatsPerGroup, useStatsPerNumber } from './api/get-stats';
import { csvFileName, statsCsv } from './csv';
import { NS } from './i18n';
import { checkRange, includesToday } from './range';
import type { StatsQuery } from './stats-query';
import { REALTIME_FIELDS, isInstantField, toStatsRow, totalRow } from './stats-rows';
import type { StatsKind, StatsRow } from './stats-rows';
import { CHART_AXIS as AXIS, CHART_GRID as GRID } from '../../shared/ui/chart-theme';

const CALLS = '#56B4E9';
const ANSWERED = '#4ade80';

function download(text: string, name: string, bom: boolean) {
  // French: a byte-order mark, without which a French Excel reads UTF-8 as Latin-1 and garbles
  // "Décrochés"; English keeps the plain bytes it always had (scripts read them).
  const parts = bom ? ['\ufeff', text] : [text];
  const url = URL.createObjectURL(new Blob(parts, { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function StatsResults({
  query,
  directory,
}: {
  query: StatsQuery;
  directory: DirectoryReply | undefined;
}) {
  const { t } = useTranslation(NS);
  const fmt = useFormat();
  const now = useNow(60_000);
  const range = checkRange(query.from, query.to);
  const realtime = range.ok && includesToday(query.from, query.to, new Date(now), fmt.timeZone);
  const period = { from: query.from, to: query.to };
  const groupQueries = useStatsPerGroup(
    period,
    query.by === 'groups' ? query.groups : [],
    realtime,
    range.ok,
  );
  const numberQueries = useStatsPerNumber(
    period,
    query.by === 'numbers' ? query.numbers : [],
    realtime,
    range.ok,
  );

  if (!range.ok) {
    return (
      <p className="st-problem" role="alert" data-testid="range-error">
        {t(`range.${range.problem}`)}
      </p>
    );
  }
  const keys = query.by === 'groups' ? query.groups.map(String) : query.numbers;
  if (keys.length === 0) return <EmptyState title={t(`pick.${query.by}`)} />;

  const queries = query.by === 'groups' ? groupQueries : numberQueries;
  const failed = queries.find((q) => q.isError);
  // The query's days are calendar days of the account: written as they are, in no zone (issue 12.5).
  const heading = t('results.heading', { from: fmt.day(query.from), to: fmt.day(query.to) });
  const groupName = (id: string) =>
    directory?.groups.find((g) => String(g.id) === id)?.name ?? `#${id}`;
  const label = (key: string) => (query.by === 'groups' ? groupName(key) : `+${key}`);

  let body;
  if (failed?.error) {
    body = (
      <ErrorState
        error={failed.error}
        title={t('results.error')}
        message={failed.error.message}
        onRetry={() => queries.forEach((q) => q.isError && void q.refetch())}
      />
    );
  } else if (queries.some((q) => q.isPending)) {
    body = <Skeleton lines={6} label={heading} />;
  } else {
    const rows = queries.flatMap((q, i) =>
      q.data && keys[i] ? [toStatsRow(keys[i], label(keys[i]), q.data)] : [],
    );
    body = <Figures kind={query.by} rows={rows} query={query} realtime={realtime} />;
  }

  return (
    <section aria-labelledby="st-results-h" className="st-results" data-testid="stats-results">
      <h2 id="st-results-h">{heading}</h2>
      {body}
    </section>
  );
}

function Figures({
  kind,
  rows,
  query,
  realtime,
}: {
  kind: StatsKind;
  rows: StatsRow[];
  query: StatsQuery;
  realtime: boolean;
}) {
  const { t } = useTranslation(NS);
  const fmt = useFormat();
  const total = rows.length > 1 ? totalRow(kind, rows, t('results.total')) : null;
  const rt = realtime ? REALTIME_FIELDS[kind] : [];
  const pct = (v: number | null) => (v === null ? '–' : fmt.percent(v, 1));
  const secs = (v: number | null) => (v === null ? '–' : fmt.duration(v));
  const allZero = rows.every((r) => r.calls === 0);
  const oldestFetch = rows.map((r) => r.fetchedAt).sort()[0] ?? null;

  const line = (r: StatsRow, isTotal = false) => (
    <tr
      key={r.key}
      className={isTotal ? 'st-total' : undefined}
      data-testid={isTotal ? 'stats-total' : 'stats-row'}
    >
      <th scope="row">{r.label}</th>
      <td className="st-num" data-testid="stats-calls">
        {fmt.number(r.calls)}
      </td>
      <td className="st-num">{fmt.number(r.answered)}</td>
      <td className="st-num">{pct(r.answeredPercent)}</td>
      <td className="st-num">{secs(r.totalDurationSeconds)}</td>
      <td className="st-num">{secs(r.averageSeconds)}</td>
      {rt.map((f) => {
        const v = r.realtime?.[f] ?? null;
        return (
          <td key={f} className={isInstantField(f) ? 'st-num st-rt-instant' : 'st-num'}>
            {v === null ? (
              '–'
            ) : isInstantField(f) && typeof v === 'string' ? (
              <span title={fmt.dateTime(new Date(v))}>
                {fmt.time(new Date(v))} (<Duration since={v} />)
              </span>
            ) : (
              fmt.number(Number(v))
            )}
          </td>
        );
      })}
    </tr>
  );

  return (
    <>
      <div className="st-actions">
        <button
          type="button"
          className="button"
          onClick={() =>
            download(
              statsCsv(kind, rows, total, {
                lang: fmt.locale.startsWith('fr') ? 'fr' : 'en',
                timeZone: fmt.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
                header: (c) => t(`csv.${c}`),
              }),
              csvFileName(kind, query.from, query.to),
              fmt.locale.startsWith('fr'),
            )
          }
          data-testid="stats-export"
        >
          {t('results.export')}
        </button>
        <Age at={oldestFetch} />
        {realtime && <span className="st-hint">{t('results.refreshing')}</span>}
      </div>
      <div className="st-table-wrap">
        <table className="st-table" data-testid="stats-table">
          <thead>
            {rt.length > 0 && (
              <tr>
                <td colSpan={6} />
                <th scope="colgroup" colSpan={rt.length} className="st-rt-head">
                  {t('results.realtime')}
                </th>
              </tr>
            )}
            <tr>
              <th scope="col">{t(kind === 'groups' ? 'results.group' : 'results.number')}</th>
              <th scope="col" className="st-num">
                {t('results.calls')}
              </th>
              <th scope="col" className="st-num">
                {t('results.answered')}
              </th>
              <th scope="col" className="st-num">
                {t('results.answeredPercent')}
              </th>
              <th scope="col" className="st-num">
                {t('results.totalDuration')}
              </th>
              <th scope="col" className="st-num">
                {t('results.averageDuration')}
              </th>
              {rt.map((f) => (
                <th key={f} scope="col" className="st-num">
                  {t(`results.${f}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => line(r))}
            {total && line(total, true)}
          </tbody>
        </table>
      </div>
      {allZero ? (
        <EmptyState title={t('results.noCalls')} />
      ) : (
        <figure className="st-chart" data-testid="stats-chart">
          <figcaption>
            {t('results.chart', {
              kind: t(kind === 'groups' ? 'results.chartKindGroups' : 'results.chartKindNumbers'),
            })}
          </figcaption>
          <div
            role="img"
            aria-label={t('results.chart', {
              kind: t(kind === 'groups' ? 'results.chartKindGroups' : 'results.chartKindNumbers'),
            })}
          >
            <ResponsiveContainer
              width="100%"
              height={Math.max(240, Math.min(480, rows.length * 40 + 120))}
            >
              <BarChart
                data={rows}
                margin={{ top: 8, right: 24, bottom: 8, left: 8 }}
                maxBarSize={72}
              >
                <CartesianGrid stroke={GRID} vertical={false} />
                <XAxis dataKey="label" stroke={AXIS} tick={{ fill: AXIS }} interval={0} />
                <YAxis
                  allowDecimals={false}
                  stroke={AXIS}
                  tick={{ fill: AXIS }}
                  tickFormatter={(v: number) => fmt.number(v)}
                />
                <Tooltip
                  formatter={(v, name) => [fmt.number(Number(v)), name]}
                  contentStyle={{
                    background: '#1e2733',
                    border: '1px solid #2c3745',
                    color: '#e8edf3',
                  }}
                  cursor={{ fill: 'rgba(255,255,255,0.06)' }}
                />
                <Legend wrapperStyle={{ color: '#e8edf3' }} />
                <Bar
                  dataKey="calls"
                  name={t('results.calls')}
                  fill={CALLS}
                  isAnimationActive={false}
                />
                <Bar
                  dataKey="answered"
                  name={t('results.answered')}
                  fill={ANSWERED}
                  isAnimationActive={false}
                />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </figure>
      )}
    </>
  );
}
