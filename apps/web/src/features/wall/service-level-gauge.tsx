// Service level as a 270° arc in plain SVG: the wall's one chart, without a chart library (Recharts
// cost the wall ~100 KB gzip for this alone; the budget is 250 KB). The warning and critical marks
// cross the ring where the group's rules fire (issue 12.4).
import type { Threshold } from '@vigie/contract';
import { LEVEL_COLOUR } from '../../shared/ui/thresholds';

const TRACK = '#2c3745';
const OUTLINE = '#0b1220';
const SWEEP = 0.75;
const START_DEG = 135;

const clampShare = (v: number) => Math.min(100, Math.max(0, v)) / 100;

export function ServiceLevelGauge({
  value,
  colour,
  size,
  marks,
}: {
  value: number | null;
  colour: string;
  size: number;
  /** Percentages under which the level turns amber and red. */
  marks?: Threshold;
}) {
  // Ring of 72–100 % of the radius, as before.
  const width = size * 0.14;
  const r = size / 2 - width / 2;
  const c = 2 * Math.PI * r;
  const share = value === null ? 0 : clampShare(value);
  const arc = (length: number) => `${length} ${c}`;
  const mid = size / 2;
  const common = {
    cx: mid,
    cy: mid,
    r,
    fill: 'none',
    strokeWidth: width,
    strokeLinecap: 'round' as const,
    // From the bottom left, clockwise to the bottom right.
    transform: `rotate(${START_DEG} ${mid} ${mid})`,
  };
  const tick = (kind: 'warning' | 'critical', pct: number) => {
    const a = ((START_DEG + 360 * SWEEP * clampShare(pct)) * Math.PI) / 180;
    // Across the ring and a little beyond, so it reads over the coloured arc too.
    const r0 = r - width / 2 - size * 0.02;
    const r1 = r + width / 2 + size * 0.005;
    const ends = {
      x1: mid + r0 * Math.cos(a),
      y1: mid + r0 * Math.sin(a),
      x2: mid + r1 * Math.cos(a),
      y2: mid + r1 * Math.sin(a),
    };
    const w = Math.max(2, size * 0.035);
    // A dark outline under it, so the mark reads over an arc of its own colour.
    return (
      <g key={kind}>
        <line {...ends} stroke={OUTLINE} strokeWidth={w + 3} strokeLinecap="round" />
        <line
          {...ends}
          data-testid="gauge-mark"
          data-kind={kind}
          data-value={pct}
          stroke={LEVEL_COLOUR[kind]}
          strokeWidth={w}
          strokeLinecap="round"
        />
      </g>
    );
  };
  return (
    <svg width={size} height={size} viewBox={`0 0 ${size} ${size}`} aria-hidden="true">
      <circle {...common} stroke={TRACK} strokeDasharray={arc(c * SWEEP)} />
      {share > 0 && <circle {...common} stroke={colour} strokeDasharray={arc(c * SWEEP * share)} />}
      {marks && [tick('warning', marks.warning), tick('critical', marks.critical)]}
    </svg>
  );
}
