// Investments with amounts, currency, stake and date, largest first.
// params: min_amount=0
MATCH (a)-[r:INVESTED_IN]->(b:Organization)
WHERE coalesce(r.amount, 0) >= $min_amount
RETURN a.name AS investor, b.name AS investee, r.amount AS amount, r.currency AS currency,
       r.stake_pct AS stake_pct, r.date AS date, size(r.sources) AS sources
ORDER BY amount DESC, investor, investee
