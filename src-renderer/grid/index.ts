/**
 * The grid's public face. Screens import the component and its types from here;
 * the pure behaviour modules are exported for screens that map a grid query to
 * their API input.
 */
export { Grid, type GridProps } from './Grid';
export type { BuiltInView, GridColumn, GridEditor, GridFilter, GridOption, GridPaste, GridSource, GridViewConfig } from './types';
export { emptyQuery, isActiveFilter, type FilterValue, type GridQuery, type SortRule, type CellValue } from './model/query';
export { parseDateText, parseMoneyText, parseNumberText } from './model/values';
export { openGridWith } from './intent';
