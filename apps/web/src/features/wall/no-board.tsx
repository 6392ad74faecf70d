// /wall/<board> naming no board: say so in full screen, never a blank page; the board query keeps
// asking (each settings change), so creating the board brings it up by itself.
import { useTranslation } from 'react-i18next';
import { Clock } from './clock';

export function NoBoard({ id }: { id: string }) {
  const { t } = useTranslation('wall');
  return (
    <div className="wall-unauthorised" data-testid="wall-no-board" data-board={id}>
      <header className="wall-top">
        <Clock />
      </header>
      <div className="wall-unauthorised-body" role="alert">
        <h1>{t('noBoard.title', { id })}</h1>
        <p>{t('noBoard.hint')}</p>
        <p className="wall-unauthorised-address">
          <code>{`${window.location.origin}/wall`}</code>
        </p>
        <p className="wall-unauthorised-retry">{t('noBoard.retry')}</p>
      </div>
    </div>
  );
}
