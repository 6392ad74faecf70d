// Severity as a shape as well as a colour: an octagon for critical, a triangle for a warning.
import type { AlertSeverity } from '@vigie/contract';

const SEVERITY_COLOUR: Record<AlertSeverity, string> = {
  critical: '#f87171',
  warning: '#fbbf24',
};

export function AlertIcon({ severity, label }: { severity: AlertSeverity; label?: string }) {
  const a11y = label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': true as const };
  return (
    <svg className="alert-icon" viewBox="0 0 24 24" width="1em" height="1em" {...a11y}>
      {severity === 'critical' ? (
        <path
          d="M8 1.5h8L22.5 8v8L16 22.5H8L1.5 16V8z"
          fill={SEVERITY_COLOUR.critical}
          stroke="#1a0505"
          strokeWidth="1.2"
        />
      ) : (
        <path
          d="M12 1.8L23 21.6H1z"
          fill={SEVERITY_COLOUR.warning}
          stroke="#1a1300"
          strokeWidth="1.2"
        />
      )}
      <path
        d={severity === 'critical' ? 'M12 6.5v7.2M12 17.2v.4' : 'M12 8.5v6.3M12 18v.3'}
        stroke={severity === 'critical' ? '#1a0505' : '#1a1300'}
        strokeWidth="2.6"
        strokeLinecap="round"
      />
    </svg>
  );
}
