// The colours every chart of the interactive screens shares on the dark theme (AA on the panels).
export const CHART_AXIS = '#a7b3c2';
export const CHART_GRID = '#2c3745';
export const CHART_TOOLTIP_STYLE = {
  background: '#1e2733',
  border: '1px solid #2c3745',
  color: '#e8edf3',
} as const;
