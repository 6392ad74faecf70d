// The group's day as two Recharts charts: callers waiting (area) and answered % / service level
// (lines with the threshold bands), on a shared time axis.
import type { BoardConfig, TrendReply } from '@vigie/contract';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Area,
  AreaChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useFormat } from '../../shared/i18n';
import { EmptyState } from '../../shared/ui';
import { NS } from './i18n';
import { timeTicks, trendChartData } from './trend';
import {
  CHART_AXIS as AXIS,
  CHART_GRID as GRID,
  CHART_TOOLTIP_STYLE as tooltipStyle,
} from '../../shared/ui/chart-theme';

const WAITING = '#56B4E9';
const ANSWERED = '#4ade80';
const SERVICE = '#E69F00';

export function TrendCharts({
  trend,
  thresholds,
}: {
  trend: TrendReply;
  thresholds: BoardConfig['thresholds'];
}) {
  const { t } = useTranslation(NS);
  const fmt = useFormat();
  const data = useMemo(() => trendChartData(trend.points), [trend.points]);
  const first = data[0];
  const last = data.at(-1);
  if (!first || !last) return <EmptyState title={t('trend.empty')} />;

  const domain: [number, number] = [first.t, Math.max(last.t, first.t + 60_000)];
  const found = timeTicks(domain[0], domain[1]);
  const ticks = found.length > 0 ? found : [domain[0]];
  const clock = (ms: number) => fmt.time(new Date(ms));
  const xAxis = (
    <XAxis
      dataKey="t"
      type="number"
      scale="time"
      domain={domain}
      ticks={ticks}
      tickFormatter={clock}
      stroke={AXIS}
      tick={{ fill: AXIS }}
    />
  );
  const range = { from: clock(domain[0]), to: clock(domain[1]) };

  return (
    <div className="grp-charts">
      <figure className="grp-chart" data-testid="trend-waiting">
        <figcaption>{t('trend.waiting')}</figcaption>
        <div
          role="img"
          aria-label={t('trend.chartLabel', {
            series: t('trend.waiting'),
            ...range,
            latest: fmt.number(last.waiting),
          })}
        >
          <ResponsiveContainer width="100%" height={260}>
            <AreaChart data={data} margin={{ top: 8, right: 24, bottom: 4, left: 0 }}>
              <CartesianGrid stroke={GRID} />
              {xAxis}
              <YAxis allowDecimals={false} stroke={AXIS} tick={{ fill: AXIS }} width={48} />
              <Tooltip
                labelFormatter={(v) => clock(Number(v))}
                formatter={(v) => [fmt.number(Number(v)), t('trend.waiting')]}
                contentStyle={tooltipStyle}
              />
              <Area
                type="stepAfter"
                dataKey="waiting"
                name={t('trend.waiting')}
                stroke={WAITING}
                fill={WAITING}
                fillOpacity={0.3}
                isAnimationActive={false}
              />
            </AreaChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <figure className="grp-chart" data-testid="trend-percent">
        <figcaption>{t('trend.percent')}</figcaption>
        <div
          role="img"
          aria-label={t('trend.chartLabel', {
            series: t('trend.percent'),
            ...range,
            latest: `${fmt.percent(last.answeredPercent)} / ${last.serviceLevelPercent === null ? '–' : fmt.percent(last.serviceLevelPercent)}`,
          })}
        >
          <ResponsiveContainer width="100%" height={260}>
            <LineChart data={data} margin={{ top: 8, right: 24, bottom: 4, left: 0 }}>
              <CartesianGrid stroke={GRID} />
              {xAxis}
              <YAxis
                domain={[0, 100]}
                ticks={[0, 25, 50, 75, 100]}
                tickFormatter={(v: number) => fmt.percent(v)}
                stroke={AXIS}
                tick={{ fill: AXIS }}
                width={56}
              />
              <ReferenceLine
                y={thresholds.serviceLevelPercent.warning}
                stroke="#fbbf24"
                strokeDasharray="6 4"
                label={{
                  value: t('trend.warning'),
                  fill: '#fbbf24',
                  position: 'insideBottomRight',
                }}
              />
              <ReferenceLine
                y={thresholds.serviceLevelPercent.critical}
                stroke="#f87171"
                strokeDasharray="2 4"
                label={{
                  value: t('trend.critical'),
                  fill: '#f87171',
                  position: 'insideBottomRight',
                }}
              />
              <Tooltip
                labelFormatter={(v) => clock(Number(v))}
                formatter={(v, name) => [
                  v === null || v === undefined ? '–' : fmt.percent(Number(v), 1),
                  name,
                ]}
                contentStyle={tooltipStyle}
              />
              <Legend wrapperStyle={{ color: '#e8edf3' }} />
              <Line
                type="monotone"
                dataKey="answeredPercent"
                name={t('trend.answered')}
                stroke={ANSWERED}
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
              />
              <Line
                type="monotone"
                dataKey="serviceLevelPercent"
                name={t('trend.serviceLevel')}
                stroke={SERVICE}
                strokeWidth={2}
                strokeDasharray="8 3"
                dot={false}
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <p className="grp-step">{t('trend.step', { seconds: trend.stepSeconds })}</p>
    </div>
  );
}
