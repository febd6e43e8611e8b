/**
 * Prepared statements kept per connection, for the reads a screen repeats on
 * every keystroke or click (the client list, a client's page, a roster).
 * Preparing a statement costs about as much as running a small one, and the
 * list's page of 50 runs a dozen: preparing them once per connection keeps that
 * cost out of every call. Entries belong to their connection (a WeakMap), so a
 * closed or replaced database takes its statements with it.
 *
 * Drizzle queries get the same treatment through `preparedQuery`: built once per
 * connection with placeholders for what changes from call to call.
 *
 * Only fixed SQL text belongs here: ids travel as one JSON parameter
 * (`json_each(?)`), never as one placeholder per id, or every page size would be
 * a new statement. A statement's pluck/raw mode is part of its key, so two
 * callers of the same text cannot change the shape of each other's rows.
 */
import type Database from 'better-sqlite3';
import type { Sqlite } from './connection';

type Statement = Database.Statement<unknown[]>;
type Shape = 'rows' | 'pluck';

/** Per connection, one map per shape keyed by the text itself: no key is built per call (the funnel asks once per row written). */
const byConnection = new WeakMap<Sqlite, Record<Shape, Map<string, Statement>>>();

/** The prepared statement for `text` on this connection, prepared on first use. */
export function cachedStatement(sqlite: Sqlite, text: string, shape: Shape = 'rows'): Statement {
  let shapes = byConnection.get(sqlite);
  if (!shapes) {
    shapes = { rows: new Map(), pluck: new Map() };
    byConnection.set(sqlite, shapes);
  }
  const statements = shapes[shape];
  let statement = statements.get(text);
  if (!statement) {
    statement = sqlite.prepare<unknown[]>(text);
    if (shape === 'pluck') statement.pluck();
    statements.set(text, statement);
  }
  return statement;
}

const queriesByConnection = new WeakMap<object, Map<string, unknown>>();

/**
 * The drizzle query named `name` on this connection (`orm`), built by `prepare` on
 * first use. A name stands for one query shape: two shapes never share a name.
 */
export function preparedQuery<Query>(orm: object, name: string, prepare: () => Query): Query {
  let queries = queriesByConnection.get(orm);
  if (!queries) {
    queries = new Map();
    queriesByConnection.set(orm, queries);
  }
  let query = queries.get(name) as Query | undefined;
  if (query === undefined) {
    query = prepare();
    queries.set(name, query);
  }
  return query;
}
