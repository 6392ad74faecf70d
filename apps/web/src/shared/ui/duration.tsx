// Durations as text with their units drawn smaller (French spells them: "18 min 08 s"), and a
// ticking elapsed time since an instant, on the page's shared 1 s clock.
import { useFormat } from '../i18n/use-format';
import { useNow } from './use-now';

function elapsedSeconds(sinceIso: string | null, now: number): number | null {
  if (!sinceIso) return null;
  const t = Date.parse(sinceIso);
  return Number.isNaN(t) ? null : Math.max(0, (now - t) / 1000);
}

/** A duration in the UI's language; units in a `.duration-unit` span, so figures stay narrow. */
export function DurationText({ seconds }: { seconds: number }) {
  const fmt = useFormat();
  return (
    <>
      {fmt.durationParts(seconds).map((p, i) =>
        p.unit ? (
          <span key={i} className="duration-unit">
            {p.text}
          </span>
        ) : (
          p.text
        ),
      )}
    </>
  );
}

export function Duration({
  since,
  lowerBound = false,
  className,
}: {
  since: string | null;
  /** The true start may be earlier: shown as "≥ 3:05". */
  lowerBound?: boolean;
  className?: string;
}) {
  const now = useNow(1000);
  const s = elapsedSeconds(since, now);
  return (
    <span className={className} data-testid="duration">
      {s === null ? (
        '–'
      ) : (
        <>
          {lowerBound ? '≥ ' : ''}
          <DurationText seconds={s} />
        </>
      )}
    </span>
  );
}
