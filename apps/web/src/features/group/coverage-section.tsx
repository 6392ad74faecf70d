// The group's day hour by hour, for a chosen day (today by default, `?day=` in the address); the
// chart itself is lazy so Recharts' composed chart loads with this section only.
import type { CoverageReply } from '@vigie/contract';
import { lazy, Suspense, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { EmptyState, ErrorState, Skeleton } from '../../shared/ui';
import { useGroupCoverage } from './api/get-group-coverage';
import { dayIn, hourIn } from './coverage';
import { NS } from './i18n';

const CoverageChart = lazy(() => import('./coverage-chart'));

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function CoverageSection({ id }: { id: number }) {
  const { t } = useTranslation(NS);
  const [params, setParams] = useSearchParams();
  const raw = params.get('day');
  const chosen = raw && DAY.test(raw) ? raw : null;
  const coverage = useGroupCoverage(id, chosen);
  const inputId = useId();
  const reply = coverage.data;
  const today = reply ? dayIn(reply.timeZone) : null;
  const setDay = (day: string) => {
    const next = new URLSearchParams(params);
    if (!day || day === today) next.delete('day');
    else next.set('day', day);
    setParams(next, { replace: true, preventScrollReset: true });
  };

  return (
    <section className="grp-panel" aria-labelledby="grp-coverage-h" data-testid="coverage">
      <div className="grp-coverage-head">
        <h2 id="grp-coverage-h">{t('coverage.heading')}</h2>
        <label htmlFor={inputId}>{t('coverage.day')}</label>
        <input
          id={inputId}
          type="date"
          data-testid="coverage-day"
          value={chosen ?? reply?.date ?? ''}
          max={today ?? undefined}
          onChange={(e) => setDay(e.target.value)}
        />
        {chosen && (
          <button type="button" className="button" onClick={() => setDay('')}>
            {t('coverage.today')}
          </button>
        )}
      </div>
      {coverage.isPending ? (
        <Skeleton lines={6} label={t('coverage.heading')} />
      ) : coverage.isError ? (
        <ErrorState
          error={coverage.error}
          title={t('coverage.loadError')}
          message={coverage.error.message}
          onRetry={() => void coverage.refetch()}
        />
      ) : (
        <CoverageBody reply={coverage.data} today={today} />
      )}
    </section>
  );
}

function CoverageBody({ reply, today }: { reply: CoverageReply; today: string | null }) {
  const { t } = useTranslation(NS);
  const isToday = reply.date === today;
  const nowHour = isToday ? hourIn(reply.timeZone) : null;
  const seen = reply.hours.some(
    (h) => h.calls !== null || h.operatorsLoggedIn !== null || h.operatorsAvailable !== null,
  );
  return (
    <>
      {!seen && <EmptyState title={t('coverage.empty')} />}
      <Suspense fallback={<Skeleton lines={6} label={t('coverage.heading')} />}>
        <CoverageChart reply={reply} nowHour={nowHour} />
      </Suspense>
      <p className="grp-step">{t('coverage.note')}</p>
    </>
  );
}
