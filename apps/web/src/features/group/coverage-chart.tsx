// The group's day hour by hour (lazy: loaded by the group page only): calls as bars, operators
// logged in and available as lines; unseen hours are a hatched band with gaps in the lines, and
// backfilled hours have lighter bars. A table of the same figures sits behind a disclosure.
import type { CoverageReply } from '@vigie/contract';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useFormat } from '../../shared/i18n';
import { callsAxisTop, coverageChartData, type CoverageDatum } from './coverage';
import { NS } from './i18n';
import {
  CHART_AXIS as AXIS,
  CHART_GRID as GRID,
  CHART_TOOLTIP_STYLE as tooltipStyle,
} from '../../shared/ui/chart-theme';

const CALLS = '#56B4E9';
/** CALLS at 45 % on the panel, as a colour so the legend's swatch matches the bars. */
const CALLS_BACKFILLED = '#2f5d7a';
const LOGGED_IN = '#E69F00';
const AVAILABLE = '#4ade80';

const hh = (h: number) => String(h).padStart(2, '0');

export default function CoverageChart({
  reply,
  nowHour,
}: {
  reply: CoverageReply;
  /** The account's current hour when the day is today; null for a past day. */
  nowHour: number | null;
}) {
  const { t } = useTranslation(NS);
  const fmt = useFormat();
  const hatch = `hatch-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const data = useMemo(() => coverageChartData(reply.hours, nowHour), [reply.hours, nowHour]);
  const top = callsAxisTop(reply.hours);
  const count = (s: CoverageDatum['status']) => data.filter((d) => d.status === s).length;
  const totalCalls = data.reduce((n, d) => n + (d.calls ?? 0) + (d.callsBackfilled ?? 0), 0);
  const opsTop = Math.max(
    2,
    ...data.map((d) => Math.ceil(Math.max(d.loggedIn ?? 0, d.available ?? 0))),
  );
  // A calendar day of the account: written as itself, no zone can move it to another date.
  const day = fmt.day(reply.date);
  const one = (v: number | null, digits = 1) => (v === null ? '–' : fmt.number(v, digits));

  return (
    <figure
      className="grp-chart grp-coverage"
      data-testid="coverage-chart"
      data-date={reply.date}
      data-unrecorded={count('unrecorded')}
      data-backfilled={count('backfilled')}
    >
      <figcaption>{t('coverage.caption', { date: day })}</figcaption>
      <div
        role="img"
        aria-label={t('coverage.chartLabel', {
          calls: fmt.number(totalCalls),
          unrecorded: fmt.number(count('unrecorded')),
          backfilled: fmt.number(count('backfilled')),
        })}
      >
        <ResponsiveContainer width="100%" height={300}>
          <ComposedChart
            data={data}
            margin={{ top: 8, right: 8, bottom: 4, left: 0 }}
            barCategoryGap="12%"
          >
            <defs>
              <pattern
                id={hatch}
                width="8"
                height="8"
                patternUnits="userSpaceOnUse"
                patternTransform="rotate(45)"
              >
                <rect width="8" height="8" fill="#1a2029" />
                <line x1="0" y1="0" x2="0" y2="8" stroke="#5b6675" strokeWidth="3" />
              </pattern>
            </defs>
            <CartesianGrid stroke={GRID} vertical={false} />
            <XAxis
              dataKey="hour"
              tickFormatter={(h: number) => hh(h)}
              stroke={AXIS}
              tick={{ fill: AXIS }}
              interval={0}
            />
            <YAxis
              yAxisId="calls"
              domain={[0, top]}
              allowDecimals={false}
              stroke={AXIS}
              tick={{ fill: AXIS }}
              width={44}
              label={{ value: t('coverage.calls'), angle: -90, position: 'insideLeft', fill: AXIS }}
            />
            <YAxis
              yAxisId="ops"
              orientation="right"
              domain={[0, opsTop]}
              allowDecimals={false}
              stroke={AXIS}
              tick={{ fill: AXIS }}
              width={44}
              label={{
                value: t('coverage.operators'),
                angle: 90,
                position: 'insideRight',
                fill: AXIS,
              }}
            />
            <Tooltip
              contentStyle={tooltipStyle}
              cursor={{ fill: 'rgba(255,255,255,0.06)' }}
              content={<HourTooltip />}
            />
            {/* Recharts colours each label as its series; the paler one would not read. */}
            <Legend formatter={(value) => <span className="grp-legend-text">{value}</span>} />
            <Bar
              yAxisId="calls"
              dataKey="calls"
              stackId="calls"
              name={t('coverage.calls')}
              fill={CALLS}
              isAnimationActive={false}
            />
            <Bar
              yAxisId="calls"
              dataKey="callsBackfilled"
              stackId="calls"
              name={t('coverage.callsBackfilled')}
              fill={CALLS_BACKFILLED}
              stroke={CALLS}
              strokeDasharray="3 2"
              isAnimationActive={false}
            />
            <Bar
              yAxisId="calls"
              dataKey="band"
              stackId="calls"
              name={t('coverage.unrecorded')}
              fill={`url(#${hatch})`}
              isAnimationActive={false}
              legendType="rect"
            />
            <Line
              yAxisId="ops"
              type="linear"
              dataKey="loggedIn"
              name={t('coverage.loggedIn')}
              stroke={LOGGED_IN}
              strokeWidth={2}
              dot={{ r: 3, fill: LOGGED_IN }}
              connectNulls={false}
              isAnimationActive={false}
            />
            <Line
              yAxisId="ops"
              type="linear"
              dataKey="available"
              name={t('coverage.available')}
              stroke={AVAILABLE}
              strokeWidth={2}
              strokeDasharray="6 3"
              dot={{ r: 3, fill: AVAILABLE }}
              connectNulls={false}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <details className="grp-coverage-table">
        <summary>{t('coverage.asTable')}</summary>
        <table className="grp-table" data-testid="coverage-table">
          <caption className="visually-hidden">{t('coverage.caption', { date: day })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('coverage.hour')}</th>
              <th scope="col">{t('coverage.calls')}</th>
              <th scope="col">{t('coverage.answered')}</th>
              <th scope="col">{t('coverage.lost')}</th>
              <th scope="col">{t('coverage.loggedIn')}</th>
              <th scope="col">{t('coverage.available')}</th>
              <th scope="col">{t('coverage.recorded')}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.hour} data-status={d.status}>
                <th scope="row">{`${hh(d.hour)}:00`}</th>
                <td>{one(d.calls ?? d.callsBackfilled, 0)}</td>
                <td>{one(d.answered, 0)}</td>
                <td>{one(d.lost, 0)}</td>
                <td>{one(d.loggedIn)}</td>
                <td>{one(d.available)}</td>
                <td>
                  {t(`coverage.status.${d.status}`, { percent: fmt.percent(d.recordedPercent) })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** What the hour was, in words: figures, and whether the board saw it, partly or from history. */
function HourTooltip({
  active,
  payload,
}: {
  active?: boolean;
  payload?: readonly { payload?: CoverageDatum }[];
}) {
  const { t } = useTranslation(NS);
  const fmt = useFormat();
  const d = payload?.[0]?.payload;
  if (!active || !d) return null;
  const v = (x: number | null, digits = 0) => (x === null ? '–' : fmt.number(x, digits));
  return (
    <div className="grp-tooltip" style={tooltipStyle}>
      <strong>{`${hh(d.hour)}:00–${hh((d.hour + 1) % 24)}:00`}</strong>
      <div>{t(`coverage.status.${d.status}`, { percent: fmt.percent(d.recordedPercent) })}</div>
      {d.status !== 'unrecorded' && d.status !== 'future' && (
        <>
          <div>
            {t('coverage.calls')}: {v(d.calls ?? d.callsBackfilled)} ({t('coverage.answered')}{' '}
            {v(d.answered)}, {t('coverage.lost')} {v(d.lost)})
          </div>
          <div>
            {t('coverage.loggedIn')}: {v(d.loggedIn, 1)} · {t('coverage.available')}:{' '}
            {v(d.available, 1)}
          </div>
        </>
      )}
    </div>
  );
}
