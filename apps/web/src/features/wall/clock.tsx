// The wall's clock: hours and minutes, large, with the date under it.
import { useFormat } from '../../shared/i18n/use-format';
import { useNow } from '../../shared/ui/use-now';
import { ZoneNote } from '../../shared/ui/zone-note';

export function Clock() {
  const now = new Date(useNow(1000));
  const fmt = useFormat();
  return (
    <div className="wall-clock" data-testid="clock">
      <time className="wall-clock-time" dateTime={now.toISOString()}>
        {fmt.time(now)}
      </time>
      <span className="wall-clock-date">{fmt.date(now)}</span>
      {/* The wall's clock is the account's: named when the screen's own zone differs. */}
      <ZoneNote className="wall-clock-zone" short />
    </div>
  );
}
