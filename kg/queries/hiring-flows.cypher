// Who hired from whom: talent moving between organizations.
// params:
MATCH (a:Organization)-[r:HIRED_FROM]->(b:Organization)
RETURN a.name AS hiring, b.name AS hired_from, r.count AS count, r.date AS date,
       size(r.sources) AS sources
ORDER BY hiring, hired_from
