// Today's timeline as a Recharts horizontal stacked bar chart: one row per event type, transparent
// gaps between coloured events; a legend and an event list say the same in words.
import type { HistoryReply } from '@vigie/contract';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useFormat } from '../../shared/i18n';
import { EmptyState } from '../../shared/ui';
import { NS } from './i18n';
import {
  buildTimelineRows,
  eventColour,
  hourTicks,
  spanKey,
  stackTimeline,
  timelineWindow,
} from './timeline';
import type { TimelineSpan } from './timeline';
import { CHART_AXIS as AXIS, CHART_GRID as GRID } from '../../shared/ui/chart-theme';

export function TimelineChart({ history }: { history: HistoryReply }) {
  const { t } = useTranslation(NS);
  const fmt = useFormat();
  const typeLabel = (type: string) => t(`types.${type}`, { defaultValue: type });

  const { startMs: originMs, endMs } = timelineWindow(
    history.events,
    Date.parse(history.from),
    Date.parse(history.to),
  );
  const { rows, stacked, ticks } = useMemo(() => {
    const r = buildTimelineRows(history.events, originMs, endMs);
    return { rows: r, stacked: stackTimeline(r, originMs), ticks: hourTicks(originMs, endMs) };
  }, [history.events, originMs, endMs]);

  const clock = (secondsFromOrigin: number) =>
    fmt.time(new Date(originMs + secondsFromOrigin * 1000));
  const data = stacked.rows.map((r) => ({ ...r, label: typeLabel(r.type) }));
  const spanCount = rows.reduce((n, r) => n + r.spans.length, 0);
  const allSpans = rows
    .flatMap((r) => r.spans.map((s) => ({ ...s, type: r.type })))
    .sort((a, b) => a.startMs - b.startMs);

  return (
    <div className="op-timeline">
      <ul className="op-legend" aria-label={t('timeline.legend')} data-testid="timeline-legend">
        {rows.map((r) => (
          <li key={r.type}>
            <span
              className="op-swatch"
              style={{ background: eventColour(r.type) }}
              aria-hidden="true"
            />
            {typeLabel(r.type)}
          </li>
        ))}
      </ul>
      {spanCount === 0 ? (
        <EmptyState title={t('timeline.empty')} />
      ) : (
        <>
          <div
            className="op-timeline-chart"
            role="img"
            data-testid="timeline"
            aria-label={t('timeline.chartLabel', {
              from: fmt.time(new Date(originMs)),
              to: fmt.time(new Date(endMs)),
            })}
          >
            <ResponsiveContainer width="100%" height={rows.length * 44 + 40}>
              <BarChart
                data={data}
                layout="vertical"
                barCategoryGap={8}
                margin={{ top: 4, right: 24, bottom: 4, left: 8 }}
              >
                <CartesianGrid horizontal={false} stroke={GRID} />
                <XAxis
                  type="number"
                  domain={[0, (endMs - originMs) / 1000]}
                  ticks={ticks}
                  tickFormatter={clock}
                  stroke={AXIS}
                  tick={{ fill: AXIS }}
                  allowDataOverflow
                />
                <YAxis
                  type="category"
                  dataKey="label"
                  width={150}
                  stroke={AXIS}
                  tick={{ fill: AXIS }}
                />
                <Tooltip
                  shared={false}
                  cursor={false}
                  content={({ active, payload }) => {
                    const item = payload?.[0];
                    const key = item ? String(item.dataKey) : '';
                    const row = item?.payload as { type?: string } | undefined;
                    if (!active || !key.startsWith('e') || !row?.type) return null;
                    const span = stacked.spans.get(spanKey(row.type, key));
                    return span ? <SpanTip span={span} label={typeLabel(row.type)} /> : null;
                  }}
                />
                {stacked.keys.map((key) => (
                  <Bar
                    key={key}
                    dataKey={key}
                    stackId="day"
                    isAnimationActive={false}
                    minPointSize={0}
                  >
                    {data.map((r) => (
                      <Cell
                        key={r.type}
                        fill={key.startsWith('g') ? 'transparent' : eventColour(r.type)}
                      />
                    ))}
                  </Bar>
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
          <details className="op-events">
            <summary>{t('timeline.eventsList', { count: spanCount })}</summary>
            <table className="op-table">
              <thead>
                <tr>
                  <th scope="col">{t('timeline.start')}</th>
                  <th scope="col">{t('timeline.end')}</th>
                  <th scope="col">{t('timeline.type')}</th>
                  <th scope="col">{t('timeline.duration')}</th>
                  <th scope="col">{t('timeline.info')}</th>
                </tr>
              </thead>
              <tbody>
                {allSpans.map((s, i) => (
                  <tr key={i}>
                    <td>{fmt.time(new Date(s.startMs))}</td>
                    <td>{fmt.time(new Date(s.endMs))}</td>
                    <td>{typeLabel(s.type)}</td>
                    <td>{fmt.duration(s.event.durationSeconds)}</td>
                    <td>{s.event.info ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </div>
  );
}

function SpanTip({ span, label }: { span: TimelineSpan; label: string }) {
  const fmt = useFormat();
  return (
    <div className="op-tip">
      <strong>{label}</strong>
      <div>
        {fmt.time(new Date(span.startMs), true)} – {fmt.time(new Date(span.endMs), true)} (
        {fmt.duration(span.event.durationSeconds)})
      </div>
      {span.event.info && <div>{span.event.info}</div>}
    </div>
  );
}
