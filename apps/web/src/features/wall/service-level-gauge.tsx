// Service level as a 270° arc in plain SVG: the wall's one chart, without a chart library (Recharts
// cost the wall ~100 KB gzip for this alone; the budget is 250 KB).
const TRACK = '#2c3745';
const SWEEP = 0.75;

export function ServiceLevelGauge({
  value,
  colour,
  size,
}: {
  value: number | null;
  colour: string;
  size: number;
}) {
  // Ring of 72–100 % of the radius, as before.
  const width = size * 0.14;
  const r = size / 2 - width / 2;
  const c = 2 * Math.PI * r;
  const share = value === null ? 0 : Math.min(100, Math.max(0, value)) / 100;
  const arc = (length: number) => `${length} ${c}`;
  const common = {
    cx: size / 2,
    cy: size / 2,
    r,
    fill: 'none',
    strokeWidth: width,
    strokeLinecap: 'round' as const,
    // From the bottom left, clockwise to the bottom right.
    transform: `rotate(135 ${size / 2} ${size / 2})`,
  };
  return (
    <svg width={size} height={size} viewBox={`0 0 ${size} ${size}`} aria-hidden="true">
      <circle {...common} stroke={TRACK} strokeDasharray={arc(c * SWEEP)} />
      {share > 0 && <circle {...common} stroke={colour} strokeDasharray={arc(c * SWEEP * share)} />}
    </svg>
  );
}
