// The filterable, sortable operator table; its state lives in the URL so a view can be shared.
import type { SnapshotGroup, SnapshotOperator } from '@vigie/contract';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  DISPLAY_STATE_ORDER,
  Duration,
  EmptyState,
  StateBadge,
  displayState,
  useNow,
  type DisplayState,
} from '../../shared/ui';
import { NS } from './i18n';
import {
  DEFAULT_TABLE_STATE,
  MIN_MINUTES_CHOICES,
  filterOperators,
  parseTableParams,
  sortOperators,
  toTableParams,
} from './operator-table';
import type { SortKey, TableState } from './operator-table';

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'name', label: 'table.name' },
  { key: 'state', label: 'table.state' },
  { key: 'time', label: 'table.time' },
  { key: 'group', label: 'table.groups' },
];

export function OperatorTable({
  operators,
  groups,
}: {
  operators: readonly SnapshotOperator[];
  groups: readonly SnapshotGroup[];
}) {
  const { t } = useTranslation(NS);
  const { t: tc } = useTranslation();
  const [params, setParams] = useSearchParams();
  // The inputs read local state: the router applies URL changes in a transition, and an input
  // bound to the URL alone would flick back (and lose keystrokes) until it lands.
  const [state, setState] = useState<TableState>(() => parseTableParams(params));
  const apply = (next: TableState) => {
    setState(next);
    setParams(toTableParams(next), { replace: true, preventScrollReset: true });
  };
  const update = (patch: Partial<TableState>) => apply({ ...state, ...patch });
  // Sorting and the time filter move on a slower clock than the counters, so rows do not jump.
  const now = useNow(5000);
  const ids = { name: useId(), group: useId(), min: useId() };

  const groupNames = useMemo(() => new Map(groups.map((g) => [g.id, g.name])), [groups]);
  const groupName = (id: number) => groupNames.get(id) ?? `#${id}`;
  const rows = sortOperators(
    filterOperators(operators, state, now),
    state.sort,
    state.dir,
    now,
    groupName,
  );

  const toggleState = (s: DisplayState) =>
    update({
      states: state.states.includes(s) ? state.states.filter((x) => x !== s) : [...state.states, s],
    });
  const sortBy = (key: SortKey) =>
    update({ sort: key, dir: state.sort === key && state.dir === 'asc' ? 'desc' : 'asc' });

  return (
    <section aria-labelledby="sup-table-h" className="sup-section">
      <h2 id="sup-table-h">{t('table.heading')}</h2>
      <form
        className="sup-filters"
        role="search"
        aria-label={t('filters.legend')}
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="sup-field">
          <label htmlFor={ids.name}>{t('filters.name')}</label>
          <input
            id={ids.name}
            type="search"
            value={state.name}
            placeholder={t('filters.namePlaceholder')}
            onChange={(e) => update({ name: e.target.value })}
            data-testid="filter-name"
          />
        </div>
        <fieldset className="sup-field sup-states">
          <legend>{t('filters.state')}</legend>
          {DISPLAY_STATE_ORDER.map((s) => (
            <label key={s} className="sup-check" data-state={s}>
              <input
                type="checkbox"
                checked={state.states.includes(s)}
                onChange={() => toggleState(s)}
                data-testid={`filter-state-${s}`}
              />
              {tc(`state.${s}`)}
            </label>
          ))}
        </fieldset>
        <div className="sup-field">
          <label htmlFor={ids.group}>{t('filters.group')}</label>
          <select
            id={ids.group}
            value={state.groupId ?? ''}
            onChange={(e) =>
              update({ groupId: e.target.value === '' ? null : Number(e.target.value) })
            }
            data-testid="filter-group"
          >
            <option value="">{t('filters.anyGroup')}</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </div>
        <div className="sup-field">
          <label htmlFor={ids.min}>{t('filters.minTime')}</label>
          <select
            id={ids.min}
            value={state.minMinutes}
            onChange={(e) => update({ minMinutes: Number(e.target.value) })}
            data-testid="filter-min"
          >
            {MIN_MINUTES_CHOICES.map((m) => (
              <option key={m} value={m}>
                {m === 0 ? t('filters.anyTime') : t('filters.moreThan', { minutes: m })}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="button" onClick={() => apply(DEFAULT_TABLE_STATE)}>
          {t('filters.reset')}
        </button>
      </form>

      {operators.length === 0 ? (
        <EmptyState title={t('table.noOperators')} />
      ) : (
        <div className="sup-table-wrap">
          <table className="sup-table" data-testid="operator-table">
            <caption className="visually-hidden">
              {t('table.caption', { shown: rows.length, total: operators.length })}
            </caption>
            <thead>
              <tr>
                {COLUMNS.map((c) => {
                  const active = state.sort === c.key;
                  return (
                    <th
                      key={c.key}
                      scope="col"
                      aria-sort={
                        active ? (state.dir === 'asc' ? 'ascending' : 'descending') : 'none'
                      }
                    >
                      <button
                        type="button"
                        className="sup-sort"
                        onClick={() => sortBy(c.key)}
                        data-testid={`sort-${c.key}`}
                      >
                        {t(c.label)}
                        <span aria-hidden="true" className="sup-sort-arrow">
                          {active ? (state.dir === 'asc' ? '▲' : '▼') : '↕'}
                        </span>
                      </button>
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {rows.map((op) => (
                <tr
                  key={op.id}
                  data-testid="operator-row"
                  data-operator-id={op.id}
                  data-state={op.state}
                >
                  <th scope="row">
                    <Link to={`/operators/${op.id}`}>{op.name}</Link>
                  </th>
                  <td>
                    <StateBadge state={displayState(op)} />
                    {op.breakName && <span className="sup-break"> {op.breakName}</span>}
                  </td>
                  <td
                    className="sup-num"
                    title={
                      op.stateSincePrecision === 'lower-bound'
                        ? t('table.lowerBound')
                        : op.stateSincePrecision === 'poll'
                          ? t('table.approx')
                          : undefined
                    }
                  >
                    <Duration
                      since={op.stateSince}
                      lowerBound={op.stateSincePrecision === 'lower-bound'}
                    />
                  </td>
                  <td>{op.groups.map(groupName).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length === 0 && <EmptyState title={t('table.empty')} />}
        </div>
      )}
    </section>
  );
}
