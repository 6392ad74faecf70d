// Placeholder of the wall-board (being built).
import { StaleBanner } from '../../shared/ui/stale-banner';
import { ConnectionIndicator } from '../../shared/ui/connection-indicator';

export default function WallPage() {
  return (
    <main className="wall" data-testid="wall">
      <StaleBanner />
      <ConnectionIndicator />
    </main>
  );
}
