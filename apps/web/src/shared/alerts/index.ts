// Public entry of the alerts shared by the wall and the supervisor view: messages, order, icons.
import './i18n';

export { ALERTS_NS } from './i18n';
export { alertMessage, subjectName, type MessageContext } from './messages';
export {
  alertAgeSeconds,
  alertsOf,
  fitAlerts,
  severityBySubject,
  sortAlerts,
  subjectKey,
  worstSeverity,
  type AlertFit,
} from './order';
export { AlertIcon, SEVERITY_COLOUR } from './alert-icon';
export { useAlertMessage, useAlertSubject, useMessageContext } from './use-alert-message';
