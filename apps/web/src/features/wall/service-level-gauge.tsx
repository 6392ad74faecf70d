// Service level as a Recharts radial gauge (lazy: Recharts stays out of the wall's first load).
import { PolarAngleAxis, RadialBar, RadialBarChart } from 'recharts';

export default function ServiceLevelGauge({
  value,
  colour,
  size,
}: {
  value: number | null;
  colour: string;
  size: number;
}) {
  const data = [{ name: 'sl', value: value ?? 0, fill: colour }];
  return (
    <RadialBarChart
      width={size}
      height={size}
      data={data}
      innerRadius="72%"
      outerRadius="100%"
      startAngle={225}
      endAngle={-45}
      margin={{ top: 0, right: 0, bottom: 0, left: 0 }}
    >
      <PolarAngleAxis type="number" domain={[0, 100]} tick={false} axisLine={false} />
      <RadialBar
        dataKey="value"
        background={{ fill: '#2c3745' }}
        cornerRadius={size / 20}
        isAnimationActive={false}
      />
    </RadialBarChart>
  );
}
