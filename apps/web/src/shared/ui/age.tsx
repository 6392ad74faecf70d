// A discreet "12 s ago" from an instant, for a panel's own figures.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatAge } from '../i18n/format';
import { localeOf } from '../i18n/use-format';
import { useNow } from './use-now';

/** Drawn again on its clock's tick or a new instant, not with its panel (issue 14 §2). */
export const Age = memo(function Age({
  at,
  className,
}: {
  at: string | null | undefined;
  className?: string;
}) {
  const { t, i18n } = useTranslation();
  const now = useNow(1000);
  const text = at
    ? t('age.ago', {
        age: formatAge(localeOf(i18n.resolvedLanguage), (now - Date.parse(at)) / 1000),
      })
    : t('age.never');
  return (
    <span
      className={['age', className].filter(Boolean).join(' ')}
      data-testid="age"
      title={at ?? ''}
    >
      {text}
    </span>
  );
});
