// Public entry of the staffing need as the screens show it.
import './i18n';

export { STAFFING_NS } from './i18n';
export { staffingView } from './staffing';
