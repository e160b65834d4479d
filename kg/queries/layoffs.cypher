// Layoffs: who cut staff, in which unit, how many and when.
// params:
MATCH (a:Organization)-[r:LAID_OFF]->(b:Organization)
RETURN a.name AS organization, b.name AS unit, r.count AS count, r.pct AS pct, r.date AS date,
       size(r.sources) AS sources
ORDER BY organization, date
