// A state shown with colour, icon and label together.
import { useTranslation } from 'react-i18next';
import { StateIcon } from './state-icon';
import { STATE_PALETTE, type DisplayState } from './states';

export function StateBadge({ state, label }: { state: DisplayState; label?: string }) {
  const { t } = useTranslation();
  const p = STATE_PALETTE[state];
  return (
    <span
      className="state-badge"
      data-testid="state-badge"
      data-state={state}
      style={{ background: p.bg, color: p.fg }}
    >
      <StateIcon state={state} />
      <span>{label ?? t(`state.${state}`)}</span>
    </span>
  );
}
