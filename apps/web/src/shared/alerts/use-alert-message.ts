// Binds the message builder to the current language and the names in the live snapshot.
import type { Alert } from '@vigie/contract';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n/i18n';
import { useSnapshot } from '../live/snapshot-query';
import { alertMessage, type MessageContext } from './messages';

export function useAlertMessage(): (alert: Alert) => string {
  const { i18n } = useTranslation();
  const lang = currentLanguage(i18n.resolvedLanguage);
  const snapshot = useSnapshot();
  const groups = snapshot?.groups;
  const operators = snapshot?.operators;
  const ctx = useMemo<MessageContext>(() => {
    const g = new Map((groups ?? []).map((x) => [String(x.id), x.name]));
    const o = new Map((operators ?? []).map((x) => [String(x.id), x.name]));
    return { lang, groupName: (id) => g.get(id), operatorName: (id) => o.get(id) };
  }, [lang, groups, operators]);
  return useCallback((alert: Alert) => alertMessage(alert, ctx), [ctx]);
}
