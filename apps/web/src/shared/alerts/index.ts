// Public entry of the alerts shared by the wall and the supervisor view: messages, order, icons.
import './i18n';

export { ALERTS_NS } from './i18n';
export { alertsOf, sortAlerts } from './order';
export { AlertIcon } from './alert-icon';
export { useAlertMessage, useAlertSubject } from './use-alert-message';
export { useAcks } from './acks';
