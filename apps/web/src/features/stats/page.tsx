// Statistics `/stats`: calls received per group (guide 4.2) or per number (4.1) over a period.
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAccountZone } from '../../shared/live';
import { useDirectory } from './api/get-directory';
import { NS } from './i18n';
import { StatsForm } from './stats-form';
import { boardNow } from '../../shared/ui/use-now';
import { defaultQuery, parseStatsParams, toStatsParams } from './stats-query';
import { StatsResults } from './stats-results';
import './stats.css';

export default function StatsPage() {
  const { t } = useTranslation(NS);
  const [params, setParams] = useSearchParams();
  const asked = parseStatsParams(params);
  const directory = useDirectory();
  // Default days are the account's; the form re-mounts with them once the first snapshot names the zone.
  const zone = useAccountZone();

  return (
    <main className="page st-page" data-testid="stats-page">
      <h1>{t('title')}</h1>
      <p className="st-intro">{t('intro')}</p>
      <StatsForm
        key={`${params.toString()}|${zone ?? ''}`}
        initial={asked ?? defaultQuery(new Date(boardNow()), zone)}
        directory={{
          data: directory.data,
          isPending: directory.isPending,
          isError: directory.isError,
          refetch: () => void directory.refetch(),
        }}
        onSubmit={(q) => setParams(toStatsParams(q))}
      />
      {asked && <StatsResults query={asked} directory={directory.data} />}
    </main>
  );
}
