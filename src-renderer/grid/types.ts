/**
 * The grid's public shapes: how a screen describes its columns (how to show,
 * edit, parse, filter a value) and where the rows come from. A screen never
 * touches the grid's internals; these types are the whole agreement.
 */
import type { ReactNode } from 'react';
import type { z } from 'zod';
import type { Page } from '../../src-shared/api/types';
import type { CellValue, GridQuery } from './model/query';

export interface GridOption {
  value: string;
  label: string;
}

export type GridEditor =
  | { kind: 'text' }
  | { kind: 'number' }
  /** Edited in major units ("12 000"), sent in minor units. */
  | { kind: 'money' }
  | { kind: 'date' }
  | { kind: 'select'; options: readonly GridOption[] };

export type GridFilter =
  | { kind: 'text' }
  | { kind: 'in'; options: readonly GridOption[] }
  | { kind: 'dateRange' }
  /** Entered in major units, compared in minor units when `money`. */
  | { kind: 'amountRange'; money?: boolean };

export interface GridColumn<Row> {
  id: string;
  header: string;
  /** Initial width in pixels. */
  width?: number;
  align?: 'left' | 'right' | 'center';
  /** The raw value: what sorting, filtering, editing and XLSX export read. */
  value: (row: Row) => CellValue;
  /** The value as text, for copy and CSV; defaults to the raw value as text. */
  text?: (row: Row) => string;
  /** How the cell looks; defaults to `text`. */
  render?: (row: Row) => ReactNode;
  /** Makes the cell editable in place. */
  editor?: GridEditor;
  /** The API input field behind this column (for errors at the cell and for paste); defaults to the id. */
  field?: string;
  /** Turns typed or pasted text into the field's API value; `undefined` leaves the field out. */
  parse?: (text: string) => unknown;
  sortable?: boolean;
  filter?: GridFilter;
  /** Hidden until someone shows it from the Columns menu. */
  hidden?: boolean;
  /** Read by the quick search of a grid over rows it holds. */
  searchable?: boolean;
}

export type GridSource<Row> =
  | { kind: 'rows'; rows: readonly Row[]; loading?: boolean }
  | {
      kind: 'loader';
      /** One page of rows for the query; `total` counts every row the query matches. */
      load: (query: GridQuery, offset: number, limit: number) => Promise<Page<Row>>;
      /** Tables whose change makes loaded pages stale. */
      tables: readonly string[];
    };

export interface GridPaste<Input> {
  /** The API schema of one record; every pasted row is checked with it before the preview. */
  schema: z.ZodType<Input>;
  /** Adds fixed fields to what the pasted cells gave. */
  build?: (values: Record<string, unknown>) => Record<string, unknown>;
  /** Saves all valid rows in one API call (one change, undone as one). */
  apply: (inputs: Input[]) => Promise<void>;
}

export interface GridViewConfig {
  query: GridQuery;
  order?: string[];
  hidden?: string[];
}

export interface BuiltInView {
  id: string;
  name: string;
  config: GridViewConfig;
}
