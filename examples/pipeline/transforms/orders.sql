-- Orders in euros, with the customer's country. A LEFT JOIN keeps orders of unknown
-- customers, so the final suite can catch them instead of the join hiding them.
SELECT
  o.order_id,
  o.customer_id,
  CAST(o.ordered_at AS DATE) AS order_date,
  o.ordered_at,
  o.status,
  o.currency,
  o.amount,
  round(o.amount * CASE o.currency WHEN 'EUR' THEN 1.0 WHEN 'GBP' THEN 1.17 WHEN 'USD' THEN 0.92 END, 2) AS amount_eur,
  o.items,
  c.country,
  c.email
FROM raw_orders AS o
LEFT JOIN customers AS c USING (customer_id)
