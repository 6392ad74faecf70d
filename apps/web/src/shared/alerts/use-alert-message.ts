// Binds the message builder to the current language and the names in the live snapshot.
import type { Alert } from '@vigie/contract';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n/i18n';
import { useSnapshot } from '../live/snapshot-query';
import { alertMessage, subjectName, type MessageContext } from './messages';

function useMessageContext(): MessageContext {
  const { i18n } = useTranslation();
  const lang = currentLanguage(i18n.resolvedLanguage);
  const snapshot = useSnapshot();
  const groups = snapshot?.groups;
  const operators = snapshot?.operators;
  return useMemo<MessageContext>(() => {
    const g = new Map((groups ?? []).map((x) => [String(x.id), x.name]));
    const o = new Map((operators ?? []).map((x) => [String(x.id), x.name]));
    return { lang, groupName: (id) => g.get(id), operatorName: (id) => o.get(id) };
  }, [lang, groups, operators]);
}

/** `(alert) => message` in the current language. */
export function useAlertMessage(): (alert: Alert) => string {
  const ctx = useMessageContext();
  return useCallback((alert: Alert) => alertMessage(alert, ctx), [ctx]);
}

/** `(alert) => the subject's name` (a group, an operator, an upstream source). */
export function useAlertSubject(): (alert: Alert) => string {
  const ctx = useMessageContext();
  return useCallback((alert: Alert) => subjectName(alert, ctx), [ctx]);
}
