// An hourglass: old figures read by shape, not only by their washed-out colour (issue 12.1).
export function StaleIcon({ label }: { label: string }) {
  return (
    <svg
      className="stale-icon"
      data-testid="stale-icon"
      role="img"
      aria-label={label}
      viewBox="0 0 24 24"
      width="1em"
      height="1em"
      fill="none"
      stroke="currentColor"
      strokeWidth={2.4}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <title>{label}</title>
      <path d="M6 2.5h12M6 21.5h12M7 2.5c0 5 10 6.5 10 9.5s-10 4.5-10 9.5M17 2.5c0 5-10 6.5-10 9.5s10 4.5 10 9.5" />
    </svg>
  );
}
