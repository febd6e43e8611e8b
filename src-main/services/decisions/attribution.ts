/**
 * Where each enrollment came from: its source channel (its own, else the
 * client's) and campaign, carried along transfers. A child moved to another group
 * gets a new enrollment that holds the payments from then on (services/transfer.ts);
 * without walking back to the first enrollment of the chain, money a fair brought
 * in would stop counting for the fair the day the child changed groups.
 *
 * Written as a SQL common table expression so each report joins it instead of
 * keeping its own copy of the rule.
 */

/**
 * `origin(enrollment_id, channel, campaign_id, first_id)`: every live-or-deleted enrollment
 * with the channel and campaign it inherits, and the first enrollment of its transfer chain;
 * `confirmed_chain(first_id)`: the chains that were ever confirmed (or completed). Both are
 * materialized once per query, so joining them is a lookup, not a walk per row.
 */
export const originCte = `
  WITH RECURSIVE chain(id, next_id, channel, campaign_id, first_id) AS (
    SELECT e.id, e.transferred_to_id, e.source_channel, e.campaign_id, e.id
    FROM enrollments e
    WHERE NOT EXISTS (SELECT 1 FROM enrollments p WHERE p.transferred_to_id = e.id)
    UNION ALL
    SELECT e.id, e.transferred_to_id, coalesce(e.source_channel, chain.channel), coalesce(e.campaign_id, chain.campaign_id), chain.first_id
    FROM enrollments e JOIN chain ON e.id = chain.next_id
  ),
  origin(enrollment_id, channel, campaign_id, first_id) AS MATERIALIZED (
    SELECT chain.id, coalesce(chain.channel, c.source_channel), chain.campaign_id, chain.first_id
    FROM chain JOIN enrollments e ON e.id = chain.id JOIN clients c ON c.id = e.client_id
  ),
  confirmed_chain(first_id) AS MATERIALIZED (
    SELECT DISTINCT o.first_id FROM origin o JOIN enrollment_status_history h ON h.enrollment_id = o.enrollment_id
    WHERE h.deleted_at IS NULL AND h.to_status IN ('confirmed', 'completed')
  )`;

/** The key of "no value" in a grouped column (no channel, no reason, no program, nobody). */
export const noneKey = '__none';
