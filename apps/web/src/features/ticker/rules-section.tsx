// The alert rules edited as JSON (issue 13 §5): checked by the BFF with the rules file's own
// validator; a refusal names the field (`rules[1].limit`), shown beside the editor.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api';
import { useFormat } from '../../shared/i18n';
import { ErrorState, Skeleton } from '../../shared/ui';
import { useResetRules, useRules, useSaveRules } from './api/rules';
import { NS } from './i18n';

export function RulesSection() {
  const { t } = useTranslation(NS);
  const rules = useRules();
  return (
    <section className="tk-section" aria-labelledby="tk-rules-h" data-testid="rules-section">
      <h2 id="tk-rules-h">{t('rules.heading')}</h2>
      <p className="tk-intro">{t('rules.intro')}</p>
      {rules.isPending ? (
        <Skeleton lines={4} label={t('rules.heading')} />
      ) : rules.isError ? (
        rules.error instanceof ApiError && rules.error.status === 403 ? (
          <p>{t('rules.supervisorsOnly')}</p>
        ) : (
          <ErrorState
            error={rules.error}
            title={t('rules.heading')}
            message={rules.error.message}
            onRetry={() => void rules.refetch()}
          />
        )
      ) : (
        // Re-mounted on each new version: the editor starts from what is in force.
        <RulesEditor key={`${rules.data.source}:${rules.data.version ?? 0}`} reply={rules.data} />
      )}
    </section>
  );
}

function RulesEditor({ reply }: { reply: NonNullable<ReturnType<typeof useRules>['data']> }) {
  const { t } = useTranslation(NS);
  const fmt = useFormat();
  const save = useSaveRules();
  const reset = useResetRules();
  const [text, setText] = useState(() => JSON.stringify(reply.rules, null, 2));
  const [local, setLocal] = useState<string | null>(null);
  const onSave = () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      setLocal(t('rules.badJson', { message: (err as Error).message }));
      return;
    }
    if (!Array.isArray(parsed)) {
      setLocal(t('rules.notList'));
      return;
    }
    setLocal(null);
    save.mutate({ version: reply.version, rules: parsed });
  };
  const err = save.error instanceof ApiError ? save.error : null;
  return (
    <div className="tk-rules">
      <p data-testid="rules-source" data-source={reply.source}>
        {reply.source === 'ui'
          ? t('rules.source_ui', {
              by: reply.updatedBy,
              at: reply.updatedAt ? fmt.dateTime(new Date(reply.updatedAt)) : '',
              version: reply.version,
            })
          : t('rules.source_file')}
      </p>
      <label className="tk-field">
        <span>{t('rules.label')}</span>
        <textarea
          className="tk-rules-json"
          data-testid="rules-json"
          spellCheck={false}
          rows={16}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={local !== null || err !== null}
          aria-describedby="tk-rules-error"
        />
      </label>
      <div id="tk-rules-error" aria-live="polite">
        {local && (
          <p className="tk-error" role="alert">
            {local}
          </p>
        )}
        {save.error && (
          <p className="tk-error" role="alert" data-testid="rules-error" data-field={err?.field}>
            {err?.status === 409 ? (
              t('conflict')
            ) : (
              <>
                {err?.field && <strong>{t('rules.fieldError', { field: err.field })}: </strong>}
                {save.error.message}
              </>
            )}
          </p>
        )}
        {save.isSuccess && (
          <p className="tk-ok" role="status">
            {t('rules.saved')}
          </p>
        )}
      </div>
      <div className="tk-actions">
        <button type="button" onClick={onSave} disabled={save.isPending} data-testid="rules-save">
          {save.isPending ? t('rules.saving') : t('rules.save')}
        </button>
        {reply.source === 'ui' && reply.version !== null && (
          <button
            type="button"
            onClick={() => reset.mutate(reply.version!)}
            disabled={reset.isPending}
          >
            {t('rules.reset')}
          </button>
        )}
      </div>
    </div>
  );
}
