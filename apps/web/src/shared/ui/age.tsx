// A discreet "12 s ago" from an instant, for a panel's own figures.
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/use-format';
import { useNow } from './use-now';

export function Age({ at, className }: { at: string | null | undefined; className?: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const now = useNow(1000);
  const text = at ? t('age.ago', { age: fmt.age((now - Date.parse(at)) / 1000) }) : t('age.never');
  return (
    <span
      className={['age', className].filter(Boolean).join(' ')}
      data-testid="age"
      title={at ?? ''}
    >
      {text}
    </span>
  );
}
