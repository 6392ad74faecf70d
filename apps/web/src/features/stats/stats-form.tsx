// The stats question: kind, period and selection. The period is checked here, before any request.
import type { DirectoryReply } from '@vigie/contract';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, Skeleton } from '../../shared/ui';
import { NS } from './i18n';
import { checkRange } from './range';
import type { RangeProblem } from './range';
import { parseTypedNumbers } from './stats-query';
import type { StatsQuery } from './stats-query';

export function StatsForm({
  initial,
  directory,
  onSubmit,
}: {
  initial: StatsQuery;
  directory: {
    data: DirectoryReply | undefined;
    isPending: boolean;
    isError: boolean;
    refetch: () => void;
  };
  onSubmit: (q: StatsQuery) => void;
}) {
  const { t } = useTranslation(NS);
  const ids = { from: useId(), to: useId(), typed: useId(), rangeMsg: useId(), typedMsg: useId() };
  const [by, setBy] = useState(initial.by);
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const [groups, setGroups] = useState<number[]>(initial.groups);
  const known = new Set(directory.data?.numbers ?? []);
  const [picked, setPicked] = useState<string[]>(initial.numbers);
  const [typed, setTyped] = useState('');
  const [rangeProblem, setRangeProblem] = useState<RangeProblem | null>(null);
  const [badNumbers, setBadNumbers] = useState<string[]>([]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const range = checkRange(from, to);
    const parsed = parseTypedNumbers(typed);
    setRangeProblem(range.ok ? null : range.problem);
    setBadNumbers(by === 'numbers' ? parsed.bad : []);
    if (!range.ok || (by === 'numbers' && parsed.bad.length > 0)) return;
    const numbers = [...new Set([...picked, ...parsed.numbers])];
    onSubmit({ by, from, to, groups, numbers });
  };

  const toggle = <T,>(list: T[], x: T) =>
    list.includes(x) ? list.filter((y) => y !== x) : [...list, x];
  // Numbers of an earlier question that the directory does not list still show as checkboxes.
  const numberChoices = [
    ...new Set([...(directory.data?.numbers ?? []), ...picked.filter((n) => !known.has(n))]),
  ];

  return (
    <form
      className="st-form"
      onSubmit={submit}
      aria-label={t('form.legend')}
      noValidate
      data-testid="stats-form"
    >
      <fieldset className="st-by">
        <legend>{t('form.by')}</legend>
        <label>
          <input
            type="radio"
            name="by"
            value="groups"
            checked={by === 'groups'}
            onChange={() => setBy('groups')}
          />
          {t('form.byGroups')}
        </label>
        <label>
          <input
            type="radio"
            name="by"
            value="numbers"
            checked={by === 'numbers'}
            onChange={() => setBy('numbers')}
          />
          {t('form.byNumbers')}
        </label>
      </fieldset>

      <div className="st-dates">
        <div className="st-field">
          <label htmlFor={ids.from}>{t('form.from')}</label>
          <input
            id={ids.from}
            type="date"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            aria-invalid={rangeProblem !== null}
            aria-describedby={rangeProblem ? ids.rangeMsg : undefined}
            data-testid="stats-from"
            required
          />
        </div>
        <div className="st-field">
          <label htmlFor={ids.to}>{t('form.to')}</label>
          <input
            id={ids.to}
            type="date"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            aria-invalid={rangeProblem !== null}
            aria-describedby={rangeProblem ? ids.rangeMsg : undefined}
            data-testid="stats-to"
            required
          />
        </div>
      </div>
      {rangeProblem && (
        <p id={ids.rangeMsg} className="st-problem" role="alert" data-testid="range-error">
          {t(`range.${rangeProblem}`)}
        </p>
      )}

      {directory.isPending ? (
        <Skeleton lines={3} />
      ) : directory.isError ? (
        <ErrorState message={t('form.directoryError')} onRetry={directory.refetch} />
      ) : null}

      {by === 'groups' && directory.data && (
        <fieldset className="st-pick" data-testid="group-picker">
          <legend>
            {t('form.groups')}{' '}
            <span className="st-count">{t('form.selected', { count: groups.length })}</span>
          </legend>
          {directory.data.groups.length === 0 ? (
            <p>{t('form.noGroups')}</p>
          ) : (
            <>
              <div className="st-pick-actions">
                <button
                  type="button"
                  className="button"
                  onClick={() => setGroups(directory.data?.groups.map((g) => g.id) ?? [])}
                >
                  {t('form.all')}
                </button>
                <button type="button" className="button" onClick={() => setGroups([])}>
                  {t('form.none')}
                </button>
              </div>
              <div className="st-options">
                {directory.data.groups.map((g) => (
                  <label key={g.id}>
                    <input
                      type="checkbox"
                      checked={groups.includes(g.id)}
                      onChange={() => setGroups(toggle(groups, g.id))}
                    />
                    {g.name}
                  </label>
                ))}
              </div>
            </>
          )}
        </fieldset>
      )}

      {by === 'numbers' && (
        <fieldset className="st-pick" data-testid="number-picker">
          <legend>
            {t('form.numbers')}{' '}
            <span className="st-count">{t('form.selected', { count: picked.length })}</span>
          </legend>
          {numberChoices.length === 0 ? (
            directory.data && <p>{t('form.noNumbers')}</p>
          ) : (
            <>
              <div className="st-pick-actions">
                <button type="button" className="button" onClick={() => setPicked(numberChoices)}>
                  {t('form.all')}
                </button>
                <button type="button" className="button" onClick={() => setPicked([])}>
                  {t('form.none')}
                </button>
              </div>
              <div className="st-options">
                {numberChoices.map((n) => (
                  <label key={n}>
                    <input
                      type="checkbox"
                      checked={picked.includes(n)}
                      onChange={() => setPicked(toggle(picked, n))}
                    />
                    <span className="st-number">+{n}</span>
                  </label>
                ))}
              </div>
            </>
          )}
          <div className="st-field">
            <label htmlFor={ids.typed}>{t('form.typeNumbers')}</label>
            <input
              id={ids.typed}
              type="text"
              inputMode="tel"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              aria-describedby={
                badNumbers.length > 0
                  ? `${ids.typedMsg}-hint ${ids.typedMsg}`
                  : `${ids.typedMsg}-hint`
              }
              aria-invalid={badNumbers.length > 0}
              data-testid="stats-numbers-typed"
            />
            <span id={`${ids.typedMsg}-hint`} className="st-hint">
              {t('form.typeNumbersHint')}
            </span>
            {badNumbers.length > 0 && (
              <p id={ids.typedMsg} className="st-problem" role="alert">
                {t('form.badNumbers', { numbers: badNumbers.join(', ') })}
              </p>
            )}
          </div>
        </fieldset>
      )}

      <div>
        <button type="submit" className="button st-submit" data-testid="stats-submit">
          {t('form.submit')}
        </button>
      </div>
    </form>
  );
}
