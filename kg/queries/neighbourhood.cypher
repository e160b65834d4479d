// An entity's facts in both directions (pass --param name=NAME).
// params: name="Meta"
MATCH (e)-[r]->(other)
WHERE e.name = $name AND label(r) <> 'MENTIONS'
RETURN e.name AS entity, label(r) AS relation, 'out' AS direction, other.name AS other,
       size(r.sources) AS sources
UNION ALL
MATCH (other)-[r]->(e)
WHERE e.name = $name AND label(r) <> 'MENTIONS'
RETURN e.name AS entity, label(r) AS relation, 'in' AS direction, other.name AS other,
       size(r.sources) AS sources
